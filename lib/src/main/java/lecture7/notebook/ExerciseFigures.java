package lecture7.notebook;

import lecture7.viz.Charts;
import org.knowm.xchart.XYChart;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Figures for exercises: the student's function drawn next to the points the check expects, so a wrong answer is
 * seen as well as read. A function that still holds the placeholder (throws {@link NotAnsweredYet}) is left out
 * and named "not answered yet" in the title instead of failing the cell.
 */
public final class ExerciseFigures {
    private ExerciseFigures() {}

    /**
     * Curves of several named functions over {@code x}, plus optional expected points.
     *
     * @param curves   legend name → function; functions that are not answered yet are skipped
     * @param pointsX  x of the expected points (may be empty)
     * @param pointsY  y of the expected points
     */
    public static BufferedImage curves(String title, String xLabel, String yLabel, double[] x,
                                       Map<String, DoubleUnaryOperator> curves, double[] pointsX, double[] pointsY) {
        if (pointsX.length != pointsY.length)
            throw new IllegalArgumentException(pointsX.length + " x values for " + pointsY.length + " expected points");
        Map<String, double[]> drawn = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (var e : new LinkedHashMap<>(curves).entrySet()) {
            double[] y = new double[x.length];
            try {
                for (int i = 0; i < x.length; i++) y[i] = e.getValue().applyAsDouble(x[i]);
            } catch (NotAnsweredYet n) {
                missing.add(e.getKey());
                continue;
            }
            drawn.put(e.getKey(), y);
        }
        String shown = missing.isEmpty() ? title : title + " — not answered yet: " + String.join(", ", missing);
        // XChart centres the title over the plot area, right of the y axis: widen the figure until nothing of the
        // title (longer with its "not answered yet" note) touches the image's left or right edge
        int width = Math.max(Charts.WIDTH, titleWidth(shown) + 40);
        BufferedImage img = null;
        for (int attempt = 0; attempt < 8; attempt++, width += 60) {
            img = draw(shown, xLabel, yLabel, width, x, drawn, pointsX, pointsY);
            if (!inkAtSide(img, 45)) break;
        }
        return img;
    }

    private static BufferedImage draw(String title, String xLabel, String yLabel, int width, double[] x,
                                      Map<String, double[]> drawn, double[] pointsX, double[] pointsY) {
        XYChart chart = Charts.xy(title, xLabel, yLabel, width, Charts.HEIGHT);
        chart.getStyler().setYAxisDecimalPattern("0.####");   // not 1.125000000000001 when the axis holds two points
        drawn.forEach((name, y) -> Charts.line(chart, name, x, y));
        if (pointsX.length > 0) Charts.scatter(chart, "expected (check)", pointsX, pointsY);
        if (chart.getSeriesMap().isEmpty()) Charts.line(chart, "(nothing to draw yet)", new double[]{x[0], x[x.length - 1]}, new double[]{0, 0});
        return Charts.image(chart);
    }

    /** Whether the first or last pixel column of the top {@code band} rows differs from the background. */
    static boolean inkAtSide(BufferedImage img, int band) {
        int background = img.getRGB(0, img.getHeight() - 1);
        for (int y = 0; y < Math.min(band, img.getHeight()); y++)
            if (img.getRGB(0, y) != background || img.getRGB(img.getWidth() - 1, y) != background) return true;
        return false;
    }

    /** Width in pixels of {@code title} in the house style's title font. */
    static int titleWidth(String title) {
        XYChart probe = Charts.xy("", "", "");
        java.awt.Font font = probe.getStyler().getChartTitleFont();
        var frc = new java.awt.font.FontRenderContext(null, true, true);
        return (int) Math.ceil(font.getStringBounds(title, frc).getWidth());
    }

    /** One function of the student's ("yours") against the expected points. */
    public static BufferedImage yoursVsExpected(String title, String xLabel, String yLabel, double[] x,
                                                DoubleUnaryOperator yours, double[] pointsX, double[] pointsY) {
        return curves(title, xLabel, yLabel, x, Map.of("yours", yours), pointsX, pointsY);
    }

    /** {@code n} evenly spaced points from {@code from} to {@code to}, inclusive. */
    public static double[] grid(double from, double to, int n) {
        if (n < 2) throw new IllegalArgumentException("a grid needs at least 2 points, got " + n);
        double[] g = new double[n];
        for (int i = 0; i < n; i++) g[i] = from + (to - from) * i / (n - 1);
        return g;
    }
}
