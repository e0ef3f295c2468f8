package lecture7.infotheory;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class TcContrastTest {
    /** A decomposition with the given MI and TC, 1000 rows scored (ln N = 6.91), the MI bounded by H(x) = h. */
    static KlDecomposition parts(double mi, double tc, double h) {
        double kl = mi + tc + 0.1;
        return new KlDecomposition("full data", mi, tc, 0.1, kl, kl, 0, 0, 0, 0, Math.log(1000)).withDataEntropy(h);
    }

    @Test
    void separatedOnlyWhenTheLowestLowerBoundIsAboveTheHighestEstimate() {
        // VAE seeds: MI 5.9 and 5.98 under H(x) = 6.05 → TC in [2.85, 3.00] and [2.63, 2.70]
        List<KlDecomposition> vae = List.of(parts(5.90, 3.00, 6.05), parts(5.98, 2.70, 6.05));
        List<KlDecomposition> beta = List.of(parts(3.5, 0.06, 6.05), parts(3.6, 0.09, 6.05));
        TcContrast c = TcContrast.of("VAE", vae, "β-VAE", beta);
        assertEquals(2.63, c.firstLow(), 1e-12);
        assertEquals(3.00, c.firstHigh(), 1e-12);
        assertEquals(0.15, c.firstWidth(), 1e-12);
        assertEquals(0.09, c.secondHigh(), 1e-12);
        assertEquals(0, c.secondWidth(), 0);
        assertTrue(c.separated());
        assertTrue(c.toString().contains("yes"), c.toString());
        // a Monte Carlo standard error widens the intervals by 2 SE: TC 2.55 ± 0.05 reaches 2.65, above the VAE's 2.63
        KlDecomposition noisy = new KlDecomposition("full data", 3.5, 2.55, 0.1, 6.15, 6.15, 0, 0.05, 0, 0, Math.log(1000)).withDataEntropy(6.05);
        assertEquals(2.45, TcContrast.of("noisy", List.of(noisy), "VAE", vae).firstLow(), 1e-12);
        assertFalse(TcContrast.of("VAE", vae, "noisy", List.of(noisy)).separated());
        assertTrue(TcContrast.of("VAE", vae, "noisy", List.of(new KlDecomposition("full data", 3.5, 2.55, 0.1, 6.15, 6.15, 0, 0.01, 0, 0,
                Math.log(1000)).withDataEntropy(6.05))).separated(), "2.55 + 2·0.01 = 2.57 < 2.63");
        // a β-VAE seed with a TC inside the VAE's lowest interval: not separated
        assertFalse(TcContrast.of("VAE", vae, "β-VAE", List.of(parts(3.5, 2.65, 6.05))).separated());
        assertThrows(IllegalArgumentException.class, () -> TcContrast.of("VAE", List.of(), "β-VAE", beta));
    }

    @Test
    void minibatchTcSeenByTheObjectiveIsMwsWithoutItsConstant() {
        Random r = new Random(3);
        double[][] mu = new double[64][3], ls = new double[64][3];
        for (double[] row : mu) for (int j = 0; j < 3; j++) row[j] = r.nextGaussian();
        for (double[] row : ls) java.util.Arrays.fill(row, Math.log(0.3));
        GaussianCodes codes = GaussianCodes.of(mu, ls);
        MinibatchTc t = MinibatchTc.of(KlDecomposition.fullData(codes, 1, 1), codes, 16, 1);
        assertEquals(t.weighted().totalCorrelation() - 2 * Math.log(64), t.seenByTheObjective(), 1e-12);
        assertEquals(64, t.datasetSize());
        assertEquals(3, t.dims());
        // with B = N the stratified estimate is the full-data one (same z draws are not shared, so within Monte Carlo)
        MinibatchTc all = MinibatchTc.of(KlDecomposition.fullData(codes, 1, 1), codes, 64, 1);
        assertEquals(all.full().totalCorrelation(), all.stratified().totalCorrelation(),
                4 * Math.hypot(all.full().seTc(), all.stratified().seTc()) + 1e-9);
    }
}
