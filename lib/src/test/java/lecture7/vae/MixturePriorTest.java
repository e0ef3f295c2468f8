package lecture7.vae;

import lecture7.infotheory.GaussianCodes;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class MixturePriorTest {

    /** A prior with random weights, means and scales. */
    private static MixturePrior randomPrior(int k, int d, long seed) {
        MixturePrior p = new MixturePrior(k, d, seed);
        double[] lambda = p.parameters();
        Random r = new Random(seed + 1);
        for (int i = 0; i < lambda.length; i++) lambda[i] = 0.5 * r.nextGaussian();
        p.setParameters(lambda);
        return p;
    }

    @Test
    void logDensityIsTheMixtureSumComputedDirectly() {
        MixturePrior p = randomPrior(4, 3, 1);
        double[] pi = p.weights();
        double[][] m = p.means(), s = p.scales();
        assertEquals(1, java.util.Arrays.stream(pi).sum(), 1e-15);
        Random r = new Random(2);
        for (int t = 0; t < 20; t++) {
            double[] z = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
            // direct: Σ_k π_k Π_j exp(−(z_j − m_kj)²/(2 s_kj²)) / (√(2π) s_kj), no logs until the end
            double sum = 0;
            for (int k = 0; k < 4; k++) {
                double prod = pi[k];
                for (int j = 0; j < 3; j++)
                    prod *= Math.exp(-(z[j] - m[k][j]) * (z[j] - m[k][j]) / (2 * s[k][j] * s[k][j])) / (Math.sqrt(2 * Math.PI) * s[k][j]);
                sum += prod;
            }
            assertEquals(Math.log(sum), p.logDensity(z), 1e-12);
        }
        // one component at 0 with unit scale is N(0, I): ln p(0) = −(M/2) ln 2π
        MixturePrior std = new MixturePrior(1, 3, 5);
        std.setParameters(new double[7]);
        assertEquals(-1.5 * Math.log(2 * Math.PI), std.logDensity(new double[3]), 1e-15);
    }

    @Test
    void gradientsMatchCentralDifferences() {
        MixturePrior p = randomPrior(3, 2, 3);
        double[] z = {0.4, -0.9};
        double[] dz = new double[2], dl = new double[p.parameters().length];
        p.logDensity(z, dz, dl, 1.0);
        double h = 1e-6;
        for (int j = 0; j < 2; j++) {
            double[] up = z.clone(), down = z.clone();
            up[j] += h;
            down[j] -= h;
            assertEquals((p.logDensity(up) - p.logDensity(down)) / (2 * h), dz[j], 1e-7, "∂ ln p/∂z_" + j);
        }
        double[] lambda = p.parameters();
        for (int i = 0; i < lambda.length; i++) {
            double[] up = lambda.clone(), down = lambda.clone();
            up[i] += h;
            down[i] -= h;
            p.setParameters(up);
            double fUp = p.logDensity(z);
            p.setParameters(down);
            double fDown = p.logDensity(z);
            p.setParameters(lambda);
            assertEquals((fUp - fDown) / (2 * h), dl[i], 1e-7, "∂ ln p/∂λ_" + i);
        }
    }

    @Test
    void samplesHaveTheMixturesMoments() {
        MixturePrior p = randomPrior(3, 2, 4);
        double[] pi = p.weights();
        double[][] m = p.means(), s = p.scales();
        int n = 40_000;
        double[] z = p.sample(n, 6).data().asDouble();
        for (int j = 0; j < 2; j++) {
            // E z_j = Σ π_k m_kj;  Var z_j = Σ π_k (s_kj² + m_kj²) − (E z_j)²
            double mean = 0, second = 0;
            for (int k = 0; k < 3; k++) {
                mean += pi[k] * m[k][j];
                second += pi[k] * (s[k][j] * s[k][j] + m[k][j] * m[k][j]);
            }
            double var = second - mean * mean, got = 0;
            for (int i = 0; i < n; i++) got += z[i * 2 + j] / n;
            assertEquals(mean, got, 4 * Math.sqrt(var / n), "mean of z_" + j);
        }
        assertEquals(p.sample(5, 6), p.sample(5, 6), "same seed, same draws");
    }

    @Test
    void averageKlToAStandardNormalComponentIsTheClosedForm() {
        MixturePrior std = new MixturePrior(1, 2, 1);
        std.setParameters(new double[5]);   // a = 0, m = 0, ln s = 0: N(0, I)
        Random r = new Random(7);
        double[][] mu = new double[300][2], ls = new double[300][2];
        for (int i = 0; i < 300; i++)
            for (int j = 0; j < 2; j++) {
                mu[i][j] = r.nextGaussian();
                ls[i][j] = -1 + 0.3 * r.nextGaussian();
            }
        GaussianCodes codes = GaussianCodes.of(mu, ls);
        double[] kl = std.averageKl(codes, 20, 3);
        assertEquals(codes.meanKl(), kl[0], 4 * kl[1], "Monte Carlo KL within 4 standard errors of the closed form");
        assertTrue(kl[1] < 0.1, "standard error " + kl[1]);
    }

    @Test
    void trainingMovesThePriorTowardsTheCodes() {
        // codes in two tight clusters at ±3: a learned 2-component prior should raise their log density
        int n = 64;
        double[][] mu = new double[n][1], ls = new double[n][1], eps = new double[n][1], z = new double[n][1];
        for (int i = 0; i < n; i++) {
            mu[i][0] = i % 2 == 0 ? 3 : -3;
            ls[i][0] = Math.log(0.1);
            z[i][0] = mu[i][0];
        }
        MixturePrior p = new MixturePrior(2, 1, 2);
        Objective o = p.objective(0.05);
        INDArray muA = Nd4j.createFromArray(mu), lsA = Nd4j.createFromArray(ls);
        Latents l = new Latents(muA, lsA, Transforms.exp(lsA, true), Nd4j.createFromArray(eps), Nd4j.createFromArray(z));
        double before = o.penalty(l, null);
        LatentGradients g = new LatentGradients(Nd4j.zeros(DataType.DOUBLE, n, 1), Nd4j.zeros(DataType.DOUBLE, n, 1), Nd4j.zeros(DataType.DOUBLE, n, 1));
        for (int t = 0; t < 300; t++) o.penalty(l, g);   // the latents' gradients pile up in g; only λ's steps matter here
        double after = o.penalty(l, null);
        assertTrue(after < before - 2, "KL estimate fell from " + before + " to " + after);
        double[][] m = p.means();
        assertEquals(3, Math.max(m[0][0], m[1][0]), 0.3);
        assertEquals(-3, Math.min(m[0][0], m[1][0]), 0.3);
    }

    @Test
    void badInputGivesClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> new MixturePrior(0, 2, 1));
        MixturePrior p = new MixturePrior(2, 2, 1);
        var e = assertThrows(IllegalArgumentException.class, () -> p.logDensity(new double[3]));
        assertTrue(e.getMessage().contains("M = 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.setParameters(new double[3]));
        assertThrows(IllegalArgumentException.class, () -> p.objective(0));
    }
}
