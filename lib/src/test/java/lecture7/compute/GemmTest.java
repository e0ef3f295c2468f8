package lecture7.kernel;

import lecture7.compute.Gemm;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/** The direct BLAS product against a plain triple loop in double, on whole matrices and on blocks of bigger ones. */
class GemmTest {
    private static INDArray random(DataType t, int r, int c, Random rng) {
        double[] v = new double[r * c];
        for (int i = 0; i < v.length; i++) v[i] = rng.nextGaussian();
        return Nd4j.create(v, new long[]{r, c}, DataType.DOUBLE).castTo(t);
    }

    /** α op(A) op(B) + β C by the definition, in double. */
    private static double[][] naive(INDArray a, INDArray b, INDArray c, boolean ta, boolean tb, double alpha, double beta) {
        double[][] A = a.castTo(DataType.DOUBLE).toDoubleMatrix(), B = b.castTo(DataType.DOUBLE).toDoubleMatrix(), C = c.castTo(DataType.DOUBLE).toDoubleMatrix();
        int m = (int) c.rows(), n = (int) c.columns(), k = (int) (ta ? a.rows() : a.columns());
        double[][] out = new double[m][n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int l = 0; l < k; l++) s += (ta ? A[l][i] : A[i][l]) * (tb ? B[j][l] : B[l][j]);
                out[i][j] = alpha * s + beta * C[i][j];
            }
        return out;
    }

    @Test
    void everyTransposeOnBlocksOfBiggerMatricesMatchesTheDefinition() {
        Random rng = new Random(3);
        int[][] shapes = {{301, 150, 60}, {90, 410, 70}, {1, 7, 1}};
        for (DataType t : new DataType[]{DataType.FLOAT, DataType.DOUBLE})
            for (int[] s : shapes)
                for (boolean ta : new boolean[]{false, true})
                    for (boolean tb : new boolean[]{false, true}) {
                        int m = s[0], n = s[1], k = s[2];
                        // operands are blocks (offset rows and columns, leading dimension > width) of bigger matrices
                        INDArray a = random(t, (ta ? k : m) + 3, (ta ? m : k) + 5, rng).get(interval(2, 2 + (ta ? k : m)), interval(4, 4 + (ta ? m : k)));
                        INDArray b = random(t, (tb ? n : k) + 1, (tb ? k : n) + 2, rng).get(interval(1, 1 + (tb ? n : k)), interval(1, 1 + (tb ? k : n)));
                        INDArray c0 = random(t, m + 2, n + 3, rng), c1 = c0.dup();
                        INDArray cBlock = c1.get(interval(1, 1 + m), interval(2, 2 + n));
                        assertTrue(Gemm.isRowMajor(a) && Gemm.isRowMajor(b) && Gemm.isRowMajor(cBlock), "blocks go to BLAS as they are");
                        double[][] expect = naive(a, b, cBlock, ta, tb, 0.7, 0.3);
                        Gemm.gemm(a, b, cBlock, ta, tb, 0.7, 0.3);
                        double tol = t == DataType.FLOAT ? 1e-4 : 1e-12;
                        String what = t + " " + m + "×" + n + "×" + k + (ta ? " Aᵀ" : "") + (tb ? " Bᵀ" : "");
                        for (int i = 0; i < m; i++)
                            for (int j = 0; j < n; j++)
                                assertEquals(expect[i][j], cBlock.getDouble(i, j), tol * (1 + Math.abs(expect[i][j])), what + " at " + i + "," + j);
                        // outside the block C is untouched
                        assertEquals(c0.getDouble(0, 0), c1.getDouble(0, 0), 0.0);
                        assertEquals(c0.getDouble(m + 1, n + 2), c1.getDouble(m + 1, n + 2), 0.0);
                        assertEquals(c0.getDouble(1, 1), c1.getDouble(1, 1), 0.0);
                    }
    }
}
