package lecture7.kernel;

import lecture7.compute.Gemm;
import lecture7.compute.Inputs;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.HashMap;
import java.util.Map;

/**
 * Gram matrices and their sums through GEMM, in tiles so that n = 10 000 points never need an n×n matrix.
 *
 * <p>Squared distances come from one matrix product of augmented rows,
 * ‖x_i − y_j‖² = [x_i, 1, ‖x_i‖²]·[−2y_j, ‖y_j‖², 1]ᵀ = ‖x_i‖² + ‖y_j‖² − 2x_iᵀy_j,
 * with the kernel's scale folded into the GEMM's α and the result clipped at 0 by the kernel. Sums of tiles
 * are accumulated in double; tile buffers are reused and closed at the end.
 */
public final class Gram {
    private Gram() {}

    /** Side of the square tiles (points per tile) used by the sums; 1024² floats = 4 MiB. */
    public static final int TILE = 1024;

    /** The full Gram matrix K_ij = κ(x_i, y_j), {@code [n, m]}. */
    public static INDArray matrix(Kernel k, INDArray x, INDArray y) {
        Inputs.Pair p = Inputs.two(x, y, 1);
        try (Tiles t = new Tiles(k, p.x(), p.y())) {
            INDArray c = Nd4j.create(t.dataType(), p.x().rows(), p.y().rows());
            t.tileInto(0, (int) p.x().rows(), 0, (int) p.y().rows(), c);
            return c;
        }
    }

    /**
     * Squared Euclidean distances D_ij = ‖x_i − y_j‖² = ‖x_i‖² + ‖y_j‖² − 2x_iᵀy_j, clipped at 0,
     * {@code [n, m]}, through one GEMM.
     */
    public static INDArray squaredDistances(INDArray x, INDArray y) {
        Inputs.Pair p = Inputs.two(x, y, 1);
        try (Tiles t = new Tiles(new Rbf(1), p.x(), p.y())) {
            INDArray c = Nd4j.create(t.dataType(), p.x().rows(), p.y().rows());
            Gemm.gemm(t.left, t.right, c, false, true, 1.0, 0.0);
            return Transforms.max(c, 0.0, false);
        }
    }

    /** Σ_i Σ_j κ(x_i, y_j) in double, tile by tile. */
    public static double sum(Kernel k, INDArray x, INDArray y) {
        Inputs.Pair p = Inputs.two(x, y, 1);
        int n = (int) p.x().rows(), m = (int) p.y().rows();
        try (Tiles t = new Tiles(k, p.x(), p.y())) {
            double total = 0;
            for (int i = 0; i < n; i += TILE)
                for (int j = 0; j < m; j += TILE)
                    total += sumOf(t.tile(i, Math.min(n, i + TILE), j, Math.min(m, j + TILE)));
            return total;
        }
    }

    /**
     * Σ_i Σ_j κ(x_i, x_j) in double over all ordered pairs, diagonal included. The matrix is symmetric, so
     * only tiles on or above the diagonal are computed and those above count twice.
     */
    public static double sumSymmetric(Kernel k, INDArray x) {
        x = Inputs.batch("x", x, 1);
        int n = (int) x.rows();
        try (Tiles t = new Tiles(k, x, x)) {
            double total = 0;
            for (int i = 0; i < n; i += TILE)
                for (int j = i; j < n; j += TILE) {
                    double s = sumOf(t.tile(i, Math.min(n, i + TILE), j, Math.min(n, j + TILE)));
                    // K_IJ and K_JI = K_IJᵀ have the same sum
                    total += (i == j) ? s : 2 * s;
                }
            return total;
        }
    }

    /** Σ_i κ(x_i, x_i) in double (the diagonal that the unbiased estimators leave out). */
    public static double trace(Kernel k, INDArray x) {
        x = Inputs.batch("x", x, 1);
        INDArray d = k.paired(x, x);
        double s = sumOf(d.reshape(1, d.length()));
        d.close();
        return s;
    }

    /** Sum of a matrix: row sums natively (≤ {@link #TILE} terms each for tiles), their total in double. */
    public static double sumOf(INDArray tile) {
        INDArray r = tile.sum(1);
        double[] v = Inputs.doubles(r);
        r.close();
        double s = 0;
        for (double e : v) s += e;
        return s;
    }

    /** Tiles for the pairs of all the rows in {@code x}. */
    public static Tiles tiles(Kernel k, INDArray x) {
        x = Inputs.batch("x", x, 1);
        return new Tiles(k, x, x);
    }

    /**
     * Tiles of the Gram matrix of a kernel on two batches: the GEMM operands are prepared once (augmented
     * rows for distance kernels), then any block K[i0:i1, j0:j1] is one GEMM plus the kernel's element-wise
     * map. Buffers are reused per tile shape; {@link #close()} frees them.
     */
    public static final class Tiles implements AutoCloseable {
        private final Kernel kernel;
        private final INDArray left, right;
        private final boolean owned;
        private final Map<Long, INDArray> buffers = new HashMap<>();

        private Tiles(Kernel k, INDArray x, INDArray y) {
            this.kernel = k;
            if (k instanceof DotKernel || (k instanceof DistanceKernel dk && dk.exactDistances())) {
                left = x;
                right = y;
                owned = false;
            } else {
                // left = [x, 1, ‖x‖²], right = [−2y, ‖y‖², 1]  ⇒  left·rightᵀ = ‖x‖² + ‖y‖² − 2xyᵀ
                left = augment(x, 1, true);
                right = augment(y, -2, false);
                owned = true;
            }
        }

        /** FLOAT or DOUBLE, as the inputs. */
        public DataType dataType() {
            return left.dataType();
        }

        /**
         * K[i0:i1, j0:j1] in a reused buffer: valid until the next call with the same tile shape. Tiles of different
         * shapes may be formed on different threads at the same time.
         */
        public INDArray tile(int i0, int i1, int j0, int j1) {
            int r = i1 - i0, c = j1 - j0;
            INDArray out;
            synchronized (buffers) {
                out = buffers.computeIfAbsent(((long) r << 32) | c, s -> Nd4j.create(dataType(), r, c));
            }
            return tileInto(i0, i1, j0, j1, out);
        }

        /** Writes κ(x_i, y_j) for i ∈ [i0, i1), j ∈ [j0, j1) into {@code out} ([i1−i0, j1−j0]) and returns it. */
        public INDArray tileInto(int i0, int i1, int j0, int j1, INDArray out) {
            INDArray a = rows(left, i0, i1), b = rows(right, j0, j1);
            if (kernel instanceof DistanceKernel dk && dk.exactDistances()) {
                // out = s·Σ_k (x_ik − y_jk)², one coordinate at a time (no cancellation near x = y)
                out.assign(0);
                INDArray diff = Nd4j.create(out.dataType(), out.shape());
                for (int c = 0; c < a.columns(); c++) {
                    diff.assign(0).addiRowVector(b.getColumn(c).reshape(1, b.rows())).subiColumnVector(a.getColumn(c).reshape(a.rows(), 1));
                    out.addi(diff.muli(diff));
                }
                diff.close();
                out.muli(dk.scale());
                return dk.applyInPlace(out);
            }
            if (kernel instanceof DistanceKernel dk) {
                // out = s·‖x_i − y_j‖² in one GEMM (α = s), then κ = f(out) in place
                Gemm.gemm(a, b, out, false, true, dk.scale(), 0.0);
                return dk.applyInPlace(out);
            }
            Gemm.gemm(a, b, out, false, true, 1.0, 0.0);
            return ((DotKernel) kernel).applyInPlace(out);
        }

        private static INDArray rows(INDArray a, int from, int to) {
            return (from == 0 && to == a.rows()) ? a : a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
        }

        /** [c·a, 1, ‖a‖²] if {@code normsLast}, else [c·a, ‖a‖², 1]. */
        private static INDArray augment(INDArray a, double c, boolean normsLast) {
            INDArray sq = a.mul(a), norms = sq.sum(true, 1), ones = Nd4j.ones(a.dataType(), a.rows(), 1);
            INDArray scaled = c == 1 ? a : a.mul(c);
            INDArray out = normsLast ? Nd4j.hstack(scaled, ones, norms) : Nd4j.hstack(scaled, norms, ones);
            sq.close();
            norms.close();
            ones.close();
            if (scaled != a) scaled.close();
            return out;
        }

        @Override
        public void close() {
            buffers.values().forEach(INDArray::close);
            buffers.clear();
            if (owned) {
                left.close();
                right.close();
            }
        }
    }
}
