package lecture7.infotheory;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class DecompositionTest {
    private static final double LN2 = Math.log(2);

    // ---------------- exact, discrete ----------------

    @Test
    void discreteGoldenCasesByHand() {
        double[] px = {0.5, 0.5};
        double[][] half = {{0.5, 0.5}};
        // z = x (one binary latent, uniform prior): KL = ln 2 = MI, TC = 0, dim-wise KL = 0
        DiscreteDecomposition copy = DiscreteDecomposition.of(px, new double[][]{{1, 0}, {0, 1}}, new int[]{2}, half);
        assertEquals(LN2, copy.averageKl(), 1e-15);
        assertEquals(LN2, copy.mutualInformation(), 1e-15);
        assertEquals(0, copy.totalCorrelation(), 1e-15);
        assertEquals(0, copy.dimensionwiseKl(), 1e-15);
        // z1 = z2 = x: KL = Σ p(x) ln(1/¼) = 2 ln 2; MI = ln 2; TC = I(z1; z2) = ln 2; dim-wise KL = 0
        double[][] both = {{1, 0, 0, 0}, {0, 0, 0, 1}};   // grid (z1,z2) = 00, 01, 10, 11
        DiscreteDecomposition dup = DiscreteDecomposition.of(px, both, new int[]{2, 2}, new double[][]{{0.5, 0.5}, {0.5, 0.5}});
        assertEquals(2 * LN2, dup.averageKl(), 1e-15);
        assertEquals(LN2, dup.mutualInformation(), 1e-15);
        assertEquals(LN2, dup.totalCorrelation(), 1e-15);
        assertEquals(0, dup.dimensionwiseKl(), 1e-15);
        // q(z|x) = δ(z=0) for both x, prior ½: KL = ln 2, all of it dimension-wise
        DiscreteDecomposition prior = DiscreteDecomposition.of(px, new double[][]{{1, 0}, {1, 0}}, new int[]{2}, half);
        assertEquals(0, prior.mutualInformation(), 1e-15);
        assertEquals(LN2, prior.dimensionwiseKl(), 1e-15);
    }

    @Test
    void discretePartsSumToTheAverageKlExactly() {
        Random rng = new Random(11);
        int[] card = {2, 3, 4};
        for (int trial = 0; trial < 20; trial++) {
            int n = 2 + rng.nextInt(6);
            double[] px = simplex(rng, n);
            double[][] table = new double[n][];
            for (int x = 0; x < n; x++) table[x] = simplex(rng, 24);
            double[][] prior = {simplex(rng, 2), simplex(rng, 3), simplex(rng, 4)};
            DiscreteDecomposition d = DiscreteDecomposition.of(px, table, card, prior);
            assertEquals(d.averageKl(), d.sumOfParts(), 1e-10);
            assertTrue(d.mutualInformation() >= -1e-15 && d.totalCorrelation() >= -1e-15 && d.dimensionwiseKl() >= -1e-15);
            assertTrue(d.mutualInformation() <= entropy(px) + 1e-12, "I(x; z) ≤ H(x)");
            // mean-field encoder too
            double[][][] q = new double[n][3][];
            for (int x = 0; x < n; x++) for (int j = 0; j < 3; j++) q[x][j] = simplex(rng, card[j]);
            DiscreteDecomposition f = DiscreteDecomposition.factorized(px, q, prior);
            assertEquals(f.averageKl(), f.sumOfParts(), 1e-10);
        }
    }

    @Test
    void discreteRejectsBadTables() {
        double[] px = {0.5, 0.5};
        var e = assertThrows(IllegalArgumentException.class,
                () -> DiscreteDecomposition.of(px, new double[][]{{0.7, 0.7}, {0.5, 0.5}}, new int[]{2}, new double[][]{{0.5, 0.5}}));
        assertTrue(e.getMessage().contains("sums to"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> DiscreteDecomposition.of(px, new double[][]{{0, 1}, {0, 1}}, new int[]{2}, new double[][]{{1, 0}}));
    }

    // ---------------- Gaussian encoder ----------------

    private static GaussianCodes randomCodes(Random rng, int n, int d, double spread) {
        double[][] mu = new double[n][d], ls = new double[n][d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) {
                mu[i][j] = spread * rng.nextGaussian() + (j == 1 ? 0.8 * mu[i][0] : 0);   // z_2 correlated with z_1
                ls[i][j] = -1.0 + 0.5 * rng.nextGaussian();
            }
        return GaussianCodes.of(mu, ls);
    }

    /** ln q(z_i) and ln q(z_ij) by explicit loops over every pair (the brute force the matrix products must match). */
    private static double[][] bruteForce(GaussianCodes c, double[][] z) {
        int n = c.n(), d = c.dims(), r = z.length;
        double[][] out = new double[d + 1][r];
        for (int i = 0; i < r; i++) {
            double[] joint = new double[n];
            double[][] marg = new double[d][n];
            for (int k = 0; k < n; k++)
                for (int j = 0; j < d; j++) {
                    double m = c.mu().getDouble(k, j), s = c.logSigma().getDouble(k, j);
                    double l = -0.5 * Math.log(2 * Math.PI) - s - 0.5 * Math.pow((z[i][j] - m) / Math.exp(s), 2);
                    joint[k] += l;
                    marg[j][k] = l;
                }
            out[0][i] = lecture7.elbo.LogSumExp.of(joint) - Math.log(n);
            for (int j = 0; j < d; j++) out[j + 1][i] = lecture7.elbo.LogSumExp.of(marg[j]) - Math.log(n);
        }
        return out;
    }

    @Test
    void fullDataDensitiesMatchBruteForceInEveryBlockSize() {
        Random rng = new Random(3);
        GaussianCodes c = randomCodes(rng, 37, 3, 1.5);
        double[][] z = new double[23][3];
        for (double[] row : z) for (int j = 0; j < 3; j++) row[j] = 2 * rng.nextGaussian();
        double[][] want = bruteForce(c, z);
        AggregatePosterior ap = new AggregatePosterior(c);
        for (int block : new int[]{1, 5, 23, 1000}) {
            double[][] got = ap.logDensities(Nd4j.createFromArray(z), block);
            for (int p = 0; p < 4; p++) for (int i = 0; i < z.length; i++) assertEquals(want[p][i], got[p][i], 1e-10);
        }
    }

    @Test
    void gaussianPartsSumToTheClosedFormKlWithinMonteCarloError() {
        GaussianCodes c = randomCodes(new Random(5), 400, 4, 1.0);
        KlDecomposition d = KlDecomposition.fullData(c, 4, new Random(17));
        // each part against the same z (the estimator's draws: codes.sample(k, rng)) with ln q(z) and
        // ln q(z_j) by brute force and the parts' definitions written out here; means and SEs of the per-point averages
        double[][] z = c.sample(4, new Random(17)).toDoubleMatrix(), lq = bruteForce(c, z);
        double[][] perPoint = new double[4][400];   // MI, TC, dim-wise KL, total
        for (int p = 0; p < 400; p++)
            for (int r = 0; r < 4; r++) {
                int row = p * 4 + r;
                double logQzx = 0, logPz = 0, sumMarg = 0;
                for (int j = 0; j < 4; j++) {
                    double m = c.mu().getDouble(p, j), ls = c.logSigma().getDouble(p, j), u = (z[row][j] - m) / Math.exp(ls);
                    logQzx += -0.5 * Math.log(2 * Math.PI) - ls - 0.5 * u * u;
                    logPz += -0.5 * Math.log(2 * Math.PI) - 0.5 * z[row][j] * z[row][j];
                    sumMarg += lq[j + 1][row];
                }
                perPoint[0][p] += (logQzx - lq[0][row]) / 4;
                perPoint[1][p] += (lq[0][row] - sumMarg) / 4;
                perPoint[2][p] += (sumMarg - logPz) / 4;
                perPoint[3][p] += (logQzx - logPz) / 4;
            }
        double[] got = {d.mutualInformation(), d.totalCorrelation(), d.dimensionwiseKl(), d.total()};
        double[] gotSe = {d.seMi(), d.seTc(), d.seDimKl(), d.seTotal()};
        for (int q = 0; q < 4; q++) {
            double mean = java.util.Arrays.stream(perPoint[q]).average().orElseThrow(), ss = 0;
            for (double v : perPoint[q]) ss += (v - mean) * (v - mean);
            assertEquals(mean, got[q], 1e-9, "part " + q);
            assertEquals(Math.sqrt(ss / 399 / 400), gotSe[q], 1e-9, "SE of part " + q);
        }
        assertEquals(d.total(), d.sumOfParts(), 1e-9, "the three parts telescope");
        assertEquals(d.analyticKl(), d.total(), 4 * d.seTotal(), d.toString());
        assertTrue(d.seTotal() < 0.1 * d.analyticKl());
        assertTrue(d.totalCorrelation() > 0.1, "z_2 = 0.8 z_1 + noise: the code is correlated, " + d);
        assertTrue(d.mutualInformation() > 0 && d.mutualInformation() <= Math.log(400) + 4 * d.seMi());
        // same seed, same numbers
        assertEquals(d, KlDecomposition.fullData(c, 4, new Random(17)));
    }

    @Test
    void knownGaussianCases() {
        int n = 60;
        // every posterior equals the prior: q(z|x) = q(z) = p(z), all parts exactly 0
        GaussianCodes prior = new GaussianCodes(Nd4j.zeros(n, 3), Nd4j.zeros(n, 3));
        KlDecomposition p = KlDecomposition.fullData(prior, 2, 1);
        assertEquals(0, p.mutualInformation(), 1e-12);
        assertEquals(0, p.totalCorrelation(), 1e-12);
        assertEquals(0, p.dimensionwiseKl(), 1e-12);
        // well separated point masses in one dimension: MI = ln N, TC = 0 (one latent)
        double[][] mu = new double[n][1], ls = new double[n][1];
        for (int i = 0; i < n; i++) {
            mu[i][0] = 10.0 * i;
            ls[i][0] = Math.log(0.01);
        }
        KlDecomposition sep = KlDecomposition.fullData(GaussianCodes.of(mu, ls), 1, 2);
        // tolerance: the expanded quadratic z²/σ² − 2zμ/σ² + μ²/σ² loses ~ε·μ²/σ² ≈ 1e-16·(590/0.01)² to rounding
        assertEquals(Math.log(n), sep.mutualInformation(), 1e-6);
        assertEquals(0, sep.totalCorrelation(), 1e-6);
    }

    @Test
    void miAtTheEstimatorsCeilingIsFlagged() {
        int n = 60;
        // hits the ceiling: well separated point masses, I(x; z) = ln N exactly (the estimator's largest value)
        double[][] mu = new double[n][2], ls = new double[n][2];
        for (int i = 0; i < n; i++) {
            mu[i][0] = 10.0 * i;
            ls[i][0] = ls[i][1] = Math.log(0.01);
        }
        KlDecomposition sep = KlDecomposition.fullData(GaussianCodes.of(mu, ls), 1, 2);
        assertEquals(Math.log(n), sep.miCeiling(), 1e-15);
        assertTrue(sep.miAtCeiling(), sep.toString());
        assertEquals(String.format(java.util.Locale.ROOT, "≥ %.2f (ceiling)", Math.log(n)), sep.miText());
        assertEquals("not identifiable", sep.tcText());
        assertTrue(sep.toString().contains("ceiling"), sep.toString());
        // does not: broad overlapping posteriors, MI well below ln 400 (≈ 6.0)
        KlDecomposition broad = KlDecomposition.fullData(randomCodes(new Random(5), 400, 2, 1.0), 1, 3);
        assertTrue(broad.mutualInformation() < broad.miCeiling() - 1, broad.toString());
        assertFalse(broad.miAtCeiling());
        assertEquals(String.format(java.util.Locale.ROOT, "%.2f", broad.totalCorrelation()), broad.tcText());
        // a Monte Carlo TC of a factorised code can come out a hair below zero: shown as 0.00, not −0.00
        assertEquals("0.00", KlDecomposition.nats(-0.0012));
        assertEquals("-0.01", KlDecomposition.nats(-0.0051));
        assertEquals("1.24", KlDecomposition.nats(1.2351));
        // the data's entropy lowers the ceiling: the same MI reads as at the ceiling when H(x) is just above it
        KlDecomposition capped = broad.withDataEntropy(broad.mutualInformation() + 0.3);
        assertTrue(capped.miAtCeiling());
        // H(x) bounds the true MI: the cells are intervals, and the TC's is as wide as the MI's (the parts add up)
        assertEquals(KlDecomposition.interval(capped.mutualInformation(), capped.miCeiling()), capped.miText());
        assertEquals(Math.max(0, capped.totalCorrelation() - 0.3), capped.tcLowerBound(), 1e-12);
        assertEquals(capped.totalCorrelation() - capped.tcLowerBound(), capped.tcUncertainty(), 1e-12);
        assertTrue(capped.tcUncertainty() <= 0.3 + 1e-12);
        assertTrue(capped.toString().contains("≤ H(x)"), capped.toString());
        assertEquals(Double.POSITIVE_INFINITY, sep.miUpperBound(), "the estimator's ln N bounds nothing of a continuous distribution");
        assertEquals(broad.totalCorrelation(), broad.tcLowerBound(), 0);
        assertEquals(broad.miCeiling(), broad.withDataEntropy(100).miCeiling(), 0, "a larger entropy keeps ln N");
        assertThrows(IllegalArgumentException.class, () -> broad.withDataEntropy(Double.NaN));
        // minibatch estimators: ln N for stratified weights, ln(N·B) for MWS (the own posterior's weight 1/(N·B))
        GaussianCodes big = randomCodes(new Random(9), 400, 2, 1.0);
        assertEquals(Math.log(400), KlDecomposition.minibatch(big, MinibatchEstimator.STRATIFIED, 100, 1).miCeiling(), 1e-12);
        assertEquals(Math.log(400 * 100), KlDecomposition.minibatch(big, MinibatchEstimator.WEIGHTED, 100, 1).miCeiling(), 1e-12);
    }

    @Test
    void minibatchEstimatorsAgainstTheFullData() {
        Random rng = new Random(8);
        GaussianCodes c = randomCodes(rng, 64, 3, 1.0);
        double[][] z = c.sample(1, new Random(4)).toDoubleMatrix();
        double[][] mu = c.mu().toDoubleMatrix(), ls = c.logSigma().toDoubleMatrix();
        double[][] full = new AggregatePosterior(c).logDensities(Nd4j.createFromArray(z));
        // stratified with the whole data set as the batch is the full-data estimator
        MinibatchDensities st = new MinibatchDensities(z, mu, ls, MinibatchEstimator.STRATIFIED, 64);
        // MWS is the batch's log-mean-exp minus ln N: with B = N that is the full-data value − ln N
        MinibatchDensities mws = new MinibatchDensities(z, mu, ls, MinibatchEstimator.WEIGHTED, 64);
        for (int i = 0; i < 64; i++) {
            assertEquals(full[0][i], st.logQz[i], 1e-10);
            assertEquals(full[0][i] - Math.log(64), mws.logQz[i], 1e-10);
            for (int j = 0; j < 3; j++) {
                assertEquals(full[j + 1][i], st.logQzj[i][j], 1e-10);
                assertEquals(full[j + 1][i] - Math.log(64), mws.logQzj[i][j], 1e-10);
            }
        }
        // over a larger data set: the stratified q̂(z) is unbiased, but ln q̂(z) is biased low by Jensen's gap, more for
        // the joint density than for the one-dimensional marginals, so at B = 200 of N = 2000 the TC comes out low and
        // the MI high; the gap shrinks as B grows. Tolerances: 4 standard errors of the difference of two independent
        // Monte Carlo estimates, √(SE_full² + SE_batch²) (each SE over points, which includes the points' own spread,
        // so it bounds the Monte Carlo error from above). Measured: TC 0.206 ± 0.013 full data, 0.082 ± 0.017 at B = 200
        // (0.067–0.110 over seeds 1–4: 2.5× too small), 0.176 ± 0.014 at B = 1000.
        GaussianCodes big = randomCodes(new Random(9), 2000, 3, 1.0);
        KlDecomposition f = KlDecomposition.fullData(big, 1, 1);
        KlDecomposition s = KlDecomposition.minibatch(big, MinibatchEstimator.STRATIFIED, 200, 1);
        KlDecomposition half = KlDecomposition.minibatch(big, MinibatchEstimator.STRATIFIED, 1000, 1);
        KlDecomposition w = KlDecomposition.minibatch(big, MinibatchEstimator.WEIGHTED, 200, 1);
        assertEquals(f.totalCorrelation(), half.totalCorrelation(), 4 * Math.hypot(f.seTc(), half.seTc()), f + "\n" + half);
        assertEquals(f.mutualInformation(), half.mutualInformation(), 4 * Math.hypot(f.seMi(), half.seMi()), f + "\n" + half);
        assertEquals(f.dimensionwiseKl(), half.dimensionwiseKl(), 4 * Math.hypot(f.seDimKl(), half.seDimKl()), f + "\n" + half);
        assertTrue(s.totalCorrelation() < f.totalCorrelation() - 4 * Math.hypot(f.seTc(), s.seTc()),
                "Jensen's gap at B = 200 pulls the TC down:\n" + f + "\n" + s);
        assertTrue(s.mutualInformation() > f.mutualInformation(), "and pushes the MI up:\n" + f + "\n" + s);
        assertTrue(w.totalCorrelation() > f.totalCorrelation() + Math.log(2000), "MWS TC carries a +(M−1)·ln N-sized offset: " + w);
        // the total ln q(z|x) − ln p(z) needs no aggregate density: it is the single-sample KL, unbiased for the closed
        // form under every estimator (4 standard errors)
        assertEquals(s.analyticKl(), s.total(), 4 * s.seTotal(), s.toString());
        assertEquals(w.analyticKl(), w.total(), 4 * w.seTotal(), w.toString());
    }

    @Test
    void minibatchGradientsMatchFiniteDifferences() {
        Random rng = new Random(21);
        int b = 5, d = 3;
        double[][] z = new double[b][d], mu = new double[b][d], ls = new double[b][d];
        double[] a = new double[b], c = new double[b], e = new double[b];
        double[][] w = new double[b][d];
        for (int i = 0; i < b; i++) {
            a[i] = rng.nextGaussian();
            c[i] = rng.nextGaussian();
            e[i] = rng.nextGaussian();
            for (int j = 0; j < d; j++) {
                z[i][j] = rng.nextGaussian();
                mu[i][j] = rng.nextGaussian();
                ls[i][j] = -0.5 + 0.3 * rng.nextGaussian();
                w[i][j] = rng.nextGaussian();
            }
        }
        for (MinibatchEstimator est : MinibatchEstimator.values()) {
            // L = Σ a_i ln q̂(z_i) + Σ w_ij ln q̂(z_ij) + Σ c_i ln q(z_i|x_i) + Σ e_i ln p(z_i)
            java.util.function.Supplier<Double> loss = () -> {
                MinibatchDensities m = new MinibatchDensities(z, mu, ls, est, 1000);
                double l = 0;
                for (int i = 0; i < b; i++) {
                    l += a[i] * m.logQz[i] + c[i] * m.logQzx[i] + e[i] * m.logPz[i];
                    for (int j = 0; j < d; j++) l += w[i][j] * m.logQzj[i][j];
                }
                return l;
            };
            MinibatchDensities.Gradients g = new MinibatchDensities(z, mu, ls, est, 1000).backward(a, w, c, e);
            double[][][] params = {z, mu, ls}, grads = {g.z(), g.mu(), g.logSigma()};
            String[] names = {"z", "mu", "logSigma"};
            for (int p = 0; p < 3; p++)
                for (int i = 0; i < b; i++)
                    for (int j = 0; j < d; j++) {
                        double old = params[p][i][j], h = 1e-6;
                        params[p][i][j] = old + h;
                        double up = loss.get();
                        params[p][i][j] = old - h;
                        double down = loss.get();
                        params[p][i][j] = old;
                        double fd = (up - down) / (2 * h);
                        assertEquals(fd, grads[p][i][j], 1e-6 * Math.max(1, Math.abs(fd)), est + " d/d" + names[p] + "[" + i + "][" + j + "]");
                    }
        }
    }

    @Test
    void perDimensionKlAndActiveUnits() {
        // rows (μ, ln σ): dim 0 has μ = ±1, σ = 1; dim 1 has μ = 0, σ = e^{-1}
        GaussianCodes c = GaussianCodes.of(new double[][]{{1, 0}, {-1, 0}}, new double[][]{{0, -1}, {0, -1}});
        double[] kl = c.perDimKl();
        assertEquals(0.5, kl[0], 1e-15);                                   // ½(1 + 1 − 0 − 1)
        assertEquals(0.5 * (Math.exp(-2) + 2 - 1), kl[1], 1e-15);          // ½(0 + e⁻² + 2 − 1)
        assertEquals(kl[0] + kl[1], c.meanKl(), 1e-15);
        assertArrayEquals(new double[]{1, 0}, c.activity(), 1e-15);
        assertEquals(1, c.activeUnits(0.01));
        assertEquals(1, c.largestActivity(), 1e-15);                         // Var(+1, −1) = 1
        // σ values 1, e⁻¹, 1, e⁻¹: the two middle ones are e⁻¹ and 1
        assertEquals((1 + Math.exp(-1)) / 2, c.medianSigma(), 1e-15);
        GaussianCodes odd = GaussianCodes.of(new double[][]{{0}, {0}, {0}}, new double[][]{{-3}, {0.5}, {-1}});
        assertEquals(Math.exp(-1), odd.medianSigma(), 1e-15);
        assertEquals(0, odd.largestActivity(), 0);                         // every mean the same: collapsed
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new GaussianCodes(Nd4j.zeros(3, 2), Nd4j.zeros(3, 3)));
        GaussianCodes c = new GaussianCodes(Nd4j.zeros(10, 2), Nd4j.zeros(10, 2));
        var e = assertThrows(IllegalArgumentException.class, () -> KlDecomposition.minibatch(c, MinibatchEstimator.STRATIFIED, 64, 1));
        assertTrue(e.getMessage().contains("smaller than the batch"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AggregatePosterior(c).logDensities(Nd4j.zeros(4, 3)));
        INDArray nan = Nd4j.zeros(2, 2);
        nan.putScalar(0, 0, Double.NaN);
        assertThrows(IllegalArgumentException.class, () -> new GaussianCodes(nan, Nd4j.zeros(2, 2)));
    }

    private static double[] simplex(Random rng, int k) {
        double[] p = new double[k];
        double s = 0;
        for (int i = 0; i < k; i++) s += p[i] = -Math.log(rng.nextDouble());
        for (int i = 0; i < k; i++) p[i] /= s;
        return p;
    }

    private static double entropy(double[] p) {
        double h = 0;
        for (double v : p) if (v > 0) h -= v * Math.log(v);
        return h;
    }

    /**
     * The trap the long-seed overloads avoid: data made with {@code new Random(seed)} and z's noise drawn from the
     * same seed would be the same normals, so z would copy x. With a code whose posterior noise σ equals the data's
     * spread (μ = 0, σ = 1, x = the first normals of Random(seed)) the derived stream keeps the estimate of I(x; z)
     * near its true value 0; the replayed stream would not.
     */
    @Test
    void theSeedOfTheDataDoesNotReplayAsZsNoise() {
        assertNotEquals(7L, KlDecomposition.noiseSeed(7));
        Random data = new Random(7), noise = new Random(KlDecomposition.noiseSeed(7));
        for (int i = 0; i < 5; i++) assertNotEquals(data.nextGaussian(), noise.nextGaussian());
        // the same numbers whether the stream is derived by the overload or passed in
        GaussianCodes c = randomCodes(new Random(3), 50, 2, 1.0);
        assertEquals(KlDecomposition.fullData(c, 2, new Random(KlDecomposition.noiseSeed(7))), KlDecomposition.fullData(c, 2, 7));
        assertEquals(KlDecomposition.minibatch(c, MinibatchEstimator.STRATIFIED, 10, new Random(KlDecomposition.noiseSeed(7))),
                KlDecomposition.minibatch(c, MinibatchEstimator.STRATIFIED, 10, 7));
    }
}
