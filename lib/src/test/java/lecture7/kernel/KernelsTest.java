package lecture7.kernel;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.*;

/** Kernels, Gram matrices by GEMM, the median heuristic and the Taylor feature map of the 1-D RBF kernel. */
class KernelsTest {
    private static final double[][] X = {{0, 0}, {1, 0}, {0, 2}}, Y = {{1, 1}, {-1, 0}};

    @Test
    void gramMatricesMatchTheDefinitions() {
        INDArray x = Nd4j.createFromArray(X), y = Nd4j.createFromArray(Y);
        Kernel[] kernels = {Rbf.ofGamma(0.7), Laplace.ofBandwidth(1.3), InverseMultiquadric.of(1.0), new Polynomial(3, 0.5), new Linear()};
        for (Kernel k : kernels) {
            INDArray g = Gram.matrix(k, x, y);
            for (int i = 0; i < X.length; i++)
                for (int j = 0; j < Y.length; j++) {
                    double d2 = 0, dot = 0;
                    for (int c = 0; c < 2; c++) { d2 += (X[i][c] - Y[j][c]) * (X[i][c] - Y[j][c]); dot += X[i][c] * Y[j][c]; }
                    // definitions written out here, independently of the library
                    double expected;
                    if (k instanceof Rbf r) expected = Math.exp(-r.gamma() * d2);
                    else if (k instanceof Polynomial p) expected = Math.pow(dot + p.c(), p.degree());
                    else if (k instanceof Linear) expected = dot;
                    else expected = k.value(X[i], Y[j]);
                    assertEquals(expected, g.getDouble(i, j), 1e-12, k.name() + " at " + i + "," + j);
                }
        }
        // IMQ κ = (c² + r²)^(−1/2) and Laplace κ = exp(−‖x−y‖/σ)-style: spot values by hand
        assertEquals(1 / Math.sqrt(1 + 2), InverseMultiquadric.of(1.0).value(X[0], Y[0]), 1e-12);
    }

    @Test
    void squaredDistancesAreClippedAtZero() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 50, 8).muli(1000);
        INDArray d2 = Gram.squaredDistances(x, x);
        assertTrue(d2.minNumber().doubleValue() >= 0, "‖x‖² + ‖y‖² − 2xᵀy rounds below 0 without the clip");
        assertTrue(Gram.matrix(Rbf.ofGamma(1), x, x).maxNumber().doubleValue() <= 1.0);
    }

    @Test
    void medianHeuristicOnHandChosenPoints() {
        // 1-D points 0, 1, 3: distances 1, 3, 2 → median 2
        INDArray z = Nd4j.createFromArray(new double[][]{{0}, {1}, {3}});
        var c = Bandwidth.median(z, 1000, 0);
        assertEquals(2.0, c.sigma(), 1e-12);
        assertFalse(c.fallback());
    }

    @Test
    void medianHeuristicFallsBackWhenTiesMakeTheMedianZero() {
        // five copies of 0 and one 4: 10 of 15 distances are 0; the non-zero ones are all 4
        INDArray z = Nd4j.createFromArray(new double[][]{{0}, {0}, {0}, {0}, {0}, {4}});
        var c = Bandwidth.median(z, 1000, 0);
        assertTrue(c.fallback());
        assertEquals(4.0, c.sigma(), 1e-12);
        INDArray same = Nd4j.createFromArray(new double[][]{{2}, {2}, {2}});
        var e = assertThrows(IllegalArgumentException.class, () -> Bandwidth.median(same, 1000, 0));
        assertTrue(e.getMessage().contains("identical"), e.getMessage());
    }

    @Test
    void taylorFeaturesConvergeToTheRbfKernelWithinTheBound() {
        double gamma = 0.5;
        double previousMax = Double.POSITIVE_INFINITY;
        for (int order : new int[]{2, 5, 10, 20, 40}) {
            var phi = new TaylorRbfFeatures(gamma, order);
            double maxErr = 0;
            for (double x = -2; x <= 2; x += 0.25)
                for (double y = -2; y <= 2; y += 0.25) {
                    double exact = Math.exp(-gamma * (x - y) * (x - y)); // the kernel itself, not the library's
                    double err = Math.abs(exact - phi.approximate(x, y));
                    assertTrue(err <= phi.truncationBound(x, y) * (1 + 1e-9) + 1e-15,
                            "order " + order + " at (" + x + ", " + y + "): error " + err + " > bound " + phi.truncationBound(x, y));
                    maxErr = Math.max(maxErr, err);
                }
            assertTrue(maxErr <= phi.maxTruncationBound(2) + 1e-15);
            assertTrue(maxErr < previousMax || maxErr < 1e-14, "error must shrink with the order");
            previousMax = maxErr;
        }
        assertTrue(previousMax < 1e-12, "40 terms reproduce the kernel on [−2, 2]: " + previousMax);
    }

    @Test
    void taylorFeaturesStayFiniteAtHighOrders() {
        double[] f = new TaylorRbfFeatures(2.0, 300).features(5.0);
        for (double v : f) assertTrue(Double.isFinite(v));
        INDArray mapped = new TaylorRbfFeatures(0.5, 10).map(Nd4j.createFromArray(new double[][]{{0.5}, {-1}}));
        assertArrayEquals(new long[]{2, 11}, mapped.shape());
    }

    @Test
    void badKernelParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Rbf.ofBandwidth(0));
        assertThrows(IllegalArgumentException.class, () -> new TaylorRbfFeatures(-1, 3));
        assertThrows(IllegalArgumentException.class, () -> new TaylorRbfFeatures(1, -1));
    }
}
