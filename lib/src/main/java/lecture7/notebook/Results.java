package lecture7.notebook;

import lecture7.vae.LatentReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A notebook's key numbers, machine-readable: {@code build/results/<notebook>.json}, so that tests and the site
 * can check the claims a notebook makes against the numbers it computed. For the Part 3 notebooks the shape is
 * <pre>
 *   {"notebook": "04-mmd-vae", "mode": "full", "models": [ {"name": …, "objective": "vae", "seed": 2, …}, … ]}
 * </pre>
 * with one object per trained model ({@link #model}); every model carries at least {@link #REQUIRED} (05 adds
 * {@code tc}, {@code dim_kl}, {@code mig}; 04 adds {@code mmd2}, {@code mmd_p_value}). {@code mode} is "fast"
 * when the notebook ran with {@code KIT_FAST=1} (CI subsets), so a reader never mistakes those numbers for the
 * full run's. Non-finite numbers are written as {@code null} (JSON has no NaN).
 *
 * <p>Where: {@code KIT_RESULTS} if set ({@code environment/kit} sets it to {@code <repo>/build/results}), else
 * {@code build/results} under the nearest folder, walking up from the working directory, that holds both a
 * {@code pom.xml} and a {@code notebooks/} folder (the repository root, whether the notebook runs in
 * {@code notebooks/} or a test in {@code lib/}); else {@code build/results} in the working directory.
 *
 * <p>The JSON is written by hand (a few lines, {@link #json(Object)}) rather than with a JSON library: the kit
 * has none on its classpath and needs only objects, arrays, strings, numbers and booleans.
 */
public final class Results {
    /** The objectives of Part 3, as the JSON names them. */
    public static final Set<String> OBJECTIVES = Set.of("vae", "beta_vae", "annealed_beta", "capacity", "beta_tcvae", "mmd_vae");
    /** Keys every model object has. */
    public static final List<String> REQUIRED = List.of("name", "objective", "seed", "latent_dim", "decoder", "mi", "kl",
            "reconstruction", "active_units", "mi_at_ceiling");

    private final String notebook;
    private final Map<String, Object> top = new LinkedHashMap<>();
    private final List<Map<String, Object>> models = new ArrayList<>();

    /** Results of {@code notebook} (its file name without {@code .ipynb}, e.g. "04-mmd-vae"). */
    public Results(String notebook) {
        if (notebook == null || !notebook.matches("[A-Za-z0-9._-]+"))
            throw new IllegalArgumentException("notebook name must be a plain file name such as \"04-mmd-vae\", got " + notebook);
        this.notebook = notebook;
        top.put("notebook", notebook);
        top.put("mode", Kit.fast() ? "fast" : "full");
    }

    /** A top-level entry beside "models" (e.g. the MI ceiling ln N); returns this. */
    public Results put(String key, Object value) {
        if (key == null || key.equals("models")) throw new IllegalArgumentException("key must be a name other than \"models\", got " + key);
        top.put(key, value);
        return this;
    }

    /**
     * One trained model's entry with the required keys filled from its {@link LatentReport}: {@code mi}
     * (full-data I(x; z), nats), {@code mi_ceiling}, {@code mi_at_ceiling}, {@code kl} (closed-form average KL),
     * {@code reconstruction} (−E_q[ln p(x|z)]), {@code neg_elbo}, {@code active_units}. Add more with
     * {@link Model#put}. Nats per image throughout.
     *
     * @param objective one of {@link #OBJECTIVES}
     * @param decoder   e.g. "bernoulli", "gaussian", "autoregressive"
     */
    public Model model(String name, String objective, long seed, int latentDim, String decoder, LatentReport report) {
        Model m = model(name, objective, seed, latentDim, decoder);
        m.put("mi", report.parts().mutualInformation())
                .put("mi_ceiling", report.parts().miCeiling())
                .put("mi_at_ceiling", report.parts().miAtCeiling())
                .put("kl", report.parts().analyticKl())
                .put("reconstruction", report.reconstruction())
                .put("neg_elbo", report.negElbo())
                .put("active_units", report.activeUnits());
        return m;
    }

    /** A model entry with only name, objective, seed, latent_dim and decoder; fill the rest with {@link Model#put}. */
    public Model model(String name, String objective, long seed, int latentDim, String decoder) {
        if (!OBJECTIVES.contains(objective))
            throw new IllegalArgumentException("objective \"" + objective + "\" is not one of " + new java.util.TreeSet<>(OBJECTIVES));
        if (latentDim < 1) throw new IllegalArgumentException("latent_dim must be ≥ 1, got " + latentDim);
        Model m = new Model(new LinkedHashMap<>());
        m.put("name", name).put("objective", objective).put("seed", seed).put("latent_dim", latentDim).put("decoder", decoder);
        models.add(m.fields);
        return m;
    }

    /** One model's object; keys keep the order they were put in. */
    public record Model(Map<String, Object> fields) {
        /** Sets {@code key} (snake_case) to a string, number, boolean, array, list or map; returns this. */
        public Model put(String key, Object value) {
            if (key == null || !key.matches("[a-z0-9_]+")) throw new IllegalArgumentException("keys are snake_case names, got " + key);
            fields.put(key, value);
            return this;
        }
    }

    /** The JSON text: top-level entries, then "models". Every model must have all {@link #REQUIRED} keys. */
    public String toJson() {
        for (Map<String, Object> m : models)
            for (String k : REQUIRED)
                if (!m.containsKey(k)) throw new IllegalStateException("model " + m.get("name") + " has no \"" + k + "\"");
        Map<String, Object> all = new LinkedHashMap<>(top);
        all.put("models", models);
        return json(all) + "\n";
    }

    /** Writes {@code <dir()>/<notebook>.json} and returns its path. */
    public Path write() {
        return write(dir());
    }

    /** Writes {@code <dir>/<notebook>.json} and returns its path. */
    public Path write(Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(notebook + ".json");
            Files.writeString(file, toJson(), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the results of " + notebook + " to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The results folder (see the class comment). */
    public static Path dir() {
        String env = System.getenv("KIT_RESULTS");
        if (env != null && !env.isBlank()) return Path.of(env).toAbsolutePath();
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent())
            if (Files.exists(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("notebooks"))) return p.resolve("build").resolve("results");
        return here.resolve("build").resolve("results");
    }

    /** JSON text of a string, number, boolean, null, map (string keys), list, or double/int/long array. */
    static String json(Object v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v, "");
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v, String indent) {
        if (v == null) sb.append("null");
        else if (v instanceof String s) string(sb, s);
        else if (v instanceof Boolean b) sb.append(b);
        else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            // JSON has no NaN or infinity; Double.toString is the shortest text that reads back to the same double
            sb.append(Double.isFinite(d) ? Double.toString(d) : "null");
        } else if (v instanceof Number n) sb.append(n.longValue());
        else if (v instanceof double[] a) {
            List<Object> l = new ArrayList<>();
            for (double d : a) l.add(d);
            write(sb, l, indent);
        } else if (v instanceof double[][] a) {
            List<Object> l = new ArrayList<>();
            for (double[] row : a) {
                List<Object> r = new ArrayList<>();
                for (double d : row) r.add(d);
                l.add(r);
            }
            write(sb, l, indent);
        } else if (v instanceof int[] a) {
            List<Object> l = new ArrayList<>();
            for (int i : a) l.add(i);
            write(sb, l, indent);
        } else if (v instanceof long[] a) {
            List<Object> l = new ArrayList<>();
            for (long i : a) l.add(i);
            write(sb, l, indent);
        } else if (v instanceof Model m) write(sb, m.fields(), indent);
        else if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                sb.append("{}");
                return;
            }
            String in = indent + "  ";
            sb.append("{");
            boolean first = true;
            for (var e : m.entrySet()) {
                sb.append(first ? "\n" : ",\n").append(in);
                first = false;
                string(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                write(sb, e.getValue(), in);
            }
            sb.append("\n").append(indent).append("}");
        } else if (v instanceof List<?> l) {
            boolean flat = l.stream().noneMatch(x -> x instanceof Map || x instanceof List || x instanceof Model);
            if (flat) {
                sb.append("[");
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) sb.append(", ");
                    write(sb, l.get(i), indent);
                }
                sb.append("]");
            } else {
                String in = indent + "  ";
                sb.append("[");
                for (int i = 0; i < l.size(); i++) {
                    sb.append(i == 0 ? "\n" : ",\n").append(in);
                    write(sb, l.get(i), in);
                }
                sb.append(l.isEmpty() ? "]" : "\n" + indent + "]");
            }
        } else throw new IllegalArgumentException("cannot write a " + v.getClass().getSimpleName() + " as JSON: use a string, number, boolean, array, list or map");
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    else sb.append(c);   // UTF-8 file: λ, β, ≥ stay readable
                }
            }
        }
        sb.append('"');
    }
}
