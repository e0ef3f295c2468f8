package lecture7.mmd;

import lecture7.kernel.Gram;
import lecture7.kernel.Kernel;
import lecture7.kernel.Rbf;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The estimators' two code paths (one joint Gram matrix for small samples, tiles for large) and HSIC's formula. */
class EstimatorPathsTest {

    static INDArray randn(int n, int d, double shift, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n * d];
        for (int i = 0; i < v.length; i++) v[i] = r.nextGaussian() + shift;
        return Nd4j.create(v, new long[]{n, d}, DataType.DOUBLE);
    }

    @Test
    void smallJointGramAndTiledSumsAgree() {
        INDArray x = randn(300, 3, 0, 21), y = randn(200, 3, 0.2, 22);
        Rbf k = new Rbf(0.3);
        double n = 300, m = 200;
        double sxx = Gram.sumSymmetric(k, x), syy = Gram.sumSymmetric(k, y), sxy = Gram.sum(k, x, y);
        // MMD²_V and MMD²_U from the tiled sums, written out here
        assertEquals(sxx / (n * n) + syy / (m * m) - 2 * sxy / (n * m), Mmd.biased(k, x, y), 1e-12);
        double u = (sxx - Gram.trace(k, x)) / (n * (n - 1)) + (syy - Gram.trace(k, y)) / (m * (m - 1)) - 2 * sxy / (n * m);
        assertEquals(u, Mmd.unbiased(k, x, y), 1e-12);
    }

    @Test
    @Tag("slow")
    void floatTilesAgreeWithDoubleAtLargeN() {
        // 3000 + 3000 points: above Mmd.SMALL, so float Gram tiles summed in double
        INDArray x = randn(3000, 16, 0, 10), y = randn(3000, 16, 0.05, 11);
        Rbf k = new Rbf(1.0 / 16);
        double d = Mmd.biased(k, x, y), f = Mmd.biased(k, x.castTo(DataType.FLOAT), y.castTo(DataType.FLOAT));
        assertEquals(d, f, 2e-5 * Math.max(d, 1e-3), "double " + d + " float " + f);
    }

    @Test
    @Tag("slow")
    void biasedEstimatorIsBiasedAtSmallN() {
        // the V-statistic's diagonal terms push it up: at n = m = 10 its mean is many SE above the truth,
        // which the U-statistic's unbiasedness test (MmdEstimatorsTest) would catch if the two were swapped
        Rbf k = new Rbf(0.5);
        double truth = GaussianMmd.rbf(k, new double[]{0, 0}, 1, new double[]{0.5, 0}, 1);
        Sampler p = Sampler.gaussian(new double[]{0, 0}, 1), q = Sampler.gaussian(new double[]{0.5, 0}, 1);
        Random rng = new Random(2024);
        int reps = 500;
        double s = 0, s2 = 0;
        for (int r = 0; r < reps; r++) {
            double v = Mmd.biased(k, p.sample(10, rng), q.sample(10, rng));
            s += v;
            s2 += v * v;
        }
        double mean = s / reps, se = Math.sqrt((s2 / reps - mean * mean) / reps);
        assertTrue(mean - truth > 4 * se, mean + " vs " + truth + " ± " + se);
    }

    @Test
    void hsicEqualsTheTraceFormulaWithExplicitCentering() {
        Sampler.Pairs d = Sampler.correlated(25, 0.6, new Random(1));
        Kernel k = new Rbf(0.5), l = new Rbf(1.5);
        int n = 25;
        // tr(K H L H)/n² with H = I − 11ᵀ/n formed explicitly
        INDArray h = Nd4j.eye(n).castTo(DataType.DOUBLE).subi(1.0 / n);
        INDArray khlh = k.gram(d.x(), d.x()).mmul(h).mmul(l.gram(d.y(), d.y())).mmul(h);
        double tr = 0;
        for (int i = 0; i < n; i++) tr += khlh.getDouble(i, i);
        assertEquals(tr / (n * n), Hsic.biased(k, l, d.x(), d.y()), 1e-14);
        // closed-form Gaussian MI from a covariance matrix agrees with the bivariate formula
        assertEquals(GaussianMi.bivariate(0.5), GaussianMi.ofCovariance(new double[][]{{4, 1}, {1, 1}}, 1), 1e-12);
    }
}
