package lecture7.mmd;

import lecture7.compute.Inputs;
import lecture7.kernel.Kernel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;


/**
 * The Hilbert–Schmidt independence criterion (slide "Testing independence"; Gretton et al., "A kernel
 * statistical test of independence", NIPS 2007): the squared MMD between the joint p(x, y) and the product of
 * marginals p(x)p(y) under the product kernel κ((x, y), (x', y')) = k(x, x')·l(y, y').
 * <pre>
 *   HSIC_b = (1/n²) tr(K H L H),  H = I − 11ᵀ/n,
 * </pre>
 * with K_ij = k(x_i, x_j) and L_ij = l(y_i, y_j). With characteristic kernels HSIC = 0 iff X and Y are
 * independent, so it sees dependence that has no correlation (y = x² + noise).
 * Gram matrices are n×n in double: meant for n up to a few thousand.
 */
public final class Hsic {
    private Hsic() {}

    /** HSIC_b of paired samples x ({@code [n, dx]}) and y ({@code [n, dy]}), n ≥ 2. */
    public static double biased(Kernel k, Kernel l, INDArray x, INDArray y) {
        int n = checkPaired(x, y);
        double[] kc = centredGram(k, x, n), lm = gram(l, y);
        // HSIC_b = (1/n²) Σ_ij (HKH)_ij L_ij   (tr(KHLH) = tr(HKH·L), both symmetric)
        double s = 0;
        for (int i = 0; i < kc.length; i++) s += kc[i] * lm[i];
        return s / ((double) n * n);
    }

    /**
     * Permutation test of independence: the null statistics re-pair x_i with y_π(i) for B random
     * permutations π (seeded), which keeps both marginals and destroys any dependence.
     */
    public static IndependenceTest test(Kernel k, Kernel l, INDArray x, INDArray y, int permutations, long seed) {
        int n = checkPaired(x, y);
        double[] kc = centredGram(k, x, n), lm = gram(l, y);
        double observed = 0;
        for (int i = 0; i < kc.length; i++) observed += kc[i] * lm[i];
        observed /= (double) n * n;
        int[][] perms = PermutationTest.permutations(n, permutations, seed);
        double[] nulls = new double[permutations];
        int atLeast = 0;
        for (int b = 0; b < permutations; b++) {
            int[] p = perms[b];
            double s = 0;
            // (1/n²) Σ_ij Kc_ij L_{π(i)π(j)}
            for (int i = 0; i < n; i++) {
                int row = i * n, prow = p[i] * n;
                for (int j = 0; j < n; j++) s += kc[row + j] * lm[prow + p[j]];
            }
            nulls[b] = s / ((double) n * n);
            if (nulls[b] >= observed) atLeast++;
        }
        return new IndependenceTest(observed, (1.0 + atLeast) / (1.0 + permutations), nulls);
    }

    private static int checkPaired(INDArray x, INDArray y) {
        x = Inputs.batch("x", x, 2);
        y = Inputs.batch("y", y, 2);
        if (x.rows() != y.rows())
            throw new IllegalArgumentException("x has " + x.rows() + " points but y has " + y.rows()
                    + "; HSIC needs pairs (x_i, y_i)");
        if (x.rows() > 20_000)
            throw new IllegalArgumentException("HSIC holds n×n Gram matrices; n = " + x.rows() + " is too large, subsample to ≤ 20 000");
        return (int) x.rows();
    }

    private static double[] gram(Kernel k, INDArray a) {
        INDArray g = k.gram(a, a);
        double[] v = Inputs.doubles(g);
        g.close();
        return v;
    }

    /** HKH: K_ij − rowmean_i − colmean_j + grand mean (K symmetric, so row and column means agree). */
    private static double[] centredGram(Kernel k, INDArray x, int n) {
        double[] g = gram(k, x), mean = new double[n];
        double grand = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) s += g[i * n + j];
            mean[i] = s / n;
            grand += s;
        }
        grand /= (double) n * n;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) g[i * n + j] += grand - mean[i] - mean[j];
        return g;
    }
}
