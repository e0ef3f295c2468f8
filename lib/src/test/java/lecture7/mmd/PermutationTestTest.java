package lecture7.mmd;

import lecture7.kernel.Kernel;
import lecture7.kernel.Rbf;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class PermutationTestTest {

    @Test
    void gemmStatisticsEqualThePerPermutationLoop() {
        // unequal sizes (weights +1/n and −1/m) and N > PermutationTest.TILE, so that off-diagonal tiles count twice
        for (int[] nm : new int[][]{{7, 11}, {260, 340}}) {
            int n = nm[0], m = nm[1];
            INDArray x = MmdTest.randn(n, 2, 0, 1), y = MmdTest.randn(m, 2, 0.3, 2);
            Rbf k = new Rbf(0.5);
            INDArray joint = k.gram(Nd4j.vstack(x, y), Nd4j.vstack(x, y));
            int[][] perms = PermutationTest.permutations(n + m, 25, 3);
            double[] gemm = PermutationTest.statisticsGemm(joint, n, perms), loop = PermutationTest.statisticsLoop(joint, n, perms);
            for (int b = 0; b < perms.length; b++) assertEquals(loop[b], gemm[b], 1e-12, "n=" + n + " perm " + b);
        }
    }

    @Test
    void observedStatisticIsTheBiasedMmdAndPValueCountsIt() {
        INDArray x = MmdTest.randn(30, 2, 0, 4), y = MmdTest.randn(20, 2, 0.4, 5);
        Rbf k = new Rbf(0.5);
        TwoSampleTest t = PermutationTest.twoSample(k, x, y, 199, 7);
        assertEquals(Mmd.biased(k, x, y), t.statistic(), 1e-12);
        int atLeast = 0;
        for (double s : t.nullStatistics()) if (s >= t.statistic()) atLeast++;
        assertEquals((1.0 + atLeast) / 200, t.pValue(), 0);
        // the precomputed-Gram path gives the same test
        INDArray z = Nd4j.vstack(x, y);
        TwoSampleTest viaGram = PermutationTest.twoSample(k.gram(z, z), 30, 199, 7);
        assertEquals(t.statistic(), viaGram.statistic(), 1e-12);
        assertArrayEquals(t.nullStatistics(), viaGram.nullStatistics(), 1e-12);
        // same seed, same numbers (bit for bit); another seed, other permutations
        assertEquals(t, PermutationTest.twoSample(k, x, y, 199, 7));
        assertNotEquals(t, PermutationTest.twoSample(k, x, y, 199, 8));
    }

    @Test
    void sizeIsAlphaUnderTheNull() {
        // 1000 tests of P = Q = N(0, 1), n = m = 20, B = 99: P(p ≤ 0.05) = 5/100 exactly; SE ≈ 0.007
        RejectionRate.Rate r = RejectionRate.estimate(Sampler.gaussian(0, 1), Sampler.gaussian(0, 1), new Rbf(0.5),
                20, 1000, 99, 0.05, 11);
        assertTrue(r.rate() >= 0.03 && r.rate() <= 0.07, "type-I error " + r.rate());
    }

    @Test
    void powerGoesToOneForAClearShift() {
        RejectionRate.Rate r = RejectionRate.estimate(Sampler.gaussian(0, 1), Sampler.gaussian(1.0, 1), new Rbf(0.5),
                50, 100, 99, 0.05, 12);
        assertTrue(r.rate() >= 0.95, "power " + r.rate());
        // the tiny-shift power at small n is far from 1: the check can fail
        RejectionRate.Rate weak = RejectionRate.estimate(Sampler.gaussian(0, 1), Sampler.gaussian(0.1, 1), new Rbf(0.5),
                10, 100, 99, 0.05, 13);
        assertTrue(weak.rate() < 0.5, "power " + weak.rate());
    }

    @Test
    void floatDataRunsInFloat() {
        INDArray x = MmdTest.randn(100, 4, 0, 1).castTo(DataType.FLOAT), y = MmdTest.randn(100, 4, 1, 2).castTo(DataType.FLOAT);
        TwoSampleTest t = PermutationTest.twoSample(new Rbf(0.25), x, y, 99, 1);
        assertEquals(0.01, t.pValue(), 0);
        assertEquals(Mmd.biased(new Rbf(0.25), x.castTo(DataType.DOUBLE), y.castTo(DataType.DOUBLE)), t.statistic(), 1e-5);
    }

    @Test
    void badArguments() {
        INDArray x = MmdTest.randn(5, 2, 0, 1);
        Kernel k = new Rbf(1);
        assertThrows(IllegalArgumentException.class, () -> PermutationTest.twoSample(k, x, x, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> PermutationTest.twoSample(k, x, MmdTest.randn(5, 3, 0, 1), 10, 1));
        assertThrows(IllegalArgumentException.class, () -> PermutationTest.twoSample(Nd4j.zeros(4, 5), 2, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> PermutationTest.twoSample(Nd4j.zeros(4, 4), 4, 10, 1));
        var e = assertThrows(IllegalArgumentException.class, () -> new TwoSampleTest(0.1, 0, new double[]{1}));
        assertTrue(e.getMessage().contains("p-value"));
    }
}
