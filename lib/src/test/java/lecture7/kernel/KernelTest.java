package lecture7.kernel;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class KernelTest {

    static INDArray randn(int n, int d, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n * d];
        for (int i = 0; i < v.length; i++) v[i] = r.nextGaussian();
        return Nd4j.create(v, new long[]{n, d}, DataType.DOUBLE);
    }

    static double[] row(INDArray a, int i) {
        return a.getRow(i).toDoubleVector();
    }

    @Test
    void gramMatchesPairwiseValuesForEveryKernel() {
        INDArray x = randn(13, 3, 1), y = randn(9, 3, 2);
        List<Kernel> kernels = List.of(new Rbf(0.7), new Laplace(1.3), InverseMultiquadric.of(0.8),
                new InverseMultiquadric(1.5, 1.0), new Polynomial(3, 1.0), new Linear());
        for (Kernel k : kernels) {
            INDArray g = k.gram(x, y);
            assertArrayEquals(new long[]{13, 9}, g.shape(), k.name());
            for (int i = 0; i < 13; i++)
                for (int j = 0; j < 9; j++) {
                    double direct = k.value(row(x, i), row(y, j));
                    assertEquals(direct, g.getDouble(i, j), 1e-12 * Math.max(1, Math.abs(direct)), k.name());
                }
            INDArray p = k.paired(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 9)), y);
            for (int i = 0; i < 9; i++) assertEquals(g.getDouble(i, i), p.getDouble(i), 1e-12 * Math.max(1, Math.abs(g.getDouble(i, i))), k.name());
        }
    }

    @Test
    void rbfValueByHandAndBandwidthConvention() {
        // exp(−0.5·(1² + 2²)) = exp(−2.5), by hand
        assertEquals(Math.exp(-2.5), new Rbf(0.5).value(new double[]{0, 0}, new double[]{1, 2}), 1e-15);
        // σ = 2 ⇒ γ = 1/(2·4) = 0.125
        assertEquals(0.125, Rbf.ofBandwidth(2).gamma(), 0);
        assertEquals(2, Rbf.ofBandwidth(2).bandwidth(), 1e-15);
        // Laplace in 1-D: exp(−γ|x − y|)
        assertEquals(Math.exp(-1.5 * 3), new Laplace(1.5).value(new double[]{-1}, new double[]{2}), 1e-15);
    }

    @Test
    void gramDiagonalIsExactlyOneAndNeverAboveOne() {
        // float rounding in ‖x‖² + ‖y‖² − 2xᵀy can go below 0; the clip keeps κ ≤ 1
        INDArray x = randn(50, 16, 3).castTo(DataType.FLOAT).muli(100);
        INDArray g = new Rbf(1e-3).gram(x, x);
        assertTrue(g.maxNumber().doubleValue() <= 1.0);
        for (int i = 0; i < 50; i++) assertEquals(1.0, g.getDouble(i, i), 1e-4); // float cancellation at ‖x‖² ≈ 10⁵
    }

    @Test
    void tiledSumsEqualFullMatrixSums() {
        // n > Gram.TILE so that several tiles, edge tiles and the symmetric shortcut are exercised
        INDArray x = randn(Gram.TILE + 77, 2, 4), y = randn(300, 2, 5);
        Rbf k = new Rbf(0.3);
        INDArray kxx = k.gram(x, x), kxy = k.gram(x, y);
        double fullXX = 0, fullXY = 0, tr = 0;
        double[] a = Inputs.flat(kxx), b = Inputs.flat(kxy);
        for (double v : a) fullXX += v;
        for (double v : b) fullXY += v;
        for (int i = 0; i < x.rows(); i++) tr += kxx.getDouble(i, i);
        assertEquals(fullXX, Gram.sumSymmetric(k, x), 1e-12 * fullXX);
        assertEquals(fullXY, Gram.sum(k, x, y), 1e-12 * fullXY);
        assertEquals(tr, Gram.trace(k, x), 1e-12 * tr);
    }

    @Test
    void squaredDistancesByHand() {
        INDArray x = Nd4j.createFromArray(new double[][]{{0, 0}, {3, 4}});
        INDArray d = Gram.squaredDistances(x, x);
        assertEquals(25, d.getDouble(0, 1), 1e-12);
        assertEquals(0, d.getDouble(1, 1), 1e-12);
    }

    @Test
    void mixedTypesArePromotedToDouble() {
        INDArray x = randn(4, 2, 6), y = randn(5, 2, 7).castTo(DataType.FLOAT);
        assertEquals(DataType.DOUBLE, new Rbf(1).gram(x, y).dataType());
        assertEquals(DataType.FLOAT, new Rbf(1).gram(y, y).dataType());
    }

    @Test
    void badParametersAndInputsGiveClearErrors() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Rbf(0));
        assertTrue(e.getMessage().contains("γ"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Rbf(-1));
        assertThrows(IllegalArgumentException.class, () -> new Rbf(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Rbf.ofBandwidth(0));
        assertThrows(IllegalArgumentException.class, () -> new Laplace(0));
        assertThrows(IllegalArgumentException.class, () -> new InverseMultiquadric(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Polynomial(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Polynomial(2, -1));
        INDArray x = randn(4, 2, 1), y = randn(4, 3, 2);
        e = assertThrows(IllegalArgumentException.class, () -> new Rbf(1).gram(x, y));
        assertTrue(e.getMessage().contains("dimension 2") && e.getMessage().contains("dimension 3"), e.getMessage());
        INDArray bad = x.dup();
        bad.putScalar(1, 1, Double.NaN);
        e = assertThrows(IllegalArgumentException.class, () -> new Rbf(1).gram(bad, x));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        INDArray inf = x.dup();
        inf.putScalar(0, 0, Double.POSITIVE_INFINITY);
        assertThrows(IllegalArgumentException.class, () -> new Rbf(1).gram(x, inf));
        e = assertThrows(IllegalArgumentException.class, () -> new Rbf(1).gram(Nd4j.zeros(2, 2, 2), x));
        assertTrue(e.getMessage().contains("[n, d]"), e.getMessage());
    }

    @Test
    void nameFormatting() {
        assertEquals("RBF(γ=0.5)", new Rbf(0.5).name());
        assertEquals("RBF(γ=1000)", new Rbf(1000).name());
        assertEquals("RBF(γ=0.0625)", new Rbf(1.0 / 16).name());
    }
}
