package lecture7.mmd;

import lecture7.kernel.Polynomial;
import lecture7.kernel.PolynomialFeatures;
import lecture7.kernel.Rbf;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** MMD² estimators against closed forms and against each other (Gretton et al. 2012). */
class MmdEstimatorsTest {
    private static final Rbf K = Rbf.ofGamma(0.5);

    /**
     * E exp(−γ‖X − Y‖²) for X ~ N(a, s_a² I), Y ~ N(b, s_b² I) in d dimensions, derived by hand for this test:
     * X − Y ~ N(a − b, v I) with v = s_a² + s_b², and per coordinate
     * ∫ e^{−γz²} N(z | m, v) dz = (1 + 2γv)^{−1/2} exp(−γm²/(1 + 2γv)).
     */
    private static double expectedRbf(double gamma, double[] a, double sa, double[] b, double sb) {
        double v = sa * sa + sb * sb, m2 = 0;
        for (int j = 0; j < a.length; j++) m2 += (a[j] - b[j]) * (a[j] - b[j]);
        return Math.pow(1 + 2 * gamma * v, -a.length / 2.0) * Math.exp(-gamma * m2 / (1 + 2 * gamma * v));
    }

    /** MMD²(P, Q) = E κ(X, X') + E κ(Y, Y') − 2 E κ(X, Y), each term from {@link #expectedRbf}. */
    private static double closedForm(double gamma, double[] mp, double sp, double[] mq, double sq) {
        return expectedRbf(gamma, mp, sp, mp, sp) + expectedRbf(gamma, mq, sq, mq, sq) - 2 * expectedRbf(gamma, mp, sp, mq, sq);
    }

    private static final double[] MU_P = {0, 0}, MU_Q = {0.5, 0};
    private static final double SD_P = 1, SD_Q = 1.2;

    @Test
    void biasedIsZeroForIdenticalSamples() {
        INDArray x = Sampler.gaussian(MU_P, 1).sample(60, new Random(1));
        assertEquals(0.0, Mmd.biased(K, x, x), 1e-12);
        assertEquals(0.0, Mmd.biased(new Polynomial(2, 1), x, x), 1e-9);
    }

    @Test
    void libraryClosedFormMatchesTheHandDerivation() {
        assertEquals(closedForm(0.5, MU_P, SD_P, MU_Q, SD_Q), GaussianMmd.rbf(K, MU_P, SD_P, MU_Q, SD_Q), 1e-12);
    }

    @Test
    @Tag("slow")
    void unbiasedEstimatorIsUnbiasedWithin4StandardErrors() {
        double truth = closedForm(0.5, MU_P, SD_P, MU_Q, SD_Q);
        Random rng = new Random(2024);
        int reps = 300, n = 40;
        double sum = 0, sum2 = 0;
        for (int r = 0; r < reps; r++) {
            INDArray x = Sampler.gaussian(MU_P, SD_P).sample(n, rng), y = Sampler.gaussian(MU_Q, SD_Q).sample(n, rng);
            double u = Mmd.unbiased(K, x, y);
            sum += u;
            sum2 += u * u;
        }
        double mean = sum / reps, se = Math.sqrt((sum2 / reps - mean * mean) / (reps - 1));
        assertTrue(Math.abs(mean - truth) < 4 * se, "mean " + mean + " vs closed form " + truth + " (SE " + se + ")");
        // the biased estimator is not: its mean sits above the truth by ≈ (E κ(X,X) + E κ(Y,Y) − …)/n
        assertTrue(truth > 0.01, "the two distributions must differ for this test to mean something");
    }

    @Test
    @Tag("slow")
    void linearTimeEstimatorIsConsistent() {
        double truth = closedForm(0.5, MU_P, SD_P, MU_Q, SD_Q);
        Random rng = new Random(7);
        Mmd.Estimate small = Mmd.linearTime(K, Sampler.gaussian(MU_P, SD_P).sample(400, rng), Sampler.gaussian(MU_Q, SD_Q).sample(400, rng));
        Mmd.Estimate large = Mmd.linearTime(K, Sampler.gaussian(MU_P, SD_P).sample(20_000, rng), Sampler.gaussian(MU_Q, SD_Q).sample(20_000, rng));
        assertTrue(large.standardError() < small.standardError() / 5, "SE must shrink like 1/√n");
        assertTrue(Math.abs(large.value() - truth) < 4 * large.standardError(),
                large.value() + " vs " + truth + " (SE " + large.standardError() + ")");
    }

    @Test
    void explicitFeatureMmdEqualsPolynomialKernelMmd() {
        Random rng = new Random(3);
        INDArray x = Sampler.gaussian(new double[]{0, 0}, 1).sample(50, rng);
        INDArray y = Sampler.laplace(0, 1).sample(70, rng).reshape(35, 2); // any other 2-D sample
        var phi = new PolynomialFeatures(3, 1.0);
        double features = Mmd.fromFeatures(phi, x, y), kernel = Mmd.biased(phi.kernel(), x, y);
        assertEquals(kernel, features, 1e-9 * Math.max(1, Math.abs(kernel)));
        assertTrue(kernel > 0);
    }

    @Test
    void biasedExceedsUnbiasedByTheDiagonalTerms() {
        // V − U = (1/n)(mean κ(x_i,x_i) − mean_{i≠j} κ(x_i,x_j)) + (same for y): for RBF κ(x,x) = 1 > off-diagonal
        Random rng = new Random(5);
        INDArray x = Sampler.gaussian(MU_P, 1).sample(30, rng), y = Sampler.gaussian(MU_Q, 1).sample(30, rng);
        assertTrue(Mmd.biased(K, x, y) > Mmd.unbiased(K, x, y));
    }

    @Test
    void badInputIsReportedInTheCallersTerms() {
        INDArray x2 = Nd4j.rand(DataType.DOUBLE, 10, 2), x3 = Nd4j.rand(DataType.DOUBLE, 10, 3);
        var dims = assertThrows(IllegalArgumentException.class, () -> Mmd.biased(K, x2, x3));
        assertTrue(dims.getMessage().contains("dimension 2") && dims.getMessage().contains("dimension 3"), dims.getMessage());
        INDArray one = Nd4j.rand(DataType.DOUBLE, 1, 2);
        assertThrows(IllegalArgumentException.class, () -> Mmd.unbiased(K, one, x2));
        var g = assertThrows(IllegalArgumentException.class, () -> Rbf.ofGamma(0));
        assertTrue(g.getMessage().contains("γ"), g.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Rbf.ofGamma(-1));
        INDArray nan = x2.dup();
        nan.putScalar(3, 1, Double.NaN);
        var n = assertThrows(IllegalArgumentException.class, () -> Mmd.biased(K, nan, x2));
        assertTrue(n.getMessage().contains("NaN"), n.getMessage());
    }
}
