package lecture7.mmd;

import lecture7.kernel.Gram;
import lecture7.kernel.Rbf;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The permutation two-sample test: size under H₀, power, the GEMM evaluation and the p-value convention. */
class TwoSampleTestTest {
    private static final Rbf K = Rbf.ofGamma(0.5);

    @Test
    @Tag("slow")
    void sizeUnderTheNullIsAlpha() {
        // 1000 independent tests of N(0,1) vs N(0,1); with B = 99 the p-value (b+1)/(B+1) makes P(p ≤ 0.05) = 0.05
        // exactly under exchangeability, so the rejection rate must land near 0.05 (SE ≈ 0.007).
        var rate = RejectionRate.estimate(Sampler.gaussian(0, 1), Sampler.gaussian(0, 1), K, 20, 1000, 99, 0.05, 11);
        assertTrue(rate.rate() >= 0.03 && rate.rate() <= 0.07, "type-I error " + rate.rate());
    }

    @Test
    @Tag("slow")
    void powerGoesToOneForAClearShift() {
        var rate = RejectionRate.estimate(Sampler.gaussian(0, 1), Sampler.gaussian(1, 1), K, 100, 50, 99, 0.05, 12);
        assertTrue(rate.rate() >= 0.95, "power " + rate.rate());
        var weak = RejectionRate.estimate(Sampler.gaussian(0, 1), Sampler.gaussian(1, 1), K, 10, 50, 99, 0.05, 12);
        assertTrue(weak.rate() < rate.rate(), "power must grow with n");
    }

    @Test
    void gemmPermutationsEqualTheOnePermutationAtATimeLoop() {
        Random rng = new Random(4);
        INDArray x = Sampler.gaussian(0, 1).sample(25, rng), y = Sampler.gaussian(0.3, 1).sample(35, rng); // n ≠ m
        INDArray joint = Gram.matrix(K, Nd4j.vstack(x, y), Nd4j.vstack(x, y));
        int[][] perms = PermutationTest.permutations(60, 200, 9);
        double[] gemm = PermutationTest.statisticsGemm(joint, 25, perms), loop = PermutationTest.statisticsLoop(joint, 25, perms);
        assertEquals(perms.length, gemm.length);
        for (int b = 0; b < perms.length; b++) assertEquals(loop[b], gemm[b], 1e-10, "permutation " + b);
    }

    @Test
    void gemmPermutationsEqualTheLoopAcrossSeveralGramTiles() {
        // 2100 points > PermutationTest.TILE: the tiled, symmetric path (off-diagonal tiles counted twice)
        Random rng = new Random(6);
        INDArray x = Sampler.gaussian(new double[]{0, 0}, 1).sample(1000, rng), y = Sampler.gaussian(new double[]{0.2, 0}, 1).sample(1100, rng);
        INDArray z = Nd4j.vstack(x, y), joint = Gram.matrix(K, z, z);
        assertTrue(joint.rows() > PermutationTest.TILE);
        int[][] perms = PermutationTest.permutations(2100, 4, 10);
        double[] gemm = PermutationTest.statisticsGemm(joint, 1000, perms), loop = PermutationTest.statisticsLoop(joint, 1000, perms);
        for (int b = 0; b < perms.length; b++) assertEquals(loop[b], gemm[b], 1e-10, "permutation " + b);
    }

    @Test
    void float32GramTilesAndChunksOfWGiveTheLoopsStatistics() {
        // float32, 3 tiles (1024, 1024, 52: off-diagonal GEMMs and triangular products of unequal sizes), and W
        // in chunks of 3 rows (3 + 3 + 1: a partial last chunk); the loop sums the same float entries in double
        Random rng = new Random(12);
        INDArray z = Sampler.gaussian(new double[]{0, 0}, 1).sample(2100, rng).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        INDArray joint = Gram.matrix(K, z, z);
        int[][] perms = PermutationTest.permutations(2100, 7, 13);
        double[] gemm = PermutationTest.statisticsGemm(joint, 900, perms, 3L * 2100), loop = PermutationTest.statisticsLoop(joint, 900, perms);
        for (int b = 0; b < perms.length; b++)
            assertEquals(loop[b], gemm[b], 1e-6 * Math.abs(loop[b]) + 1e-8, "permutation " + b);
        // the kernel-tile path (the Gram matrix formed tile by tile, never stored) gives the same test
        INDArray x = z.get(NDArrayIndex.interval(0, 900), NDArrayIndex.all()), y = z.get(NDArrayIndex.interval(900, 2100), NDArrayIndex.all());
        TwoSampleTest t = PermutationTest.twoSample(K, x, y, 3, 13), viaJoint = PermutationTest.twoSample(joint, 900, 3, 13);
        assertEquals(viaJoint.statistic(), t.statistic(), 1e-6 * Math.abs(t.statistic()));
        for (int b = 0; b < 3; b++) assertEquals(viaJoint.nullStatistics()[b], t.nullStatistics()[b], 1e-6 * Math.abs(t.nullStatistics()[b]));
    }

    /**
     * The block rows of Gram tiles run on the pool's threads and their parts are added in block-row order: the same
     * bits on 1, 2 and 3 threads, for a stored Gram matrix (W in chunks) and for tiles formed from the kernel.
     */
    @Test
    void sameBitsOnAnyNumberOfThreads() {
        int before = lecture7.compute.Parallel.threads();
        try {
            Random rng = new Random(14);
            INDArray z = Sampler.gaussian(new double[]{0, 0}, 1).sample(2600, rng).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
            INDArray joint = Gram.matrix(K, z, z);
            INDArray x = z.get(NDArrayIndex.interval(0, 1100), NDArrayIndex.all()), y = z.get(NDArrayIndex.interval(1100, 2600), NDArrayIndex.all());
            int[][] perms = PermutationTest.permutations(2600, 9, 15);
            double[] ref = null, refTiles = null;
            for (int threads : new int[]{1, 2, 3}) {
                lecture7.compute.Parallel.setThreads(threads);
                double[] gemm = PermutationTest.statisticsGemm(joint, 1100, perms, 4L * 2600);
                double[] tiles = PermutationTest.twoSample(K, x, y, 8, 15).nullStatistics();
                if (ref == null) {
                    ref = gemm;
                    refTiles = tiles;
                }
                for (int b = 0; b < perms.length; b++)
                    assertEquals(Double.doubleToRawLongBits(ref[b]), Double.doubleToRawLongBits(gemm[b]), threads + " threads, permutation " + b);
                for (int b = 0; b < tiles.length; b++)
                    assertEquals(Double.doubleToRawLongBits(refTiles[b]), Double.doubleToRawLongBits(tiles[b]), threads + " threads, kernel tiles, permutation " + b);
            }
        } finally {
            lecture7.compute.Parallel.setThreads(before);
        }
    }

    @Test
    void observedStatisticIsTheBiasedMmdAndPValueCountsItself() {
        Random rng = new Random(8);
        INDArray x = Sampler.gaussian(0, 1).sample(30, rng), y = Sampler.gaussian(5, 1).sample(30, rng);
        TwoSampleTest t = PermutationTest.twoSample(K, x, y, 199, 3);
        assertEquals(Mmd.biased(K, x, y), t.statistic(), 1e-9);
        // far-apart samples: no relabelling reaches the observed statistic, so p = (0 + 1)/(199 + 1)
        assertEquals(1.0 / 200, t.pValue(), 1e-15);
        assertEquals(199, t.nullStatistics().length);
        assertTrue(t.rejects(0.05));
    }

    @Test
    void sameSeedSameResult() {
        Random rng = new Random(1);
        INDArray x = Sampler.gaussian(0, 1).sample(40, rng), y = Sampler.gaussian(0.2, 1).sample(40, rng);
        assertArrayEquals(PermutationTest.twoSample(K, x, y, 100, 5).nullStatistics(),
                PermutationTest.twoSample(K, x, y, 100, 5).nullStatistics());
    }

    @Test
    void hsicDetectsDependenceWithoutCorrelation() {
        Random rng = new Random(21);
        var dep = Sampler.parabola(500, 0.1, rng);
        double[] a = dep.x().toDoubleVector(), b = dep.y().toDoubleVector();
        int n = a.length;
        double ma = 0, mb = 0, cov = 0, va = 0, vb = 0, m22 = 0;
        for (int i = 0; i < n; i++) { ma += a[i] / n; mb += b[i] / n; }
        for (int i = 0; i < n; i++) {
            double da = a[i] - ma, db = b[i] - mb;
            cov += da * db;
            va += da * da;
            vb += db * db;
            m22 += da * da * db * db / n;
        }
        // the true correlation is 0 (cov(x, x²) = E x³ = 0), but x and y are dependent, so the standard error of the
        // sample correlation r is not 1/√n (≈ 0.045): by the delta method Var r ≈ E[(x−x̄)²(y−ȳ)²]/(n Var x Var y),
        // for y = x² about 10/(2n), SE ≈ 0.1 at n = 500 (estimated here from the sample)
        double r = cov / Math.sqrt(va * vb), se = Math.sqrt(m22 / (n * (va / n) * (vb / n)));
        assertTrue(se > 0.08 && se < 0.12, "SE of r " + se);
        assertTrue(Math.abs(r) < 4 * se, "y = x² + ε is uncorrelated with x: r = " + r + ", 4 SE = " + 4 * se);
        assertTrue(Hsic.test(K, K, dep.x(), dep.y(), 199, 1).pValue() <= 0.01);
        var indep = Sampler.independent(200, rng);
        assertTrue(Hsic.test(K, K, indep.x(), indep.y(), 199, 1).pValue() > 0.05);
    }

    @Test
    void gaussianMutualInformationClosedForm() {
        // I(X;Y) = −½ ln(1 − ρ²) for a bivariate Gaussian with correlation ρ (Cover & Thomas, Example 8.5.1)
        assertEquals(-0.5 * Math.log(1 - 0.36), GaussianMi.bivariate(0.6), 1e-12);
        assertEquals(0.0, GaussianMi.bivariate(0), 0);
    }

    @Test
    void pValueFloorIsOneOverBPlusOne() {
        // 200 permutations, none as large as the observed statistic: p = (1 + 0)/(1 + 200)
        TwoSampleTest floor = new TwoSampleTest(0.5, 1.0 / 201, new double[200]);
        assertEquals(1.0 / 201, floor.pValueFloor(), 1e-15);
        assertTrue(floor.atFloor());
        assertEquals("p = 0.005, the smallest p-value 200 permutations can give (1/201)", floor.pText());
        TwoSampleTest above = new TwoSampleTest(0.5, 2.0 / 201, new double[200]);
        assertFalse(above.atFloor());
        assertEquals("p = 0.010", above.pText());
    }
}
