package lecture7.viz;

import lecture7.elbo.ElboParts;
import lecture7.elbo.GradientEstimate;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * Figures and tables of the recap (notebook 01): the identity ln p(x) = ELBO + KL(q ‖ p(z|x)) as q moves,
 * Jensen's gap closing with the importance-weighted bound, and the variance of ELBO gradient estimators.
 */
public final class ElboFigures {
    private ElboFigures() {}

    /**
     * ELBO(q), KL(q ‖ p(z|x)), their sum and ln p(x) against a parameter of q (e.g. its mean): the sum lies on
     * the flat ln p(x) line everywhere; the ELBO touches it where the KL is zero.
     */
    public static BufferedImage identity(double[] param, ElboParts[] parts, String paramLabel, String title) {
        if (param.length != parts.length) throw new IllegalArgumentException(param.length + " parameter values for " + parts.length + " results");
        XYChart c = Charts.xy(title, paramLabel, "nats");
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideS);
        c.getStyler().setXAxisDecimalPattern("0.0");
        double[] elbo = new double[param.length], kl = new double[param.length], sum = new double[param.length], lp = new double[param.length];
        for (int i = 0; i < param.length; i++) {
            elbo[i] = parts[i].elbo();
            kl[i] = parts[i].klToPosterior();
            sum[i] = elbo[i] + kl[i];
            lp[i] = parts[i].logEvidence();
        }
        Charts.line(c, "ELBO(q)", param, elbo).setLineWidth(2.5f);
        Charts.line(c, "KL(q ‖ p(z|x))", param, kl).setLineWidth(2.5f);
        XYSeries s = Charts.line(c, "ELBO + KL", param, sum);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineStyle(SeriesLines.NONE);
        XYSeries l = Charts.line(c, "ln p(x)", param, lp);
        l.setLineStyle(SeriesLines.DASH_DASH);
        l.setLineColor(java.awt.Color.BLACK);
        return Charts.image(c);
    }

    /** The closed-form terms for several q (one row each), with the identity's rounding error. */
    public static Table partsTable(String[] qNames, ElboParts[] parts) {
        int n = parts.length;
        double[][] col = new double[7][n];
        for (int i = 0; i < n; i++) {
            ElboParts p = parts[i];
            col[0][i] = p.reconstruction();
            col[1][i] = p.klToPrior();
            col[2][i] = p.elbo();
            col[3][i] = p.klToPosterior();
            col[4][i] = p.elbo() + p.klToPosterior();
            col[5][i] = p.logEvidence();
            col[6][i] = p.identityError();
        }
        Table t = Table.create("ln p(x) = ELBO + KL(q ‖ p(z|x)) (nats)", StringColumn.create("q", qNames),
                DoubleColumn.create("E_q ln p(x|z)", col[0]), DoubleColumn.create("KL(q‖p(z))", col[1]),
                DoubleColumn.create("ELBO", col[2]), DoubleColumn.create("KL(q‖p(z|x))", col[3]),
                DoubleColumn.create("ELBO + KL", col[4]), DoubleColumn.create("ln p(x)", col[5]));
        Tables.decimals(t, 6);
        DoubleColumn err = DoubleColumn.create("identity error", col[6]);
        err.setPrintFormatter(new tech.tablesaw.columns.numbers.NumberColumnFormatter(new java.text.DecimalFormat("0.0E0")));
        return t.addColumns(err);
    }

    /**
     * Jensen's inequality in action: the mean of ln (1/K) Σ_k w_k (importance-weighted bound, w = p(x,z)/q(z))
     * against K, with error bars as ±2 SE, between the ELBO (K = 1) and ln p(x).
     */
    public static BufferedImage jensen(int[] ks, double[] mean, double[] se, double elbo, double logEvidence, String title) {
        XYChart c = Charts.xy(title, "K (importance samples, log scale)", "nats");
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        double[] x = Arrays.stream(ks).asDoubleStream().toArray();
        XYSeries b = c.addSeries("E ln (1/K) Σ w_k", x, mean, Arrays.stream(se).map(v -> 2 * v).toArray());
        b.setMarker(SeriesMarkers.CIRCLE);
        double[] ends = {x[0], x[x.length - 1]};
        XYSeries e = Charts.line(c, "ELBO = E ln w", ends, new double[]{elbo, elbo});
        e.setLineStyle(SeriesLines.DOT_DOT);
        XYSeries l = Charts.line(c, "ln p(x) = ln E w", ends, new double[]{logEvidence, logEvidence});
        l.setLineStyle(SeriesLines.DASH_DASH);
        l.setLineColor(java.awt.Color.BLACK);
        return Charts.image(c);
    }

    /** log₁₀ of the per-draw variance of each gradient coordinate for two estimators: the reparameterisation wins. */
    public static BufferedImage gradientVariance(String[] coordinates, GradientEstimate a, GradientEstimate b, String title) {
        CategoryChart c = new CategoryChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title(title)
                .xAxisTitle("parameter of q").yAxisTitle("log₁₀ variance of one draw").build();
        Charts.style(c.getStyler());
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        c.addSeries(a.name(), Arrays.asList(coordinates), toList(Arrays.stream(a.variance()).map(Math::log10).toArray()));
        c.addSeries(b.name(), Arrays.asList(coordinates), toList(Arrays.stream(b.variance()).map(Math::log10).toArray()));
        return Charts.image(c);
    }

    private static java.util.List<Double> toList(double[] v) {
        return Arrays.stream(v).boxed().toList();
    }

    /** Exact gradient beside both estimators' means ± SE and the variance ratio. */
    public static Table gradientTable(String[] coordinates, double[] exact, GradientEstimate rep, GradientEstimate sf) {
        int p = exact.length;
        double[] rm = rep.mean(), sm = sf.mean(), rse = new double[p], sse = new double[p], ratio = new double[p];
        for (int j = 0; j < p; j++) {
            rse[j] = rep.standardError(j);
            sse[j] = sf.standardError(j);
            ratio[j] = sf.variance()[j] / rep.variance()[j];
        }
        return Tables.decimals(Table.create("∇ELBO: exact vs Monte Carlo (" + rep.n() + " draws each)",
                StringColumn.create("parameter", coordinates), DoubleColumn.create("exact", exact),
                DoubleColumn.create("reparam. mean", rm), DoubleColumn.create("reparam. SE", rse),
                DoubleColumn.create("score-fn mean", sm), DoubleColumn.create("score-fn SE", sse),
                DoubleColumn.create("variance ratio (score / reparam.)", ratio)), 3);
    }

    /**
     * The reading of {@link #jensen}, printed from the numbers: how far the mean bound moves from K = ks[0] to the
     * last K, and every step where it does not rise, with the step's standard error √(SE_i² + SE_j²). The true bound
     * E ln (1/K) Σ w_k never falls as K grows (Burda et al. 2016, Theorem 1), so a fall within 2 standard errors is
     * Monte Carlo noise; a larger fall is flagged as unexpected.
     */
    public static String jensenReading(int[] ks, double[] mean, double[] se, double elbo, double logEvidence) {
        if (ks.length != mean.length || ks.length != se.length || ks.length < 2)
            throw new IllegalArgumentException("need at least two K with one mean and one SE each: " + ks.length + " K, "
                    + mean.length + " means, " + se.length + " SEs");
        int last = ks.length - 1;
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT,
                "From K = %d to K = %d the mean bound moves from %.4f to %.4f nats (ELBO %.4f, ln p(x) %.4f): it closes %.1f%% of Jensen's gap.",
                ks[0], ks[last], mean[0], mean[last], elbo, logEvidence, 100 * (mean[last] - elbo) / (logEvidence - elbo)));
        int falls = 0;
        for (int i = 1; i < ks.length; i++) {
            double step = mean[i] - mean[i - 1];
            if (step > 0) continue;
            falls++;
            // the two means come from independent draws: the SE of their difference is √(SE_i² + SE_j²)
            double stepSe = Math.sqrt(se[i] * se[i] + se[i - 1] * se[i - 1]);
            sb.append(String.format(java.util.Locale.ROOT, "%nK = %d → %d: the mean falls by %.4f nats, %s (standard error of the step %.4f):",
                    ks[i - 1], ks[i], -step, -step <= 2 * stepSe ? "within 2 standard errors" : "MORE than 2 standard errors", stepSe));
            sb.append(-step <= 2 * stepSe ? " Monte Carlo noise — the true bound cannot fall as K grows."
                    : " unexpected, since the true bound cannot fall as K grows: more repetitions are needed.");
        }
        if (falls == 0) sb.append(String.format(java.util.Locale.ROOT, "%nEvery larger K gives a larger mean bound."));
        for (int i = 0; i < ks.length; i++) {
            if (mean[i] <= logEvidence) continue;
            // a bound cannot exceed ln p(x): a mean above it is noise when within 2 of its standard errors
            sb.append(String.format(java.util.Locale.ROOT, "%nK = %d: the mean lies %.4f nats above ln p(x), %s (standard error %.4f)%s",
                    ks[i], mean[i] - logEvidence, mean[i] - logEvidence <= 2 * se[i] ? "within 2 standard errors" : "MORE than 2 standard errors", se[i],
                    mean[i] - logEvidence <= 2 * se[i] ? ": Monte Carlo noise — the bound cannot exceed ln p(x)." : ": unexpected, since the bound cannot exceed ln p(x)."));
        }
        return sb.toString();
    }

    /** K beside the mean bound and its standard error. */
    public static Table jensenTable(int[] ks, double[] mean, double[] se, double elbo, double logEvidence) {
        return Tables.decimals(Table.create("importance-weighted bound vs K (nats)", IntColumn.create("K", ks),
                DoubleColumn.create("E ln (1/K) Σ w", mean), DoubleColumn.create("SE", se),
                DoubleColumn.create("bound − ELBO", Arrays.stream(mean).map(v -> v - elbo).toArray()),
                DoubleColumn.create("ln p(x) − bound", Arrays.stream(mean).map(v -> logEvidence - v).toArray())), 4);
    }
}
