package lecture7.notebook;

import lecture7.data.SpriteSet;
import lecture7.data.Sprites;
import lecture7.infotheory.MinibatchEstimator;
import lecture7.vae.AnnealedBetaVae;
import lecture7.vae.BetaTcVae;
import lecture7.vae.BetaVae;
import lecture7.vae.CapacityObjective;
import lecture7.vae.Likelihood;
import lecture7.vae.Objective;
import lecture7.vae.Schedule;
import lecture7.vae.TrainConfig;
import lecture7.vae.VaeConfig;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The runs of notebook 05 in one place, so that the notebook and {@code environment/kit run} (which trains them
 * once, {@link #main}) train exactly the same models and the {@link ModelCache} finds them: the sprite grid, the
 * objectives with the papers' names for their weights, the seeds, the network and the training settings.
 *
 * <p>Full mode: 32×32 squares, 6 scales, 16 posX × 8 posY levels over the central half and quarter of
 * dSprites' position range ({@link Sprites#asymmetric}: x and y differ, so the two position latents are not an
 * interchangeable, rotated pair; and a square travels about twice its width, so one latent can code each
 * position); MLP 1024 → 256 → 2·10 and back, Bernoulli pixels, Adam 1e-3, batch 256 (β-TCVAE's minibatch estimate
 * of q(z) needs large batches). Fast mode (CI): a 3 × 8 × 4 grid, few steps, two seeds.
 *
 * @param fast the CI subset
 */
public record DisentanglementStudy(boolean fast) {
    /** The study of the current mode ({@link Kit#fast()}). */
    public static DisentanglementStudy current() {
        return new DisentanglementStudy(Kit.fast());
    }

    /**
     * One objective: a display name, its id in {@code build/results/05-disentanglement.json}, and a factory of
     * fresh objectives (schedules keep per-run state).
     */
    public record Spec(String name, String objective, Supplier<Objective> make) {}

    /** The sprite grid. */
    public Sprites grid() {
        return fast ? Sprites.asymmetric(32, 3, 8, 4, 0.5, 0.25) : Sprites.asymmetric(32, 6, 16, 8, 0.5, 0.25);
    }

    /** Latent dimensions M. */
    public int latentDim() {
        return 10;
    }

    /** Seeds of every objective but β-TCVAE: 1 … seeds(). */
    public int seeds() {
        return fast ? 2 : 5;
    }

    /** Seeds of {@code spec}: the same for every objective, so that medians and ranges compare like with like. */
    public int seeds(Spec spec) {
        return seeds();
    }

    /** The training set: every grid image, {@link #repeats()} times (one epoch = that many passes). */
    public SpriteSet training(Sprites grid) {
        long[] idx = new long[Math.toIntExact(grid.count() * repeats())];
        for (int i = 0; i < idx.length; i++) idx[i] = i % grid.count();
        return grid.render(idx);
    }

    /** Passes over the grid per epoch. */
    public int repeats() {
        return fast ? 4 : 16;
    }

    /** Epochs per run. */
    public int epochs() {
        return fast ? 6 : 96;
    }

    /** Batch size (β-TCVAE's minibatch-weighted sampling needs large batches). */
    public int batch() {
        return fast ? 64 : 256;
    }

    /** Optimiser steps of one run. */
    public long steps(Sprites grid) {
        long n = grid.count() * repeats();
        return epochs() * ((n + batch() - 1) / batch());
    }

    /** The network of seed {@code seed}: D → 256 → 2M, M → 256 → D, Bernoulli pixels, float32. */
    public VaeConfig config(Sprites grid, long seed) {
        return new VaeConfig(grid.dim(), 256, latentDim(), Likelihood.BERNOULLI, DataType.FLOAT, seed);
    }

    /** Adam 1e-3, {@link #epochs()} epochs of {@link #batch()}. */
    public TrainConfig train(long seed) {
        return new TrainConfig(epochs(), batch(), 1e-3, seed);
    }

    /** β of the β-VAE (Higgins et al. 2017). */
    public static final double BETA_VAE = 8;
    /** β(t) of the annealed β-VAE: from this down to {@link #ANNEAL_TO} over the first ⅔ of training. */
    public static final double ANNEAL_FROM = 40, ANNEAL_TO = 4;
    /** γ of the capacity objective (Burgess et al. 2018 use 1000). */
    public static final double CAPACITY_GAMMA = 1000;
    /**
     * C_max of the capacity objective, nats: Burgess et al. raise C until the reconstructions are good; here about the
     * plain VAE's KL (the notebook prints both), above the data's entropy H(x).
     */
    public static final double CAPACITY_MAX = 10;
    /** β-TCVAE (Chen et al. 2018): α (index-code MI), β (TC), γ (dimension-wise KL). */
    public static final double TC_ALPHA = 1, TC_BETA = 6, TC_GAMMA = 1;
    /** The β values of the β sweep (β = 1 is the plain VAE). */
    public static final double[] SWEEP = {1, 2, 4, 8, 16};

    /** Seeds of each β of the sweep. */
    public int sweepSeeds() {
        return fast ? 1 : 2;
    }

    /** The five objectives; schedules ramp over the first ⅔ of {@link #steps}. */
    public List<Spec> objectives(Sprites grid) {
        long n = grid.count() * repeats(), ramp = Math.max(1, steps(grid) * 2 / 3);
        return List.of(
                new Spec("VAE", "vae", BetaVae::plain),
                new Spec("β-VAE β=" + fmt(BETA_VAE), "beta_vae", () -> new BetaVae(BETA_VAE)),
                new Spec("annealed β " + fmt(ANNEAL_FROM) + "→" + fmt(ANNEAL_TO), "annealed_beta",
                        () -> new AnnealedBetaVae(new Schedule(ANNEAL_FROM, ANNEAL_TO, ramp))),
                new Spec("capacity γ=" + fmt(CAPACITY_GAMMA) + " C→" + fmt(CAPACITY_MAX), "capacity",
                        () -> new CapacityObjective(CAPACITY_GAMMA, new Schedule(0, CAPACITY_MAX, ramp))),
                new Spec("β-TCVAE β=" + fmt(TC_BETA), "beta_tcvae",
                        () -> new BetaTcVae(TC_ALPHA, TC_BETA, TC_GAMMA, n, MinibatchEstimator.WEIGHTED)));
    }

    /** The β-VAEs of the sweep, β = 1 (the plain VAE) first. */
    public List<Spec> sweep() {
        List<Spec> s = new ArrayList<>();
        for (double b : SWEEP)
            s.add(b == 1 ? new Spec("VAE", "vae", BetaVae::plain) : new Spec("β-VAE β=" + fmt(b), "beta_vae", () -> new BetaVae(b)));
        return s;
    }

    /** The settings as the notebook prints them. */
    public String describe(Sprites grid) {
        return String.format(Locale.ROOT, """
                        network: %d → 256 → 2·%d, %d → 256 → %d, Bernoulli pixels; Adam 1e-3, batch %d, %d epochs of %d images = %d steps; seeds 1–%d
                          VAE            β = 1
                          β-VAE          β = %s (Higgins et al. 2017)
                          annealed β     β(t) from %s down to %s over the first ⅔ of training, then %s
                          capacity       γ = %s, C(t) from 0 up to C_max = %s nats over the first ⅔ (Burgess et al. 2018)
                          β-TCVAE        α = %s, β = %s, γ = %s, minibatch-weighted sampling (Chen et al. 2018)""",
                grid.dim(), latentDim(), latentDim(), grid.dim(), batch(), epochs(), grid.count() * repeats(), steps(grid), seeds(),
                fmt(BETA_VAE), fmt(ANNEAL_FROM), fmt(ANNEAL_TO), fmt(ANNEAL_TO), fmt(CAPACITY_GAMMA), fmt(CAPACITY_MAX),
                fmt(TC_ALPHA), fmt(TC_BETA), fmt(TC_GAMMA));
    }

    /** Records of the tracked runs (annealed β and capacity, seed 1): every this many steps. */
    public long trackEvery() {
        return fast ? 8 : 150;
    }

    /** Whether a run is tracked (the annealing story): annealed β and capacity at seed 1. */
    public static boolean tracked(Spec spec, long seed) {
        return seed == 1 && (spec.objective().equals("annealed_beta") || spec.objective().equals("capacity"));
    }

    /** Trains (or loads) one run through the cache. */
    public ModelCache.Run fit(ModelCache cache, Spec spec, long seed, Sprites grid, SpriteSet train, SpriteSet all) {
        ModelCache.Tracking t = tracked(spec, seed) ? new ModelCache.Tracking(all.images(), all.factors(), trackEvery()) : null;
        return cache.fit(spec.name() + " s" + seed, config(grid, seed), spec.make(), train(seed), train.images(), t);
    }

    /**
     * Trains every run of notebook 05 in the full mode into {@code build/models/05-disentanglement}
     * ({@code environment/kit run} calls this before executing the notebook); runs already cached are skipped.
     */
    public static void main(String[] args) {
        // "k/n": train only every n-th run starting at the k-th, so that n processes can share the work;
        // "last-first": all runs from the last to the first (a helper that meets the others in the middle)
        int part = 1, parts = 1;
        boolean reverse = args.length > 0 && args[0].equals("last-first");
        // an optional second argument "except=capacity,beta_tcvae" leaves those objectives out (trained later)
        java.util.Set<String> except = args.length > 1 && args[1].startsWith("except=")
                ? java.util.Set.of(args[1].substring("except=".length()).split(",")) : java.util.Set.of();
        if (args.length > 0 && !reverse) {
            String[] kn = args[0].split("/");
            part = Integer.parseInt(kn[0]);
            parts = Integer.parseInt(kn[1]);
            if (part < 1 || part > parts) throw new IllegalArgumentException("part must be k/n with 1 ≤ k ≤ n, got " + args[0]);
        }
        DisentanglementStudy s = new DisentanglementStudy(false);
        Sprites grid = s.grid();
        SpriteSet train = s.training(grid), all = grid.all();
        ModelCache cache = ModelCache.of("05-disentanglement");
        long t0 = System.nanoTime();
        List<Spec> specs = new ArrayList<>();
        List<Long> seeds = new ArrayList<>();
        // the tracked annealing runs first (their curves are the notebook's story), β-TCVAE last (each step costs
        // about four β-VAE steps): on a busy machine most of the notebook's models are ready early
        List<Spec> objectives = s.objectives(grid), order = new ArrayList<>();
        for (String id : new String[]{"annealed_beta", "capacity", "vae", "beta_vae"})
            for (Spec spec : objectives) if (spec.objective().equals(id)) order.add(spec);
        for (Spec spec : order)
            if (!except.contains(spec.objective())) for (long seed = 1; seed <= s.seeds(spec); seed++) {
                specs.add(spec);
                seeds.add(seed);
            }
        for (Spec spec : s.sweep())
            if (!except.contains(spec.objective())) for (long seed = 1; seed <= s.sweepSeeds(); seed++) {
                specs.add(spec);
                seeds.add(seed);
            }
        for (Spec spec : objectives)
            if (spec.objective().equals("beta_tcvae") && !except.contains(spec.objective()))
                for (long seed = 1; seed <= s.seeds(spec); seed++) {
                    specs.add(spec);
                    seeds.add(seed);
                }
        if (reverse) {
            java.util.Collections.reverse(specs);
            java.util.Collections.reverse(seeds);
        }
        for (int i = part - 1; i < specs.size(); i += parts) report(s.fit(cache, specs.get(i), seeds.get(i), grid, train, all), specs.get(i), seeds.get(i));
        System.out.printf(Locale.ROOT, "notebook 05's models (part %d/%d) are in %s (%.0f s)%n", part, parts, cache.dir(), (System.nanoTime() - t0) / 1e9);
    }

    private static void report(ModelCache.Run r, Spec spec, long seed) {
        System.out.println(spec.name() + " seed " + seed + ": " + r.how());
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
