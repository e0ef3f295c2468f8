package lecture7.viz;

import lecture7.data.SpriteFactors;
import lecture7.data.Sprites;
import lecture7.infotheory.GaussianCodes;
import lecture7.infotheory.KlDecomposition;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

class DisentanglementFiguresTest {
    @Test
    void aTraversalFigureSaysWhatEachRowShows() {
        INDArray[] rows = {Nd4j.rand(3, 16), Nd4j.rand(3, 16)};
        BufferedImage img = DisentanglementFigures.traversalFigure("VAE: traversals", new String[]{"data", "z3"}, rows,
                new String[]{"-1", "0", "+1"}, "z_j =", new String[]{"", "posX 92%"}, 4, 2);
        String alt = AltText.of(img);
        assertTrue(alt.startsWith("Grid of grey-scale 4×4 images, \u201cVAE: traversals\u201d: 2 rows of 3 images, columns z_j = -1, 0, +1."), alt);
        assertTrue(alt.endsWith("Row 1: data. Row 2: z3 \u2014 posX 92%."), alt);
    }

    @Test
    void traversalGridHasOneRowPerLatentAndCallsTheDecoderOnce() {
        Sprites g = new Sprites(32, 3, 6, 8, 8);
        int[] calls = {0};
        // a "decoder" that reads latent 0 as posX and latent 1 as scale, so the traversal is checkable
        Function<INDArray, INDArray> dec = z -> {
            calls[0]++;
            INDArray out = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, z.rows(), g.dim());
            for (int i = 0; i < z.rows(); i++) {
                int x = (int) Math.round((z.getDouble(i, 0) + 3) / 6 * 7), s = (int) Math.round((z.getDouble(i, 1) + 3) / 6 * 5);
                out.putRow(i, g.image(new SpriteFactors(2, s, 0, x, 4)).reshape(g.dim()));
            }
            return out;
        };
        double[] v = DisentanglementFigures.traversalValues(8);
        assertEquals(-3, v[0], 0);
        assertEquals(3, v[7], 1e-15);
        BufferedImage img = DisentanglementFigures.traversals(dec, Nd4j.zeros(3), new int[]{0, 1, 2}, v, 32, 32, 2, null, "traversal");
        assertEquals(1, calls[0]);
        assertEquals(8 * (64 + 2) + 2, img.getWidth());
        assertTrue(img.getHeight() > 3 * 64);
        assertThrows(IllegalArgumentException.class,
                () -> DisentanglementFigures.traversals(dec, Nd4j.zeros(3), new int[]{3}, v, 32, 32, 2, null, null));
        assertArrayEquals(new int[]{2, 0, 1}, DisentanglementFigures.byDecreasingKl(new double[]{1, 0.5, 3}));
    }

    @Test
    void chartsRender() {
        GaussianCodes c = new GaussianCodes(Nd4j.randn(200, 3), Nd4j.zeros(200, 3).subi(1));
        KlDecomposition d = KlDecomposition.fullData(c, 1, 1);
        FigureAssert.chart(DisentanglementFigures.decomposition("parts", List.of("a", "b"), List.of(d, d)));
        FigureAssert.chart(DisentanglementFigures.perDimKl("KL", new String[]{"a"}, c.perDimKl()));
        // 05's five objectives: the legend below the plot must not run out of the figure (issue 24)
        double[] k = c.perDimKl();
        FigureAssert.whole(FigureAssert.chart(DisentanglementFigures.perDimKl("Per-latent KL (seed 1)", new String[]{"VAE", "β-VAE β=8",
                "annealed β 40→4", "capacity γ=1000 C→10", "β-TCVAE β=6"}, k, k, k, k, k)));
        FigureAssert.chart(DisentanglementFigures.aggregatePosterior("q vs p", c.mu(), Nd4j.randn(200, 3), 0, 1));
        var t = DisentanglementTables.decomposition("t", List.of(new DisentanglementTables.Row("a", d, 100, 0.3, 3)));
        assertEquals(1, t.rowCount());
        assertEquals(d.analyticKl() + 100, t.doubleColumn("-ELBO [nats]").get(0), 0.01);
    }

    @Test
    void migTableHasOneRowPerModelAndTheChosenGaps() {
        // latent 0 is factor 0, latent 1 is factor 1: both gaps large
        int n = 64;
        double[][] mu = new double[n][2];
        int[][] f = new int[n][2];
        for (int i = 0; i < n; i++) { f[i][0] = i % 4; f[i][1] = i / 16; mu[i][0] = f[i][0]; mu[i][1] = f[i][1]; }
        lecture7.infotheory.Mig m = lecture7.infotheory.Mig.of(Nd4j.createFromArray(mu), f, 20);
        var t = DisentanglementTables.migGaps("mig", List.of("a", "b"), List.of(m, m), new String[]{"y", "x"}, new int[]{1, 0});
        assertEquals(List.of("model", "MIG", "gap y", "gap x"), t.columnNames());
        assertEquals(2, t.rowCount());
        assertEquals(Math.round(m.score() * 1000) / 1000.0, t.doubleColumn("MIG").get(1), 0);
        assertEquals(m.gaps()[1], t.doubleColumn("gap y").get(0), 0.01);
        assertTrue(m.score() > 0.9, "a perfectly disentangled code: MIG " + m.score());
        assertThrows(IllegalArgumentException.class, () -> DisentanglementTables.migGaps("m", List.of("a"), List.of(m, m), new String[]{"y"}, new int[]{1}));
    }
}
