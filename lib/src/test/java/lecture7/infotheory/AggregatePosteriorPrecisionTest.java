package lecture7.infotheory;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Near-deterministic posteriors (σ ≈ e⁻²⁵, as an MMD-VAE encoder learns): the expanded quadratic of
 * {@link AggregatePosterior} would lose every digit, the direct pair-by-pair path must not.
 */
class AggregatePosteriorPrecisionTest {

    private static GaussianCodes codes(int n, int d, double logSigma, long seed) {
        Random rng = new Random(seed);
        double[][] mu = new double[n][d], ls = new double[n][d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) {
                mu[i][j] = rng.nextGaussian();
                ls[i][j] = logSigma + 0.5 * rng.nextGaussian();
            }
        return GaussianCodes.of(mu, ls);
    }

    /** ln q(z_i), ln q(z_ij) by explicit loops with a two-pass log-sum-exp (independent of the class under test). */
    private static double[][] bruteForce(GaussianCodes c, double[][] z) {
        int n = c.n(), d = c.dims();
        double[][] out = new double[d + 1][z.length];
        for (int i = 0; i < z.length; i++) {
            double[][] t = new double[d + 1][n];
            for (int k = 0; k < n; k++)
                for (int j = 0; j < d; j++) {
                    double m = c.mu().getDouble(k, j), s = c.logSigma().getDouble(k, j);
                    double l = -0.5 * Math.log(2 * Math.PI) - s - 0.5 * Math.pow((z[i][j] - m) / Math.exp(s), 2);
                    t[0][k] += l;
                    t[j + 1][k] = l;
                }
            for (int p = 0; p <= d; p++) {
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (double v : t[p]) max = Math.max(max, v);
                for (double v : t[p]) sum += Math.exp(v - max);
                out[p][i] = max + Math.log(sum) - Math.log(n);
            }
        }
        return out;
    }

    @Test
    void tinySigmasUseTheExactPath() {
        GaussianCodes c = codes(40, 3, -25, 1);
        double[][] z = c.sample(1, new Random(2)).toDoubleMatrix();
        AggregatePosterior ap = new AggregatePosterior(c);
        assertFalse(ap.expansionIsAccurate(9), "σ ≈ e⁻²⁵ must not pass the precision guard");
        double[][] want = bruteForce(c, z), got = ap.logDensities(Nd4j.createFromArray(z));
        for (int p = 0; p < want.length; p++)
            for (int i = 0; i < z.length; i++) assertEquals(want[p][i], got[p][i], 1e-9 * Math.abs(want[p][i]) + 1e-9);
    }

    @Test
    void wellSeparatedCodesCarryLnNNats() {
        // every z_n lies only under its own, e⁻²⁵-narrow posterior: I(x; z) = ln N up to e^(−huge)
        GaussianCodes c = codes(200, 4, -25, 3);
        KlDecomposition k = KlDecomposition.fullData(c, 1, 4);
        assertEquals(Math.log(200), k.mutualInformation(), 1e-9);
        assertEquals(k.total(), k.sumOfParts(), 1e-6 * Math.abs(k.total()));
    }

    @Test
    void directAndExpandedPathsAgreeOnOrdinaryCodes() {
        GaussianCodes c = codes(50, 3, -1, 5);
        double[][] z = c.sample(2, new Random(6)).toDoubleMatrix();
        AggregatePosterior ap = new AggregatePosterior(c);
        assertTrue(ap.expansionIsAccurate(25));
        double[][] fast = ap.logDensities(Nd4j.createFromArray(z)), direct = ap.logDensitiesDirect(Nd4j.createFromArray(z));
        for (int p = 0; p < fast.length; p++) for (int i = 0; i < z.length; i++) assertEquals(direct[p][i], fast[p][i], 1e-10);
    }
}
