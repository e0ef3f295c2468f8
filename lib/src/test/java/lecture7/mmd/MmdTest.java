package lecture7.mmd;

import lecture7.kernel.*;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class MmdTest {

    static INDArray randn(int n, int d, double shift, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n * d];
        for (int i = 0; i < v.length; i++) v[i] = r.nextGaussian() + shift;
        return Nd4j.create(v, new long[]{n, d}, DataType.DOUBLE);
    }

    /** The slide's formula with three explicit double loops (independent of the tiled GEMM code). */
    static double biasedByLoops(Kernel k, INDArray x, INDArray y) {
        int n = (int) x.rows(), m = (int) y.rows();
        double sxx = 0, syy = 0, sxy = 0;
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) sxx += k.value(x.getRow(i).toDoubleVector(), x.getRow(j).toDoubleVector());
        for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) syy += k.value(y.getRow(i).toDoubleVector(), y.getRow(j).toDoubleVector());
        for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) sxy += k.value(x.getRow(i).toDoubleVector(), y.getRow(j).toDoubleVector());
        return sxx / n / n + syy / m / m - 2 * sxy / n / m;
    }

    @Test
    void biasedEstimatorIsZeroForIdenticalSamplesAndMatchesLoops() {
        INDArray x = randn(40, 3, 0, 1), y = randn(25, 3, 0.5, 2);
        Rbf k = new Rbf(0.4);
        assertEquals(0, Mmd.biased(k, x, x), 1e-12);
        assertEquals(biasedByLoops(k, x, y), Mmd.biased(k, x, y), 1e-12);
        Laplace l = new Laplace(0.8);
        assertEquals(biasedByLoops(l, x, y), Mmd.biased(l, x, y), 1e-12);
        assertTrue(Mmd.biased(k, x, y) > 0);
    }

    @Test
    void smallJointGramAndTiledPathsAgree() {
        INDArray x = randn(300, 3, 0, 21), y = randn(200, 3, 0.2, 22);
        Rbf k = new Rbf(0.3);
        double n = 300, m = 200;
        double sxx = Gram.sumSymmetric(k, x), syy = Gram.sumSymmetric(k, y), sxy = Gram.sum(k, x, y);
        assertEquals(sxx / (n * n) + syy / (m * m) - 2 * sxy / (n * m), Mmd.biased(k, x, y), 1e-12);
        double u = (sxx - Gram.trace(k, x)) / (n * (n - 1)) + (syy - Gram.trace(k, y)) / (m * (m - 1)) - 2 * sxy / (n * m);
        assertEquals(u, Mmd.unbiased(k, x, y), 1e-12);
    }

    @Test
    void linearKernelMmdIsTheSquaredMeanDifference() {
        INDArray x = randn(30, 2, 0, 3), y = randn(20, 2, 1, 4);
        double[] mx = x.mean(0).toDoubleVector(), my = y.mean(0).toDoubleVector();
        double d2 = (mx[0] - my[0]) * (mx[0] - my[0]) + (mx[1] - my[1]) * (mx[1] - my[1]);
        assertEquals(d2, Mmd.biased(new Linear(), x, y), 1e-12);
    }

    @Test
    void explicitFeatureMmdEqualsKernelMmdForThePolynomialKernel() {
        INDArray x = randn(30, 2, 0, 5), y = randn(35, 2, 0.3, 6);
        for (int p = 1; p <= 3; p++) {
            PolynomialFeatures f = new PolynomialFeatures(p, 1.0);
            double viaFeatures = Mmd.fromFeatures(f, x, y), viaKernel = Mmd.biased(f.kernel(), x, y);
            assertEquals(viaKernel, viaFeatures, 1e-12 * Math.max(1, viaKernel), "p=" + p);
        }
    }

    @Test
    void taylorFeatureMmdConvergesToRbfMmd() {
        INDArray x = randn(200, 1, 0, 7), y = Sampler.laplace(0, 1).sample(200, new Random(8));
        Rbf k = new Rbf(0.5);
        double exact = Mmd.biased(k, x, y);
        double e4 = Math.abs(Mmd.fromFeatures(new TaylorRbfFeatures(0.5, 4), x, y) - exact);
        double e40 = Math.abs(Mmd.fromFeatures(new TaylorRbfFeatures(0.5, 40), x, y) - exact);
        assertTrue(e40 < e4);
        assertEquals(exact, Mmd.fromFeatures(new TaylorRbfFeatures(0.5, 80), x, y), 1e-12);
    }

    @Test
    void closedFormGaussianMmdAgreesWithQuadrature() {
        // independent check in 1-D: E κ(X, Y) = ∫∫ κ(x, y) p(x) q(y) dx dy by the midpoint rule on [−12, 12]²
        Rbf k = new Rbf(0.7);
        double muP = 0.3, sP = 1.2, muQ = -0.5, sQ = 0.8, h = 0.02;
        int steps = (int) (24 / h);
        double epq = 0;
        for (int i = 0; i < steps; i++) {
            double x = -12 + (i + 0.5) * h, px = Math.exp(-0.5 * Math.pow((x - muP) / sP, 2)) / (sP * Math.sqrt(2 * Math.PI));
            for (int j = 0; j < steps; j++) {
                double y = -12 + (j + 0.5) * h, qy = Math.exp(-0.5 * Math.pow((y - muQ) / sQ, 2)) / (sQ * Math.sqrt(2 * Math.PI));
                epq += Math.exp(-0.7 * (x - y) * (x - y)) * px * qy * h * h;
            }
        }
        assertEquals(epq, GaussianMmd.expectedKernel(k, new double[]{muP}, sP, new double[]{muQ}, sQ), 1e-9);
        assertEquals(0, GaussianMmd.rbf(k, new double[]{1, 2}, 0.5, new double[]{1, 2}, 0.5), 1e-15);
    }

    @Test
    void unbiasedEstimatorIsUnbiasedAndTheBiasedOneIsNot() {
        // P = N(0, I₂), Q = N((0.5, 0), I₂), RBF γ = 0.5, n = m = 10, 2000 repetitions
        Rbf k = new Rbf(0.5);
        double truth = GaussianMmd.rbf(k, new double[]{0, 0}, 1, new double[]{0.5, 0}, 1);
        Sampler p = Sampler.gaussian(new double[]{0, 0}, 1), q = Sampler.gaussian(new double[]{0.5, 0}, 1);
        Random rng = new Random(2024);
        int reps = 2000;
        double su = 0, su2 = 0, sv = 0, sv2 = 0;
        for (int r = 0; r < reps; r++) {
            INDArray x = p.sample(10, rng), y = q.sample(10, rng);
            double u = Mmd.unbiased(k, x, y), v = Mmd.biased(k, x, y);
            su += u;
            su2 += u * u;
            sv += v;
            sv2 += v * v;
        }
        double mu = su / reps, seU = Math.sqrt((su2 / reps - mu * mu) / reps);
        double mv = sv / reps, seV = Math.sqrt((sv2 / reps - mv * mv) / reps);
        assertEquals(truth, mu, 4 * seU, "U-statistic mean " + mu + " vs closed form " + truth);
        assertTrue(Math.abs(mv - truth) > 4 * seV, "the V-statistic is biased upwards at n = 10 (" + mv + " vs " + truth + ")");
    }

    @Test
    void linearTimeEstimatorIsConsistent() {
        Rbf k = new Rbf(0.5);
        double truth = GaussianMmd.rbf(k, new double[]{0}, 1, new double[]{0.7}, 1);
        Random rng = new Random(99);
        INDArray x = Sampler.gaussian(0, 1).sample(40_000, rng), y = Sampler.gaussian(0.7, 1).sample(40_000, rng);
        Mmd.Estimate e = Mmd.linearTime(k, x, y);
        assertEquals(truth, e.value(), 4 * e.standardError());
        assertTrue(e.standardError() < 0.005, "SE " + e.standardError());
        // and with fewer points, the error bar is wider
        Mmd.Estimate small = Mmd.linearTime(k, x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1000)),
                y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1000)));
        assertTrue(small.standardError() > e.standardError());
    }

    @Test
    void floatAndDoubleAgreeAtLargeN() {
        // N = 3000 per sample: several tiles, float Gram tiles summed in double
        INDArray x = randn(3000, 16, 0, 10), y = randn(3000, 16, 0.05, 11);
        Rbf k = new Rbf(1.0 / 16);
        double d = Mmd.biased(k, x, y), f = Mmd.biased(k, x.castTo(DataType.FLOAT), y.castTo(DataType.FLOAT));
        assertEquals(d, f, 2e-5 * Math.max(d, 1e-3), "double " + d + " float " + f);
    }

    @Test
    void badInputsGiveClearErrors() {
        Rbf k = new Rbf(1);
        INDArray x = randn(5, 2, 0, 1), y3 = randn(5, 3, 0, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> Mmd.biased(k, x, y3));
        assertTrue(e.getMessage().contains("dimension"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Mmd.unbiased(k, x, randn(1, 2, 0, 3)));
        assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
        INDArray nan = x.dup();
        nan.putScalar(2, 0, Double.NaN);
        e = assertThrows(IllegalArgumentException.class, () -> Mmd.biased(k, nan, x));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Mmd.unbiased(k, x, nan));
        e = assertThrows(IllegalArgumentException.class, () -> Mmd.linearTime(k, x, randn(6, 2, 0, 4)));
        assertTrue(e.getMessage().contains("pairs"), e.getMessage());
    }
}
