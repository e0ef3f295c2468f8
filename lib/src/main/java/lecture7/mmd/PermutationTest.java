package lecture7.mmd;

import lecture7.kernel.Gram;
import lecture7.kernel.Inputs;
import lecture7.kernel.Kernel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
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
     * (K is symmetric). Measured for N = 4000, B = 1000 on one thread (noisy shared machine): 512 → 0.37–0.45 s,
     * 1024 → 0.31–0.34 s, 2048 → 0.32–0.39 s; one 4000-block (no symmetry saving) → 0.50 s.
     */
    static final int TILE = 1024;

    /** At most this many W entries are held at once (rows of W are processed in chunks). */
    static final long MAX_W_ENTRIES = 1L << 25;

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
            return result(statistics(tiles::tile, tiles.dataType(), n, n + m, withIdentity(n + m, permutations, seed)));
        } finally {
            z.close();
        }
    }

    /**
     * The same test on a precomputed joint Gram matrix {@code [N, N]} of z = [x; y], whose first n rows are x.
     */
    public static TwoSampleTest twoSample(INDArray joint, int n, int permutations, long seed) {
        int size = checkJoint(joint, n);
        return result(statistics(viewTiles(joint), joint.dataType(), n, size, withIdentity(size, permutations, seed)));
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
        int size = checkJoint(joint, n);
        return statistics(viewTiles(joint), joint.dataType(), n, size, perms);
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
        if (!joint.dataType().isFPType()) throw new IllegalArgumentException("the Gram matrix must be FLOAT or DOUBLE");
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

    /** wᵀKw for every relabelling, by tiles of K on and above the diagonal, W in row chunks. */
    private static double[] statistics(TileSource k, DataType type, int n, int size, int[][] perms) {
        int m = size - n, tiles = (size + TILE - 1) / TILE;
        double[] stats = new double[perms.length];
        int chunk = (int) Math.max(1, Math.min(perms.length, MAX_W_ENTRIES / size));
        boolean single = type != DataType.DOUBLE;
        // buffers are allocated once and reused: fresh off-heap memory costs page faults on every first touch
        Map<Long, INDArray> products = new HashMap<>();
        for (int r0 = 0; r0 < perms.length; r0 += chunk) {
            int r1 = Math.min(perms.length, r0 + chunk), rows = r1 - r0;
            // W's column blocks W_J = W[:, J] as contiguous [rows, |J|] arrays
            INDArray[] w = new INDArray[tiles];
            int[] widths = new int[tiles];
            java.nio.FloatBuffer[] f = new java.nio.FloatBuffer[single ? tiles : 0];
            java.nio.DoubleBuffer[] d = new java.nio.DoubleBuffer[single ? 0 : tiles];
            for (int t = 0; t < tiles; t++) {
                widths[t] = Math.min(size, (t + 1) * TILE) - t * TILE;
                // every entry is written below (each row is a permutation), so no zero fill is needed
                w[t] = Nd4j.createUninitialized(single ? DataType.FLOAT : DataType.DOUBLE, rows, widths[t]);
                java.nio.ByteBuffer bytes = w[t].data().asNio().order(java.nio.ByteOrder.nativeOrder());
                if (single) f[t] = bytes.asFloatBuffer();
                else d[t] = bytes.asDoubleBuffer();
            }
            // w_i = +1/n if point i is labelled x, −1/m if labelled y
            double wx = 1.0 / n, wy = -1.0 / m;
            float fx = (float) wx, fy = (float) wy;
            for (int r = 0; r < rows; r++) {
                int[] p = perms[r0 + r];
                for (int i = 0; i < size; i++) {
                    int col = p[i], t = col / TILE, at = r * widths[t] + (col - t * TILE);
                    if (single) f[t].put(at, i < n ? fx : fy);
                    else d[t].put(at, i < n ? wx : wy);
                }
            }
            if (single && type != DataType.FLOAT)
                for (int t = 0; t < tiles; t++) {
                    INDArray cast = w[t].castTo(type);
                    w[t].close();
                    w[t] = cast;
                }
            for (int I = 0; I < tiles; I++) {
                int i0 = I * TILE, i1 = Math.min(size, i0 + TILE);
                for (int J = I; J < tiles; J++) {
                    int j0 = J * TILE, j1 = Math.min(size, j0 + TILE), width = j1 - j0;
                    INDArray kij = k.tile(i0, i1, j0, j1);
                    INDArray prod = products.computeIfAbsent(((long) rows << 32) | width, key -> Nd4j.create(type, rows, width));
                    // (W_I K_IJ) ∘ W_J summed over columns = w_Iᵀ K_IJ w_J for every row
                    Nd4j.gemm(w[I], kij, prod, false, false, 1.0, 0.0);
                    prod.muli(w[J]);
                    INDArray dots = prod.sum(1);
                    double[] dv = Inputs.doubles(dots);
                    double factor = (I == J) ? 1 : 2; // K_JI = K_IJᵀ contributes the same
                    for (int r = 0; r < rows; r++) stats[r0 + r] += factor * dv[r];
                    dots.close();
                }
            }
            for (INDArray a : w) a.close();
        }
        products.values().forEach(INDArray::close);
        return stats;
    }
}
