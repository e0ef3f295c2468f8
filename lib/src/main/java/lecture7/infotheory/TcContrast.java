package lecture7.infotheory;

import java.util.List;
import java.util.Locale;

/**
 * The lecture's contrast of total correlations, seed by seed: the TC of every seed of one objective (the VAE) against
 * every seed of another (the β-VAE), each TC as its interval [{@link KlDecomposition#tcLowerBound()}, estimate]
 * (a point where the MI is not at its bound), widened by two standard errors of the Monte Carlo estimate on each side
 * ({@link #SE}) so that a difference within the estimate's noise does not count. The contrast is "separated" when even the lowest lower bound of the first
 * lies above the highest estimate of the second: whatever the true MIs, every seed of the first has the larger TC.
 * A TC cannot be negative, so the ranges are printed clipped at 0 with the reason ({@link #firstRange()},
 * {@link BoundedInterval#tc}), and {@link #separated()} compares the clipped ends.
 *
 * @param first       name of the first objective
 * @param second      name of the second
 * @param firstLow    lowest TC lower bound − 2 SE over the first's seeds, nats, before clipping at 0
 * @param firstHigh   highest TC estimate over the first's seeds, nats
 * @param firstWidth  widest TC interval among the first's seeds, nats
 * @param secondLow   lowest TC lower bound over the second's seeds
 * @param secondHigh  highest TC estimate over the second's seeds
 * @param secondWidth widest TC interval among the second's seeds
 */
public record TcContrast(String first, String second, double firstLow, double firstHigh, double firstWidth,
                         double secondLow, double secondHigh, double secondWidth) {
    /** Standard errors added on each side of a TC interval. */
    public static final double SE = 2;

    /** The contrast of two objectives' seeds (one decomposition per seed). */
    public static TcContrast of(String first, List<KlDecomposition> a, String second, List<KlDecomposition> b) {
        if (a.isEmpty() || b.isEmpty()) throw new IllegalArgumentException("both objectives need at least one seed");
        return new TcContrast(first, second, a.stream().mapToDouble(d -> d.tcLowerBound() - SE * d.seTc()).min().orElseThrow(),
                a.stream().mapToDouble(d -> d.totalCorrelation() + SE * d.seTc()).max().orElseThrow(),
                a.stream().mapToDouble(KlDecomposition::tcUncertainty).max().orElseThrow(),
                b.stream().mapToDouble(d -> d.tcLowerBound() - SE * d.seTc()).min().orElseThrow(),
                b.stream().mapToDouble(d -> d.totalCorrelation() + SE * d.seTc()).max().orElseThrow(),
                b.stream().mapToDouble(KlDecomposition::tcUncertainty).max().orElseThrow());
    }

    /** The first objective's range over its seeds, clipped at 0 (a TC cannot be negative). */
    public BoundedInterval firstRange() {
        return BoundedInterval.tc(Math.min(firstLow, firstHigh), firstHigh);
    }

    /** The second objective's range over its seeds, clipped at 0. */
    public BoundedInterval secondRange() {
        return BoundedInterval.tc(Math.min(secondLow, secondHigh), secondHigh);
    }

    /** Every seed of the first has a larger TC than every seed of the second, whatever the true MIs. */
    public boolean separated() {
        return firstRange().lo() > secondRange().hi();
    }

    /** Two lines: the ranges over the seeds with the widest interval, and whether they separate. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "TC over the seeds (±2 SE): %s %s nats (each seed's TC bounded within %.2f nats), %s %s nats (within %.2f)%n"
                        + "  every %s seed's lowest possible TC above every %s seed's highest: %s",
                first, firstRange().text(), Math.max(0, firstWidth), second, secondRange().text(), Math.max(0, secondWidth), first, second,
                separated() ? "yes — the contrast the lecture draws" : "no");
    }
}
