package lecture7.notebook;

import lecture7.vae.AnnealedBetaVae;
import lecture7.vae.CapacityObjective;
import lecture7.vae.CheckpointException;
import lecture7.vae.LatentTracker;
import lecture7.vae.Objective;
import lecture7.vae.TrainConfig;
import lecture7.vae.Trainer;
import lecture7.vae.Vae;
import lecture7.vae.VaeConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Models a notebook trains, kept as checkpoints ({@link Vae#save}) under {@code build/models/<notebook>/} so that
 * a second run loads them instead of training again. {@code environment/kit run} trains notebook 05's models this
 * way before it executes the notebook (the many seeds of Part 3 take longer than a notebook should); a notebook
 * that finds no checkpoint trains the model itself — the same code path — and says which happened.
 *
 * <p>A checkpoint is used only for exactly the run that made it: its file name carries a SHA-256 of the run's
 * key — the objective with all its settings, the VAE configuration, the training configuration and the training
 * images' pixels — so that changing any of them trains anew. Beside each checkpoint, {@code .key} holds the key
 * and the training time, and {@code .tsv} the {@link LatentTracker} records when the run was tracked.
 */
public final class ModelCache {
    private final Path dir;

    /** The cache of {@code notebook} (e.g. "05-disentanglement") in {@code KIT_MODELS} or {@code build/models}. */
    public static ModelCache of(String notebook) {
        if (notebook == null || !notebook.matches("[A-Za-z0-9._-]+"))
            throw new IllegalArgumentException("notebook name must be a plain file name such as \"05-disentanglement\", got " + notebook);
        String env = System.getenv("KIT_MODELS");
        Path root = env != null && !env.isBlank() ? Path.of(env).toAbsolutePath() : Results.dir().getParent().resolve("models");
        return new ModelCache(root.resolve(notebook));
    }

    /** A cache in {@code dir} (created when the first model is saved). */
    public ModelCache(Path dir) {
        if (dir == null) throw new IllegalArgumentException("cache folder is null");
        this.dir = dir.toAbsolutePath();
    }

    /** The folder of the checkpoints. */
    public Path dir() {
        return dir;
    }

    /** What to record while training (see {@link LatentTracker}). */
    public record Tracking(INDArray x, int[][] factors, long every) {}

    /**
     * A trained model.
     *
     * @param vae             the network
     * @param loaded          true when it came from a checkpoint, false when it was trained now
     * @param trainingSeconds wall time of the training (when loaded: of the run that made the checkpoint)
     * @param records         the tracker's records, empty when the run was not tracked
     * @param file            the checkpoint
     */
    public record Run(Vae vae, boolean loaded, double trainingSeconds, List<LatentTracker.Record> records, Path file) {
        /** "loaded from …" or "trained in … s, saved to …", for the notebook. */
        public String how() {
            return loaded ? String.format(Locale.ROOT, "loaded from %s (trained earlier in %.0f s)", file.getFileName(), trainingSeconds)
                    : String.format(Locale.ROOT, "trained in %.0f s, saved to %s", trainingSeconds, file.getFileName());
        }
    }

    /**
     * One line for the seeds of one model, e.g. "VAE, seeds 1–5: loaded from build/models/05-disentanglement
     * (trained earlier in 45–50 s each)", or "… trained now in 44–52 s each, saved there", or both counts when mixed.
     */
    public String summary(String name, List<Run> runs) {
        if (runs.isEmpty()) throw new IllegalArgumentException("no runs of " + name);
        return describe(name + ", " + (runs.size() == 1 ? "seed 1" : "seeds 1–" + runs.size()), runs);
    }

    /** One line for several models, e.g. "β sweep, 10 models: loaded from build/models/05-disentanglement (…)". */
    public String summaryOfModels(String name, List<Run> runs) {
        if (runs.isEmpty()) throw new IllegalArgumentException("no runs of " + name);
        return describe(name + ", " + runs.size() + (runs.size() == 1 ? " model" : " models"), runs);
    }

    private String describe(String head, List<Run> runs) {
        List<Run> loaded = runs.stream().filter(Run::loaded).toList(), trained = runs.stream().filter(r -> !r.loaded()).toList();
        StringBuilder sb = new StringBuilder(head + ": ");
        if (!loaded.isEmpty())
            sb.append(loaded.size() == runs.size() ? "loaded" : loaded.size() + " loaded").append(" from ").append(dir)
                    .append(" (trained earlier in ").append(range(loaded)).append(")");
        if (!trained.isEmpty())
            sb.append(loaded.isEmpty() ? "" : "; ").append(trained.size() == runs.size() ? "trained now" : trained.size() + " trained now")
                    .append(" in ").append(range(trained)).append(", saved to ").append(dir);
        return sb.toString();
    }

    private static String range(List<Run> runs) {
        double lo = runs.stream().mapToDouble(Run::trainingSeconds).min().orElse(0), hi = runs.stream().mapToDouble(Run::trainingSeconds).max().orElse(0);
        return Math.round(lo) == Math.round(hi) ? String.format(Locale.ROOT, "%.0f s%s", lo, runs.size() > 1 ? " each" : "")
                : String.format(Locale.ROOT, "%.0f–%.0f s each", lo, hi);
    }

    /**
     * The VAE of {@code config} trained with a fresh objective from {@code objective} on the rows of {@code x}
     * (float32): loaded when this exact run is cached, else trained (with a progress bar labelled {@code label})
     * and saved. With {@code tracking}, a {@link LatentTracker} records the run, and its records are cached too.
     */
    public Run fit(String label, VaeConfig config, Supplier<Objective> objective, TrainConfig train, INDArray x, Tracking tracking) {
        Objective probe = objective.get();
        String key = key(probe, config, train, x, tracking);
        Path file = dir.resolve(slug(label) + "-" + sha256(key).substring(0, 12) + ".vae");
        Path keyFile = sibling(file, ".key"), recordsFile = sibling(file, ".tsv");
        if (Files.exists(file) && Files.exists(keyFile) && (tracking == null || Files.exists(recordsFile))) {
            try {
                List<String> meta = Files.readAllLines(keyFile, StandardCharsets.UTF_8);
                if (meta.size() >= 2 && meta.get(0).equals(key)) {
                    Vae vae = Vae.load(file);
                    List<LatentTracker.Record> rec = tracking == null ? List.of() : readRecords(recordsFile);
                    return new Run(vae, true, Double.parseDouble(meta.get(1).replace("seconds ", "")), rec, file);
                }
            } catch (IOException | CheckpointException | NumberFormatException e) {
                System.out.println(label + ": cached model unreadable (" + e.getMessage() + "), training again");
            }
        }
        Vae vae = new Vae(config);
        Trainer trainer = new Trainer(vae, probe, train).listener(Progress.bar(label));
        LatentTracker tracker = null;
        if (tracking != null) {
            tracker = new LatentTracker(vae, probe, tracking.x(), tracking.factors(), tracking.every());
            trainer.listener(tracker);
        }
        long t0 = System.nanoTime();
        var history = trainer.fit(x);
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<LatentTracker.Record> rec = tracker == null ? List.of() : tracker.records();
        if (history.stopped()) {
            // a diverged run keeps its last good weights but is not cached: the next run tries again
            System.out.println(label + ": " + history.stopReason());
            return new Run(vae, false, seconds, rec, file);
        }
        vae.save(file);
        try {
            if (tracking != null) Files.writeString(recordsFile, recordsText(rec), StandardCharsets.UTF_8);
            Files.writeString(keyFile, key + "\nseconds " + String.format(Locale.ROOT, "%.1f", seconds) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + keyFile + ": " + e.getMessage(), e);
        }
        return new Run(vae, false, seconds, rec, file);
    }

    /** Everything that determines the trained weights, as one line of text. */
    static String key(Objective o, VaeConfig config, TrainConfig train, INDArray x, Tracking tracking) {
        if (x.dataType() != DataType.FLOAT) throw new IllegalArgumentException("training images must be FLOAT, got " + x.dataType());
        float[] px = x.dup('c').data().asFloat();
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(px.length * 4);
        bytes.asFloatBuffer().put(px);
        String data = "data " + x.rows() + "×" + x.columns() + " sha256 " + sha256(bytes.array()).substring(0, 16);
        String track = tracking == null ? "untracked" : "tracked every " + tracking.every() + " steps on " + tracking.x().rows()
                + " images, I(z_j; v_k) under the sampled posterior";
        return String.join(" | ", describe(o), config.toString(), train.toString(), data, track,
                "gradient " + lecture7.vae.Trainer.GRADIENT);
    }

    /** The objective with every setting that changes training (its record text, or its schedule). */
    static String describe(Objective o) {
        if (o instanceof AnnealedBetaVae a) return "AnnealedBetaVae[" + a.schedule() + "]";
        if (o instanceof CapacityObjective c) return "CapacityObjective[γ=" + c.gamma() + ", " + c.capacity() + "]";
        if (o instanceof Record) return o.toString();
        throw new IllegalArgumentException("cannot cache a model trained with " + o.getClass().getSimpleName()
                + ": its settings are unknown to the cache key");
    }

    /** The records as tab-separated text: step, schedule, the M per-latent KLs, then the K·M MIs (row by row). */
    static String recordsText(List<LatentTracker.Record> records) {
        StringBuilder sb = new StringBuilder();
        for (LatentTracker.Record r : records) {
            sb.append(r.step()).append('\t').append(r.schedule()).append('\t').append(r.perDimKl().length).append('\t')
                    .append(r.factorMi() == null ? 0 : r.factorMi().length);
            for (double v : r.perDimKl()) sb.append('\t').append(v);
            if (r.factorMi() != null) for (double[] row : r.factorMi()) for (double v : row) sb.append('\t').append(v);
            sb.append('\n');
        }
        return sb.toString();
    }

    static List<LatentTracker.Record> readRecords(Path file) throws IOException {
        List<LatentTracker.Record> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            String[] f = line.split("\t");
            int m = Integer.parseInt(f[2]), k = Integer.parseInt(f[3]), at = 4;
            if (f.length != 4 + m + k * m) throw new IOException(file + ": a line has " + f.length + " fields, expected " + (4 + m + k * m));
            double[] kl = new double[m];
            for (int j = 0; j < m; j++) kl[j] = Double.parseDouble(f[at++]);
            double[][] mi = k == 0 ? null : new double[k][m];
            for (int i = 0; i < k; i++) for (int j = 0; j < m; j++) mi[i][j] = Double.parseDouble(f[at++]);
            out.add(new LatentTracker.Record(Long.parseLong(f[0]), kl, mi, Double.parseDouble(f[1])));
        }
        return out;
    }

    private static Path sibling(Path file, String ext) {
        String name = file.getFileName().toString();
        return file.resolveSibling(name.substring(0, name.length() - 4) + ext);
    }

    static String slug(String label) {
        String s = java.text.Normalizer.normalize(label, java.text.Normalizer.Form.NFKD)
                .replace("β", "beta").replace("γ", "gamma").replace("α", "alpha").replaceAll("[^A-Za-z0-9]+", "-");
        s = s.replaceAll("^-+|-+$", "").toLowerCase(Locale.ROOT);
        return s.isEmpty() ? "model" : s;
    }

    static String sha256(String s) {
        return sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "ModelCache[" + dir + "]";
    }
}
