package lecture7.viz;

import lecture7.infotheory.GaussianCodes;
import lecture7.infotheory.KlDecomposition;
import lecture7.mmd.TwoSampleTest;
import lecture7.vae.LatentReport;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class CollapseFiguresTest {
    /** n codes in M = 3 dims; latent 2 informative (spread μ, small σ), the others collapsed onto the prior. */
    private static LatentReport report(String name, int n, long seed) {
        Random rng = new Random(seed);
        double[][] mu = new double[n][3], ls = new double[n][3];
        for (int i = 0; i < n; i++) mu[i][2] = rng.nextGaussian();
        for (double[] r : ls) r[2] = -3;
        GaussianCodes c = GaussianCodes.of(mu, ls);
        return new LatentReport(name, c, KlDecomposition.fullData(c, 1, seed), 100, 0.001, Double.NaN, c.activeUnits(0.01));
    }

    @Test
    void tableHasOneRowPerModelWithUnits() {
        LatentReport a = report("A", 50, 1), b = report("B", 50, 2);
        Table t = CollapseFigures.table("t", List.of(a, b), List.of(new TwoSampleTest(0.0123, 0.5, new double[]{0.01}),
                new TwoSampleTest(0.2, 0.01, new double[]{0.01})));
        assertEquals(2, t.rowCount());
        assertEquals(12.3, t.doubleColumn("MMD²(q(z),p(z)) x1000").get(0), 1e-12);
        assertEquals(1, t.intColumn("active units").get(1));
        assertEquals(a.parts().miText(), t.stringColumn("I(x;z) [nats]").get(0));
        assertTrue(t.columnNames().contains("KL(q(z|x)‖p(z)) [nats]"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CollapseFigures.table("t", List.of(a), List.of()));
        assertTrue(e.getMessage().contains("one test per model"), e.getMessage());
    }

    /** 30 point masses 10 apart: I(x; z) = ln 30, the full-data estimator's ceiling. */
    private static LatentReport separated(double reconstruction) {
        double[][] mu = new double[30][2], ls = new double[30][2];
        for (int i = 0; i < 30; i++) {
            mu[i][0] = 10.0 * i;
            ls[i][0] = ls[i][1] = Math.log(0.01);
        }
        GaussianCodes c = GaussianCodes.of(mu, ls);
        return new LatentReport("sep", c, KlDecomposition.fullData(c, 1, 1), reconstruction, 0.001, Double.NaN, c.activeUnits(0.01));
    }

    @Test
    void readingSaysWhatTheTableShows() {
        // "sep": I(x; z) at its ceiling ln 30; "A": one informative latent
        LatentReport sep = separated(90);
        LatentReport a = report("A", 30, 1);
        // 200 permutations: p = 1/201 ≈ 0.005 is the floor, and the reading says so
        String s = CollapseFigures.reading(List.of(sep, a), List.of(new TwoSampleTest(0.3, 1.0 / 201, new double[200]),
                new TwoSampleTest(0.001, 0.4, new double[200])), 30);
        String[] lines = s.split("\\R");
        assertEquals(4, lines.length, s);
        assertEquals(String.format(java.util.Locale.ROOT, "I(x; z) can be at most ln N = %.2f nats with N = 30 test images.", Math.log(30)), lines[0]);
        assertTrue(lines[1].startsWith("sep: I(x; z) at the estimator's ceiling"), lines[1]);
        assertTrue(lines[1].endsWith("rejected at the 5% level (p = 0.005, the smallest p-value 200 permutations can give (1/201))."), lines[1]);
        // A's 2.60 nats lie 0.80 under ln 30 = 3.40: within 1 nat of the ceiling, the reading says how far under it
        assertTrue(lines[2].contains(String.format(java.util.Locale.ROOT, "= %.2f nats, %.2f under the ceiling (the code may know more), 1 active units",
                a.parts().mutualInformation(), Math.log(30) - a.parts().mutualInformation())), lines[2]);
        assertTrue(lines[2].contains("not rejected"), lines[2]);
        // −ELBO = reconstruction + KL: 90 + KL(sep) against 100 + KL(A)
        LatentReport best = sep.negElbo() < a.negElbo() ? sep : a, worst = best == sep ? a : sep;
        assertEquals(String.format(java.util.Locale.ROOT, "Best by the ELBO: %s (−ELBO %.2f nats, against %.2f for %s).",
                best.model(), best.negElbo(), worst.negElbo(), worst.model()), lines[3]);
        assertThrows(IllegalArgumentException.class, () -> CollapseFigures.reading(List.of(a), List.of(), 30));
    }

    @Test
    void miAtItsCeilingIsMarkedInTheTable() {
        LatentReport r = separated(100);
        Table t = CollapseFigures.table("t", List.of(r), List.of(new TwoSampleTest(0.1, 0.5, new double[]{0.01})));
        assertEquals(String.format(java.util.Locale.ROOT, "≥ %.2f (ceiling)", Math.log(30)), t.stringColumn("I(x;z) [nats]").get(0));
        Table d = DisentanglementTables.of("d", List.of(r, report("A", 200, 1)));
        assertEquals("not identifiable", d.stringColumn("TC [nats]").get(0));
        assertTrue(d.stringColumn("MI [nats]").get(0).startsWith("≥ "));
        assertFalse(d.stringColumn("TC [nats]").get(1).contains("not"), "a model below its ceiling keeps its TC number");
    }

    @Test
    void scatterUsesTheLatentsWithTheLargestKl() {
        LatentReport a = report("A", 40, 3);
        INDArray prior = Nd4j.randn(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 40, 3);
        BufferedImage img = CollapseFigures.aggregatePosterior("q(z)", a, prior, 4);
        assertTrue(img.getWidth() > 100 && img.getHeight() > 100);
        assertThrows(IllegalArgumentException.class, () -> CollapseFigures.aggregatePosterior("q(z)", a, Nd4j.zeros(40, 2), 4));
    }
}
