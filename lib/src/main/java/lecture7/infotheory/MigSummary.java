package lecture7.infotheory;

import java.util.Arrays;
import java.util.Locale;

/**
 * One model's MIG over several training seeds, and an honest comparison with a baseline: the done-when of
 * Part 3 asks whether β-TCVAE or the capacity objective beats the plain VAE, and with a few seeds the answer
 * depends on how far apart the seed ranges are, not only on the means.
 *
 * @param model  display name
 * @param scores MIG of each seed (at least one), in [0, 1]
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
        /** higher mean, but the seed ranges overlap: not a clear gain */
        HIGHER_ON_AVERAGE_ONLY,
        /** mean not higher */
        NOT_HIGHER
    }

    /** {@link Verdict#HIGHER_IN_EVERY_SEED} when min(this) &gt; max(baseline), else by the means. */
    public Verdict against(MigSummary baseline) {
        if (min() > baseline.max()) return Verdict.HIGHER_IN_EVERY_SEED;
        return mean() > baseline.mean() ? Verdict.HIGHER_ON_AVERAGE_ONLY : Verdict.NOT_HIGHER;
    }

    /**
     * Seeds at which this model scores above the baseline trained with the same seed (same data, same initial
     * weights): the paired view, which removes the seed-to-seed spread the range comparison has to live with.
     */
    public int winsAtSameSeed(MigSummary baseline) {
        if (baseline.scores.length != scores.length)
            throw new IllegalArgumentException("paired comparison needs the same seeds: " + model + " has " + scores.length
                    + ", " + baseline.model + " has " + baseline.scores.length);
        int wins = 0;
        for (int i = 0; i < scores.length; i++) if (scores[i] > baseline.scores[i]) wins++;
        return wins;
    }

    /** A sentence for the notebook, e.g. "β-TCVAE β=6: MIG 0.081 (0.060–0.102) vs VAE 0.035 (…): higher in every seed". */
    public String describe(MigSummary baseline) {
        String what = switch (against(baseline)) {
            case HIGHER_IN_EVERY_SEED -> "higher than " + baseline.model + " in every seed";
            case HIGHER_ON_AVERAGE_ONLY -> "higher than " + baseline.model + " on average, but the seed ranges overlap: not a clear gain";
            case NOT_HIGHER -> "not higher than " + baseline.model;
        };
        String paired = baseline.scores.length == scores.length
                ? String.format(Locale.ROOT, "; above it at the same seed in %d of %d", winsAtSameSeed(baseline), scores.length) : "";
        return String.format(Locale.ROOT, "%s: MIG %.3f (%.3f–%.3f over %d seeds) vs %s %.3f (%.3f–%.3f): %s%s",
                model, mean(), min(), max(), scores.length, baseline.model, baseline.mean(), baseline.min(), baseline.max(), what, paired);
    }
}
