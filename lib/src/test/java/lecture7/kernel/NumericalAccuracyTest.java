package lecture7.kernel;

import lecture7.compute.Inputs;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Where the GEMM form ‖x‖² + ‖y‖² − 2xᵀy is not accurate enough, the tiled sums, and the feature maps. */
class NumericalAccuracyTest {

    static INDArray randn(int n, int d, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n * d];
        for (int i = 0; i < v.length; i++) v[i] = 3 * r.nextGaussian();
        return Nd4j.create(v, new long[]{n, d}, DataType.DOUBLE);
    }

    @Test
    void laplaceGramIsExactNearTheDiagonal() {
        // √r² turns the GEMM form's rounding (≈ ε‖x‖²) into ≈ √ε‖x‖ ≈ 1e-7 on the diagonal; the Laplace kernel
        // therefore forms distances coordinate by coordinate and must match the definition to 1e-12
        INDArray x = randn(30, 5, 1);
        Laplace k = new Laplace(0.8);
        INDArray g = k.gram(x, x);
        for (int i = 0; i < 30; i++)
            for (int j = 0; j < 30; j++) {
                double[] a = x.getRow(i).toDoubleVector(), b = x.getRow(j).toDoubleVector();
                double d2 = 0;
                for (int c = 0; c < 5; c++) d2 += (a[c] - b[c]) * (a[c] - b[c]);
                assertEquals(Math.exp(-0.8 * Math.sqrt(d2)), g.getDouble(i, j), 1e-12, i + "," + j);
            }
    }

    @Test
    void medianHeuristicSeesTiesInHighDimensionalFloatData() {
        // 50 copies of one 784-pixel image and 10 other images: 1225 of 1770 distances are exactly 0, so the
        // median is 0 and the heuristic must fall back to the non-zero distances. (Tied rows must give exactly 0:
        // the heuristic forms distances coordinate by coordinate rather than relying on the GEMM form's rounding.)
        Random r = new Random(3);
        float[] v = new float[60 * 784];
        float[] image = new float[784];
        for (int p = 0; p < 784; p++) image[p] = r.nextFloat();
        for (int i = 0; i < 60; i++)
            for (int p = 0; p < 784; p++) v[i * 784 + p] = i < 50 ? image[p] : r.nextFloat();
        INDArray z = Nd4j.create(v, new long[]{60, 784}, 'c');
        Bandwidth.Choice c = Bandwidth.median(z, 1000, 0);
        assertTrue(c.fallback(), c.note());
        assertTrue(c.sigma() > 5, "σ = " + c.sigma() + " (distances between random images are ≈ √(784/6) ≈ 11)");
    }

    @Test
    void tiledSumsEqualFullMatrixSums() {
        // n > Gram.TILE so that several tiles, edge tiles and the symmetric shortcut are exercised
        INDArray x = randn(Gram.TILE + 77, 2, 4), y = randn(300, 2, 5);
        Rbf k = new Rbf(0.03);
        INDArray kxx = k.gram(x, x), kxy = k.gram(x, y);
        double fullXX = 0, fullXY = 0, tr = 0;
        for (double v : Inputs.doubles(kxx)) fullXX += v;
        for (double v : Inputs.doubles(kxy)) fullXY += v;
        for (int i = 0; i < x.rows(); i++) tr += kxx.getDouble(i, i);
        assertEquals(fullXX, Gram.sumSymmetric(k, x), 1e-12 * fullXX);
        assertEquals(fullXY, Gram.sum(k, x, y), 1e-12 * fullXY);
        assertEquals(tr, Gram.trace(k, x), 1e-12 * tr);
    }

    @Test
    void featureMapsReproduceTheirKernels() {
        INDArray x = randn(6, 3, 11), y = randn(5, 3, 12);
        for (int p = 1; p <= 3; p++) {
            PolynomialFeatures f = new PolynomialFeatures(p, 0.5);
            INDArray viaFeatures = Nd4j.gemm(f.map(x), f.map(y), false, true), viaKernel = f.kernel().gram(x, y);
            assertEquals(f.dimension(3), f.map(x).columns());
            for (int i = 0; i < 6; i++)
                for (int j = 0; j < 5; j++)
                    assertEquals(viaKernel.getDouble(i, j), viaFeatures.getDouble(i, j), 1e-12 * Math.max(1, Math.abs(viaKernel.getDouble(i, j))));
        }
        // moments: [x, x², x³] per coordinate
        assertArrayEquals(new double[]{2, 4, 8, -1, 1, -1},
                Inputs.doubles(new MonomialFeatures(3).map(Nd4j.createFromArray(new double[][]{{2, -1}}))), 0);
    }

    @Test
    void inputsAreCheckedInTheCallersTerms() {
        INDArray x = randn(4, 2, 1);
        var e = assertThrows(IllegalArgumentException.class, () -> new Rbf(1).gram(x, randn(4, 3, 2)));
        assertTrue(e.getMessage().contains("dimension 2") && e.getMessage().contains("dimension 3"), e.getMessage());
        INDArray nan = x.dup();
        nan.putScalar(1, 1, Double.NaN);
        e = assertThrows(IllegalArgumentException.class, () -> new Rbf(1).gram(nan, x));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Rbf(0));
        assertThrows(IllegalArgumentException.class, () -> new Laplace(-1));
        assertEquals(DataType.DOUBLE, new Rbf(1).gram(x, x.castTo(DataType.FLOAT)).dataType());
    }
}
