package lecture7.infotheory;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One part of the KL decomposition of two objectives compared seed by seed (same sprites, same initial weights at the
 * same seed), with its spread: the paired differences A − B of the estimates, and for each seed whether A's interval
 * lies wholly below B's, wholly above, or the two overlap. Each seed's interval is the printed one
 * ({@link KlDecomposition#tcInterval()}, {@link KlDecomposition#miInterval()}) widened by {@link TcContrast#SE}
 * standard errors of the Monte Carlo estimate on each side and clipped to the quantity's range
 * ({@link BoundedInterval}). A medians-only comparison hides how often the seeds disagree; this says it.
 *
 * <p>Verdict: "lower in every seed" / "higher in every seed" when every seed's intervals separate the same way,
 * otherwise "lower in k, higher in m, overlapping in r of n seeds".
 *
 * @param quantity     "TC" or "MI"
 * @param first        name of objective A
 * @param second       name of objective B
 * @param a            A's interval per seed
 * @param b            B's interval per seed, the same seeds in the same order
 * @param differences  A's estimate − B's estimate per seed, nats
 */
public record SeedPairs(String quantity, String first, String second, List<BoundedInterval> a, List<BoundedInterval> b,
                        double[] differences) {

    public SeedPairs {
        if (a.size() != b.size() || a.size() != differences.length || a.isEmpty())
            throw new IllegalArgumentException("need the same seeds (at least one) of both objectives: " + a.size() + " and " + b.size());
    }

    /** TC of the two objectives' seeds, paired by position in the lists (seed 1 with seed 1, …). */
    public static SeedPairs tc(String first, List<KlDecomposition> a, String second, List<KlDecomposition> b) {
        return of("TC", first, a, second, b, SeedPairs::tcWide, KlDecomposition::totalCorrelation);
    }

    /** MI of the two objectives' seeds, paired by position. */
    public static SeedPairs mi(String first, List<KlDecomposition> a, String second, List<KlDecomposition> b) {
        return of("MI", first, a, second, b, SeedPairs::miWide, KlDecomposition::mutualInformation);
    }

    private static SeedPairs of(String q, String first, List<KlDecomposition> a, String second, List<KlDecomposition> b,
                                Function<KlDecomposition, BoundedInterval> wide, java.util.function.ToDoubleFunction<KlDecomposition> est) {
        if (a.size() != b.size()) throw new IllegalArgumentException(first + " has " + a.size() + " seeds, " + second + " " + b.size() + ": pair them seed by seed");
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) d[i] = est.applyAsDouble(a.get(i)) - est.applyAsDouble(b.get(i));
        return new SeedPairs(q, first, second, a.stream().map(wide).toList(), b.stream().map(wide).toList(), d);
    }

    /** The seed's TC interval ± 2 SE, clipped at 0. */
    static BoundedInterval tcWide(KlDecomposition p) {
        BoundedInterval t = p.tcInterval();
        return BoundedInterval.tc(Math.min(t.rawLo(), t.rawHi()) - TcContrast.SE * p.seTc(), t.rawHi() + TcContrast.SE * p.seTc());
    }

    /** The seed's MI interval ± 2 SE, clipped to [0, H(x)] where the data bound it. */
    static BoundedInterval miWide(KlDecomposition p) {
        BoundedInterval m = p.miInterval();
        return BoundedInterval.mi(m.rawLo() - TcContrast.SE * p.seMi(), Math.max(m.rawLo(), m.rawHi()) + TcContrast.SE * p.seMi(), m.ceiling());
    }

    /** Seeds where A's interval lies wholly below B's. */
    public int lower() {
        int n = 0;
        for (int i = 0; i < a.size(); i++) if (a.get(i).hi() < b.get(i).lo()) n++;
        return n;
    }

    /** Seeds where A's interval lies wholly above B's. */
    public int higher() {
        int n = 0;
        for (int i = 0; i < a.size(); i++) if (a.get(i).lo() > b.get(i).hi()) n++;
        return n;
    }

    /** Seeds whose intervals overlap. */
    public int overlapping() {
        return a.size() - lower() - higher();
    }

    public int seeds() {
        return a.size();
    }

    /** The verdict in words (see the class comment). */
    public String verdict() {
        int n = seeds();
        if (lower() == n) return "lower in every seed";
        if (higher() == n) return "higher in every seed";
        return String.format(Locale.ROOT, "lower in %d, higher in %d, overlapping in %d of %d seeds", lower(), higher(), overlapping(), n);
    }

    /**
     * The answer to "is A's part lower than B's?" ({@code higher} false) or "higher?" (true), from the seeds:
     * "yes, in every seed"; "no: higher in every seed"; "not measurably: the intervals (±2 SE) overlap in all 5 seeds";
     * "no: in none of the 5 seeds (higher in 3, overlapping in 2)"; or "in 2 of 5 seeds only (higher in 1,
     * overlapping in 2)".
     */
    public String answer(boolean higher) {
        int yes = higher ? higher() : lower(), other = higher ? lower() : higher(), n = seeds();
        String opposite = higher ? "lower" : "higher";
        String rest = String.format(Locale.ROOT, "(%s in %d, overlapping in %d)", opposite, other, overlapping());
        if (yes == n) return "yes, in every seed";
        if (other == n) return "no: " + opposite + " in every seed";
        if (yes == 0 && other == 0) return String.format(Locale.ROOT, "not measurably: the intervals (±2 SE) overlap in all %d seeds", n);
        if (yes == 0) return String.format(Locale.ROOT, "no: in none of the %d seeds %s", n, rest);
        return String.format(Locale.ROOT, "in %d of %d seeds only %s", yes, n, rest);
    }

    /** Median of the paired differences A − B, nats. */
    public double medianDifference() {
        return lecture7.compute.Median.of(differences);
    }

    /**
     * One line (a slide keeps its readings short): the paired differences with their median and range, and the
     * per-seed verdict, e.g. "TC, β-TCVAE − β-VAE at the same seed: +0.35, +0.21, … nats (median +0.34, range +0.21 to
     * +0.41); seed by seed (intervals ±2 SE): higher in every seed".
     */
    @Override
    public String toString() {
        StringBuilder d = new StringBuilder();
        for (int i = 0; i < differences.length; i++) d.append(i == 0 ? "" : ", ").append(signed(differences[i]));
        double[] s = differences.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "%s, %s − %s at the same seed: %s nats (median %s, range %s to %s); seed by seed (intervals ±2 SE): %s",
                quantity, first, second, d, signed(medianDifference()), signed(s[0]), signed(s[s.length - 1]), verdict());
    }

    private static String signed(double v) {
        String t = KlDecomposition.nats(Math.abs(v));
        return (v < 0 && !t.equals("0.00") ? "−" : "+") + t;
    }
}
