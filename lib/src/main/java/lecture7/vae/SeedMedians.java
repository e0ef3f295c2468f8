package lecture7.vae;

import lecture7.compute.Median;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One objective trained with several seeds, summarised by medians over the seeds (Locatello et al. 2019: differences
 * between objectives mean something only across seeds): the closed-form KL, its three parts and the reconstruction,
 * nats per image. When any seed's I(x; z) estimate is at its ceiling, that seed's MI is only a lower bound and its TC
 * not identifiable ({@link lecture7.infotheory.KlDecomposition#miAtCeiling()}), so comparisons of MI and TC with
 * this objective are marked as such ({@link #comparedWith}).
 *
 * @param objective      the objective's name, e.g. "β-TCVAE β=6"
 * @param seeds          how many seeds (models) the medians are over
 * @param miAtCeiling    whether the MI of any seed is at its ceiling
 */
public record SeedMedians(String objective, int seeds, double kl, double mutualInformation, double totalCorrelation,
                          double dimensionwiseKl, double reconstruction, boolean miAtCeiling) {

    /** The medians of the reports of one objective, one report per seed. */
    public static SeedMedians of(String objective, List<LatentReport> seeds) {
        if (seeds.isEmpty()) throw new IllegalArgumentException("no models of " + objective + " to take medians over");
        return new SeedMedians(objective, seeds.size(),
                median(seeds, r -> r.parts().analyticKl()), median(seeds, r -> r.parts().mutualInformation()),
                median(seeds, r -> r.parts().totalCorrelation()), median(seeds, r -> r.parts().dimensionwiseKl()),
                median(seeds, LatentReport::reconstruction), seeds.stream().anyMatch(r -> r.parts().miAtCeiling()));
    }

    private static double median(List<LatentReport> seeds, ToDoubleFunction<LatentReport> value) {
        return Median.of(seeds.stream().mapToDouble(value).toArray());
    }

    /**
     * This objective's medians against a reference's (the VAE's), in words: KL "smaller" or "not smaller",
     * reconstruction "worse" or "not worse"; MI and TC "not comparable" where either side's MI is at its ceiling —
     * except an MI below the median of a reference whose MI is only a lower bound: "below the reference's lower bound".
     */
    public Comparison comparedWith(SeedMedians ref) {
        String mi = ref.miAtCeiling && !miAtCeiling && mutualInformation < ref.mutualInformation
                ? "below the " + ref.objective + "'s lower bound"
                : ref.miAtCeiling || miAtCeiling ? "not comparable" : smaller(mutualInformation, ref.mutualInformation);
        String tc = ref.miAtCeiling || miAtCeiling ? "not comparable" : smaller(totalCorrelation, ref.totalCorrelation);
        return new Comparison(smaller(kl, ref.kl), mi, tc, reconstruction > ref.reconstruction ? "worse" : "not worse");
    }

    /** {@link #comparedWith} in words, one per quantity. */
    public record Comparison(String kl, String mutualInformation, String totalCorrelation, String reconstruction) {}

    private static String smaller(double a, double b) {
        return a < b ? "smaller" : "not smaller";
    }
}
