package lecture7.mmd;

import lecture7.compute.Gemm;
import lecture7.compute.Parallel;
import lecture7.compute.Scratch;

import lecture7.kernel.Gram;
import lecture7.compute.Inputs;
import lecture7.kernel.Kernel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The kernel two-sample test by permutations (Gretton et al. 2012, §8; slide "Comparing two distributions").
 *
 * <p>Pool z = [x; y] (N = n + m points). Under H₀: P = Q every relabelling of z into n "x" and m "y" points
 * is equally likely, so the MMD² of random relabellings is the null distribution. With the joint Gram
 * matrix K of z and a weight vector w (w_i = +1/n if z_i is labelled x, −1/m if labelled y),
 * <pre>
 *   MMD²_V = wᵀ K w,
 * </pre>
 * so all B permutations together are one matrix product: stack the weight vectors as the rows of
 * W ({@code [B+1, N]}, row 0 = the observed labelling) and take the row-wise dot of W·K with W. Since K is
 * symmetric only its tiles on and above the diagonal are formed: W K W ᵀ's diagonal is
 * Σ_I W_I K_II W_Iᵀ + 2 Σ_{I&lt;J} W_I K_IJ W_Jᵀ, which halves the work. The Gram matrix itself is never stored
 * when a kernel is given (its tiles are formed, used and dropped).
 *
 * <p>The p-value counts the observed statistic as one of the permutations, p = (1 + #{null ≥ observed})/(1 + B),
 * so it is never 0 and the test has level ≤ α exactly.
 */
public final class PermutationTest {
    private PermutationTest() {}

    /**
     * Side of the Gram tiles in the permutation product. Only tiles on and above the diagonal are multiplied
     * (K is symmetric), a block row of them per GEMM. Measured for N = 4000, B = 1000 on one thread with the
     * SkylakeX OpenBLAS kernels (quiet machine): 256 → 0.20 s, 512 → 0.15 s, 1024 → 0.14 s, while the full
     * product W·K alone takes 0.17 s.
     */
    static final int TILE = 1024;

    /** At most this many W entries are held at once (rows of W are processed in chunks). */
    static final long MAX_W_ENTRIES = 1L << 23;

    /**
     * Permutation test of H₀: P = Q with statistic MMD²_V.
     *
     * @param x            {@code [n, d]} sample of P
     * @param y            {@code [m, d]} sample of Q
     * @param permutations B ≥ 1 (p-values have resolution 1/(B+1))
     * @param seed         seed of the permutations (same seed → same result)
     */
    public static TwoSampleTest twoSample(Kernel k, INDArray x, INDArray y, int permutations, long seed) {
        Inputs.Pair p = Inputs.two(x, y, 1);
        int n = (int) p.x().rows(), m = (int) p.y().rows();
        INDArray z = Nd4j.vstack(p.x(), p.y());
        try (Gram.Tiles tiles = Gram.tiles(k, z)) {
            return result(statistics(tiles::tile, tiles.dataType(), n, n + m, withIdentity(n + m, permutations, seed), MAX_W_ENTRIES));
        } finally {
            z.close();
        }
    }

    /**
     * The same test on a precomputed joint Gram matrix {@code [N, N]} of z = [x; y], whose first n rows are x.
     */
    public static TwoSampleTest twoSample(INDArray joint, int n, int permutations, long seed) {
        int size = checkJoint(joint, n);
        return result(statistics(viewTiles(joint), joint.dataType(), n, size, withIdentity(size, permutations, seed), MAX_W_ENTRIES));
    }

    /**
     * B random permutations of 0..N−1 (Fisher–Yates with a {@link SplittableRandom} of the given seed); in
     * each, the first n entries are the points labelled x.
     */
    public static int[][] permutations(int size, int count, long seed) {
        if (size < 2) throw new IllegalArgumentException("need ≥ 2 points to permute, got " + size);
        if (count < 1) throw new IllegalArgumentException("number of permutations must be ≥ 1, got " + count);
        SplittableRandom rng = new SplittableRandom(seed);
        int[][] out = new int[count][];
        for (int b = 0; b < count; b++) {
            int[] p = new int[size];
            Arrays.setAll(p, i -> i);
            for (int i = size - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1), t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            out[b] = p;
        }
        return out;
    }

    /**
     * MMD²_V = wᵀKw of each relabelling, all at once as W·K (GEMM) and a row-wise dot with W.
     *
     * @param joint Gram matrix {@code [N, N]} of z = [x; y]
     * @param n     size of the first sample
     * @param perms relabellings: the first n entries of each are labelled x
     */
    public static double[] statisticsGemm(INDArray joint, int n, int[][] perms) {
        return statisticsGemm(joint, n, perms, MAX_W_ENTRIES);
    }

    /** As {@link #statisticsGemm(INDArray, int, int[][])} holding at most {@code maxWEntries} of W at once (tests). */
    static double[] statisticsGemm(INDArray joint, int n, int[][] perms, long maxWEntries) {
        int size = checkJoint(joint, n);
        return statistics(viewTiles(joint), joint.dataType(), n, size, perms, maxWEntries);
    }

    /**
     * The same statistics the straightforward way, one permutation at a time by indexing the blocks of K
     * (as most two-sample libraries do): 1/n² Σ K[x', x'] + 1/m² Σ K[y', y'] − 2/(nm) Σ K[x', y'], in double.
     * O(B·N²) scalar work; the reference for {@link #statisticsGemm}.
     */
    public static double[] statisticsLoop(INDArray joint, int n, int[][] perms) {
        int size = checkJoint(joint, n), m = size - n;
        double[] k = Inputs.doubles(joint);
        double[] out = new double[perms.length];
        for (int b = 0; b < perms.length; b++) {
            int[] p = perms[b];
            double sxx = 0, syy = 0, sxy = 0;
            for (int i = 0; i < size; i++) {
                int row = p[i] * size;
                for (int j = 0; j < size; j++) {
                    double v = k[row + p[j]];
                    if (i < n && j < n) sxx += v;
                    else if (i >= n && j >= n) syy += v;
                    else if (i < n) sxy += v;
                }
            }
            out[b] = sxx / ((double) n * n) + syy / ((double) m * m) - 2 * sxy / ((double) n * m);
        }
        return out;
    }

    /** A block of the Gram matrix. */
    @FunctionalInterface
    interface TileSource {
        INDArray tile(int i0, int i1, int j0, int j1);
    }

    private static TileSource viewTiles(INDArray joint) {
        return (i0, i1, j0, j1) -> joint.get(NDArrayIndex.interval(i0, i1), NDArrayIndex.interval(j0, j1));
    }

    private static int checkJoint(INDArray joint, int n) {
        if (joint.rank() != 2 || joint.rows() != joint.columns())
            throw new IllegalArgumentException("the joint Gram matrix must be square [N, N], got " + Arrays.toString(joint.shape()));
        int size = (int) joint.rows();
        if (n < 1 || n >= size)
            throw new IllegalArgumentException("n = " + n + " must leave points in both samples (N = " + size + ")");
        if (joint.dataType() != DataType.FLOAT && joint.dataType() != DataType.DOUBLE)
            throw new IllegalArgumentException("the Gram matrix must be FLOAT or DOUBLE, got " + joint.dataType());
        return size;
    }

    /** The identity (the observed labelling) followed by B random permutations. */
    private static int[][] withIdentity(int size, int permutations, long seed) {
        int[][] random = permutations(size, permutations, seed);
        int[][] all = new int[permutations + 1][];
        all[0] = new int[size];
        Arrays.setAll(all[0], i -> i);
        System.arraycopy(random, 0, all, 1, permutations);
        return all;
    }

    /** Row 0 is the observed statistic, rows 1.. the null; p = (1 + #{null ≥ observed}) / (1 + B). */
    private static TwoSampleTest result(double[] stats) {
        double observed = stats[0];
        double[] nulls = Arrays.copyOfRange(stats, 1, stats.length);
        int atLeast = 0;
        for (double s : nulls) if (s >= observed) atLeast++;
        return new TwoSampleTest(observed, (1.0 + atLeast) / (1.0 + nulls.length), nulls);
    }

    /**
     * wᵀKw for every relabelling, W in row chunks, by tiles of K on and above the diagonal:
     * <pre>
     *   wᵀKw = Σ_I w_Iᵀ K_II w_I + 2 Σ_{I&lt;J} w_Iᵀ K_IJ w_J
     * </pre>
     * Each block row of tiles is one GEMM, W_I [K_II … K_I,last], straight into OpenBLAS on the blocks of W and
     * K as they lie in memory (no copies); each row's dots with w are a Java pass accumulating in double. (BLAS's triangular product would halve the diagonal tiles' work, but OpenBLAS
     * 0.3.19's strmm ran 5× slower than sgemm for the whole product on the bench machine.)
     */
    private static double[] statistics(TileSource k, DataType type, int n, int size, int[][] perms, long maxWEntries) {
        int m = size - n, tiles = (size + TILE - 1) / TILE;
        double[] stats = new double[perms.length];
        int chunk = (int) Math.max(1, Math.min(perms.length, maxWEntries / size));
        // w_i = +1/n if point i is labelled x, −1/m if labelled y
        double wx = 1.0 / n, wy = -1.0 / m;
        // reused between calls (fresh off-heap memory costs a page fault per 4 KiB on first touch)
        INDArray wNd = Scratch.matrix("permutation W", type, chunk, size);
        double[] wRow = new double[size];
        double[][] part = new double[tiles][chunk];
        for (int r0 = 0; r0 < perms.length; r0 += chunk) {
            int r1 = Math.min(perms.length, r0 + chunk), rows = r1 - r0;
            // W = [w_1; …; w_rows], written row by row
            INDArray wc = rows == chunk ? wNd : wNd.get(NDArrayIndex.interval(0, rows), NDArrayIndex.all());
            for (int r = 0; r < rows; r++) {
                int[] p = perms[r0 + r];
                for (int i = 0; i < size; i++) wRow[p[i]] = i < n ? wx : wy;
                Rows.put(wRow, wc, r, 0);
            }
            // the block rows on the pool's threads, each into its own product buffer and its own row of part
            Parallel.forEach(tiles, I -> {
                int i0 = I * TILE, i1 = Math.min(size, i0 + TILE);
                // one GEMM per block row: W_I [K_II K_I,I+1 … K_I,last] (the tiles on and above the diagonal)
                INDArray wI = wc.get(NDArrayIndex.all(), NDArrayIndex.interval(i0, i1));
                // each thread's own buffer, of the widest block row's size (no regrowing when the rows change threads)
                INDArray prod = Scratch.matrix("permutation W·K", type, chunk, size)
                        .get(NDArrayIndex.interval(0, rows), NDArrayIndex.interval(0, size - i0));
                Gemm.gemm(wI, k.tile(i0, i1, i0, size), prod, false, false, 1.0, 0.0);
                // w_Iᵀ K_II w_I + 2 Σ_{J>I} w_Iᵀ K_IJ w_J for every row (K_JI = K_IJᵀ)
                addRowDots(prod, wc, i0, i1 - i0, part[I]);
            });
            // added in block-row order, as one thread would: the same bits on any number of threads
            for (int I = 0; I < tiles; I++)
                for (int r = 0; r < rows; r++) stats[r0 + r] += part[I][r];
        }
        return stats;
    }

    /**
     * out[r] = Σ_{j &lt; diag} prod[r, j] W[r, j0 + j] + 2 Σ_{j ≥ diag} prod[r, j] W[r, j0 + j] for every
     * row of prod, in double (rows are bulk-copied to the heap one at a time).
     */
    private static void addRowDots(INDArray prod, INDArray w, int j0, int diag, double[] out) {
        int rows = (int) prod.rows(), width = (int) prod.columns();
        double[] pr = new double[width], wr = new double[width];
        for (int r = 0; r < rows; r++) {
            Rows.get(prod, r, 0, pr);
            Rows.get(w, r, j0, wr);
            double on = 0, above = 0;
            for (int j = 0; j < diag; j++) on += pr[j] * wr[j];
            for (int j = diag; j < width; j++) above += pr[j] * wr[j];
            out[r] = on + 2 * above;
        }
    }

    /** Bulk copies between a row of a row-major FLOAT/DOUBLE matrix (or a block of one) and a double[] on the heap. */
    private static final class Rows {
        private static final ThreadLocal<float[]> FLOATS = ThreadLocal.withInitial(() -> new float[0]);

        /** dst ← x[r, c0 : c0 + dst.length]. */
        static void get(INDArray x, int r, int c0, double[] dst) {
            int at = (int) (x.offset() + r * x.stride(0) + c0);
            if (x.dataType() == DataType.DOUBLE) {
                x.data().asNioDouble().position(at).get(dst);
            } else {
                float[] f = floats(dst.length);
                x.data().asNioFloat().position(at).get(f, 0, dst.length);
                for (int j = 0; j < dst.length; j++) dst[j] = f[j];
            }
        }

        /** x[r, c0 : c0 + src.length] ← src (rounded to float for FLOAT). */
        static void put(double[] src, INDArray x, int r, int c0) {
            int at = (int) (x.offset() + r * x.stride(0) + c0);
            if (x.dataType() == DataType.DOUBLE) {
                x.data().asNioDouble().position(at).put(src);
            } else {
                float[] f = floats(src.length);
                for (int j = 0; j < src.length; j++) f[j] = (float) src[j];
                x.data().asNioFloat().position(at).put(f, 0, src.length);
            }
        }

        private static float[] floats(int n) {
            float[] f = FLOATS.get();
            if (f.length < n) FLOATS.set(f = new float[n]);
            return f;
        }
    }
}
