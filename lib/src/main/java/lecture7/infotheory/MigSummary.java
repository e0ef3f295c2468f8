package lecture7.infotheory;

import lecture7.compute.Median;

import java.util.Arrays;
import java.util.Locale;

/**
 * One model's MIG over several training seeds, and an honest comparison with a baseline: the done-when of
 * Part 3 asks whether an objective beats the plain VAE, and with a few seeds the answer depends on how far apart
 * the seed ranges are, not only on the medians.
 *
 * @param model  display name
 * @param scores MIG of each seed (at least one), in [0, 1], seeds 1, 2, … in order
 */
public record MigSummary(String model, double[] scores) {
    public MigSummary {
        if (scores == null || scores.length == 0) throw new IllegalArgumentException(model + ": need the MIG of at least one seed");
        for (double s : scores)
            if (!(s >= 0 && s <= 1)) throw new IllegalArgumentException(model + ": MIG must lie in [0, 1], got " + s);
        scores = scores.clone();
    }

    /** Mean MIG over the seeds. */
    public double mean() {
        return Arrays.stream(scores).average().orElseThrow();
    }

    /** Median MIG over the seeds ({@link Median#of}). */
    public double median() {
        return Median.of(scores);
    }

    /**
     * The seed (index into {@link #scores()}, from 0) whose MIG is the median — for an even count the lower of the two
     * middle ones, so that it is a trained model's score; the first such seed on a tie.
     */
    public int medianSeed() {
        double[] s = scores.clone();
        Arrays.sort(s);
        double m = s[(s.length - 1) / 2];
        for (int i = 0; i < scores.length; i++) if (scores[i] == m) return i;
        throw new IllegalStateException("unreachable");
    }

    /** Lowest MIG over the seeds. */
    public double min() {
        return Arrays.stream(scores).min().orElseThrow();
    }

    /** Highest MIG over the seeds. */
    public double max() {
        return Arrays.stream(scores).max().orElseThrow();
    }

    /** How this model compares with {@code baseline}. */
    public enum Verdict {
        /** every seed of this model scores above every seed of the baseline */
        HIGHER_IN_EVERY_SEED,
        /** higher median; the seed ranges overlap: not a clear gain */
        HIGHER_MEDIAN_ONLY,
        /** median not higher */
        NOT_HIGHER
    }

    /** {@link Verdict#HIGHER_IN_EVERY_SEED} when min(this) &gt; max(baseline), else by the medians. */
    public Verdict against(MigSummary baseline) {
        if (min() > baseline.max()) return Verdict.HIGHER_IN_EVERY_SEED;
        return median() > baseline.median() ? Verdict.HIGHER_MEDIAN_ONLY : Verdict.NOT_HIGHER;
    }

    /** The seeds both models were trained with: 1 … min(n, n_baseline). */
    public int pairedSeeds(MigSummary baseline) {
        return Math.min(scores.length, baseline.scores.length);
    }

    /**
     * Seeds at which this model scores above the baseline trained with the same seed (same data, same initial
     * weights), over the {@link #pairedSeeds} both have: the paired view, which removes the seed-to-seed spread the
     * range comparison has to live with.
     */
    public int winsAtSameSeed(MigSummary baseline) {
        int wins = 0;
        for (int i = 0; i < pairedSeeds(baseline); i++) if (scores[i] > baseline.scores[i]) wins++;
        return wins;
    }

    /** The verdict in words: "higher in every seed", "higher median; the seed ranges overlap", "not higher". */
    public static String words(Verdict v) {
        return switch (v) {
            case HIGHER_IN_EVERY_SEED -> "higher in every seed";
            case HIGHER_MEDIAN_ONLY -> "higher median; the seed ranges overlap";
            case NOT_HIGHER -> "not higher";
        };
    }

    /** A sentence, e.g. "β-TCVAE β=6: median MIG 0.291 (0.273–0.384 over 3 seeds) vs VAE 0.137 (0.056–0.292): …". */
    public String describe(MigSummary baseline) {
        return String.format(Locale.ROOT, "%s: median MIG %.3f (%.3f–%.3f over %d seeds) vs %s %.3f (%.3f–%.3f): %s; above it at the same seed in %d of %d",
                model, median(), min(), max(), scores.length, baseline.model, baseline.median(), baseline.min(), baseline.max(),
                words(against(baseline)), winsAtSameSeed(baseline), pairedSeeds(baseline));
    }
}
