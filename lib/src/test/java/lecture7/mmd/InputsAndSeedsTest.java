package lecture7.mmd;

import lecture7.kernel.Bandwidth;
import lecture7.kernel.Rbf;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Bad input gets a message in the caller's terms; the same seed gives the same numbers (issue 16's gaps). */
class InputsAndSeedsTest {
    private static final Rbf K = Rbf.ofGamma(0.5);

    private static INDArray randn(int n, int d, long seed) {
        return Sampler.gaussian(new double[d], 1).sample(n, new Random(seed));
    }

    private static void assertMessage(IllegalArgumentException e, String... parts) {
        for (String p : parts) assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
    }

    @Test
    void hsicNamesWhatIsWrong() {
        INDArray x = randn(10, 2, 1);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Hsic.biased(K, K, x, randn(9, 2, 2))),
                "x has 10 points but y has 9", "pairs");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Hsic.test(K, K, x, randn(12, 1, 2), 10, 1)),
                "x has 10 points but y has 12");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Hsic.biased(K, K, randn(1, 2, 3), randn(1, 2, 4))),
                "x has 1 points", "at least 2");
        INDArray nan = x.dup();
        nan.putScalar(4, 0, Double.NaN);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Hsic.biased(K, K, x, nan)), "y contains NaN");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Hsic.test(K, K, x, x, 0, 1)),
                "number of permutations must be ≥ 1, got 0");
        // x and y may live in different spaces (HSIC pairs them, it does not compare them)
        assertTrue(Hsic.biased(K, K, x, randn(10, 3, 5)) >= 0);
    }

    @Test
    void linearTimeMmdNeedsEquallyManyPoints() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Mmd.linearTime(K, randn(10, 2, 1), randn(8, 2, 2))),
                "x has 10 points but y has 8", "min(n, m)");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Mmd.linearTime(K, randn(3, 2, 1), randn(3, 2, 2))),
                "x has 3 points", "at least 4");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Mmd.linearTime(K, randn(6, 2, 1), randn(6, 3, 2))),
                "dimension 2", "dimension 3");
    }

    @Test
    void permutationTestNamesWhatIsWrong() {
        INDArray x = randn(5, 2, 1), y = randn(4, 2, 2);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> PermutationTest.twoSample(K, x, y, 0, 1)),
                "number of permutations must be ≥ 1, got 0");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> PermutationTest.permutations(1, 5, 1)),
                "need ≥ 2 points to permute, got 1");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> PermutationTest.twoSample(K, x, randn(4, 3, 2), 10, 1)),
                "dimension 2", "dimension 3");
        INDArray joint = K.gram(Nd4j.vstack(x, y), Nd4j.vstack(x, y));
        assertMessage(assertThrows(IllegalArgumentException.class, () -> PermutationTest.twoSample(joint, 9, 10, 1)),
                "n = 9 must leave points in both samples (N = 9)");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> PermutationTest.twoSample(joint, 0, 10, 1)),
                "n = 0");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> PermutationTest.twoSample(Nd4j.zeros(DataType.DOUBLE, 9, 8), 4, 10, 1)),
                "square [N, N]", "[9, 8]");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> PermutationTest.twoSample(joint.castTo(DataType.INT), 4, 10, 1)),
                "FLOAT or DOUBLE");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new TwoSampleTest(0.1, 0, new double[]{1})),
                "p-value must be in (0, 1], got 0");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new TwoSampleTest(0.1, 0.5, new double[0])),
                "at least one null statistic");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> RejectionRate.estimate(Sampler.gaussian(0, 1),
                Sampler.gaussian(0, 1), K, 10, 0, 9, 0.05, 1)), "repetitions must be ≥ 1, got 0");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> RejectionRate.estimate(Sampler.gaussian(0, 1),
                Sampler.gaussian(0, 1), K, 10, 5, 9, 1, 1)), "α must be in (0, 1), got 1");
    }

    @Test
    void permutationsAreUniformRelabellings() {
        int[][] p = PermutationTest.permutations(6, 3000, 4);
        // each is a permutation of 0..5, and position 0 holds every point about equally often (3000/6 = 500, SD √(3000·⅙·⅚) ≈ 20)
        int[] first = new int[6];
        for (int[] q : p) {
            assertArrayEquals(new int[]{0, 1, 2, 3, 4, 5}, java.util.Arrays.stream(q).sorted().toArray());
            first[q[0]]++;
        }
        for (int c : first) assertEquals(500, c, 4 * 20.4, java.util.Arrays.toString(first));
        assertArrayEquals(p[17], PermutationTest.permutations(6, 3000, 4)[17]);
    }

    @Test
    void sameSeedSameHsicTestAndRejectionRate() {
        var d = Sampler.correlated(40, 0.3, new Random(3));
        IndependenceTest a = Hsic.test(K, K, d.x(), d.y(), 50, 9), b = Hsic.test(K, K, d.x(), d.y(), 50, 9);
        assertArrayEquals(a.nullStatistics(), b.nullStatistics(), 0);
        assertEquals(a.pValue(), b.pValue(), 0);
        assertEquals(Hsic.biased(K, K, d.x(), d.y()), a.statistic(), 1e-15);
        // another seed, other permutations
        assertFalse(java.util.Arrays.equals(a.nullStatistics(), Hsic.test(K, K, d.x(), d.y(), 50, 10).nullStatistics()));
        var r1 = RejectionRate.estimate(Sampler.gaussian(0, 1), Sampler.gaussian(0.5, 1), K, 15, 40, 19, 0.1, 77);
        var r2 = RejectionRate.estimate(Sampler.gaussian(0, 1), Sampler.gaussian(0.5, 1), K, 15, 40, 19, 0.1, 77);
        assertEquals(r1, r2);
        var c1 = RejectionRate.curve(Sampler.gaussian(0, 1), Sampler.gaussian(0.5, 1), (x, y) -> Bandwidth.median(x, y).rbf(),
                new int[]{8, 16}, 20, 19, 0.1, 5);
        var c2 = RejectionRate.curve(Sampler.gaussian(0, 1), Sampler.gaussian(0.5, 1), (x, y) -> Bandwidth.median(x, y).rbf(),
                new int[]{8, 16}, 20, 19, 0.1, 5);
        assertArrayEquals(c1, c2);
    }

    /**
     * The rejection rate on cases whose answer is known from the p-value convention (b + 1)/(B + 1): samples 50 SD
     * apart give p = 1/(B + 1) in every repetition, which rejects at α = 1/(B + 1) and never below it.
     */
    @Test
    void rejectionRateCountsAndItsStandardError() {
        // far apart: every test has p = 1/(B+1) = 0.05 ≤ α = 0.05 → rate 1, SE 0
        var all = RejectionRate.estimate(Sampler.gaussian(0, 1), Sampler.gaussian(50, 1), K, 6, 7, 19, 0.05, 3);
        assertEquals(1, all.rate(), 0);
        assertEquals(0, all.standardError(), 0);
        assertEquals(7, all.repetitions());
        // α just below 1/(B+1): no p-value can be that small → rate 0
        var none = RejectionRate.estimate(Sampler.gaussian(0, 1), Sampler.gaussian(50, 1), K, 6, 7, 19, 0.049, 3);
        assertEquals(0, none.rate(), 0);
        // a rate of k/r has SE √(rate(1 − rate)/r): check on a run whose rate is strictly between 0 and 1
        var some = RejectionRate.estimate(Sampler.gaussian(0, 1), Sampler.gaussian(0.7, 1), K, 10, 30, 19, 0.1, 8);
        assertTrue(some.rate() > 0 && some.rate() < 1, "rate " + some.rate());
        assertEquals(Math.sqrt(some.rate() * (1 - some.rate()) / 30), some.standardError(), 1e-15);
        assertEquals(Math.rint(some.rate() * 30), some.rate() * 30, 1e-9);
    }
}
