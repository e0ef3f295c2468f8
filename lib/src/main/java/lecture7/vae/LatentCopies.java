package lecture7.vae;

import lecture7.compute.OffHeap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The objectives' two conversions between a batch's latents ({@code [n, M]} ND4J arrays) and Java arrays, as bulk
 * copies: {@link INDArray#toDoubleMatrix} makes one ND4J view per row (a quarter of a training step's time for
 * MMD-VAE on MNIST) and adding a {@code double[][]} through ND4J allocates three arrays. The numbers are the same:
 * a float widened to double, and {@code t ← t + (float) v} — the rounding ND4J's cast and float addition do
 * (tested bit for bit against the ND4J calls). Arrays that are not contiguous row-major go through ND4J.
 */
final class LatentCopies {
    private LatentCopies() {}

    /** The rows of {@code a [n, M]} as doubles (= {@code a.toDoubleMatrix()}). */
    static double[][] rows(INDArray a) {
        if (!plain(a)) return a.toDoubleMatrix();
        int n = (int) a.rows(), m = (int) a.columns();
        double[] flat = new double[n * m];
        OffHeap.get(a, flat);
        double[][] out = new double[n][m];
        for (int i = 0; i < n; i++) System.arraycopy(flat, i * m, out[i], 0, m);
        return out;
    }

    /** target += v, rounded to target's type (= {@code target.addi(Nd4j.createFromArray(v).castTo(target.dataType()))}). */
    static void addInto(INDArray target, double[][] v) {
        if (!plain(target) || v.length != target.rows() || v.length > 0 && v[0].length != target.columns()) {
            target.addi(Nd4j.createFromArray(v).castTo(target.dataType()));
            return;
        }
        int n = (int) target.rows(), m = (int) target.columns();
        if (target.dataType() == DataType.FLOAT) {
            float[] t = new float[n * m];
            OffHeap.get(target, t);
            for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) t[i * m + j] += (float) v[i][j];
            OffHeap.put(t, target);
        } else {
            double[] t = new double[n * m];
            OffHeap.get(target, t);
            for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) t[i * m + j] += v[i][j];
            OffHeap.put(t, target);
        }
    }

    /** A contiguous row-major float or double matrix. */
    private static boolean plain(INDArray a) {
        return a.rank() == 2 && (a.dataType() == DataType.FLOAT || a.dataType() == DataType.DOUBLE)
                && a.ordering() == 'c' && OffHeap.contiguous(a) && a.length() <= Integer.MAX_VALUE;
    }
}
