package lecture7.viz;

import lecture7.kernel.Kernel;
import lecture7.kernel.TaylorRbfFeatures;
import lecture7.mmd.RejectionRate;
import lecture7.mmd.TwoSampleTest;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/** Figures and tables of Part 2, comparing two distributions with feature means, kernels and MMD. */
public final class MmdFigures {
    private MmdFigures() {}

    /** Density histograms of 1-D samples drawn on one axis (step lines), one series per sample. */
    public static BufferedImage histograms(String title, String xLabel, double[][] samples, String[] names, int bins) {
        if (samples.length != names.length) throw new IllegalArgumentException(samples.length + " samples but " + names.length + " names");
        double lo = Arrays.stream(samples).flatMapToDouble(Arrays::stream).min().orElse(0);
        double hi = Arrays.stream(samples).flatMapToDouble(Arrays::stream).max().orElse(1);
        if (hi == lo) hi = lo + 1;
        XYChart chart = Charts.xy(title, xLabel, "density");
        chart.getStyler().setChartPadding(20);   // room for half of the last tick label
        for (int s = 0; s < samples.length; s++) {
            double[][] hist = Charts.densityHistogram(samples[s], lo, hi, bins);
            XYSeries series = chart.addSeries(names[s], hist[0], hist[1]);
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
            series.setMarker(SeriesMarkers.NONE);
        }
        return Charts.image(chart);
    }

    /** 2-D scatter of paired samples (x_i, y_i), e.g. for the independence problem. */
    public static BufferedImage pairs(String title, String xLabel, String yLabel, double[] x, double[] y) {
        XYChart chart = Charts.xy(title, xLabel, yLabel);
        chart.getStyler().setLegendVisible(false);
        Charts.scatter(chart, "pairs", x, y).setMarkerColor(Charts.PALETTE[0]);
        return Charts.image(chart);
    }

    /** Feature means E φ_k(X) and E φ_k(Y) side by side, one group of bars per feature. */
    public static BufferedImage featureMeans(String title, String[] features, double[] meanP, String nameP,
                                             double[] meanQ, String nameQ) {
        if (features.length != meanP.length || features.length != meanQ.length)
            throw new IllegalArgumentException("need one mean per feature: " + features.length + ", " + meanP.length + ", " + meanQ.length);
        CategoryChart chart = new CategoryChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title(title)
                .xAxisTitle("feature φ_k(x)").yAxisTitle("sample mean of the feature").build();
        Charts.style(chart.getStyler());
        chart.addSeries(nameP, Arrays.asList(features), Arrays.stream(meanP).boxed().toList());
        chart.addSeries(nameQ, Arrays.asList(features), Arrays.stream(meanQ).boxed().toList());
        return Charts.image(chart);
    }

    /** Mean of each feature for two samples and their difference, as a table. */
    public static Table featureMeanTable(String title, String[] features, double[] meanP, double[] meanQ) {
        double[] diff = new double[features.length];
        for (int k = 0; k < diff.length; k++) diff[k] = meanP[k] - meanQ[k];
        return Tables.decimals(Table.create(title, StringColumn.create("feature", features),
                DoubleColumn.create("mean over P", meanP), DoubleColumn.create("mean over Q", meanQ),
                DoubleColumn.create("difference", diff)), 4);
    }

    /** κ(x, y₀) of the RBF kernel beside its Taylor truncations φ_K(x)ᵀφ_K(y₀) for several orders K. */
    public static BufferedImage taylorApproximation(double gamma, double y0, int[] orders, double xMin, double xMax) {
        XYChart chart = Charts.xy("RBF kernel κ(x, " + y0 + ") and its Taylor feature maps (γ = " + gamma + ")", "x",
                "κ(x, " + y0 + ")");
        int points = 161; // grid points on multiples of (xMax − xMin)/160, so axis ticks fall on round numbers
        double[] xs = new double[points], exact = new double[points];
        for (int i = 0; i < points; i++) {
            xs[i] = xMin + (xMax - xMin) * i / (points - 1);
            exact[i] = Math.exp(-gamma * (xs[i] - y0) * (xs[i] - y0));
        }
        for (int order : orders) {
            TaylorRbfFeatures phi = TaylorRbfFeatures.ofOrder(gamma, order);
            double[] approx = new double[points];
            for (int i = 0; i < points; i++) approx[i] = phi.approximate(xs[i], y0);
            Charts.line(chart, "order K = " + order, xs, approx);
        }
        XYSeries s = Charts.line(chart, "exact e^{−γ(x−y₀)²}", xs, exact);
        s.setLineColor(Color.BLACK);
        s.setLineStyle(new BasicStroke(2.5f));
        chart.getStyler().setYAxisMin(-0.5);
        chart.getStyler().setYAxisMax(1.5);
        return Charts.image(chart);
    }

    /** Largest truncation error of the Taylor map over |x|, |y| ≤ r on a grid, beside the bound, per order. */
    public static Table taylorErrorTable(double gamma, double r, int[] orders) {
        double[] maxErr = new double[orders.length], bound = new double[orders.length];
        for (int o = 0; o < orders.length; o++) {
            TaylorRbfFeatures phi = TaylorRbfFeatures.ofOrder(gamma, orders[o]);
            for (int i = 0; i <= 40; i++)
                for (int j = 0; j <= 40; j++) {
                    double x = -r + 2 * r * i / 40, y = -r + 2 * r * j / 40;
                    maxErr[o] = Math.max(maxErr[o], Math.abs(phi.exact(x, y) - phi.approximate(x, y)));
                }
            bound[o] = phi.maxTruncationBound(r);
        }
        Table t = Table.create("Taylor feature map of the RBF kernel (γ = " + gamma + ", |x|, |y| ≤ " + r + ")",
                IntColumn.create("order K", orders), IntColumn.create("features", Arrays.stream(orders).map(k -> k + 1).toArray()),
                DoubleColumn.create("max |κ − φᵀφ|", maxErr), DoubleColumn.create("bound (2γr²)^(K+1)/(K+1)!", bound));
        var fmt = new tech.tablesaw.columns.numbers.NumberColumnFormatter(new java.text.DecimalFormat("0.00E0"));
        t.doubleColumn(2).setPrintFormatter(fmt);
        t.doubleColumn(3).setPrintFormatter(fmt);
        return t;
    }

    /** Histogram of the permutation null statistics with the observed statistic as a vertical line. */
    public static BufferedImage nullHistogram(TwoSampleTest test, String title) {
        double[] nulls = test.nullStatistics();
        double lo = Math.min(Arrays.stream(nulls).min().orElse(0), test.statistic());
        double hi = Math.max(Arrays.stream(nulls).max().orElse(1), test.statistic());
        if (hi == lo) hi = lo + 1e-12;
        int bins = 40;
        double w = (hi - lo) / bins;
        double[] x = new double[bins], h = new double[bins];
        for (double v : nulls) h[Math.min(bins - 1, (int) ((v - lo) / w))]++;
        for (int b = 0; b < bins; b++) x[b] = lo + (b + 0.5) * w;
        XYChart chart = Charts.xy(title, "MMD²_V", "number of permutations");
        // the last tick label sits on the plot's right edge: room for half of it, or it is cut (figure_edges.py)
        chart.getStyler().setChartPadding(20);
        XYSeries bars = chart.addSeries("null: " + nulls.length + " relabellings", x, h);
        bars.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        bars.setMarker(SeriesMarkers.NONE);
        double top = Arrays.stream(h).max().orElse(1);
        XYSeries obs = Charts.line(chart, String.format("observed %.3g, p = %.3g%s", test.statistic(), test.pValue(),
                        test.atFloor() ? " (the floor 1/(B+1))" : ""),
                new double[]{test.statistic(), test.statistic()}, new double[]{0, top});
        obs.setLineColor(Color.RED);
        obs.setLineStyle(new BasicStroke(2.5f));
        // below the plot: inside, the legend would cover the observed line when it lies right of every null statistic
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        return Charts.image(chart);
    }

    /** Rejection rate against sample size for several settings (type-I error under H₀, power under H₁). */
    public static BufferedImage rejectionCurves(String title, int[] ns, List<String> names, List<RejectionRate.Rate[]> rates, double alpha) {
        XYChart chart = Charts.xy(title, "sample size n (per sample)", "rejection rate at α = " + alpha);
        double[] x = Arrays.stream(ns).asDoubleStream().toArray();
        for (int s = 0; s < names.size(); s++) {
            double[] y = Arrays.stream(rates.get(s)).mapToDouble(RejectionRate.Rate::rate).toArray();
            double[] e = Arrays.stream(rates.get(s)).mapToDouble(r -> 2 * r.standardError()).toArray();
            XYSeries series = chart.addSeries(names.get(s), x, y, e);
            series.setMarker(SeriesMarkers.CIRCLE);
        }
        XYSeries level = Charts.line(chart, "α", new double[]{x[0], x[x.length - 1]}, new double[]{alpha, alpha});
        level.setLineColor(Color.GRAY);
        level.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f));
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        // below the plot: the power curves rise through every corner of it
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        return Charts.image(chart);
    }

    /**
     * Precomputed values of a statistic against the bandwidth σ (log axis) with several marked choices (e.g. the median
     * heuristic and the σ of highest test power), each a vertical line in the legend with its σ.
     */
    public static BufferedImage bandwidthCurve(String title, String yLabel, double[] sigmas, double[] values, double[] chosen,
                                               String[] chosenNames) {
        if (sigmas.length != values.length || chosen.length != chosenNames.length)
            throw new IllegalArgumentException("sigmas/values or chosen/names differ in length");
        XYChart chart = Charts.xy(title, "bandwidth σ (log scale)", yLabel);
        chart.getStyler().setXAxisLogarithmic(true);
        Charts.line(chart, yLabel, sigmas, values).setMarker(SeriesMarkers.CIRCLE);
        double top = Arrays.stream(values).filter(Double::isFinite).max().orElse(1);
        double bottom = Math.min(0, Arrays.stream(values).filter(Double::isFinite).min().orElse(0));
        Color[] colors = {Color.RED, new Color(0x2CA02C), Color.MAGENTA};
        for (int c = 0; c < chosen.length; c++) {
            XYSeries mark = Charts.line(chart, chosenNames[c] + String.format(" σ = %.3g", chosen[c]), new double[]{chosen[c], chosen[c]},
                    new double[]{bottom, top});
            mark.setLineColor(colors[c % colors.length]);
        }
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        return Charts.image(chart);
    }

    /** A statistic as a function of the kernel bandwidth σ (log axis), with a marked choice such as the median heuristic. */
    public static BufferedImage bandwidthCurve(String title, String yLabel, double[] sigmas, DoubleUnaryOperator statistic,
                                               double chosen, String chosenName) {
        double[] y = Arrays.stream(sigmas).map(statistic).toArray();
        XYChart chart = Charts.xy(title, "bandwidth σ (log scale)", yLabel);
        chart.getStyler().setXAxisLogarithmic(true);
        Charts.line(chart, yLabel, sigmas, y).setMarker(SeriesMarkers.CIRCLE);
        double top = Arrays.stream(y).max().orElse(1), bottom = Math.min(0, Arrays.stream(y).min().orElse(0));
        XYSeries mark = Charts.line(chart, chosenName + String.format(" σ = %.3g", chosen), new double[]{chosen, chosen},
                new double[]{bottom, top});
        mark.setLineColor(Color.RED);
        return Charts.image(chart);
    }

    /**
     * The reading of the bandwidth example, from the two tests on the held-out half: which σ rejects H₀: P = Q at the
     * 5 % level — the σ of highest power ratio (chosen on the other half) and the median heuristic's.
     *
     * @param n points per sample in the held-out half
     */
    public static String bandwidthReading(int n, double sigmaPower, TwoSampleTest byPower, double sigmaMedian, TwoSampleTest byMedian) {
        String verdict;
        if (byPower.rejects(0.05) && !byMedian.rejects(0.05))
            verdict = "only the σ chosen by the power ratio tells the two samples apart.";
        else if (byPower.rejects(0.05))
            verdict = "both bandwidths tell the two samples apart.";
        else if (byMedian.rejects(0.05))
            verdict = "only the median heuristic tells the two samples apart: the power ratio, estimated on the first half, chose badly.";
        else
            verdict = "neither bandwidth tells the two samples apart with this many points.";
        return String.format(java.util.Locale.ROOT,
                "held-out half, n = %d each: σ = %.3g (highest power ratio) %s, %s; σ = %.3g (median heuristic) %s, %s — %s",
                n, sigmaPower, byPower.pText(), byPower.rejects(0.05) ? "rejected" : "not rejected",
                sigmaMedian, byMedian.pText(), byMedian.rejects(0.05) ? "rejected" : "not rejected", verdict);
    }

    /** Images side by side, top-aligned on white with a 24 px gap (e.g. real and generated digits, one grid each). */
    public static BufferedImage sideBySide(BufferedImage... panels) {
        return ImageGrid.sideBySide(24, List.of(panels));
    }

    /**
     * KL against MMD on samples of two distributions moved apart: one row per shift, the histogram estimate of
     * KL(P ‖ Q) (nats; "∞" when a bin holds points of P and none of Q) beside MMD²_V.
     */
    public static Table divergenceTable(String title, double[] shifts, double[] kl, double[] mmd, String kernel) {
        if (shifts.length != kl.length || shifts.length != mmd.length)
            throw new IllegalArgumentException("need one KL and one MMD² per shift: " + shifts.length + ", " + kl.length + ", " + mmd.length);
        StringColumn klText = StringColumn.create("histogram KL(P‖Q) [nats]");
        for (double v : kl) klText.append(Double.isInfinite(v) ? "∞" : Double.isNaN(v) ? "undefined" : String.format(java.util.Locale.ROOT, "%.3g", v));
        return Tables.decimals(Table.create(title, DoubleColumn.create("shift s", shifts), klText,
                DoubleColumn.create("MMD²_V, " + kernel, mmd)), 4);
    }

    /** A one-row-per-comparison table of MMD² values and permutation p-values. */
    public static Table comparisonTable(String title, String[] comparisons, Kernel kernel, double[] mmd, double[] pValues) {
        return Tables.decimals(Table.create(title, StringColumn.create("comparison", comparisons),
                StringColumn.create("kernel", java.util.Collections.nCopies(comparisons.length, kernel.name())),
                DoubleColumn.create("MMD²_V", mmd), DoubleColumn.create("p-value", pValues)), 5);
    }

    /**
     * Witness functions f(t) = (1/n) Σ κ(x_i, t) − (1/m) Σ κ(y_j, t) on a grid t, one line per kernel
     * ({@link lecture7.mmd.Mmd#witness}): positive where P has more mass than Q, negative where Q has more.
     */
    public static BufferedImage witness(String title, String nameP, String nameQ, double[] t, List<String> kernels, List<double[]> values) {
        if (kernels.size() != values.size()) throw new IllegalArgumentException(kernels.size() + " names for " + values.size() + " curves");
        XYChart chart = Charts.xy(title, "t", "witness f(t) = mean κ(x, t) − mean κ(y, t)");
        for (int s = 0; s < kernels.size(); s++) Charts.line(chart, kernels.get(s), t, values.get(s));
        XYSeries zero = Charts.line(chart, "0: no difference (f > 0: more " + nameP + ", f < 0: more " + nameQ + ")",
                new double[]{t[0], t[t.length - 1]}, new double[]{0, 0});
        zero.setLineColor(Color.GRAY);
        zero.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f));
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Vertical);
        return Charts.image(chart);
    }
}
