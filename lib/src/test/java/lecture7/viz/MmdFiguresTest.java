package lecture7.viz;

import lecture7.mmd.TwoSampleTest;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.*;

class MmdFiguresTest {
    private static TwoSampleTest test(double p) {
        return new TwoSampleTest(0.01, p, new double[999]);
    }

    @Test
    void bandwidthReadingNamesWhichChoiceRejects() {
        String only = MmdFigures.bandwidthReading(100, 0.2, test(0.001), 0.96, test(0.4));
        assertTrue(only.startsWith("held-out half, n = 100 each: σ = 0.200 (highest power ratio) p = 0.001, the smallest p-value 999 permutations can give (1/1000), rejected; σ = 0.960 (median heuristic) p = 0.400, not rejected"), only);
        assertTrue(only.endsWith("only the σ chosen by the power ratio tells the two samples apart."), only);
        assertTrue(MmdFigures.bandwidthReading(100, 0.2, test(0.01), 0.96, test(0.02)).endsWith("both bandwidths tell the two samples apart."));
        assertTrue(MmdFigures.bandwidthReading(100, 0.2, test(0.3), 0.96, test(0.02)).contains("only the median heuristic"));
        // the issue-24 case: p = 0.231 and 0.422, neither rejects — said as it is
        assertTrue(MmdFigures.bandwidthReading(75, 0.5, test(0.231), 1.2, test(0.422)).endsWith("neither bandwidth tells the two samples apart with this many points."));
    }

    @Test
    void sideBySideKeepsEveryPanel() {
        BufferedImage a = new BufferedImage(100, 50, BufferedImage.TYPE_INT_RGB), b = new BufferedImage(60, 80, BufferedImage.TYPE_INT_RGB);
        BufferedImage row = MmdFigures.sideBySide(a, b);
        assertEquals(100 + 24 + 60, row.getWidth());
        assertEquals(80, row.getHeight());
        assertEquals(0xFF000000, row.getRGB(0, 0));          // panel a (black) at the left
        assertEquals(0xFFFFFFFF, row.getRGB(110, 10));       // the white gap
        assertEquals(0xFF000000, row.getRGB(130, 70));       // panel b
        assertThrows(IllegalArgumentException.class, MmdFigures::sideBySide);
    }

    @Test
    void divergenceTableShowsAnInfiniteKlAsInfinity() {
        tech.tablesaw.api.Table t = MmdFigures.divergenceTable("t", new double[]{0.5, 3}, new double[]{Double.POSITIVE_INFINITY, 0.25},
                new double[]{0.1, 0.7}, "RBF σ = 1");
        assertEquals("∞", t.stringColumn(1).get(0));
        assertEquals("0.250", t.stringColumn(1).get(1));
        assertEquals(0.7, t.doubleColumn(2).get(1), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> MmdFigures.divergenceTable("t", new double[]{1}, new double[0], new double[]{1}, "k"));
    }

    @Test
    void nullHistogramLeavesItsEdgesBlank() {
        // 03 full mode: the tick label 0.024 at the right end of the axis was cut at the image's edge; a sweep of
        // largest null statistics puts a tick label at the axis' end for some of them
        java.util.Random rng = new java.util.Random(3);
        for (double top = 0.015; top < 0.035; top += 0.0007) {
            double[] nulls = new double[999];
            for (int b = 0; b < nulls.length; b++) nulls[b] = Math.min(top, 0.0005 + 0.003 * -Math.log(rng.nextDouble()));
            nulls[0] = top;
            BufferedImage img = MmdFigures.nullHistogram(new TwoSampleTest(0.00179, 0.567, nulls), "N(0,1) vs N(0,1), n = 300 each (H₀ true)");
            for (int y = 0; y < img.getHeight(); y++)
                for (int x : new int[]{0, 1, img.getWidth() - 2, img.getWidth() - 1}) {
                    java.awt.Color c = new java.awt.Color(img.getRGB(x, y));
                    assertTrue(Math.min(c.getRed(), Math.min(c.getGreen(), c.getBlue())) >= 200,
                            "largest null " + top + ": ink at the edge x = " + x + ", y = " + y);
                }
        }
    }
}
