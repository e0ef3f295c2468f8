package lecture7.viz;

import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/** Figures and tables of the set-up check (notebook 00): is plotting, tabulating and sampling working? */
public final class SetupFigures {
    private SetupFigures() {}

    /**
     * Histogram of {@code samples} as a density (bar area 1) with the curve {@code density} on top.
     *
     * @param samples draws, e.g. from {@code Nd4j.randn}
     * @param density the density they should follow
     */
    public static BufferedImage histogramVsDensity(double[] samples, DoubleUnaryOperator density, String title,
                                                   String densityName, int bins) {
        if (samples.length < 2) throw new IllegalArgumentException("need ≥ 2 samples, got " + samples.length);
        double lo = Arrays.stream(samples).min().orElseThrow(), hi = Arrays.stream(samples).max().orElseThrow();
        if (hi == lo) hi = lo + 1;
        double[][] hist = Charts.densityHistogram(samples, lo, hi, bins);
        XYChart chart = Charts.xy(title, "x", "density");
        var bars = chart.addSeries("histogram of " + samples.length + " samples", hist[0], hist[1]);
        bars.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Step);
        bars.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        double[] xs = new double[200], ys = new double[200];
        for (int i = 0; i < 200; i++) {
            xs[i] = lo + (hi - lo) * i / 199.0;
            ys[i] = density.applyAsDouble(xs[i]);
        }
        Charts.line(chart, densityName, xs, ys);
        // below the plot: inside, the legend would cover the density's peak
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        // how close the bars come to the curve: the largest |bar height − density at the bar's centre|
        int worst = 0;
        for (int b = 0; b < bins; b++)
            if (Math.abs(hist[1][b] - density.applyAsDouble(hist[0][b])) > Math.abs(hist[1][worst] - density.applyAsDouble(hist[0][worst])))
                worst = b;
        return Charts.image(chart, "Largest gap between a bar and the density at the bar's centre: "
                + AltText.num(Math.abs(hist[1][worst] - density.applyAsDouble(hist[0][worst]))) + ", at x = " + AltText.num(hist[0][worst]) + ".");
    }

    /** Sample mean, variance, skewness and excess kurtosis beside the values of N(0, 1). */
    public static Table momentsVsNormal(double[] samples) {
        int n = samples.length;
        double mean = Arrays.stream(samples).sum() / n, m2 = 0, m3 = 0, m4 = 0;
        for (double s : samples) {
            double d = s - mean;
            m2 += d * d;
            m3 += d * d * d;
            m4 += d * d * d * d;
        }
        m2 /= n;
        m3 /= n;
        m4 /= n;
        // skewness = m3 / m2^{3/2}, excess kurtosis = m4 / m2² − 3
        double[] sample = {mean, m2, m3 / Math.pow(m2, 1.5), m4 / (m2 * m2) - 3};
        double[] theory = {0, 1, 0, 0};
        double[] se = {Math.sqrt(m2 / n), Math.sqrt(2.0 / n), Math.sqrt(6.0 / n), Math.sqrt(24.0 / n)};
        return Tables.decimals(Table.create("moments of " + n + " ND4J normal samples",
                StringColumn.create("statistic", "mean", "variance", "skewness", "excess kurtosis"),
                DoubleColumn.create("sample", sample),
                DoubleColumn.create("N(0,1)", theory),
                DoubleColumn.create("approx. standard error", se)), 4);
    }
}
