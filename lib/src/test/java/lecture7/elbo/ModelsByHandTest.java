package lecture7.elbo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The tractable models' small pieces against hand computations: the mixture's likelihood, how a categorical is
 * drawn, what the samplers do with the seed, the Monte Carlo summaries, and every entry point's input checks.
 */
class ModelsByHandTest {
    private static final double LN_2PI = Math.log(2 * Math.PI);

    private final LinearGaussianModel lg = LinearGaussianModel.random(3, 2, 0.7, 5);
    private final double[] x = {0.3, -1.2, 2.0};

    private static void assertRejects(String keyword, Executable call) {
        var e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(keyword), "expected '" + keyword + "' in: " + e.getMessage());
    }

    // ---- linear-Gaussian model ----

    @Test
    void linearGaussianEntryPointsRejectNonFiniteData() {
        double[] bad = {0.3, Double.NaN, 2.0};
        Gaussian q = Gaussian.standard(2);
        double[] m = {0.1, 0.2}, logS = {0, 0};
        assertRejects("x contains a non-finite value", () -> lg.logEvidence(bad));
        assertRejects("x contains a non-finite value", () -> lg.posterior(bad));
        assertRejects("x contains a non-finite value", () -> lg.logLikelihood(bad, m));
        assertRejects("x contains a non-finite value", () -> lg.parts(bad, q));
        assertRejects("x contains a non-finite value", () -> lg.elboMonteCarlo(bad, q, 5, new Random(1)));
        assertRejects("x contains a non-finite value", () -> lg.elboMonteCarloAnalyticKl(bad, q, 5, new Random(1)));
        assertRejects("x contains a non-finite value", () -> lg.importanceWeightedBound(bad, q, 5, new Random(1)));
        assertRejects("x contains a non-finite value", () -> lg.elboGradient(bad, m, logS));
        assertRejects("x contains a non-finite value", () -> lg.reparameterizedGradient(bad, m, logS, 5, new Random(1)));
        assertRejects("x contains a non-finite value", () -> lg.scoreFunctionGradient(bad, m, logS, 5, new Random(1)));
    }

    @Test
    void linearGaussianEntryPointsRejectAWrongLatentSizeAndNoSamples() {
        Gaussian q3 = Gaussian.standard(3), q = Gaussian.standard(2);
        assertRejects("q has dimension 3, the model has M = 2", () -> lg.parts(x, q3));
        assertRejects("q has dimension 3, the model has M = 2", () -> lg.elboMonteCarlo(x, q3, 5, new Random(1)));
        assertRejects("q has dimension 3, the model has M = 2", () -> lg.elboMonteCarloAnalyticKl(x, q3, 5, new Random(1)));
        assertRejects("q has dimension 3, the model has M = 2", () -> lg.importanceWeightedBound(x, q3, 5, new Random(1)));

        double[] m = {0.1, 0.2}, logS = {0, 0}, m3 = {0, 0, 0};
        assertRejects("number of samples must be ≥ 1, got 0", () -> lg.elboMonteCarlo(x, q, 0, new Random(1)));
        assertRejects("number of samples must be ≥ 1, got 0", () -> lg.elboMonteCarloAnalyticKl(x, q, 0, new Random(1)));
        assertRejects("number of samples must be ≥ 1, got 0", () -> lg.importanceWeightedBound(x, q, 0, new Random(1)));
        assertRejects("number of samples must be ≥ 1, got 0", () -> lg.reparameterizedGradient(x, m, logS, 0, new Random(1)));
        assertRejects("number of samples must be ≥ 1, got 0", () -> lg.scoreFunctionGradient(x, m, logS, 0, new Random(1)));

        assertRejects("log-std", () -> lg.elboGradient(x, m3, logS));
        assertRejects("log-std", () -> lg.reparameterizedGradient(x, m3, logS, 5, new Random(1)));
        assertRejects("log-std", () -> lg.scoreFunctionGradient(x, m3, logS, 5, new Random(1)));
        assertRejects("log-std", () -> lg.elboGradient(x, m, new double[]{0}));
    }

    @Test
    void randomLinearGaussianDrawsWThenBFromTheSeed() {
        // documented: W, b ~ N(0, 1) from the seed, row by row (W_i1 … W_iM, then b_i); D = M = 1 is allowed
        LinearGaussianModel one = LinearGaussianModel.random(1, 1, 0.5, 42);
        Random r = new Random(42);
        assertEquals(r.nextGaussian(), one.w()[0][0], 0.0);
        assertEquals(r.nextGaussian(), one.b()[0], 0.0);
        LinearGaussianModel two = LinearGaussianModel.random(2, 3, 0.5, 7);
        r = new Random(7);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) assertEquals(r.nextGaussian(), two.w()[i][j], 0.0);
            assertEquals(r.nextGaussian(), two.b()[i], 0.0);
        }
        assertRejects("must be ≥ 1", () -> LinearGaussianModel.random(0, 1, 0.5, 1));
        assertRejects("must be ≥ 1", () -> LinearGaussianModel.random(1, 0, 0.5, 1));
    }

    @Test
    void linearGaussianSampleIsWzPlusBPlusSigmaEpsilon() {
        // z ~ N(0, I) (M normals), then x_i = (Wz + b)_i + σ ε_i (D more normals), all from the same Random
        double[][] w = {{1, 2}, {0, -1}, {3, 0.5}};
        double[] b = {0.5, -1, 2};
        double sigma = 0.25;
        LinearGaussianModel model = new LinearGaussianModel(w, b, sigma);
        Random rng = new Random(9), r = new Random(9);
        for (int t = 0; t < 5; t++) {
            double[] s = model.sample(rng);
            double z0 = r.nextGaussian(), z1 = r.nextGaussian();
            for (int i = 0; i < 3; i++)
                assertEquals(w[i][0] * z0 + w[i][1] * z1 + b[i] + sigma * r.nextGaussian(), s[i], 1e-12);
        }
    }

    @Test
    void importanceWeightedBoundIsExactAtThePosterior() {
        // with q = p(z|x) every weight p(x, z)/q(z) = p(x), so ln (1/K) Σ w_k = ln p(x) for every draw and K
        Gaussian post = lg.posterior(x);
        for (int k : new int[]{1, 5})
            assertEquals(lg.logEvidence(x), lg.importanceWeightedBound(x, post, k, new Random(k)), 1e-10);
    }

    @Test
    void posteriorCovarianceIsExactlySymmetric() {
        // Λ⁻¹ is symmetric; the library returns it with [i][j] and [j][i] the same double, not two roundings
        LinearGaussianModel model = LinearGaussianModel.random(6, 4, 0.3, 11);
        double[][] c = model.posterior(model.sample(new Random(12))).cov();
        for (int i = 0; i < 4; i++) for (int j = 0; j < i; j++) assertEquals(c[i][j], c[j][i], 0.0, "[" + i + "][" + j + "]");
    }

    @Test
    void scoreFunctionDrawsAreFTimesTheScore() {
        // q = N(m, diag(s²)), z = m + s ε; one draw: f · (z − m)/s² for m, f · ((z − m)²/s² − 1) for ln s,
        // f = ln p(x, z) − ln q(z) with ln q(z) = Σ_j [−½ ln 2π − ln s_j − ½ ε_j²]
        double[] m = {0.4, -0.3}, logS = {Math.log(0.5), Math.log(2)};
        int n = 6;
        GradientEstimate g = lg.scoreFunctionGradient(x, m, logS, n, new Random(21));
        Random r = new Random(21);
        double[] sum = new double[4];
        for (int i = 0; i < n; i++) {
            double[] eps = {r.nextGaussian(), r.nextGaussian()}, z = new double[2];
            double logQ = 0;
            for (int j = 0; j < 2; j++) {
                double s = Math.exp(logS[j]);
                z[j] = m[j] + s * eps[j];
                logQ += -0.5 * LN_2PI - logS[j] - 0.5 * eps[j] * eps[j];
            }
            double f = lg.logJoint(x, z) - logQ;
            for (int j = 0; j < 2; j++) {
                double s = Math.exp(logS[j]);
                sum[j] += f * (z[j] - m[j]) / (s * s);
                sum[2 + j] += f * ((z[j] - m[j]) * (z[j] - m[j]) / (s * s) - 1);
            }
        }
        for (int j = 0; j < 4; j++) assertEquals(sum[j] / n, g.mean()[j], 1e-9 * (1 + Math.abs(sum[j] / n)), "coordinate " + j);
    }

    // ---- mixture model ----

    private final MixtureModel mix = new MixtureModel(new double[]{0.3, 0.7}, new double[][]{{0, 0}, {1, -1}}, new double[]{2, 0.5});
    private final double[] xm = {1, 2};

    @Test
    void mixtureLogLikelihoodByHand() {
        // ln N(x | μ, s² I) = −D/2 ln(2π s²) − ‖x − μ‖²/(2s²), D = 2, x = (1, 2):
        //   k = 0: μ = (0, 0), s = 2:   −ln(2π) − 2 ln 2 − 5/8
        //   k = 1: μ = (1, −1), s = ½: −ln(2π) + 2 ln 2 − 9/(2·¼) = −ln(2π) + 2 ln 2 − 18
        assertEquals(-LN_2PI - 2 * Math.log(2) - 5.0 / 8, mix.logLikelihood(xm, 0), 1e-12);
        assertEquals(-LN_2PI + 2 * Math.log(2) - 18, mix.logLikelihood(xm, 1), 1e-12);
        // ln p(x) = ln(0.3 e^{ℓ₀} + 0.7 e^{ℓ₁})
        double l0 = -LN_2PI - 2 * Math.log(2) - 5.0 / 8, l1 = -LN_2PI + 2 * Math.log(2) - 18;
        assertEquals(Math.log(0.3 * Math.exp(l0) + 0.7 * Math.exp(l1)), mix.logEvidence(xm), 1e-12);
    }

    @Test
    void mixtureEntryPointsRejectBadDataAndBadQ() {
        double[] bad = {1, Double.POSITIVE_INFINITY};
        assertRejects("x contains a non-finite value", () -> mix.logLikelihood(bad, 0));
        assertRejects("x contains a non-finite value", () -> mix.parts(bad, new double[]{0.5, 0.5}));
        assertRejects("x contains a non-finite value", () -> mix.elboMonteCarlo(bad, new double[]{0.5, 0.5}, 5, new Random(1)));
        assertRejects("q has 3 entries, the mixture has K = 2", () -> mix.parts(xm, new double[]{0.5, 0.5, 0}));
        assertRejects("q has 3 entries, the mixture has K = 2", () -> mix.elboMonteCarlo(xm, new double[]{0.5, 0.5, 0}, 5, new Random(1)));
        assertRejects("sums to", () -> mix.parts(xm, new double[]{0.5, 0.6}));
        assertRejects("must be ≥ 0", () -> mix.parts(xm, new double[]{-0.5, 1.5}));
        assertRejects("number of samples must be ≥ 1", () -> mix.elboMonteCarlo(xm, new double[]{0.5, 0.5}, 0, new Random(1)));
    }

    @Test
    void oneDrawFromAPointMassGivesTheExactElboTerm() {
        // q = (1, 0): every draw is z = 0 and the integrand is ln π₀ + ln p(x|0) − ln 1; one draw (n = 1) is allowed
        McEstimate e = mix.elboMonteCarlo(xm, new double[]{1, 0}, 1, new Random(3));
        assertEquals(Math.log(0.3) + mix.logLikelihood(xm, 0), e.mean(), 1e-12);
        assertEquals(1, e.n());
    }

    /** A Random whose uniforms are all {@code u}: to put the categorical draw exactly on a boundary. */
    private static Random constantUniform(double u) {
        return new Random(1) {
            @Override
            public double nextDouble() {
                return u;
            }
        };
    }

    @Test
    void aComponentOfProbabilityZeroIsNeverDrawn() {
        // z = the first k with u < q₀ + … + q_k: u = 0 with q = (0, 1) gives z = 1 (u < 0 is false), never the
        // zero-probability component whose ln q would be −∞
        McEstimate e = mix.elboMonteCarlo(xm, new double[]{0, 1}, 3, constantUniform(0.0));
        assertEquals(Math.log(0.7) + mix.logLikelihood(xm, 1), e.mean(), 1e-12);
        // q summing to 1 − 5e−10 (within the 1e−9 tolerance) and u above the sum: the last component with q > 0
        MixtureModel three = new MixtureModel(new double[]{0.2, 0.3, 0.5}, new double[][]{{0}, {1}, {2}}, new double[]{1, 1, 1});
        double[] y = {0.5};
        McEstimate last = three.elboMonteCarlo(y, new double[]{0.5, 0.4999999995, 0}, 2, constantUniform(0.9999999999));
        assertEquals(three.logJoint(y, 1) - Math.log(0.4999999995), last.mean(), 1e-12);
        McEstimate first = three.elboMonteCarlo(y, new double[]{0.9999999995, 0, 0}, 2, constantUniform(0.9999999999));
        assertEquals(three.logJoint(y, 0) - Math.log(0.9999999995), first.mean(), 1e-12);
    }

    @Test
    void mixtureSampleIsInverseCdfComponentThenGaussian() {
        // z = 0 if u < π₀ else 1 (u the next uniform), then x_j = μ_zj + s_z ε_j
        MixtureModel m2 = new MixtureModel(new double[]{0.25, 0.75}, new double[][]{{-1, 1}, {2, 0}}, new double[]{0.5, 3});
        Random rng = new Random(17), r = new Random(17);
        double[][] mu = {{-1, 1}, {2, 0}};
        double[] s = {0.5, 3};
        for (int t = 0; t < 8; t++) {
            double[] v = m2.sample(rng);
            int z = r.nextDouble() < 0.25 ? 0 : 1;
            for (int j = 0; j < 2; j++) assertEquals(mu[z][j] + s[z] * r.nextGaussian(), v[j], 1e-12);
        }
    }

    @Test
    void randomMixtureHasSeededMeansEqualWeightsAndUnitStds() {
        // means = spread · N(0, 1) from the seed, row by row; K = D = 1 is allowed
        MixtureModel one = MixtureModel.random(1, 1, 2.5, 8);
        assertEquals(2.5 * new Random(8).nextGaussian(), one.means()[0][0], 0.0);
        MixtureModel m = MixtureModel.random(3, 2, 2.0, 4);
        Random r = new Random(4);
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < 2; j++) assertEquals(2.0 * r.nextGaussian(), m.means()[k][j], 0.0);
            assertEquals(1.0 / 3, m.weights()[k], 0.0);
            assertEquals(1.0, m.stds()[k], 0.0);
        }
        assertRejects("must be ≥ 1", () -> MixtureModel.random(0, 1, 1, 1));
        assertRejects("must be ≥ 1", () -> MixtureModel.random(1, 0, 1, 1));
    }

    // ---- Monte Carlo summaries and the identity's residuals ----

    @Test
    void monteCarloEstimateOfFourDrawsByHand() {
        // draws 1, 2, 3, 4: mean 2.5, Σ(d − 2.5)² = 5, sd = √(5/3), se = sd/√4; |2.5 − 3.5| in se = 2/√(5/3)
        McEstimate e = McEstimate.of(new double[]{1, 2, 3, 4});
        assertEquals(2.5, e.mean(), 1e-15);
        assertEquals(Math.sqrt(5.0 / 3) / 2, e.standardError(), 1e-15);
        assertEquals(2 / Math.sqrt(5.0 / 3), e.zScore(3.5), 1e-12);
        // one draw: no spread to estimate, standard error 0
        McEstimate one = McEstimate.of(new double[]{7});
        assertEquals(7, one.mean(), 0.0);
        assertEquals(0, one.standardError(), 0.0);
        assertRejects("no draws", () -> McEstimate.of(new double[0]));
    }

    @Test
    void gradientEstimateOfThreeDrawsByHand() {
        // draws (1, 10), (3, 14), (8, 6): means (4, 10); variances with n − 1 = 2: (9 + 1 + 16)/2 = 13, (0 + 16 + 16)/2 = 16
        GradientEstimate g = GradientEstimate.of("hand", new double[][]{{1, 10}, {3, 14}, {8, 6}});
        assertArrayEquals(new double[]{4, 10}, g.mean(), 1e-12);
        assertArrayEquals(new double[]{13, 16}, g.variance(), 1e-12);
        assertEquals(Math.sqrt(13.0 / 3), g.standardError(0), 1e-12);
        assertEquals(29, g.totalVariance(), 1e-12);
    }

    @Test
    void identityResidualsByHand() {
        // ELBO + KL(q‖p(z|x)) − ln p(x) = −4.5 + 0.5 + 3.75 = −0.25; RE − KL(q‖p(z)) − ELBO = −3 − 1 + 4.5 = 0.5
        ElboParts p = new ElboParts(-3, 1, -4.5, 0.5, -3.75);
        assertEquals(-0.25, p.identityError(), 1e-15);
        assertEquals(0.5, p.splitError(), 1e-15);
    }

    // ---- Gaussian ----

    @Test
    void gaussianStdEqualityAndDimensionChecks() {
        Gaussian g = new Gaussian(new double[]{1, -1}, new double[][]{{4, 1}, {1, 9}});
        assertArrayEquals(new double[]{2, 3}, g.std(), 1e-15);
        Gaussian same = new Gaussian(new double[]{1, -1}, new double[][]{{4, 1}, {1, 9}});
        assertEquals(g, same);
        assertEquals(g.hashCode(), same.hashCode());
        assertNotEquals(g, new Gaussian(new double[]{1, 0}, new double[][]{{4, 1}, {1, 9}}));
        assertNotEquals(g, new Gaussian(new double[]{1, -1}, new double[][]{{4, 1}, {1, 8}}));
        assertNotEquals(g, (Object) "N(1, 4)");
        assertRejects("eps has 3 entries, the Gaussian has dimension 2", () -> g.transform(new double[3]));
        assertRejects("z has 1 entries, the Gaussian has dimension 2", () -> g.logDensity(new double[1]));
        assertRejects("std[1] = 0.0 must be > 0", () -> Gaussian.diagonal(new double[]{0, 0}, new double[]{1, 0}));
    }

    @Test
    void choleskyToleratesRoundingAsymmetryAndRejectsAZeroPivot() {
        // relative asymmetry 1e−11 (|a| = 100, difference 1e−9 < 1e−10·(1 + 100)) is rounding, accepted;
        // ln det [[400, 100], [100, 400]] = ln(160000 − 10000) = ln 150000
        Gaussian g = new Gaussian(new double[]{0, 0}, new double[][]{{400, 100}, {100 + 1e-9, 400}});
        assertEquals(0.5 * (2 * (1 + LN_2PI) + Math.log(150000)), g.entropy(), 1e-9);
        // [[1, 1], [1, 1]]: second pivot 1 − 1·1 = 0 exactly, singular
        assertRejects("not positive definite", () -> new Gaussian(new double[]{0, 0}, new double[][]{{1, 1}, {1, 1}}));
    }
}
