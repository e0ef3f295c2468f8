package lecture7.viz;

import lecture7.kernel.Inputs;
import lecture7.kernel.MonomialFeatures;
import lecture7.mmd.IndependenceTest;
import lecture7.mmd.Mmd;
import lecture7.mmd.RejectionRate;
import lecture7.mmd.TwoSampleTest;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.awt.BasicStroke;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Figures and tables of "comparing two distributions" (Lecture 7, Part 2): samples, feature means, null
 * distributions, type-I error and power, bandwidths, dependence.
 */
public final class MmdFigures {
    private MmdFigures() {}

    /** Density histograms of two 1-D samples on common bins (step lines), for the slides' pairs of distributions. */
    public static BufferedImage histograms(String title, INDArray x, String nameX, INDArray y, String nameY, int bins) {
        double[] a = Inputs.flat(x), b = Inputs.flat(y);
        if (bins < 1) throw new IllegalArgumentException("bins must be ≥ 1, got " + bins);
        double lo = Math.min(min(a), min(b)), hi = Math.max(max(a), max(b));
        if (hi == lo) hi = lo + 1;
        XYChart chart = Charts.xy(title, "x", "density");
        step(chart, nameX + " (n = " + a.length + ")", a, lo, hi, bins);
        step(chart, nameY + " (n = " + b.length + ")", b, lo, hi, bins);
        return Charts.image(chart);
    }

    private static XYSeries step(XYChart chart, String name, double[] v, double lo, double hi, int bins) {
        double w = (hi - lo) / bins;
        double[] cx = new double[bins], h = new double[bins];
        for (double s : v) h[Math.min(bins - 1, (int) ((s - lo) / w))]++;
        // density of bin b = count_b / (n · width)
        for (int i = 0; i < bins; i++) {
            cx[i] = lo + (i + 0.5) * w;
            h[i] /= v.length * w;
        }
        XYSeries s = chart.addSeries(name, cx, h);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        s.setMarker(SeriesMarkers.NONE);
        return s;
    }

    /**
     * Sample moments E[x^k], k = 1..K, of two 1-D samples side by side: the feature means of φ(x) = [x, …, x^K].
     */
    public static BufferedImage featureMeans(String title, INDArray x, String nameX, INDArray y, String nameY, int maxOrder) {
        double[] mx = Mmd.featureMean(new MonomialFeatures(maxOrder), x), my = Mmd.featureMean(new MonomialFeatures(maxOrder), y);
        List<String> labels = new ArrayList<>();
        for (int k = 1; k <= maxOrder; k++) labels.add(k == 1 ? "x" : "x^" + k);
        CategoryChart chart = new CategoryChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title(title)
                .xAxisTitle("feature φ_k(x) = x^k").yAxisTitle("feature mean (1/n) Σ φ_k").build();
        Charts.style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.addSeries(nameX, labels, toList(mx));
        chart.addSeries(nameY, labels, toList(my));
        return Charts.image(chart);
    }

    /**
     * Feature means E[x^k] of both samples, their difference and the running MMD² with features x..x^k (the
     * squared distance of feature means up to order k).
     */
    public static Table featureMeanTable(INDArray x, String nameX, INDArray y, String nameY, int maxOrder) {
        double[] mx = Mmd.featureMean(new MonomialFeatures(maxOrder), x), my = Mmd.featureMean(new MonomialFeatures(maxOrder), y);
        StringColumn feature = StringColumn.create("feature");
        DoubleColumn cx = DoubleColumn.create("mean, " + nameX), cy = DoubleColumn.create("mean, " + nameY),
                d = DoubleColumn.create("difference"), run = DoubleColumn.create("‖Δ mean φ‖², features up to here");
        double sum = 0;
        for (int k = 0; k < maxOrder; k++) {
            feature.append(k == 0 ? "x" : "x^" + (k + 1));
            cx.append(mx[k]);
            cy.append(my[k]);
            d.append(mx[k] - my[k]);
            sum += (mx[k] - my[k]) * (mx[k] - my[k]);
            run.append(sum);
        }
        return Table.create("feature means: " + nameX + " vs " + nameY, feature, cx, cy, d, run);
    }

    /** Histogram of the permutation null statistics with the observed statistic as a vertical line. */
    public static BufferedImage nullHistogram(String title, TwoSampleTest t) {
        return nullHistogram(title, "MMD²_V", t.nullStatistics(), t.statistic(), t.pValue());
    }

    /** The same for an independence test (statistic HSIC_b). */
    public static BufferedImage nullHistogram(String title, IndependenceTest t) {
        return nullHistogram(title, "HSIC_b", t.nullStatistics(), t.statistic(), t.pValue());
    }

    private static BufferedImage nullHistogram(String title, String stat, double[] nulls, double observed, double p) {
        double lo = Math.min(min(nulls), observed), hi = Math.max(max(nulls), observed);
        double pad = 0.05 * (hi - lo + 1e-300);
        lo -= pad;
        hi += pad;
        XYChart chart = Charts.xy(title, stat, "density");
        step(chart, "null: " + nulls.length + " permutations", nulls, lo, hi, 40);
        double top = 0;
        for (double v : chart.getSeriesMap().values().iterator().next().getYData()) top = Math.max(top, v);
        XYSeries line = Charts.line(chart, String.format(Locale.ROOT, "observed %s = %.3g, p = %.3g", stat, observed, p),
                new double[]{observed, observed}, new double[]{0, top * 1.05});
        line.setLineStyle(new BasicStroke(2.5f));
        return Charts.image(chart);
    }

    /**
     * Rejection rate against the sample size: type-I error (P = Q) and power (P ≠ Q) with ±1 standard-error
     * bars, and the level α as a dashed line.
     */
    public static BufferedImage rejectionCurves(String title, int[] ns, RejectionRate.Rate[] typeI, String powerName,
                                                RejectionRate.Rate[] power, double alpha) {
        if (ns.length != typeI.length || ns.length != power.length)
            throw new IllegalArgumentException("need one rate per sample size: " + ns.length + " sizes, "
                    + typeI.length + " type-I rates, " + power.length + " power rates");
        double[] x = Arrays.stream(ns).asDoubleStream().toArray();
        XYChart chart = Charts.xy(title, "sample size n (= m)", "rejection rate at α = " + alpha);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        XYSeries p = chart.addSeries("power: " + powerName, x, rates(power), errors(power));
        p.setMarker(SeriesMarkers.CIRCLE);
        XYSeries t = chart.addSeries("type-I error: P = Q", x, rates(typeI), errors(typeI));
        t.setMarker(SeriesMarkers.DIAMOND);
        XYSeries a = Charts.line(chart, "α = " + alpha, new double[]{x[0], x[x.length - 1]}, new double[]{alpha, alpha});
        a.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f));
        return Charts.image(chart);
    }

    /** A quantity (power, statistic, …) against the RBF bandwidth σ on a log axis, with the median-heuristic σ marked. */
    public static BufferedImage bandwidthCurve(String title, double[] sigmas, double[] values, String yLabel, double medianSigma) {
        if (sigmas.length != values.length) throw new IllegalArgumentException(sigmas.length + " bandwidths but " + values.length + " values");
        XYChart chart = Charts.xy(title, "RBF bandwidth σ (log scale)", yLabel);
        chart.getStyler().setXAxisLogarithmic(true);
        XYSeries s = chart.addSeries(yLabel, sigmas, values);
        s.setMarker(SeriesMarkers.CIRCLE);
        double top = max(values), bottom = Math.min(0, min(values));
        Charts.line(chart, "median heuristic σ = " + KernelFigures.fmt(medianSigma), new double[]{medianSigma, medianSigma},
                new double[]{bottom, top}).setLineStyle(new BasicStroke(2f));
        return Charts.image(chart);
    }

    /** Scatter plot of paired 1-D samples. */
    public static BufferedImage scatter(String title, INDArray x, INDArray y, String xLabel, String yLabel) {
        XYChart chart = Charts.xy(title, xLabel, yLabel);
        Charts.scatter(chart, x.rows() + " pairs", Inputs.flat(x), Inputs.flat(y));
        chart.getStyler().setLegendVisible(false);
        return Charts.image(chart);
    }

    /** One row per named test: statistic and p-value (and whether it rejects at α). */
    public static Table testTable(String title, double alpha, String[] names, double[] statistics, double[] pValues, String statName) {
        StringColumn name = StringColumn.create("comparison");
        DoubleColumn stat = DoubleColumn.create(statName), p = DoubleColumn.create("p-value");
        StringColumn verdict = StringColumn.create("at α = " + alpha);
        for (int i = 0; i < names.length; i++) {
            name.append(names[i]);
            stat.append(statistics[i]);
            p.append(pValues[i]);
            verdict.append(pValues[i] <= alpha ? "reject H₀" : "keep H₀");
        }
        return Table.create(title, name, stat, p, verdict);
    }

    /** Sample sizes, type-I error and power in one table. */
    public static Table rejectionTable(int[] ns, RejectionRate.Rate[] typeI, RejectionRate.Rate[] power) {
        IntColumn n = IntColumn.create("n = m", ns);
        return Table.create("rejection rates (" + typeI[0].repetitions() + " repetitions each)", n,
                DoubleColumn.create("type-I error", rates(typeI)), DoubleColumn.create("± SE (type I)", errors(typeI)),
                DoubleColumn.create("power", rates(power)), DoubleColumn.create("± SE (power)", errors(power)));
    }

    private static double[] rates(RejectionRate.Rate[] r) {
        return Arrays.stream(r).mapToDouble(RejectionRate.Rate::rate).toArray();
    }

    private static double[] errors(RejectionRate.Rate[] r) {
        return Arrays.stream(r).mapToDouble(RejectionRate.Rate::standardError).toArray();
    }

    private static List<Double> toList(double[] v) {
        List<Double> l = new ArrayList<>();
        for (double d : v) l.add(d);
        return l;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElseThrow();
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElseThrow();
    }
}
