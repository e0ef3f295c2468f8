package lecture7.mmd;

import lecture7.kernel.Kernel;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Random;
import java.util.function.BiFunction;

/**
 * How often the permutation test rejects, estimated by repeating it on fresh samples: the type-I error when
 * P = Q (should be ≤ α) and the power when P ≠ Q (should grow to 1 with n).
 */
public final class RejectionRate {
    private RejectionRate() {}

    /**
     * A rejection frequency.
     *
     * @param rate          fraction of repetitions with p ≤ α
     * @param standardError √(rate(1 − rate)/repetitions)
     * @param repetitions   number of independent tests
     */
    public record Rate(double rate, double standardError, int repetitions) {}

    /** With a fixed kernel. */
    public static Rate estimate(Sampler p, Sampler q, Kernel k, int n, int repetitions, int permutations,
                                double alpha, long seed) {
        return estimate(p, q, (x, y) -> k, n, repetitions, permutations, alpha, seed);
    }

    /**
     * Runs {@code repetitions} tests on fresh samples of n points from each of P and Q.
     *
     * @param kernel chooses the kernel from the two samples (e.g. the median heuristic); fixed kernels also fit
     * @param seed   seeds both the samples and the permutations
     */
    public static Rate estimate(Sampler p, Sampler q, BiFunction<INDArray, INDArray, Kernel> kernel, int n,
                                int repetitions, int permutations, double alpha, long seed) {
        if (repetitions < 1) throw new IllegalArgumentException("repetitions must be ≥ 1, got " + repetitions);
        if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("α must be in (0, 1), got " + alpha);
        Random rng = new Random(seed);
        int rejected = 0;
        for (int r = 0; r < repetitions; r++) {
            INDArray x = p.sample(n, rng), y = q.sample(n, rng);
            if (PermutationTest.twoSample(kernel.apply(x, y), x, y, permutations, rng.nextLong()).rejects(alpha)) rejected++;
            x.close();
            y.close();
        }
        double rate = (double) rejected / repetitions;
        return new Rate(rate, Math.sqrt(rate * (1 - rate) / repetitions), repetitions);
    }

    /** The rejection rate at each sample size in {@code ns} (seeds derived from {@code seed}). */
    public static Rate[] curve(Sampler p, Sampler q, BiFunction<INDArray, INDArray, Kernel> kernel, int[] ns,
                               int repetitions, int permutations, double alpha, long seed) {
        Rate[] out = new Rate[ns.length];
        for (int i = 0; i < ns.length; i++) out[i] = estimate(p, q, kernel, ns[i], repetitions, permutations, alpha, seed + 7919L * i);
        return out;
    }
}
