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
        // as wide as its title (the "not answered yet" note makes it longer than the usual width)
        XYChart chart = Charts.xy(shown, xLabel, yLabel, Math.max(Charts.WIDTH, titleWidth(shown) + 40), Charts.HEIGHT);
        drawn.forEach((name, y) -> Charts.line(chart, name, x, y));
        if (pointsX.length > 0) Charts.scatter(chart, "expected (check)", pointsX, pointsY);
        if (chart.getSeriesMap().isEmpty()) Charts.line(chart, "(nothing to draw yet)", new double[]{x[0], x[x.length - 1]}, new double[]{0, 0});
        return Charts.image(chart);
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
