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
        LatentTraversal t = LatentTraversal.of(vae, r, factors, x.getRow(0).reshape(1, 16), new String[]{"shape", "posX", "posY"},
                new int[]{1, 2}, min);
        assertArrayEquals(java.util.Arrays.copyOf(DisentanglementFigures.byDecreasingKl(kl), 2), t.latents());
        assertNotNull(t.image());
        assertEquals(3, t.knows().lines().count(), t.knows());                  // heading + one line per row
        assertTrue(t.knows().contains("posX") && t.knows().contains("posY") && !t.knows().contains("shape"), t.knows());
        LatentTraversal none = LatentTraversal.of(vae, r, factors, x.getRow(0).reshape(1, 16), new String[]{"shape", "posX", "posY"},
                new int[]{1, 2}, 1e9);
        assertEquals(0, none.latents().length);
        assertNull(none.image());
        assertTrue(none.knows().contains("no latent carries more than"), none.knows());
        assertThrows(IllegalArgumentException.class, () -> LatentTraversal.of(vae, r, factors, Nd4j.zeros(DataType.FLOAT, 1, 15),
                new String[]{"shape", "posX", "posY"}, new int[]{1}, 0));
    }
}
