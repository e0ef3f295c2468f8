package lecture7.bench;

import lecture7.kernel.Gram;
import lecture7.kernel.Rbf;
import lecture7.mmd.Mmd;
import lecture7.mmd.PermutationTest;
import lecture7.mmd.TwoSampleTest;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Locale;
import java.util.Random;

/**
 * Benchmark beside its PyTorch peer {@code environment/bench/mmd_torch.py}: MMD²_V of two samples of n points in d dimensions
 * (x ~ N(0, I), y ~ N(0, I) + 0.05, RBF γ = 1/d, float32 kernels, double sums), and the permutation test on
 * the first perm-n points of each with B permutations evaluated as one matrix product on the precomputed joint
 * Gram matrix (computed once, untimed, as the reference does).
 * Prints one JSON line last: {@code mmd_v_s, perm_gemm_s, mmd_v, p_value}.
 * <pre>usage: MmdBench [--n 10000] [--perm-n 2000] [--perms 1000] [--dim 16]</pre>
 */
public final class MmdBench {
    public static void main(String[] args) {
        int n = 10_000, permN = 2000, perms = 1000, dim = 16;
        for (int i = 0; i + 1 < args.length; i += 2) {
            int v = Integer.parseInt(args[i + 1]);
            switch (args[i]) {
                case "--n" -> n = v;
                case "--perm-n" -> permN = v;
                case "--perms" -> perms = v;
                case "--dim" -> dim = v;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Random rng = new Random(0);
        INDArray x = gaussian(n, dim, 0, rng), y = gaussian(n, dim, 0.05, rng);
        Rbf k = Rbf.ofGamma(1.0 / dim);
        Mmd.biased(k, x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 500), org.nd4j.linalg.indexing.NDArrayIndex.all()),
                y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 500), org.nd4j.linalg.indexing.NDArrayIndex.all())); // warm-up

        double best = Double.POSITIVE_INFINITY, mmd = 0;
        for (int rep = 0; rep < 2; rep++) {
            long t0 = System.nanoTime();
            mmd = Mmd.biased(k, x, y);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }

        INDArray xs = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, permN), org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
        INDArray ys = y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, permN), org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
        // as in mmd_torch.py, the joint Gram matrix is computed once and not timed; the permutations are
        INDArray z = Nd4j.vstack(xs, ys), joint = Gram.matrix(k, z, z);
        PermutationTest.twoSample(joint, permN, 20, 1); // warm-up
        double bestPerm = Double.POSITIVE_INFINITY;
        TwoSampleTest test = null;
        for (int rep = 0; rep < 2; rep++) {
            long t0 = System.nanoTime();
            test = PermutationTest.twoSample(joint, permN, perms, 0);
            bestPerm = Math.min(bestPerm, (System.nanoTime() - t0) / 1e9);
        }
        System.out.println(String.format(Locale.ROOT,
                "{\"mmd_v_s\": %.4f, \"perm_gemm_s\": %.4f, \"mmd_v\": %.8g, \"p_value\": %.6g, \"n\": %d, \"perm_n\": %d, \"perms\": %d, \"dim\": %d, \"tile\": %d}",
                best, bestPerm, mmd, test.pValue(), n, permN, perms, dim, Gram.TILE));
    }

    private static INDArray gaussian(int n, int d, double shift, Random rng) {
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) v[i] = (float) (rng.nextGaussian() + shift);
        return Nd4j.create(v, new long[]{n, d}, DataType.FLOAT);
    }
}
