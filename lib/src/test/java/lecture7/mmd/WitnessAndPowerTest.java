package lecture7.mmd;

import lecture7.kernel.Laplace;
import lecture7.kernel.Rbf;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class WitnessAndPowerTest {
    private static double rbf(double a, double b) {
        return Math.exp(-(a - b) * (a - b) / 2); // σ = 1
    }

    @Test
    void witnessIsTheDifferenceOfKernelMeansAndIntegratesToTheBiasedMmd() {
        Random rng = new Random(3);
        INDArray x = Sampler.gaussian(0, 1).sample(40, rng), y = Sampler.gaussian(1, 1).sample(30, rng);
        double[] xs = x.toDoubleVector(), ys = y.toDoubleVector();
        double[] t = {-2, 0, 0.5, 3};
        double[] f = Mmd.witness(Rbf.ofBandwidth(1), x, y, Nd4j.createFromArray(t).reshape(4, 1));
        for (int a = 0; a < t.length; a++) {
            double sx = 0, sy = 0; // the definition, term by term
            for (double v : xs) sx += rbf(v, t[a]);
            for (double v : ys) sy += rbf(v, t[a]);
            assertEquals(sx / xs.length - sy / ys.length, f[a], 1e-6);
        }
        assertTrue(f[0] > 0 && f[3] < 0, "positive where P has more mass, negative where Q has");
        // MMD²_V = mean_i f(x_i) − mean_j f(y_j)
        double[] fx = Mmd.witness(Rbf.ofBandwidth(1), x, y, x), fy = Mmd.witness(Rbf.ofBandwidth(1), x, y, y);
        double viaWitness = java.util.Arrays.stream(fx).average().orElseThrow() - java.util.Arrays.stream(fy).average().orElseThrow();
        assertEquals(Mmd.biased(Rbf.ofBandwidth(1), x, y), viaWitness, 1e-6);
        assertThrows(IllegalArgumentException.class, () -> Mmd.witness(Laplace.ofBandwidth(1), x, y, Nd4j.zeros(2, 2)));
    }

    @Test
    void powerRatioVarianceMatchesTheSpreadOfMmdAcrossSamples() {
        // Monte Carlo: under H1 (N(0,1) vs N(0.7,1), n = 150) n·Var(MMD²_U) over 300 repetitions ≈ mean σ̂²_H1.
        int n = 150, reps = 300;
        Random rng = new Random(11);
        Rbf k = Rbf.ofBandwidth(1);
        double s = 0, s2 = 0, varHat = 0;
        for (int r = 0; r < reps; r++) {
            Mmd.PowerRatio p = Mmd.powerRatio(k, Sampler.gaussian(0, 1).sample(n, rng), Sampler.gaussian(0.7, 1).sample(n, rng));
            s += p.mmd2();
            s2 += p.mmd2() * p.mmd2();
            varHat += p.sigmaH1() * p.sigmaH1();
        }
        double mean = s / reps, empirical = n * (s2 / reps - mean * mean), plugIn = varHat / reps;
        // the variance of a sample variance over 300 draws is ~ 2/300 relative (≈ 8% sd): allow 30%
        assertEquals(1.0, empirical / plugIn, 0.3, "n·Var(MMD²_U) = " + empirical + ", mean σ̂²_H1 = " + plugIn);
    }

    @Test
    void powerRatioPrefersAMeaningfulBandwidthAndRefusesUnequalSizes() {
        Random rng = new Random(5);
        INDArray x = Sampler.gaussian(0, 1).sample(200, rng), y = Sampler.gaussian(0.5, 1).sample(200, rng);
        double tiny = Mmd.powerRatio(Rbf.ofBandwidth(0.001), x, y).ratio(), good = Mmd.powerRatio(Rbf.ofBandwidth(1), x, y).ratio();
        assertTrue(good > tiny, "σ = 1 sees a mean shift better than σ = 0.001: " + good + " vs " + tiny);
        assertThrows(IllegalArgumentException.class, () -> Mmd.powerRatio(Rbf.ofBandwidth(1), x, y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 100))));
    }
}
