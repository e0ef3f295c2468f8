package lecture7.viz;

import lecture7.infotheory.GaussianCodes;
import lecture7.infotheory.KlDecomposition;
import lecture7.mmd.TwoSampleTest;
import lecture7.vae.LatentReport;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.*;

/** Each sentence of 04 chooses its words by its condition: both sides of every condition. Numbers from issue 24. */
class MmdVaeReadingsTest {
    private static final double LN2000 = Math.log(2000);
    private static final GaussianCodes CODES = GaussianCodes.of(new double[][]{{0, 0}, {1, 1}}, new double[][]{{0, 0}, {0, 0}});

    private static KlDecomposition parts(double mi, double tc, double dimKl, double seDim, double kl) {
        return new KlDecomposition("full data", mi, tc, dimKl, mi + tc + dimKl, kl, 0.01, 0.01, seDim, 0.01, LN2000);
    }

    private static LatentReport report(String name, KlDecomposition p, double rec, double mmd2) {
        return new LatentReport(name, CODES, p, rec, mmd2, Double.NaN, 2);
    }

    private static TwoSampleTest test(double stat, double p) {
        return new TwoSampleTest(stat, p, new double[200]);
    }

    @Test
    void miNamesItsCeiling() {
        // 04 full mode: 7.10 nats sits 0.50 under ln 2000 = 7.60 without the "at ceiling" flag (margin 0.5)
        assertTrue(MmdVaeReadings.mi(parts(7.10, 0, 0, 0.01, 8)).startsWith("7.10 nats, 0.50 under the estimator's ceiling ln N = 7.60"));
        assertTrue(MmdVaeReadings.mi(parts(7.30, 0, 0, 0.01, 8)).startsWith("7.30 nats, at the estimator's ceiling ln N = 7.60"));
        assertEquals("0.69 nats (ceiling ln N = 7.60)", MmdVaeReadings.mi(parts(0.69, 1, 4.47, 0.01, 6.16)));
    }

    @Test
    void mmdComparisonSaysTheRatioAndTheFloor() {
        String s = MmdVaeReadings.mmdComparison("VAE", test(0.745e-3, 0.62), "MMD-VAE", test(14.06e-3, 1.0 / 201));
        assertTrue(s.contains("VAE 0.745, H₀ q(z) = p(z) not rejected (p = 0.620)"), s);
        assertTrue(s.contains("MMD-VAE 14.060, H₀ rejected (p = 0.005, the smallest p-value 200 permutations can give (1/201))"), s);
        assertTrue(s.contains("MMD-VAE's MMD² is 18.9 times VAE's"), s);
        String same = MmdVaeReadings.mmdComparison("A", test(10e-3, 0.005), "B", test(11e-3, 0.005));
        assertTrue(same.contains("about as far from the prior"), same);
    }

    @Test
    void priorDistanceByBothMeasures() {
        // 04 full mode, Gaussian decoder: MMD² 10.11 vs 11.29 ×10⁻³, dim-wise KL 0.17 vs 1.43
        LatentReport vae = report("VAE", parts(3, 0.2, 0.17, 0.01, 3.4), 735.60, 10.11e-3);
        LatentReport mmd = report("MMD-VAE", parts(7.1, 1, 1.43, 0.02, 9.5), 731.89, 11.29e-3);
        String s = MmdVaeReadings.priorDistance(vae, mmd);
        assertTrue(s.contains("By both measures the MMD-VAE's q(z) ends further from the prior than the VAE's."), s);
        LatentReport closerByMmd = report("MMD-VAE", parts(7.1, 1, 1.43, 0.02, 9.5), 731.89, 9e-3);
        assertTrue(MmdVaeReadings.priorDistance(vae, closerByMmd).contains("The two measures disagree"));
        LatentReport noise = report("MMD-VAE", parts(7.1, 1, 0.18, 0.02, 9.5), 731.89, 9e-3);
        assertTrue(MmdVaeReadings.priorDistance(vae, noise).contains("within 2 standard errors; by MMD² the MMD-VAE's q(z) is closer to"));
    }

    @Test
    void reconstructionGapAgainstTheLargestGain() {
        // ½ Σ Var over two pixels: Var = 0.25 each (0 and 1 half the time) → 0.25
        INDArray x = Nd4j.createFromArray(new double[][]{{0, 1}, {1, 0}, {0, 1}, {1, 0}});
        assertEquals(0.25, MmdVaeReadings.largestGaussianGain(x), 1e-12);
        String small = MmdVaeReadings.reconstructionGap("VAE", 735.60, "MMD-VAE", 731.89, 26.0);
        assertTrue(small.contains("MMD-VAE's is better by 3.71 nats, 14% of the 26.0 nats"), small);
        assertTrue(small.contains("look much alike"), small);
        assertTrue(MmdVaeReadings.reconstructionGap("VAE", 740, "MMD-VAE", 725, 26.0).contains("a large part of what z can buy"));
        assertThrows(IllegalArgumentException.class, () -> MmdVaeReadings.reconstructionGap("a", 1, "b", 2, 0));
    }

    @Test
    void latent2dDoesNotCallARejectedCloudThePrior() {
        LatentReport vae = report("VAE", parts(4.5, 0.1, 0.3, 0.01, 5), 140, 5e-3);
        LatentReport samples = report("MMD on z", parts(0.69, 0.5, 4.97, 0.02, 6.16), 190, 8e-3);
        LatentReport means = report("MMD on μ", parts(5.5, 0.1, 0.1, 0.01, 9), 130, 1e-3);
        String s = MmdVaeReadings.latent2d(vae, test(5e-3, 1.0 / 201), samples, test(8e-3, 1.0 / 201), means, test(1e-3, 0.2));
        assertTrue(s.contains("nearly the same for every image — but that common posterior is not the prior"), s);
        // the full-mode numbers: KL 6.16 − I 0.69 = 5.47 nats
        assertTrue(s.contains("KL(q(z) ‖ p(z)) = KL − I(x; z) ≈ 5.47 nats"), s);
        assertFalse(s.contains("matched the prior by"), s);
        assertTrue(s.contains("more informative (5.50 against 4.50 nats)"), s);
        assertTrue(s.contains("closer to the prior than the VAE's codes"), s);
        String notRejected = MmdVaeReadings.latent2d(vae, test(5e-3, 0.005), samples, test(0.1e-3, 0.6), means, test(1e-3, 0.2));
        assertTrue(notRejected.contains("matched the prior by giving up the information"), notRejected);
    }

    @Test
    void learnedPriorSaysScaleGainAndBandwidths() {
        java.util.Random rng = new java.util.Random(1);
        double[][] d = new double[2000][2];
        for (double[] r : d) { r[0] = 3 * rng.nextGaussian(); r[1] = 3 * rng.nextGaussian(); }
        String s = MmdVaeReadings.learnedPrior(150.0, 149.39, 0.05, Nd4j.createFromArray(d), 4, test(5e-3, 0.005), 0.9, test(1e-3, 0.3), 2.7);
        assertTrue(s.contains("a change of scale (×3.0 on average)"), s);
        // N(0, 3²) in 2-D: P(|z_1| > 4 or |z_2| > 4) = 1 − (1 − 2Φ(−4/3))² ≈ 0.33
        double out = Double.parseDouble(s.replaceAll("(?s).*; ([0-9.]+)% of them lie outside.*", "$1"));
        assertEquals(33.0, out, 3.0);
        assertTrue(s.contains("the learned prior is better by 0.61 nats"), s);
        assertTrue(s.contains("N(0, I) (σ = 0.90) rejected"), s);
        String noise = MmdVaeReadings.learnedPrior(150.0, 149.95, 0.05, Nd4j.createFromArray(d), 4, test(5e-3, 0.005), 0.9, test(1e-3, 0.3), 2.7);
        assertTrue(noise.contains("within 2 standard errors"), noise);
    }
}
