package lecture7.vae;

import lecture7.compute.Median;
import lecture7.infotheory.BoundedInterval;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One objective trained with several seeds, summarised by medians over the seeds (Locatello et al. 2019: differences
 * between objectives mean something only across seeds): the closed-form KL, its three parts and the reconstruction,
 * nats per image. Where a seed's I(x; z) estimate is at its ceiling, the true MI lies between the estimate and the
 * bound, and the TC between its lower bound and the estimate ({@link lecture7.infotheory.KlDecomposition#miUpperBound()},
 * {@link lecture7.infotheory.KlDecomposition#tcLowerBound()}); the medians of those ends bound the median of the true
 * values (a median is monotone in every argument), and comparisons use the intervals ({@link #comparedWith}).
 *
 * @param objective      the objective's name, e.g. "β-TCVAE β=6"
 * @param seeds          how many seeds (models) the medians are over
 * @param miUpperBound   median over the seeds of the MI's upper bound (= the MI estimate where it is not at its ceiling;
 *                       +∞ where the ceiling is only the estimator's)
 * @param tcLowerBound   median over the seeds of the TC's lower bound (= the TC estimate where the MI is not at its ceiling)
 * @param miAtCeiling    whether the MI of any seed is at its ceiling
 */
public record SeedMedians(String objective, int seeds, double kl, double mutualInformation, double totalCorrelation,
                          double dimensionwiseKl, double reconstruction, double miUpperBound, double tcLowerBound,
                          boolean miAtCeiling) {

    /** The medians of the reports of one objective, one report per seed. */
    public static SeedMedians of(String objective, List<LatentReport> seeds) {
        if (seeds.isEmpty()) throw new IllegalArgumentException("no models of " + objective + " to take medians over");
        return new SeedMedians(objective, seeds.size(),
                median(seeds, r -> r.parts().analyticKl()), median(seeds, r -> r.parts().mutualInformation()),
                median(seeds, r -> r.parts().totalCorrelation()), median(seeds, r -> r.parts().dimensionwiseKl()),
                median(seeds, LatentReport::reconstruction),
                median(seeds, r -> r.parts().miAtCeiling() ? r.parts().miUpperBound() : r.parts().mutualInformation()),
                median(seeds, r -> r.parts().tcLowerBound()), seeds.stream().anyMatch(r -> r.parts().miAtCeiling()));
    }

    private static double median(List<LatentReport> seeds, ToDoubleFunction<LatentReport> value) {
        return Median.of(seeds.stream().mapToDouble(value).toArray());
    }

    /**
     * This objective's medians against a reference's (the VAE's), in words: KL "smaller" or "not smaller",
     * reconstruction "worse" or "not worse"; MI and TC compared as intervals [lower, upper] of the median:
     * "smaller" when this upper end is below the reference's lower end, "larger" when this lower end is above the
     * reference's upper end, else "bounds overlap" (two point estimates: "smaller" or "not smaller").
     */
    public Comparison comparedWith(SeedMedians ref) {
        BoundedInterval m = miInterval(), rm = ref.miInterval(), t = tcInterval(), rt = ref.tcInterval();
        String mi = compare(m.lo(), m.hi(), rm.lo(), rm.hi());
        String tc = compare(t.lo(), t.hi(), rt.lo(), rt.hi());
        return new Comparison(smaller(kl, ref.kl), mi, tc, reconstruction > ref.reconstruction ? "worse" : "not worse");
    }

    /** {@link #comparedWith} in words, one per quantity. */
    public record Comparison(String kl, String mutualInformation, String totalCorrelation, String reconstruction) {}

    /**
     * The TC interval [lower bound, estimate] of the median, clipped at 0 (a TC cannot be negative; a median estimate
     * below 0 is Monte Carlo noise): {@link BoundedInterval#tc}.
     */
    public BoundedInterval tcInterval() {
        return BoundedInterval.tc(Math.min(tcLowerBound, totalCorrelation), totalCorrelation);
    }

    /** The MI interval [estimate, upper bound] of the median, clipped at 0 (+∞ upper end where a seed had only the estimator's ceiling). */
    public BoundedInterval miInterval() {
        return BoundedInterval.mi(mutualInformation, Math.max(mutualInformation, miUpperBound), Double.POSITIVE_INFINITY);
    }

    /** The TC interval of the median as text ("0.08" when it is a point). */
    public String tcText() {
        return tcInterval().text();
    }

    /** The MI interval of the median as text. */
    public String miText() {
        return Double.isInfinite(miUpperBound) ? "≥ " + lecture7.infotheory.KlDecomposition.nats(mutualInformation) + " (ceiling)"
                : miInterval().text();
    }

    private static String compare(double lo, double hi, double refLo, double refHi) {
        if (lo == hi && refLo == refHi) return smaller(lo, refLo);
        if (hi < refLo) return "smaller";
        if (lo > refHi) return "larger";
        return "bounds overlap";
    }

    private static String smaller(double a, double b) {
        return a < b ? "smaller" : "not smaller";
    }
}
