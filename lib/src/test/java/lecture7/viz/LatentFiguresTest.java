package lecture7.viz;

import lecture7.infotheory.GaussianCodes;
import lecture7.infotheory.KlDecomposition;
import lecture7.mmd.TwoSampleTest;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class LatentFiguresTest {

    @Test
    void shareOutsideCountsCodesBeyondEitherAxis() {
        INDArray z = Nd4j.createFromArray(new double[][]{{0, 0}, {5, 0}, {0, -5}, {3.9, 3.9}, {-4.1, 1}});
        assertEquals(3 / 5.0, LatentFigures.shareOutside(z, 0, 1, 4), 1e-15);
        assertEquals(0, LatentFigures.shareOutside(z, 0, 1, 10), 1e-15);
    }

    @Test
    void squareCoveringIsTheSmallestWholeHalfWidthHoldingTheShare() {
        // max(|z1|, |z2|) per row: 0, 5, 5, 3.9, 4.1 → sorted 0, 3.9, 4.1, 5, 5
        INDArray z = Nd4j.createFromArray(new double[][]{{0, 0}, {5, 0}, {0, -5}, {3.9, 3.9}, {-4.1, 1}});
        assertEquals(4, LatentFigures.squareCovering(0.4, 4, 0, 1, z), 0);   // 2 of 5 rows inside 4
        assertEquals(5, LatentFigures.squareCovering(0.6, 4, 0, 1, z), 0);   // the 3rd row needs 4.1 → 5
        assertEquals(5, LatentFigures.squareCovering(1.0, 4, 0, 1, z), 0);
        assertEquals(7, LatentFigures.squareCovering(0.4, 6.5, 0, 1, z), 0); // never below atLeast, rounded up
        // the widest cloud decides
        assertEquals(9, LatentFigures.squareCovering(1.0, 4, 0, 1, z, Nd4j.createFromArray(new double[][]{{8.5, 0}})), 0);
        assertThrows(IllegalArgumentException.class, () -> LatentFigures.squareCovering(0, 4, 0, 1, z));
    }

    @Test
    void byClassDrawsOneSeriesPerDigitOnFixedAxes() {
        INDArray z = Nd4j.createFromArray(new double[][]{{0, 0}, {1, 1}, {-1, 2}, {50, 0}});
        BufferedImage img = LatentFigures.byClass("codes", z, new int[]{0, 1, 1, 2}, 0, 1, 4, Nd4j.randn(20, 2));
        assertEquals(560, img.getWidth());
        var e = assertThrows(IllegalArgumentException.class, () -> LatentFigures.byClass("t", z, new int[]{0, 1}, 0, 1, 4, null));
        assertTrue(e.getMessage().contains("one label per row"), e.getMessage());
    }

    @Test
    void byClassRowPutsThePanelsSideBySideWithOneLegend() {
        INDArray z = Nd4j.createFromArray(new double[][]{{0, 0}, {1, 1}, {-1, 2}, {3, -3}});
        int[] labels = {0, 1, 1, 2};
        BufferedImage row = LatentFigures.byClassRow(List.of("VAE", "MMD on z", "MMD on μ(x)"), List.of(z, z.mul(0.5), z.mul(-1)), labels, 0, 1, 4, null);
        FigureAssert.chart(row);
        assertEquals(420 + 420 + 520, row.getWidth());
        assertEquals(440, row.getHeight());
        var e = assertThrows(IllegalArgumentException.class, () -> LatentFigures.byClassRow(List.of("a"), List.of(z, z), labels, 0, 1, 4, null));
        assertTrue(e.getMessage().contains("one title per panel"), e.getMessage());
    }

    @Test
    void priorTableAddsReconstructionAndKlIntoTheNegativeElbo() {
        double[][] mu = new double[50][2], ls = new double[50][2];
        java.util.Random r = new java.util.Random(1);
        for (double[] row : mu) { row[0] = r.nextGaussian(); row[1] = r.nextGaussian(); }
        GaussianCodes c = GaussianCodes.of(mu, ls);
        KlDecomposition parts = KlDecomposition.fullData(c, 1, 1);
        Table t = LatentFigures.priorTable("t", List.of(new LatentFigures.PriorRow("VAE", "N(0, I)", 150.0, 5.25, parts,
                new TwoSampleTest(0.0123, 0.02, new double[]{0.01}), 0.87)));
        assertEquals(0.87, t.doubleColumn("kernel σ").get(0), 1e-12);
        assertEquals(155.25, t.doubleColumn("-ELBO [nats]").get(0), 1e-12);
        assertEquals(12.3, t.doubleColumn("MMD²(q(z),p(z)) x1000").get(0), 1e-12);
        assertEquals(parts.miText(), t.stringColumn("I(x;z) [nats]").get(0));
    }
}
