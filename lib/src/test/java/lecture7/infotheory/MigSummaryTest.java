package lecture7.infotheory;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class MigSummaryTest {
    @Test
    void verdictLooksAtTheSeedRangesNotOnlyTheMedians() {
        MigSummary vae = new MigSummary("VAE", new double[]{0.03, 0.05});
        assertEquals(0.04, vae.mean(), 1e-15);
        assertEquals(0.04, vae.median(), 1e-15);
        assertEquals(0.2, new MigSummary("x", new double[]{0.9, 0.1, 0.2}).median(), 0);
        assertEquals(MigSummary.Verdict.HIGHER_IN_EVERY_SEED, new MigSummary("TC", new double[]{0.2, 0.06}).against(vae));
        // median 0.1 > 0.04, but one seed (0.04) is below the baseline's best seed (0.05)
        MigSummary overlap = new MigSummary("TC", new double[]{0.16, 0.04});
        assertEquals(MigSummary.Verdict.HIGHER_MEDIAN_ONLY, overlap.against(vae));
        assertTrue(overlap.describe(vae).contains("the seed ranges overlap"), overlap.describe(vae));
        assertEquals(MigSummary.Verdict.NOT_HIGHER, new MigSummary("TC", new double[]{0.04, 0.04}).against(vae));
        assertEquals(MigSummary.Verdict.NOT_HIGHER, vae.against(vae));
        assertEquals("TC: median MIG 0.130 (0.060–0.200 over 2 seeds) vs VAE 0.040 (0.030–0.050): higher in every seed; "
                        + "above it at the same seed in 2 of 2",
                new MigSummary("TC", new double[]{0.2, 0.06}).describe(vae));
    }

    @Test
    void pairedComparisonCountsSeedsWhereTheModelBeatsTheSameSeedsBaseline() {
        // seed ranges overlap (0.02 < 0.05), yet each seed beats the baseline trained with that seed
        MigSummary vae = new MigSummary("VAE", new double[]{0.01, 0.05, 0.03}), tc = new MigSummary("TC", new double[]{0.02, 0.07, 0.04});
        assertEquals(MigSummary.Verdict.HIGHER_MEDIAN_ONLY, tc.against(vae));
        assertEquals(3, tc.winsAtSameSeed(vae));
        assertEquals(0, vae.winsAtSameSeed(tc));
        assertEquals(0, vae.winsAtSameSeed(vae)); // a tie is not a win
        assertTrue(tc.describe(vae).endsWith("at the same seed in 3 of 3"), tc.describe(vae));
        // fewer seeds than the baseline: compared at the seeds both have (1 and 2 here)
        MigSummary two = new MigSummary("β-TCVAE", new double[]{0.02, 0.01});
        assertEquals(2, two.pairedSeeds(vae));
        assertEquals(1, two.winsAtSameSeed(vae));
        assertTrue(two.describe(vae).endsWith("in 1 of 2"), two.describe(vae));
    }

    @Test
    void comparisonWithABarAboveTheBaselinesBestSeed() {
        MigSummary vae = new MigSummary("VAE", new double[]{0.056, 0.096, 0.292, 0.137, 0.139});
        MigSummary beta = new MigSummary("β-VAE", new double[]{0.253, 0.261, 0.284, 0.269, 0.248});
        MigSummary annealed = new MigSummary("annealed", new double[]{0.370, 0.366, 0.385, 0.343, 0.349});
        MigSummary tc = new MigSummary("β-TCVAE", new double[]{0.384, 0.273, 0.291});
        MigComparison c = new MigComparison(java.util.List.of(vae, beta, annealed, tc), 0.30);
        assertSame(vae, c.baseline());
        assertSame(annealed, c.best());                 // median 0.366
        assertEquals(1, annealed.medianSeed());          // 0.366 is seed 2's
        assertEquals(0, new MigSummary("two", new double[]{0.2, 0.4}).medianSeed(), "even count: the lower middle one");
        assertTrue(c.reachesBar(annealed));
        assertFalse(c.reachesBar(beta));                // median 0.261 < 0.30
        assertFalse(c.reachesBar(tc));                  // median 0.291 < 0.30
        assertFalse(c.reachesBar(vae), "the baseline is not compared with itself");
        // a median ≥ the bar but not above the VAE's best seed does not reach it
        MigSummary lucky = new MigSummary("VAE", new double[]{0.1, 0.5});
        assertFalse(new MigComparison(java.util.List.of(lucky, annealed), 0.30).reachesBar(annealed));
        assertThrows(IllegalArgumentException.class, () -> new MigComparison(java.util.List.of(vae), 0.3));
        assertThrows(IllegalArgumentException.class, () -> new MigComparison(java.util.List.of(vae, beta), 1.5));
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> new MigSummary("VAE", new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new MigSummary("VAE", new double[]{Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> new MigSummary("VAE", new double[]{1.2}));
    }
}
