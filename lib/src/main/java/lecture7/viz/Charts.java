package lecture7.viz;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;

/**
 * The house look of every figure, and the step from an XChart chart to the {@link BufferedImage} that a
 * notebook displays ({@code display(img)} renders a {@code RenderedImage} as {@code image/png} under the
 * rapaio, IJava and JJava kernels alike).
 */
public final class Charts {
    private Charts() {}

    /** Default figure size in pixels. */
    public static final int WIDTH = 640, HEIGHT = 400;

    /** A qualitative palette (Tableau 10), so the same digit or model keeps its colour across figures. */
    public static final Color[] PALETTE = {
            new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x76B7B2),
            new Color(0x59A14F), new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7),
            new Color(0x9C755F), new Color(0xBAB0AC)};

    /** A line chart with title, axis labels and the house style; add series with {@link #line}. */
    public static XYChart xy(String title, String xLabel, String yLabel) {
        return xy(title, xLabel, yLabel, WIDTH, HEIGHT);
    }

    /** As {@link #xy(String, String, String)} with a size in pixels. */
    public static XYChart xy(String title, String xLabel, String yLabel, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setMarkerSize(4);
        return chart;
    }

    /** Adds a line (no markers) to {@code chart}; returns the series for further styling. */
    public static XYSeries line(XYChart chart, String name, double[] x, double[] y) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        return s;
    }

    /** Adds a scatter series (small dots) to {@code chart}. */
    public static XYSeries scatter(XYChart chart, String name, double[] x, double[] y) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        return s;
    }

    /** Applies the house style: white background, readable fonts, palette, anti-aliasing. */
    public static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(true);
        s.setLegendBorderColor(new Color(0xDDDDDD));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setSeriesColors(PALETTE);
        s.setAntiAlias(true);
        if (s instanceof org.knowm.xchart.style.AxesChartStyler a) {
            a.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            a.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            a.setPlotGridLinesColor(new Color(0xEEEEEE));
            a.setXAxisDecimalPattern("#,##0.###");
        }
    }

    /** Renders any XChart chart to an image for {@code display(...)}. */
    public static BufferedImage image(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * A density histogram on [lo, hi): bin centres {@code [0]} and heights {@code [1]}, where the height of bin b is
     * count_b / (n · width), so the bars have area 1. Values at hi fall in the last bin.
     */
    public static double[][] densityHistogram(double[] samples, double lo, double hi, int bins) {
        if (bins < 1) throw new IllegalArgumentException("bins must be ≥ 1, got " + bins);
        if (!(hi > lo)) throw new IllegalArgumentException("need lo < hi, got [" + lo + ", " + hi + "]");
        double w = (hi - lo) / bins;
        double[] x = new double[bins], h = new double[bins];
        for (double v : samples) h[Math.max(0, Math.min(bins - 1, (int) ((v - lo) / w)))]++;
        for (int b = 0; b < bins; b++) {
            x[b] = lo + (b + 0.5) * w;
            h[b] /= samples.length * w;
        }
        return new double[][]{x, h};
    }
}
