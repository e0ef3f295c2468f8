package lecture7.viz;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class AltTextTest {

    @Test
    void panelsSideBySideNameEachPanelsTextInOrderAndKeepTheirPixels() {
        BufferedImage left = AltText.attach(new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB), "Scatter plot: the VAE's codes.");
        BufferedImage right = new BufferedImage(40, 25, BufferedImage.TYPE_INT_RGB);
        right.setRGB(39, 24, 0xFF0000);
        BufferedImage row = ImageGrid.sideBySide(5, List.of(left, right));
        assertEquals(30 + 5 + 40, row.getWidth());
        assertEquals(25, row.getHeight());
        assertEquals(0xFF0000, row.getRGB(30 + 5 + 39, 24) & 0xFFFFFF, "the right panel drawn after the gap");
        assertEquals(0xFFFFFF, row.getRGB(32, 0) & 0xFFFFFF, "the gap is white");
        String alt = AltText.of(row);
        assertTrue(alt.startsWith("2 panels side by side, from left to right."), alt);
        assertTrue(alt.indexOf("Panel 1: Scatter plot: the VAE's codes.") < alt.indexOf("Panel 2: a panel without a description."), alt);
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.sideBySide(0, List.of()));
    }

    @Test
    void lineChartNamesKindTitleAxesRangesAndEndValues() {
        XYChart c = Charts.xy("Loss during training", "epoch", "loss (nats)");
        Charts.line(c, "train", new double[]{1, 2, 3, 4}, new double[]{200, 150, 120, 110});
        Charts.line(c, "validation", new double[]{1, 2, 3, 4}, new double[]{210, 160, 100, 130});
        String alt = AltText.of(Charts.image(c));
        assertTrue(alt.startsWith("Line chart: Loss during training."), alt);
        assertTrue(alt.contains("x axis epoch, from 1 to 4."), alt);
        assertTrue(alt.contains("y axis loss (nats), from 100 to 210."), alt);
        assertTrue(alt.contains("train: 4 points from 200 at x = 1 to 110 at x = 4."), alt);
        // validation dips below its end value at epoch 3: its lowest point is named
        assertTrue(alt.contains("validation: 4 points from 210 at x = 1 to 130 at x = 4, lowest 100 at x = 3."), alt);
        assertTrue(alt.contains("Highest at the end: validation; lowest: train."), alt);
    }

    @Test
    void aFlatLineIsConstantAndLinesEndingApartAreNotRanked() {
        XYChart c = Charts.xy("Flat", "x", "y");
        Charts.line(c, "ln p(x)", new double[]{0, 1, 2}, new double[]{-5.2401, -5.2399, -5.24});
        Charts.line(c, "other", new double[]{0, 1}, new double[]{1, 2});
        String alt = AltText.describe(c);
        assertTrue(alt.contains("ln p(x): 3 points, constant at −5.24 from x = 0 to 2."), alt);
        assertFalse(alt.contains("Highest at the end"), alt);
    }

    @Test
    void histogramVsDensityNamesTheLargestGap() {
        // samples 0, 0, 1, 1 in 2 bins on [0, 1]: both bars have height 2 / (4 · 0.5) = 1; the density is 0.5 everywhere
        String alt = AltText.of(SetupFigures.histogramVsDensity(new double[]{0, 0, 1, 1}, x -> 0.5, "h", "flat", 2));
        assertTrue(alt.endsWith("Largest gap between a bar and the density at the bar's centre: 0.5, at x = 0.25."), alt);
    }

    @Test
    void aClosedCurveIsSaidToBeOne() {
        XYChart c = Charts.xy("Ellipse", "z1", "z2");
        int n = 8;
        double[] x = new double[n + 1], y = new double[n + 1];
        for (int i = 0; i <= n; i++) {   // the ellipse (1 + 2 cos t, 3 sin t), first point repeated at the end
            x[i] = i == n ? x[0] : 1 + 2 * Math.cos(2 * Math.PI * i / n);
            y[i] = i == n ? y[0] : 3 * Math.sin(2 * Math.PI * i / n);
        }
        Charts.line(c, "1σ", x, y);
        assertTrue(AltText.describe(c).contains("1σ: closed curve around (1, 0), x from −1 to 3, y from −3 to 3."), AltText.describe(c));
    }

    @Test
    void errorBarsAreNamedByTheirWidest() {
        XYChart c = Charts.xy("Rates", "n", "rejection rate");
        c.addSeries("H₁", new double[]{10, 50, 100}, new double[]{0.2, 0.5, 0.9}, new double[]{0.1, 0.13, 0.05});
        assertTrue(AltText.describe(c).contains("H₁: 3 points from 0.2 at x = 10 to 0.9 at x = 100, error bars up to ±0.13 (at x = 50)."),
                AltText.describe(c));
    }

    @Test
    void scatterNamesCloudCentresAndTheFurthestAndClosestPairs() {
        XYChart c = Charts.xy("Codes", "z0", "z1");
        Charts.scatter(c, "digit 0", new double[]{-3, -3}, new double[]{-1, 1});      // centre (−3, 0)
        Charts.scatter(c, "digit 1", new double[]{3, 3}, new double[]{-1, 1});        // centre (3, 0)
        Charts.scatter(c, "digit 2", new double[]{0, 0.5}, new double[]{0, 0});       // centre (0.25, 0)
        Charts.scatter(c, "digit 3", new double[]{0.5, 1}, new double[]{0, 0});       // centre (0.75, 0): closest to 2
        String alt = AltText.describe(c);
        assertTrue(alt.startsWith("Scatter plot: Codes."), alt);
        assertTrue(alt.contains("digit 0: 2 points centred at (−3, 0)."), alt);
        assertTrue(alt.contains("digit 3: 2 points centred at (0.75, 0)."), alt);
        assertTrue(alt.contains("Centres furthest apart: digit 0 and digit 1; closest: digit 2 and digit 3."), alt);
    }

    @Test
    void aLoneCloudHasItsSpread() {
        XYChart c = Charts.xy("Pairs", "x", "y");
        Charts.scatter(c, "pairs", new double[]{-1, 1, -1, 1}, new double[]{-2, -2, 2, 2});
        assertTrue(AltText.describe(c).contains("pairs: 4 points centred at (0, 0), standard deviations 1 across and 2 up."),
                AltText.describe(c));
    }

    @Test
    void barChartListsValuesByCategory() {
        CategoryChart c = new CategoryChartBuilder().title("Per-latent KL").xAxisTitle("latent").yAxisTitle("KL (nats)").build();
        c.addSeries("VAE", List.of("z1", "z2", "z3"), List.of(0.5, 3.25, -0.001));
        String alt = AltText.of(Charts.image(c));
        assertTrue(alt.startsWith("Bar chart: Per-latent KL. 3 categories (latent): z1, z2, z3."), alt);
        assertTrue(alt.contains("VAE: z1 0.5, z2 3.25, z3 −0.001; largest at z2."), alt);
    }

    @Test
    void aStackedBarChartSaysSoAndGivesTheBarHeights() {
        // hand-summed: VAE 12.9 + 0.34 = 13.24, β-VAE 3.3 + 0.1 = 3.4; the axis runs to the tallest bar
        CategoryChart c = new CategoryChartBuilder().title("Where the KL goes").xAxisTitle("model").yAxisTitle("nats").build();
        c.getStyler().setStacked(true);
        c.addSeries("MI", List.of("VAE", "β-VAE"), List.of(0.34, 0.1));
        c.addSeries("dimension-wise KL", List.of("VAE", "β-VAE"), List.of(12.9, 3.3));
        String alt = AltText.of(Charts.image(c));
        assertTrue(alt.startsWith("Stacked bar chart: Where the KL goes."), alt);
        assertTrue(alt.contains("from 0 to 13.2"), alt);
        assertTrue(alt.endsWith("Bar heights (the parts stacked): VAE 13.2, β-VAE 3.4."), alt);
    }

    @Test
    void manyCloudsGetShapesAndCentreLabelsAsASecondCue() {
        XYChart c = Charts.xy("Ten classes", "z0", "z1");
        Random r = new Random(1);
        Charts.scatter(c, "prior draws", new double[]{0}, new double[]{0}).setMarkerColor(new java.awt.Color(0xD0D0D0));
        for (int d = 0; d < 10; d++) {
            double[] x = new double[20], y = new double[20];
            for (int i = 0; i < 20; i++) {
                x[i] = 3 * Math.cos(d) + 0.1 * r.nextGaussian();
                y[i] = 3 * Math.sin(d) + 0.1 * r.nextGaussian();
            }
            Charts.scatter(c, "digit " + d, x, y).setMarkerColor(Charts.PALETTE[d]);
        }
        Charts.image(c);
        Set<String> shapes = new HashSet<>();
        for (XYSeries s : c.getSeriesMap().values())
            if (s.getName().startsWith("digit")) shapes.add(s.getMarker().getClass().getSimpleName());
        assertEquals(10, shapes.size(), "one marker shape per class: " + shapes);
        assertEquals(SeriesMarkers.CIRCLE, c.getSeriesMap().get("prior draws").getMarker(), "the grey background keeps its dots");
        long labels = annotations(c).stream().filter(a -> a instanceof AnnotationText).count();
        assertEquals(10, labels, "a label at each class centre");
        // the grey prior draws sit at the origin, furthest from nothing: the pair named is two digit classes
        assertTrue(AltText.describe(c).contains("Centres furthest apart: digit "), AltText.describe(c));
    }

    @Test
    void fewCloudsKeepTheirDots() {
        XYChart c = Charts.xy("Two", "x", "y");
        Charts.scatter(c, "a", new double[]{0}, new double[]{0});
        Charts.scatter(c, "b", new double[]{1}, new double[]{1});
        Charts.image(c);
        assertTrue(annotations(c).isEmpty());
        assertEquals(SeriesMarkers.CIRCLE, c.getSeriesMap().get("b").getMarker());
    }

    @SuppressWarnings("unchecked")
    private static List<Object> annotations(XYChart c) {
        try {
            var f = org.knowm.xchart.internal.chartpart.Chart.class.getDeclaredField("annotations");
            f.setAccessible(true);
            return (List<Object>) f.get(c);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void attachKeepsThePixelsAndAppendAddsAFigureSentence() {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(1, 1, 0x123456);
        BufferedImage a = AltText.attach(img, "A figure.");
        assertEquals("A figure.", AltText.of(a));
        assertEquals(0x123456, a.getRGB(1, 1) & 0xFFFFFF);
        assertEquals("A figure. Digits 0 and 1 lie apart.", AltText.of(AltText.append(a, "Digits 0 and 1 lie apart.")));
        assertEquals("", AltText.of(img));
        assertThrows(IllegalArgumentException.class, () -> AltText.attach(img, " "));
    }

    @Test
    void gridSaysLayoutAndCaptions() {
        BufferedImage g = ImageGrid.of(Nd4j.rand(5, 4), 2, 2, 3, 2, new String[]{"7", "2", "1", "0", "4"}, "Five digits");
        assertEquals("Grid of images: Five digits. 5 grey-scale 2×2 images, dark ink on a light background, in 2 rows of 3. "
                + "Captions in reading order: 7, 2, 1, 0, 4.", AltText.of(g));
    }

    @Test
    void numbersHaveThreeSignificantDigitsAndAMinusSign() {
        assertEquals("−1.23", AltText.num(-1.234));
        assertEquals("0.000123", AltText.num(0.0001234));
        assertEquals("−1.23 × 10^−7", AltText.num(-1.234e-7));
        assertEquals("1.23 × 10^6", AltText.num(1234567));
        assertEquals("1000", AltText.num(999.99));
        assertEquals("0", AltText.num(0));
    }
}
