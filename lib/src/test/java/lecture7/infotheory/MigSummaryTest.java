package lecture7.infotheory;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class MigSummaryTest {
    @Test
    void verdictLooksAtTheSeedRangesNotOnlyTheMeans() {
        MigSummary vae = new MigSummary("VAE", new double[]{0.03, 0.05});
        assertEquals(0.04, vae.mean(), 1e-15);
        assertEquals(MigSummary.Verdict.HIGHER_IN_EVERY_SEED, new MigSummary("TC", new double[]{0.2, 0.06}).against(vae));
        // mean 0.1 > 0.04, but one seed (0.04) is below the baseline's best seed (0.05)
        MigSummary overlap = new MigSummary("TC", new double[]{0.16, 0.04});
        assertEquals(MigSummary.Verdict.HIGHER_ON_AVERAGE_ONLY, overlap.against(vae));
        assertTrue(overlap.describe(vae).contains("not a clear gain"), overlap.describe(vae));
        assertEquals(MigSummary.Verdict.NOT_HIGHER, new MigSummary("TC", new double[]{0.04, 0.04}).against(vae));
        assertEquals(MigSummary.Verdict.NOT_HIGHER, vae.against(vae));
        assertEquals("TC: MIG 0.130 (0.060–0.200 over 2 seeds) vs VAE 0.040 (0.030–0.050): higher than VAE in every seed; "
                        + "above it at the same seed in 2 of 2",
                new MigSummary("TC", new double[]{0.2, 0.06}).describe(vae));
    }

    @Test
    void pairedComparisonCountsSeedsWhereTheModelBeatsTheSameSeedsBaseline() {
        // seed ranges overlap (0.02 < 0.05), yet each seed beats the baseline trained with that seed
        MigSummary vae = new MigSummary("VAE", new double[]{0.01, 0.05, 0.03}), tc = new MigSummary("TC", new double[]{0.02, 0.07, 0.04});
        assertEquals(MigSummary.Verdict.HIGHER_ON_AVERAGE_ONLY, tc.against(vae));
        assertEquals(3, tc.winsAtSameSeed(vae));
        assertEquals(0, vae.winsAtSameSeed(tc));
        assertEquals(0, vae.winsAtSameSeed(vae)); // a tie is not a win
        assertTrue(tc.describe(vae).endsWith("at the same seed in 3 of 3"), tc.describe(vae));
        assertThrows(IllegalArgumentException.class, () -> tc.winsAtSameSeed(new MigSummary("VAE", new double[]{0.1})));
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> new MigSummary("VAE", new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new MigSummary("VAE", new double[]{Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> new MigSummary("VAE", new double[]{1.2}));
    }
}
