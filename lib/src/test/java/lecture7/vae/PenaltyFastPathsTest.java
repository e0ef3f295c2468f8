package lecture7.vae;

import lecture7.compute.Parallel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The objectives' fast paths give the bits of their definitions: {@link LatentCopies} those of the ND4J calls it
 * replaces ({@code toDoubleMatrix}; {@code addi} of a double matrix cast to the target's type), and
 * {@link MmdVae#mmd2ByRows} those of {@link MmdVae#mmd2} (value and gradient, both kernels, on 1, 2 and 3 threads,
 * batch sizes that are not multiples of its block).
 */
class PenaltyFastPathsTest {
    private final int before = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(before);
    }

    /** Values with awkward bits: tiny, huge, negative zero, exact halves of a float's last place. */
    private static double[][] awkward(int n, int m, Random r) {
        double[][] v = new double[n][m];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++)
                v[i][j] = switch ((i * m + j) % 6) {
                    case 0 -> -0.0;
                    case 1 -> 1e-40 * r.nextGaussian();
                    case 2 -> 1e30 * r.nextGaussian();
                    case 3 -> 1.0 + Math.ulp(1.0f) / 2;        // a tie when rounded to float
                    default -> r.nextGaussian();
                };
        return v;
    }

    private static void sameBits(double[][] a, double[][] b, String what) {
        assertEquals(a.length, b.length, what);
        for (int i = 0; i < a.length; i++)
            for (int j = 0; j < a[i].length; j++)
                assertEquals(Double.doubleToRawLongBits(a[i][j]), Double.doubleToRawLongBits(b[i][j]),
                        what + " [" + i + "][" + j + "]: " + a[i][j] + " vs " + b[i][j]);
    }

    @Test
    void rowsAreTheBitsOfToDoubleMatrix() {
        Random r = new Random(1);
        for (DataType t : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            INDArray a = Nd4j.createFromArray(awkward(13, 5, r)).castTo(t);
            sameBits(a.toDoubleMatrix(), LatentCopies.rows(a), t + " array");
            INDArray view = Nd4j.createFromArray(awkward(13, 9, r)).castTo(t).get(NDArrayIndex.all(), NDArrayIndex.interval(2, 7));
            sameBits(view.toDoubleMatrix(), LatentCopies.rows(view), t + " column view");
        }
    }

    @Test
    void addIntoIsTheBitsOfNd4jsCastAndAdd() {
        Random r = new Random(2);
        for (DataType t : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            double[][] v = awkward(11, 4, r);
            INDArray base = Nd4j.createFromArray(awkward(11, 4, r)).castTo(t);
            INDArray viaNd4j = base.dup(), fast = base.dup();
            viaNd4j.addi(Nd4j.createFromArray(v).castTo(t));
            LatentCopies.addInto(fast, v);
            sameBits(viaNd4j.toDoubleMatrix(), fast.toDoubleMatrix(), t + " target");
            INDArray wide = Nd4j.createFromArray(awkward(11, 7, r)).castTo(t), wideRef = wide.dup();
            LatentCopies.addInto(wide.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 5)), v);
            wideRef.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 5)).addi(Nd4j.createFromArray(v).castTo(t));
            sameBits(wideRef.toDoubleMatrix(), wide.toDoubleMatrix(), t + " column view (and the columns beside it)");
        }
    }

    @Test
    void mmdByRowsIsTheBitsOfTheDefinitionOnAnyNumberOfThreads() {
        Random r = new Random(3);
        for (int[] nm : new int[][]{{37, 29}, {16, 16}, {1, 40}, {130, 64}}) {
            int n = nm[0], m = nm[1], d = 3;
            double[][] z = new double[n][d], y = new double[m][d];
            for (double[] row : z) for (int k = 0; k < d; k++) row[k] = 0.7 * r.nextGaussian() + 0.2;
            for (double[] row : y) for (int k = 0; k < d; k++) row[k] = r.nextGaussian();
            z[n - 1] = z[0].clone();   // two equal codes: r = 0
            for (MmdVae.LatentKernel k : MmdVae.LatentKernel.values()) {
                double h = k.defaultScale(d);
                double[][] dRef = new double[n][d];
                double ref = MmdVae.mmd2(z, y, k, h, dRef);
                for (int threads : new int[]{1, 2, 3}) {
                    Parallel.setThreads(threads);
                    String at = k + ", n = " + n + ", m = " + m + ", " + threads + " threads";
                    double[][] dz = new double[n][d];
                    double v = MmdVae.mmd2ByRows(z, y, k, h, dz);
                    assertEquals(Double.doubleToRawLongBits(ref), Double.doubleToRawLongBits(v), at + ": " + ref + " vs " + v);
                    sameBits(dRef, dz, at + " gradient");
                    assertEquals(Double.doubleToRawLongBits(ref), Double.doubleToRawLongBits(MmdVae.mmd2ByRows(z, y, k, h, null)), at + " value only");
                }
            }
        }
    }
}
