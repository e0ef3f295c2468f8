package lecture7.mmd;

import lecture7.kernel.Bandwidth;
import lecture7.kernel.Rbf;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Notebook 03's bandwidth example: N(0, 1) against the rippled N(0, 1) of {@link Sampler#rippledGaussian}, σ chosen by
 * the power ratio on one half and tested on the other, against the median heuristic. The notebook prints its own
 * verdict from its p-values; this test says the example shows what it is there to show for every seed tried, at the
 * fast mode's size (100 points per half).
 */
class BandwidthChoiceTest {
    static final double[] SIGMAS = {0.05, 0.1, 0.2, 0.5, 1, 2, 5};

    @Test
    void rippleHasTheMomentsOfTheStandardNormal() {
        INDArray x = Sampler.rippledGaussian(6).sample(200_000, new Random(1));
        double mean = x.meanNumber().doubleValue(), var = x.var(false).getDouble(0);
        // mean 6 e^{−18} ≈ 9e−8, variance 1: within 4 standard errors (SE of the mean 1/√n, of the variance √(2/n))
        assertEquals(0, mean, 4 / Math.sqrt(200_000));
        assertEquals(1, var, 4 * Math.sqrt(2.0 / 200_000));
    }

    @Test
    void powerChosenBandwidthRejectsWhereTheMedianHeuristicCannot() {
        int rejectPower = 0, rejectMedian = 0, seeds = 10, half = 100;
        for (int seed = 1; seed <= seeds; seed++) {
            Random rng = new Random(seed);
            INDArray p = Sampler.gaussian(0, 1).sample(2 * half, rng), q = Sampler.rippledGaussian(6).sample(2 * half, rng);
            INDArray pa = p.get(NDArrayIndex.interval(0, half), NDArrayIndex.all()), qa = q.get(NDArrayIndex.interval(0, half), NDArrayIndex.all());
            INDArray pb = p.get(NDArrayIndex.interval(half, 2 * half), NDArrayIndex.all()), qb = q.get(NDArrayIndex.interval(half, 2 * half), NDArrayIndex.all());
            int best = 0;
            double[] ratio = new double[SIGMAS.length];
            for (int b = 0; b < SIGMAS.length; b++) {
                ratio[b] = Mmd.powerRatio(Rbf.ofBandwidth(SIGMAS[b]), pa, qa).ratio();
                if (ratio[b] > ratio[best]) best = b;
            }
            if (PermutationTest.twoSample(Rbf.ofBandwidth(SIGMAS[best]), pb, qb, 199, 3).rejects(0.05)) rejectPower++;
            if (PermutationTest.twoSample(Bandwidth.median(p, q).rbf(), pb, qb, 199, 3).rejects(0.05)) rejectMedian++;
        }
        assertTrue(rejectPower >= seeds - 1, "power-chosen σ rejected in " + rejectPower + " of " + seeds);
        assertTrue(rejectMedian <= 2, "median heuristic rejected in " + rejectMedian + " of " + seeds);
    }
}
