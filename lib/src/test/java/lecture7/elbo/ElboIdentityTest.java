package lecture7.elbo;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class ElboIdentityTest {
    private final LinearGaussianModel lg = LinearGaussianModel.random(5, 2, 0.7, 1);
    private final double[] x = lg.sample(new Random(2));

    @Test
    void identityHoldsOnLinearGaussianForManyQ() {
        Random rng = new Random(3);
        for (int t = 0; t < 50; t++) {
            double[] m = {rng.nextGaussian() * 2, rng.nextGaussian() * 2};
            double a = 0.1 + rng.nextDouble(), c = 0.1 + rng.nextDouble(), off = 0.5 * Math.sqrt(a * c) * (rng.nextDouble() - 0.5);
            Gaussian q = new Gaussian(m, new double[][]{{a, off}, {off, c}});
            ElboParts p = lg.parts(x, q);
            assertEquals(0, p.identityError(), 1e-9, "ELBO + KL(q‖p(z|x)) − ln p(x)");
            assertEquals(0, p.splitError(), 1e-9, "RE − KL(q‖p(z)) − ELBO");
            assertTrue(p.elbo() <= p.logEvidence() + 1e-12, "ELBO ≤ ln p(x)");
        }
    }

    @Test
    void elboIsTightAtExactPosterior() {
        ElboParts p = lg.parts(x, lg.posterior(x));
        assertEquals(0, p.klToPosterior(), 1e-10);
        assertEquals(p.logEvidence(), p.elbo(), 1e-9);
    }

    @Test
    void logEvidenceMatchesOneDimensionalHandComputation() {
        // D = M = 1, W = 2, b = 1, σ = 0.5: p(x) = N(1, 4 + 0.25); at x = 2, ln p = −½ ln(2π·4.25) − 1/(2·4.25)
        LinearGaussianModel m = new LinearGaussianModel(new double[][]{{2}}, new double[]{1}, 0.5);
        double expected = -0.5 * Math.log(2 * Math.PI * 4.25) - 1 / 8.5;
        assertEquals(expected, m.logEvidence(new double[]{2}), 1e-12);
        // posterior precision 1 + 4/0.25 = 17, mean (2·1/0.25)/17 = 8/17
        Gaussian post = m.posterior(new double[]{2});
        assertEquals(8.0 / 17, post.mean()[0], 1e-12);
        assertEquals(1.0 / 17, post.cov()[0][0], 1e-12);
    }

    @Test
    void gaussianKlClosedFormMatchesMonteCarlo() {
        Gaussian q = new Gaussian(new double[]{0.3, -1}, new double[][]{{0.5, 0.1}, {0.1, 0.8}});
        Gaussian p = new Gaussian(new double[]{1, 0}, new double[][]{{1.5, -0.2}, {-0.2, 0.7}});
        Random rng = new Random(11);
        double[] f = new double[20000];
        for (int i = 0; i < f.length; i++) {
            double[] z = q.sample(rng);
            f[i] = q.logDensity(z) - p.logDensity(z);
        }
        McEstimate mc = McEstimate.of(f);
        assertTrue(mc.zScore(q.kl(p)) < 4, "KL " + q.kl(p) + " vs MC " + mc);
        // KL of a Gaussian to itself is 0; KL to N(0,1) in 1-D by hand: ½(σ² + μ² − 1 − ln σ²)
        assertEquals(0, q.kl(q), 1e-12);
        assertEquals(0.5 * (0.25 + 1 - 1 - Math.log(0.25)), Gaussian.of(1, 0.5).kl(Gaussian.standard(1)), 1e-12);
    }

    @Test
    void monteCarloElboAgreesWithClosedFormWithin4Se() {
        Gaussian q = Gaussian.diagonal(new double[]{0.2, -0.4}, new double[]{0.6, 0.3});
        ElboParts p = lg.parts(x, q);
        McEstimate plain = lg.elboMonteCarlo(x, q, 4000, new Random(5));
        McEstimate analytic = lg.elboMonteCarloAnalyticKl(x, q, 4000, new Random(6));
        assertTrue(plain.zScore(p.elbo()) < 4, plain + " vs " + p.elbo());
        assertTrue(analytic.zScore(p.elbo()) < 4, analytic + " vs " + p.elbo());
    }

    @Test
    void importanceWeightedBoundClimbsTowardsLogEvidence() {
        Gaussian q = Gaussian.diagonal(new double[]{0.0, 0.0}, new double[]{1, 1});
        double logPx = lg.logEvidence(x);
        Random rng = new Random(7);
        double prev = Double.NEGATIVE_INFINITY;
        for (int k : new int[]{1, 10, 100, 1000}) {
            double[] draws = new double[200];
            for (int i = 0; i < draws.length; i++) draws[i] = lg.importanceWeightedBound(x, q, k, rng);
            double mean = McEstimate.of(draws).mean();
            assertTrue(mean <= logPx + 4 * McEstimate.of(draws).standardError(), "bound above ln p(x) at K = " + k);
            assertTrue(mean > prev, "bound does not increase with K at " + k);
            prev = mean;
        }
    }

    @Test
    void gradientEstimatorsAreUnbiasedAndReparameterisedHasLessVariance() {
        double[] m = {0.5, -0.3}, logS = {Math.log(0.4), Math.log(0.7)};
        double[] exact = lg.elboGradient(x, m, logS);
        // exact gradient vs central differences of the closed-form ELBO
        for (int j = 0; j < 4; j++) {
            double h = 1e-6;
            double[] mp = m.clone(), mm = m.clone(), lp = logS.clone(), lm = logS.clone();
            if (j < 2) { mp[j] += h; mm[j] -= h; } else { lp[j - 2] += h; lm[j - 2] -= h; }
            double fd = (elbo(mp, lp) - elbo(mm, lm)) / (2 * h);
            assertEquals(fd, exact[j], 1e-6 * Math.max(1, Math.abs(fd)));
        }
        GradientEstimate rep = lg.reparameterizedGradient(x, m, logS, 5000, new Random(8));
        GradientEstimate sf = lg.scoreFunctionGradient(x, m, logS, 5000, new Random(9));
        for (int j = 0; j < 4; j++) {
            assertTrue(Math.abs(rep.mean()[j] - exact[j]) < 4 * rep.standardError(j), "reparameterised coordinate " + j);
            assertTrue(Math.abs(sf.mean()[j] - exact[j]) < 4 * sf.standardError(j), "score function coordinate " + j);
        }
        assertTrue(sf.totalVariance() > 10 * rep.totalVariance(), sf.totalVariance() + " vs " + rep.totalVariance());
    }

    private double elbo(double[] m, double[] logS) {
        return lg.parts(x, Gaussian.diagonal(m, new double[]{Math.exp(logS[0]), Math.exp(logS[1])})).elbo();
    }

    @Test
    void mixtureIdentityAndMonteCarlo() {
        MixtureModel mix = MixtureModel.random(4, 3, 2.0, 12);
        double[] xm = mix.sample(new Random(13));
        double[][] qs = {{0.25, 0.25, 0.25, 0.25}, {1, 0, 0, 0}, {0.1, 0.2, 0.3, 0.4}, mix.posterior(xm)};
        for (double[] q : qs) {
            ElboParts p = mix.parts(xm, q);
            assertEquals(0, p.identityError(), 1e-9);
            assertEquals(0, p.splitError(), 1e-9);
        }
        assertEquals(0, mix.parts(xm, mix.posterior(xm)).klToPosterior(), 1e-12);
        double[] q = {0.1, 0.2, 0.3, 0.4};
        McEstimate mc = mix.elboMonteCarlo(xm, q, 5000, new Random(14));
        assertTrue(mc.zScore(mix.parts(xm, q).elbo()) < 4, mc.toString());
    }

    @Test
    void badInputsAreRejectedWithShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> lg.parts(new double[4], Gaussian.standard(2)));
        assertTrue(e.getMessage().contains("4") && e.getMessage().contains("D = 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> lg.parts(x, Gaussian.standard(3)));
        assertThrows(IllegalArgumentException.class, () -> Gaussian.diagonal(new double[]{0}, new double[]{0}));
        assertThrows(IllegalArgumentException.class, () -> new Gaussian(new double[]{0, 0}, new double[][]{{1, 2}, {2, 1}}));
        assertThrows(IllegalArgumentException.class, () -> new MixtureModel(new double[]{0.5, 0.6}, new double[][]{{0}, {1}}, new double[]{1, 1}));
    }
}
