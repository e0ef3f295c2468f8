package lecture7.viz;

import lecture7.vae.LatentReport;
import lecture7.vae.Likelihood;
import lecture7.vae.Vae;
import lecture7.vae.VaeConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.*;

class LatentTraversalTest {
    @Test
    void oneRowPerLatentAboveTheMinimumKlByDecreasingKl() {
        Vae vae = new Vae(new VaeConfig(16, 8, 3, Likelihood.BERNOULLI, DataType.FLOAT, 4));
        int n = 40;
        java.util.Random rng = new java.util.Random(3);
        float[] px = new float[n * 16];
        for (int i = 0; i < px.length; i++) px[i] = rng.nextBoolean() ? 1f : 0f;
        INDArray x = Nd4j.create(px, new long[]{n, 16}, 'c');
        int[][] factors = new int[n][3];
        for (int i = 0; i < n; i++) factors[i] = new int[]{0, i % 4, i % 5};
        LatentReport r = LatentReport.of("untrained", vae, x, factors, 1);
        double[] kl = r.perDimKl();
        double min = kl[DisentanglementFigures.byDecreasingKl(kl)[1]] - 1e-9;   // the two largest KLs get a row
        String[] names = {"shape", "posX", "posY"};
        LatentTraversal t = LatentTraversal.of(vae, r, x, factors, 0, names, new int[]{1, 2}, min);
        assertArrayEquals(java.util.Arrays.copyOf(DisentanglementFigures.byDecreasingKl(kl), 2), t.latents());
        assertNotNull(t.image());
        assertEquals(3, t.knows().lines().count(), t.knows());                  // heading + one line per row
        assertTrue(t.knows().contains("posX") && t.knows().contains("posY") && !t.knows().contains("shape"), t.knows());
        assertEquals(2, t.share().length);
        for (double[] s : t.share()) for (double v : s) assertTrue(v >= 0 && v <= 1, "share " + v);
        LatentTraversal none = LatentTraversal.of(vae, r, x, factors, 0, names, new int[]{1, 2}, 1e9);
        assertEquals(0, none.latents().length);
        assertNull(none.image());
        assertTrue(none.knows().contains("no latent carries more than"), none.knows());
        assertThrows(IllegalArgumentException.class, () -> LatentTraversal.of(vae, r, Nd4j.zeros(DataType.FLOAT, n, 15), factors, 0,
                names, new int[]{1}, 0));
        assertThrows(IllegalArgumentException.class, () -> LatentTraversal.of(vae, r, x, factors, n, names, new int[]{1}, 0));
    }

    @Test
    void explainedShareIsOneForARowThatMovesOneFactorAndLowForAMixedRow() {
        // a 1-D "grid" of 4×4 images: factor 0 = column of a vertical bar (0–3), factor 1 = row of a dot... here
        // factor 1 = bar thickness 1 or 2. Base: column 0, thickness 1.
        int d = 16;
        int[][] f = new int[8][2];
        float[] grid = new float[8 * d];
        for (int i = 0; i < 8; i++) {
            int col = i % 4, thick = i / 4;
            f[i] = new int[]{col, thick};
            for (int r = 0; r < 4; r++)
                for (int w = 0; w <= thick; w++) if (col + w < 4) grid[i * d + r * 4 + col + w] = 1f;
        }
        float[] base = java.util.Arrays.copyOfRange(grid, 0, d);    // a perfect reconstruction of the base sprite
        // a row that moves the thin bar across: images 0,1,2,3 — all explained by the column factor
        float[] moving = java.util.Arrays.copyOfRange(grid, 0, 4 * d);
        assertEquals(1, LatentTraversal.explainedShare(moving, 4, base, grid, f, 0, 0), 1e-12);
        assertEquals(0, LatentTraversal.explainedShare(moving, 4, base, grid, f, 0, 1), 0.35);
        // a row that thickens the bar and then moves the thick bar: rows 0, 4, 4, 6 — position explains 60 %, thickness
        // 40 % (the same sums in numpy: 0.6 and 0.4)
        float[] mixed = new float[4 * d];
        int[] mixedRows = {0, 4, 4, 6};
        for (int c = 0; c < 4; c++) System.arraycopy(grid, mixedRows[c] * d, mixed, c * d, d);
        double col = LatentTraversal.explainedShare(mixed, 4, base, grid, f, 0, 0), th = LatentTraversal.explainedShare(mixed, 4, base, grid, f, 0, 1);
        assertEquals(0.6, col, 1e-12);
        assertEquals(0.4, th, 1e-12);
        // a row that does not change explains nothing
        float[] still = new float[4 * d];
        for (int c = 0; c < 4; c++) System.arraycopy(grid, 0, still, c * d, d);
        assertEquals(0, LatentTraversal.explainedShare(still, 4, base, grid, f, 0, 0), 0);
        // a blurred decoder (every pixel a constant 0.2 off) still moves one factor: the offset cancels in d_c − d₀
        float[] blurred = moving.clone(), blurredBase = base.clone();
        for (int i = 0; i < blurred.length; i++) blurred[i] = 0.2f + 0.6f * blurred[i];
        for (int i = 0; i < blurredBase.length; i++) blurredBase[i] = 0.2f + 0.6f * blurredBase[i];
        assertTrue(LatentTraversal.explainedShare(blurred, 4, blurredBase, grid, f, 0, 0) > 0.8);
        assertEquals("posX 92%", LatentTraversal.reading("posX", 0.92));
        assertEquals("posX 60% (mixed)", LatentTraversal.reading("posX", 0.6));
        assertEquals("no factor (best: scale 5%)", LatentTraversal.reading("scale", 0.05));
        assertEquals(5, LatentTraversal.middleSprite(new int[][]{{0, 0}, {0, 1}, {1, 0}, {2, 2}, {1, 2}, {1, 1}}));
    }
}
