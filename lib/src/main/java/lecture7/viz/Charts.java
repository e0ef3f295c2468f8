package lecture7.viz;

import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The house look of every figure, and the step from an XChart chart to the {@link BufferedImage} that a
 * notebook displays ({@code display(img)} renders a {@code RenderedImage} as {@code image/png} under the
 * rapaio, IJava and JJava kernels alike).
 *
 * <p>Figures are made for every reader: {@link #image} gives each one a text alternative written from its data
 * ({@link AltText}); the categories are told apart by colours that stay distinct under the common colour-vision
 * deficiencies ({@link #PALETTE}, Okabe–Ito) and, when there are many clouds of points (ten digit classes), also by
 * marker shape and a label at each cloud's centre; sequential values use {@link #VIRIDIS}.
 */
public final class Charts {
    private Charts() {}

    /** Default figure size in pixels. */
    public static final int WIDTH = 640, HEIGHT = 400;

    /**
     * A qualitative palette that stays distinct under protanopia, deuteranopia and tritanopia: the eight colours of
     * Okabe and Ito (2008, "Color Universal Design"), blue first and their yellow last (it is faint on white), with a
     * wine (Paul Tol's #882255) and a dark brown for the eighth and ninth class — no grey, which marks background points
     * such as prior draws. Index d is digit d's colour in every figure.
     */
    public static final Color[] PALETTE = {
            new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xD55E00),
            new Color(0xCC79A7), new Color(0x56B4E9), new Color(0x000000), new Color(0x882255),
            new Color(0x7F3C0A), new Color(0xF0E442)};

    /** Marker shapes, a second cue beside colour when many clouds share a plot (series i gets shape i mod 10). */
    static final Marker[] SHAPES = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
            SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS,
            SeriesMarkers.TRAPEZOID, SeriesMarkers.OVAL, SeriesMarkers.RECTANGLE};

    /** From this many coloured point clouds in one plot on, shapes and centre labels are added ({@link #image}). */
    static final int MANY_CLOUDS = 4;

    /**
     * viridis (van der Walt and Smith 2015, matplotlib's default map), 9 stops from dark purple to yellow: perceptually
     * uniform and monotone in lightness, so it also reads in grey-scale and under colour-vision deficiencies.
     * Values from matplotlib's {@code _cm_listed._viridis_data} at 0, 1/8, …, 1.
     */
    public static final Color[] VIRIDIS = {
            new Color(0x440154), new Color(0x472D7B), new Color(0x3B528B), new Color(0x2C728E), new Color(0x21918C),
            new Color(0x28AE80), new Color(0x5EC962), new Color(0xADDC30), new Color(0xFDE725)};

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
        s.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        s.setAnnotationTextFontColor(Color.BLACK);
        if (s instanceof HeatMapStyler h) h.setRangeColors(VIRIDIS);
        if (s instanceof org.knowm.xchart.style.AxesChartStyler a) {
            a.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            a.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            a.setPlotGridLinesColor(new Color(0xEEEEEE));
            a.setXAxisDecimalPattern("#,##0.###");
        }
    }

    /**
     * Renders any XChart chart to an image for {@code display(...)}, carrying a text alternative written from the
     * chart's data ({@link AltText#describe}). A plot of {@value #MANY_CLOUDS} or more coloured point clouds
     * first gets a second cue beside colour ({@link #secondCue}).
     */
    public static BufferedImage image(Chart<?, ?> chart) {
        if (chart instanceof XYChart xy) secondCue(xy);
        return AltText.attach(BitmapEncoder.getBufferedImage(chart), AltText.describe(chart));
    }

    /** As {@link #image(Chart)}, with a figure's own sentence after the generic text alternative. */
    public static BufferedImage image(Chart<?, ?> chart, String sentence) {
        return AltText.append(image(chart), sentence);
    }

    /**
     * With {@value #MANY_CLOUDS} or more coloured scatter series (light grey ones, such as prior draws underneath, do
     * not count: {@link AltText#background}), each gets its own marker shape ({@link #SHAPES}, where it still has the default circle) and its name —
     * without the prefix all names share ("digit 3" → "3") — written at its centre.
     */
    static void secondCue(XYChart chart) {
        List<XYSeries> clouds = new ArrayList<>();
        for (XYSeries s : chart.getSeriesMap().values())
            if (s.isEnabled() && s.getXYSeriesRenderStyle() == XYSeries.XYSeriesRenderStyle.Scatter && !AltText.background(s))
                clouds.add(s);
        if (clouds.size() < MANY_CLOUDS) return;
        // shapes need a few pixels to be told apart
        if (chart.getStyler().getMarkerSize() < 6) chart.getStyler().setMarkerSize(6);
        String prefix = clouds.get(0).getName();
        for (XYSeries s : clouds)
            while (!s.getName().startsWith(prefix)) prefix = prefix.substring(0, prefix.length() - 1);
        for (int i = 0; i < clouds.size(); i++) {
            XYSeries s = clouds.get(i);
            if (s.getMarker() == null || s.getMarker() == SeriesMarkers.CIRCLE) s.setMarker(SHAPES[i % SHAPES.length]);
            double[] c = AltText.centre(s);
            String label = s.getName().substring(prefix.length()).strip();
            if (c[2] > 0 && !label.isEmpty()) chart.addAnnotation(new AnnotationText(label, c[0], c[1], false));
        }
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
