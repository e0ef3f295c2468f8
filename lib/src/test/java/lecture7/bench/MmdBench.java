package lecture7.bench;

import lecture7.kernel.Rbf;
import lecture7.mmd.Mmd;
import lecture7.mmd.PermutationTest;
import lecture7.mmd.TwoSampleTest;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Locale;
import java.util.Random;

/**
 * Benchmark of the MMD code against {@code ../shared/reference/mmd_torch.py} (run by {@code environment/kit bench}).
 *
 * <p>Usage: {@code MmdBench [--n 10000] [--perm-n 2000] [--perms 1000] [--dim 16]}. Data as in the reference:
 * x ~ N(0, I), y ~ N(0, I) + 0.05 in FLOAT, RBF γ = 1/dim. Times (best of two runs, after a warm-up):
 * {@code mmd_v_s}, the biased MMD² of n + n points; {@code perm_gemm_s}, the B null statistics of
 * perm-n + perm-n points from a precomputed Gram matrix and given permutations (weights, product, row-wise
 * dots: the scope the reference times); {@code perm_test_s}, the whole test end to end (Gram tiles,
 * permutations, product, p-value). The last stdout line is one JSON object.
 */
public final class MmdBench {
    private MmdBench() {}

    /** [n, d] FLOAT with N(shift, 1) entries. */
    static INDArray gaussian(int n, int d, double shift, Random rng) {
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) v[i] = (float) (rng.nextGaussian() + shift);
        return Nd4j.create(v, new long[]{n, d}, 'c');
    }

    public static void main(String[] args) {
        int n = 10_000, permN = 2000, permCount = 1000, dim = 16;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--n" -> n = Integer.parseInt(args[++i]);
                case "--perm-n" -> permN = Integer.parseInt(args[++i]);
                case "--perms" -> permCount = Integer.parseInt(args[++i]);
                case "--dim" -> dim = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: MmdBench [--n 10000] [--perm-n 2000] [--perms 1000] [--dim 16]");
            }
        }
        if (permN > n) throw new IllegalArgumentException("--perm-n " + permN + " exceeds --n " + n);
        // java.util.Random, not ND4J's RNG: the same numbers whatever the thread count
        INDArray x = gaussian(n, dim, 0, new Random(0)), y = gaussian(n, dim, 0.05, new Random(1));
        Rbf k = new Rbf(1.0 / dim);

        // warm-up: JIT and native libraries on a small problem
        INDArray xs = x.get(NDArrayIndex.interval(0, Math.min(n, 500)), NDArrayIndex.all());
        INDArray ys = y.get(NDArrayIndex.interval(0, Math.min(n, 500)), NDArrayIndex.all());
        Mmd.biased(k, xs, ys);
        PermutationTest.twoSample(k, xs, ys, 20, 1);

        double mmd = Double.NaN, mmdS = Double.POSITIVE_INFINITY;
        for (int r = 0; r < 2; r++) {
            long t0 = System.nanoTime();
            mmd = Mmd.biased(k, x, y);
            mmdS = Math.min(mmdS, (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf(Locale.ROOT, "MMD²_V of %d + %d points in %d-D: %.6g in %.3f s%n", n, n, dim, mmd, mmdS);

        INDArray px = x.get(NDArrayIndex.interval(0, permN), NDArrayIndex.all()).dup();
        INDArray py = y.get(NDArrayIndex.interval(0, permN), NDArrayIndex.all()).dup();
        // as the reference times it: Gram matrix and permutations given, the null statistics as one product
        INDArray z = Nd4j.vstack(px, py), joint = k.gram(z, z);
        int[][] perms = PermutationTest.permutations(2 * permN, permCount, 0);
        double gemmS = Double.POSITIVE_INFINITY;
        double[] nulls = null;
        for (int r = 0; r < 2; r++) {
            long t0 = System.nanoTime();
            nulls = PermutationTest.statisticsGemm(joint, permN, perms);
            gemmS = Math.min(gemmS, (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf(Locale.ROOT, "null statistics of %d permutations (Gram given): %.3f s%n", perms.length, gemmS);
        // the whole test as a student calls it: Gram tiles, permutations, product, p-value
        TwoSampleTest test = null;
        double testS = Double.POSITIVE_INFINITY;
        for (int r = 0; r < 2; r++) {
            long t0 = System.nanoTime();
            test = PermutationTest.twoSample(k, px, py, perms.length, 0);
            testS = Math.min(testS, (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf(Locale.ROOT, "permutation test %d + %d points, %d permutations, end to end: %s in %.3f s%n",
                permN, permN, perms.length, test, testS);

        String threads = System.getenv().getOrDefault("OMP_NUM_THREADS", "");
        String core = System.getenv().getOrDefault("OPENBLAS_CORETYPE", "");
        System.out.printf(Locale.ROOT, "{\"mmd_v_s\": %.4f, \"perm_gemm_s\": %.4f, \"perm_test_s\": %.4f, \"mmd_v\": %.10g, "
                        + "\"p_value\": %.6g, \"observed\": %.10g, \"n\": %d, \"perm_n\": %d, \"perms\": %d, \"dim\": %d, "
                        + "\"omp_threads\": \"%s\", \"openblas_coretype\": \"%s\"}%n",
                mmdS, gemmS, testS, mmd, test.pValue(), test.statistic(), n, permN, perms.length, dim, threads, core);
    }
}
