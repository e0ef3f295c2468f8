package lecture7.kernel;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.*;

class FeatureMapTest {

    @Test
    void taylorFeaturesByHandForLowOrders() {
        // φ(x) = e^{−γx²}[1, √(2γ)x, (2γ)x²/√2]; γ = 0.5, x = 2: e^{−2}[1, 2, 4/√2]
        double[] phi = new TaylorRbfFeatures(0.5, 2).features(2);
        double e = Math.exp(-2);
        assertArrayEquals(new double[]{e, 2 * e, 4 / Math.sqrt(2) * e}, phi, 1e-15);
        // odd powers keep the sign of x
        double[] neg = new TaylorRbfFeatures(0.5, 3).features(-2);
        assertTrue(neg[1] < 0 && neg[2] > 0 && neg[3] < 0);
        assertArrayEquals(new double[]{1, 0, 0, 0}, new TaylorRbfFeatures(0.5, 3).features(0), 0);
    }

    @Test
    void taylorFeaturesConvergeToTheRbfKernelWithinTheBound() {
        double gamma = 0.5;
        double previous = Double.POSITIVE_INFINITY;
        for (int order : new int[]{1, 2, 4, 8, 16, 32}) {
            TaylorRbfFeatures f = new TaylorRbfFeatures(gamma, order);
            double worst = 0;
            for (double x = -2; x <= 2.0001; x += 0.25)
                for (double y = -2; y <= 2.0001; y += 0.25) {
                    double err = Math.abs(f.exact(x, y) - f.approximate(x, y));
                    // the Lagrange bound holds everywhere (plus rounding)
                    assertTrue(err <= f.truncationBound(x, y) + 1e-15, "K=" + order + " x=" + x + " y=" + y);
                    worst = Math.max(worst, err);
                }
            assertTrue(worst <= f.maxTruncationBound(2) + 1e-15);
            assertTrue(worst < previous || worst < 1e-15, "error must shrink with the order");
            previous = worst;
        }
        assertTrue(previous < 1e-12, "order 32 on [−2, 2]² reproduces the kernel, max error " + previous);
    }

    @Test
    void highOrdersStayFinite() {
        // (2γ)^k x^k and k! overflow double long before k = 400; the log-space features do not
        TaylorRbfFeatures f = new TaylorRbfFeatures(2.0, 400);
        double[] phi = f.features(6);
        for (double v : phi) assertTrue(Double.isFinite(v));
        assertEquals(f.exact(6, 5.5), f.approximate(6, 5.5), 1e-12);
        assertTrue(Double.isFinite(f.truncationBound(6, 5.5)));
    }

    @Test
    void taylorMapOnBatches() {
        INDArray x = Nd4j.createFromArray(-1.0, 0.5, 2.0).reshape(3, 1);
        TaylorRbfFeatures f = new TaylorRbfFeatures(0.3, 5);
        INDArray phi = f.map(x);
        assertArrayEquals(new long[]{3, 6}, phi.shape());
        assertArrayEquals(f.features(0.5), phi.getRow(1).toDoubleVector(), 0);
        var e = assertThrows(IllegalArgumentException.class, () -> f.map(Nd4j.zeros(DataType.DOUBLE, 3, 2)));
        assertTrue(e.getMessage().contains("1-D"));
    }

    @Test
    void polynomialFeaturesReproduceThePolynomialKernel() {
        INDArray x = KernelTest.randn(6, 3, 11), y = KernelTest.randn(5, 3, 12);
        for (int p = 1; p <= 4; p++)
            for (double c : new double[]{0, 0.5, 2}) {
                PolynomialFeatures f = new PolynomialFeatures(p, c);
                INDArray fx = f.map(x), fy = f.map(y);
                assertEquals(f.dimension(3), fx.columns());
                INDArray viaFeatures = Nd4j.gemm(fx, fy, false, true), viaKernel = f.kernel().gram(x, y);
                for (int i = 0; i < 6; i++)
                    for (int j = 0; j < 5; j++)
                        assertEquals(viaKernel.getDouble(i, j), viaFeatures.getDouble(i, j),
                                1e-12 * Math.max(1, Math.abs(viaKernel.getDouble(i, j))), "p=" + p + " c=" + c);
            }
        // C(p + d, d): p = 2, d = 3 → 10 features
        assertEquals(10, new PolynomialFeatures(2, 1).dimension(3));
    }

    @Test
    void monomialFeaturesAreThePowers() {
        INDArray x = Nd4j.createFromArray(new double[][]{{2, -1}});
        assertArrayEquals(new double[]{2, 4, 8, -1, 1, -1}, Inputs.flat(new MonomialFeatures(3).map(x)), 0);
    }

    @Test
    void medianHeuristic() {
        // points 0, 1, 3: distances 1, 3, 2 → median 2
        INDArray z = Nd4j.createFromArray(0.0, 1.0, 3.0).reshape(3, 1);
        Bandwidth.Choice c = Bandwidth.median(z, 100, 0);
        assertEquals(2, c.sigma(), 1e-12);
        assertFalse(c.fallback());
        assertEquals(1 / 8.0, c.rbf().gamma(), 1e-12);
        // even count: points 0, 1, 2, 4 → distances 1,2,4,1,3,2 → sorted 1,1,2,2,3,4 → median 2
        assertEquals(2, Bandwidth.median(Nd4j.createFromArray(0.0, 1.0, 2.0, 4.0).reshape(4, 1), 100, 0).sigma(), 1e-12);
    }

    @Test
    void medianHeuristicWithTiesFallsBackAndConstantDataIsAnError() {
        // 10 zeros and 2 ones: 45 + 1 zero distances of 66 → median 0; the non-zero ones are all 1
        double[] v = new double[12];
        v[10] = v[11] = 1;
        Bandwidth.Choice c = Bandwidth.median(Nd4j.createFromArray(v).reshape(12, 1), 100, 0);
        assertTrue(c.fallback(), c.note());
        assertEquals(1, c.sigma(), 1e-12);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Bandwidth.median(Nd4j.ones(DataType.DOUBLE, 5, 3), 100, 0));
        assertTrue(e.getMessage().contains("identical"), e.getMessage());
    }

    @Test
    void medianHeuristicSubsamplesReproducibly() {
        INDArray z = KernelTest.randn(3000, 2, 9);
        Bandwidth.Choice a = Bandwidth.median(z, 500, 42), b = Bandwidth.median(z, 500, 42);
        assertEquals(a.sigma(), b.sigma(), 0);
        assertEquals(500, a.points());
        // median distance of two independent N(0, I₂) points: √(2·2 ln 2) ≈ 1.665 (Rayleigh median, σ² = 2)
        assertEquals(Math.sqrt(4 * Math.log(2)), a.sigma(), 0.1);
    }
}
