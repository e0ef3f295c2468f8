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
        assertEquals("TC: MIG 0.130 (0.060–0.200 over 2 seeds) vs VAE 0.040 (0.030–0.050): higher than VAE in every seed",
                new MigSummary("TC", new double[]{0.2, 0.06}).describe(vae));
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> new MigSummary("VAE", new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new MigSummary("VAE", new double[]{Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> new MigSummary("VAE", new double[]{1.2}));
    }
}
