package lecture7.infotheory;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Random;

/**
 * The lecture's decomposition of the average KL term, estimated for a Gaussian encoder over a data set
 * (nats, per data point):
 * <pre>
 *   E_p(x)[KL(q(z|x) ‖ p(z))] = I_q(x; z) + KL(q(z) ‖ ∏_j q(z_j)) + Σ_j KL(q(z_j) ‖ p(z_j))
 * </pre>
 * Each part is the average over z ~ q(z|x_n) of a difference of log densities (Chen et al. 2018, eq. 2):
 * MI = ln q(z|x) − ln q(z), TC = ln q(z) − Σ_j ln q(z_j), dim-wise KL = Σ_j [ln q(z_j) − ln p(z_j)].
 * The three telescope, so for every sample they add up to ln q(z|x) − ln p(z), whose average is
 * {@link #total()}, a Monte Carlo estimate of the closed-form {@link #analyticKl()}.
 *
 * <p>Estimators: {@link #fullData} uses all N posteriors for ln q(z) and ln q(z_j) (exact for the
 * empirical distribution; the only error is Monte Carlo over z, reported as standard errors);
 * {@link #minibatch} uses only the posteriors of each minibatch ({@link MinibatchEstimator}), which is
 * what β-TCVAE trains with. Any part may come out slightly negative from Monte Carlo noise (TC near 0);
 * the true MI and TC are ≥ 0.
 *
 * @param estimator       which estimator produced these numbers
 * @param mutualInformation I_q(x; z), nats
 * @param totalCorrelation  KL(q(z) ‖ ∏_j q(z_j)), nats
 * @param dimensionwiseKl   Σ_j KL(q(z_j) ‖ p(z_j)), nats
 * @param total             Monte Carlo E[ln q(z|x) − ln p(z)], nats (= the sum of the parts)
 * @param analyticKl        closed-form (1/N) Σ_n KL(q(z|x_n) ‖ N(0, I)), nats
 * @param seMi              standard error of the MI estimate
 * @param seTc              standard error of the TC estimate
 * @param seDimKl           standard error of the dim-wise KL estimate
 * @param seTotal           standard error of {@code total}
 * @param dataBound         whether {@code miCeiling} is the data's entropy H(x) of a data set scored in full (a factor grid):
 *                          then it bounds the true MI, and an estimate near it is reported as an interval; otherwise it
 *                          is the estimator's ln N, the true MI of a continuous data distribution may lie above it, and
 *                          an estimate near it reads "≥ … (ceiling)" with the TC "not identifiable"
 * @param miCeiling         the largest MI this estimate can show, nats: ln N for the full-data and the stratified
 *                          estimator (ln q̂(z) ≥ ln q(z|x_n) − ln N, so MI ≤ ln N; ln N·B for MWS), lowered to the data's entropy H(x) by
 *                          {@link #withDataEntropy} where that is known ({@link ImageEntropy})
 *
 * <p><b>Ceilings and bounds.</b> The estimate cannot show more MI than ln N (ln q̂(z) ≥ ln q(z|x_n) − ln N). Where the
 * data set is scored in full and its entropy is known ({@link #withDataEntropy}, a factor grid: {@code dataBound}), the
 * true MI cannot exceed H(x) either, and an MI estimate within {@value #CEILING_MARGIN} nats of min(ln N, H(x))
 * ({@link #miAtCeiling()}) is reported as the interval [estimate, H(x)]; because the parts add up to the KL, the TC of
 * the same run lies in [TC − (H(x) − MI), TC] ({@link #tcLowerBound()}). Without a bound from the data (samples of a
 * continuous distribution), an MI at ln N reads "≥ ln N (ceiling)" — the true MI may be larger — and the TC of that
 * run "not identifiable". {@link #miText()} and {@link #tcText()} print the cells that way.
 */
public record KlDecomposition(String estimator, double mutualInformation, double totalCorrelation, double dimensionwiseKl,
                              double total, double analyticKl, double seMi, double seTc, double seDimKl, double seTotal,
                              double miCeiling, boolean dataBound) {

    /** An MI estimate this close to its ceiling (nats) is flagged by {@link #miAtCeiling()}. */
    public static final double CEILING_MARGIN = 0.5;

    public KlDecomposition {
        if (!(miCeiling >= 0)) throw new IllegalArgumentException("MI ceiling must be ≥ 0 nats, got " + miCeiling);
    }

    /** An estimate whose ceiling is the estimator's own (ln N), not a bound from the data. */
    public KlDecomposition(String estimator, double mutualInformation, double totalCorrelation, double dimensionwiseKl,
                           double total, double analyticKl, double seMi, double seTc, double seDimKl, double seTotal, double miCeiling) {
        this(estimator, mutualInformation, totalCorrelation, dimensionwiseKl, total, analyticKl, seMi, seTc, seDimKl, seTotal,
                miCeiling, false);
    }

    /** Whether the MI estimate is within {@value #CEILING_MARGIN} nats of {@link #miCeiling()} (or above it). */
    public boolean miAtCeiling() {
        return mutualInformation >= miCeiling - CEILING_MARGIN;
    }

    /**
     * The same estimate with the ceiling lowered to the entropy H(x) of the data (nats) when that is below the
     * estimator's ln N: I(x; z) ≤ H(x), e.g. {@link ImageEntropy#nats()} of a sprite grid.
     */
    public KlDecomposition withDataEntropy(double entropyNats) {
        if (!(entropyNats > 0) || !Double.isFinite(entropyNats))
            throw new IllegalArgumentException("data entropy must be a finite number of nats > 0, got " + entropyNats);
        return new KlDecomposition(estimator, mutualInformation, totalCorrelation, dimensionwiseKl, total, analyticKl,
                seMi, seTc, seDimKl, seTotal, Math.min(miCeiling, entropyNats), true);
    }

    /**
     * The largest value the true MI can take, nats: H(x) when {@code dataBound}; +∞ otherwise (a continuous data
     * distribution bounds nothing, and the estimator's ln N bounds only what it can show).
     */
    public double miUpperBound() {
        return dataBound ? Math.max(miCeiling, mutualInformation) : Double.POSITIVE_INFINITY;
    }

    /**
     * The smallest value the TC can take, nats: with MI ≤ {@link #miUpperBound()} and MI + TC + dim-wise KL fixed,
     * TC ≥ TĈ − (ceiling − MÎ), and TC ≥ 0. Equal to the estimate when the MI is not at its ceiling.
     */
    public double tcLowerBound() {
        if (!miAtCeiling()) return totalCorrelation;
        if (!dataBound) return 0;
        return Math.max(0, totalCorrelation - Math.max(0, miCeiling - mutualInformation));
    }

    /** The TC interval's width, nats (0 when the MI is not at its ceiling). */
    public double tcUncertainty() {
        return totalCorrelation - tcLowerBound();
    }

    /**
     * The MI as the tables print it, clipped to its range ({@link BoundedInterval#mi}): the point estimate; at its
     * ceiling with a bound from the data the interval [estimate, H(x)] (an estimate above H(x), Monte Carlo noise,
     * reads H(x) with the reason). Without a bound from the data an MI at its ceiling has no upper end: +∞.
     */
    public BoundedInterval miInterval() {
        double bound = dataBound ? miCeiling : Double.POSITIVE_INFINITY;
        if (!miAtCeiling()) return BoundedInterval.mi(mutualInformation, mutualInformation, bound);
        return BoundedInterval.mi(mutualInformation, Math.max(mutualInformation, bound), bound);
    }

    /**
     * The TC as the tables print it, clipped at 0 ({@link BoundedInterval#tc}): the point estimate, or where the MI
     * is at its data bound [{@link #tcLowerBound()}, estimate]; an estimate below 0 (Monte Carlo noise) reads 0 with
     * the reason and the estimate.
     */
    public BoundedInterval tcInterval() {
        if (!miAtCeiling() || !dataBound) return BoundedInterval.tc(totalCorrelation, totalCorrelation);
        return BoundedInterval.tc(Math.min(tcLowerBound(), totalCorrelation), totalCorrelation);
    }

    /**
     * The MI cell of a table: "4.45"; at its ceiling "5.98–6.05" (estimate–H(x)) when the ceiling is a bound from the
     * data ({@code dataBound}), else "≥ 7.60 (ceiling)" (the estimator's ln N; the true MI may be larger).
     */
    public String miText() {
        if (miAtCeiling() && !dataBound) return "≥ " + nats(miCeiling) + " (ceiling)";
        return miInterval().text();
    }

    /**
     * The TC cell of a table: "1.23"; when the MI of the same run is at its ceiling "2.64–2.71" (bound–estimate) if
     * the ceiling is the data's H(x), else "not identifiable". Never below 0 ({@link #tcInterval()}).
     */
    public String tcText() {
        if (miAtCeiling() && !dataBound) return "not identifiable";
        return tcInterval().text();
    }

    /** "a–b" in nats with two decimals ({@link #nats}). */
    public static String interval(double lo, double hi) {
        return nats(lo) + "–" + nats(hi);
    }

    /**
     * Nats with two decimals, "0.00" for anything that rounds to zero: a Monte Carlo estimate of a part that is
     * zero (a TC of −0.001) is not shown as "−0.00".
     */
    public static String nats(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f", Math.round(v * 100) / 100.0 + 0.0);
    }

    /** MI + TC + dim-wise KL; equals {@link #total()} up to rounding, whatever the estimator. */
    public double sumOfParts() {
        return mutualInformation + totalCorrelation + dimensionwiseKl;
    }

    /**
     * The seed of the z noise that the {@code long seed} overloads draw from: derived from {@code seed}, so that it
     * never replays the normals of data made with {@code new Random(seed)} (reusing them as the posterior noise
     * correlates z with x and inflates the MI).
     */
    static long noiseSeed(long seed) {
        // one step of SplitMix64 (Steele et al. 2014): a bijection that scrambles every bit of the seed
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** {@link #fullData(GaussianCodes, int, Random)} with the z noise from {@code new Random(noiseSeed(seed))}. */
    public static KlDecomposition fullData(GaussianCodes codes, int samplesPerPoint, long seed) {
        return fullData(codes, samplesPerPoint, new Random(noiseSeed(seed)));
    }

    /**
     * The full-data estimator: k draws z ~ q(z|x_n) for every n, and ln q(z), ln q(z_j) as mixtures of all N
     * posteriors ({@link AggregatePosterior}, matrix products in blocks). Cost O(k·N²·M), memory O(N·M) plus
     * one 32 MB block. Standard errors treat the N per-point averages as independent.
     *
     * @param rng the source of z's noise; not the stream the data came from
     */
    public static KlDecomposition fullData(GaussianCodes codes, int samplesPerPoint, Random rng) {
        if (rng == null) throw new IllegalArgumentException("rng is null");
        int n = codes.n(), d = codes.dims(), k = samplesPerPoint;
        INDArray z = codes.sample(k, rng);
        double[][] logq = new AggregatePosterior(codes).logDensities(z);
        double[] zz = z.data().asDouble(), m = codes.mu().data().asDouble(), s = codes.logSigma().data().asDouble();
        double halfLog2Pi = 0.5 * Math.log(2 * Math.PI);
        Acc mi = new Acc(), tc = new Acc(), dk = new Acc(), tot = new Acc();
        for (int p = 0; p < n; p++) {
            double aMi = 0, aTc = 0, aDk = 0, aTot = 0;
            for (int r = 0; r < k; r++) {
                int row = p * k + r;
                double logQzx = 0, logPz = 0, sumMarg = 0;
                for (int j = 0; j < d; j++) {
                    double zj = zz[row * d + j], u = (zj - m[p * d + j]) * Math.exp(-s[p * d + j]);
                    logQzx += -halfLog2Pi - s[p * d + j] - 0.5 * u * u;
                    logPz += -halfLog2Pi - 0.5 * zj * zj;
                    sumMarg += logq[j + 1][row];
                }
                double logQz = logq[0][row];
                aMi += (logQzx - logQz) / k;          // ln q(z|x) − ln q(z)
                aTc += (logQz - sumMarg) / k;         // ln q(z) − Σ_j ln q(z_j)
                aDk += (sumMarg - logPz) / k;         // Σ_j ln q(z_j) − ln p(z)
                aTot += (logQzx - logPz) / k;         // ln q(z|x) − ln p(z)
            }
            mi.add(aMi);
            tc.add(aTc);
            dk.add(aDk);
            tot.add(aTot);
        }
        return new KlDecomposition("full data (N=" + n + ", k=" + k + ")", mi.mean(), tc.mean(), dk.mean(), tot.mean(),
                codes.meanKl(), mi.se(), tc.se(), dk.se(), tot.se(), Math.log(n));
    }

    /**
     * A minibatch estimator run over the whole data set: a seeded random permutation cut into batches of
     * {@code batchSize} (the last, smaller batch is dropped), one z per point, ln q(z) and ln q(z_j) from the
     * batch's posteriors only with the weights of {@code estimator}. Standard errors treat points as independent.
     * The permutation and z's noise come from {@code new Random(noiseSeed(seed))} ({@link #noiseSeed}).
     */
    public static KlDecomposition minibatch(GaussianCodes codes, MinibatchEstimator estimator, int batchSize, long seed) {
        return minibatch(codes, estimator, batchSize, new Random(noiseSeed(seed)));
    }

    /** As {@link #minibatch(GaussianCodes, MinibatchEstimator, int, long)} with the permutation and z's noise from {@code rng}. */
    public static KlDecomposition minibatch(GaussianCodes codes, MinibatchEstimator estimator, int batchSize, Random rng) {
        if (rng == null) throw new IllegalArgumentException("rng is null");
        int n = codes.n(), d = codes.dims();
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be ≥ 1, got " + batchSize);
        if (n < batchSize)
            throw new IllegalArgumentException("data set of " + n + " codes is smaller than the batch size " + batchSize);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1), t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        double[] m = codes.mu().data().asDouble(), s = codes.logSigma().data().asDouble();
        Acc mi = new Acc(), tc = new Acc(), dk = new Acc(), tot = new Acc();
        for (int from = 0; from + batchSize <= n; from += batchSize) {
            double[][] z = new double[batchSize][d], mu = new double[batchSize][d], ls = new double[batchSize][d];
            for (int b = 0; b < batchSize; b++) {
                int p = perm[from + b];
                for (int j = 0; j < d; j++) {
                    mu[b][j] = m[p * d + j];
                    ls[b][j] = s[p * d + j];
                    z[b][j] = mu[b][j] + Math.exp(ls[b][j]) * rng.nextGaussian();
                }
            }
            MinibatchDensities md = new MinibatchDensities(z, mu, ls, estimator, n);
            double[] a = md.mutualInformation(), t = md.totalCorrelation(), k = md.dimensionwiseKl();
            for (int b = 0; b < batchSize; b++) {
                mi.add(a[b]);
                tc.add(t[b]);
                dk.add(k[b]);
                tot.add(md.logQzx[b] - md.logPz[b]);
            }
        }
        return new KlDecomposition(estimator.name().toLowerCase() + " minibatch (B=" + batchSize + ", N=" + n + ")",
                mi.mean(), tc.mean(), dk.mean(), tot.mean(), codes.meanKl(), mi.se(), tc.se(), dk.se(), tot.se(),
                // ceiling −ln w_ii: the own posterior's weight bounds q̂(z_i) ≥ w_ii q(z_i|x_i) (ln N stratified, ln N·B MWS)
                -estimator.logWeight(true, batchSize, n));
    }

    /** Running mean and standard error (Welford's update, in double). */
    private static final class Acc {
        long n;
        double mean, m2;

        void add(double x) {
            n++;
            double delta = x - mean;
            mean += delta / n;
            m2 += delta * (x - mean);
        }

        double mean() {
            return mean;
        }

        double se() {
            return n < 2 ? Double.NaN : Math.sqrt(m2 / (n - 1) / n);
        }
    }

    @Override
    public String toString() {
        return String.format("%s: MI %.3f ± %.3f%s, TC %.3f ± %.3f%s, dim-wise KL %.3f ± %.3f, total %.3f ± %.3f (average of the codes' closed-form KLs %.3f) nats",
                estimator, mutualInformation, seMi, miAtCeiling() ? (dataBound ? String.format(" (≤ H(x) = %.3f)", miCeiling) : String.format(" (at its ceiling %.3f)", miCeiling)) : "",
                totalCorrelation, seTc, miAtCeiling() ? (dataBound ? String.format(" (≥ %.3f)", tcLowerBound()) : " (not identifiable)") : "", dimensionwiseKl, seDimKl, total, seTotal, analyticKl);
    }
}
