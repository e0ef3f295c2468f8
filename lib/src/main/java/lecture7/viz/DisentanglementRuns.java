package lecture7.viz;

import lecture7.compute.Median;
import lecture7.vae.LatentTracker;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * Figures of many training runs in Part 3: MIG of every seed of every objective (never only the best; Locatello
 * et al. 2019), a β sweep (reconstruction, KL and MIG against β), and the annealing story over training — the KL
 * of each latent with C(t) or β(t), and what each latent knows about each true factor. Each function returns an
 * image for {@code display(...)}.
 */
public final class DisentanglementRuns {
    private DisentanglementRuns() {}

    private static final Color GREY = new Color(0x555555);

    /**
     * A strip plot: one column per model (its colour in the legend), one dot per seed (MIG), and a grey bar at
     * each model's median.
     *
     * @param scores    {@code scores[m]} the MIG of every seed of model m
     * @param reference a MIG drawn as a dashed line across the plot (e.g. a target), or NaN for none
     */
    public static BufferedImage migBySeed(String title, List<String> models, List<double[]> scores, double reference) {
        if (models.size() != scores.size()) throw new IllegalArgumentException(models.size() + " names for " + scores.size() + " score lists");
        XYChart chart = Charts.xy(title, "objective (one column each, see the legend)", "MIG", Charts.WIDTH + 120, Charts.HEIGHT);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisMin(-0.5).setXAxisMax(models.size() - 0.5).setYAxisMin(0.0);
        chart.getStyler().setXAxisTicksVisible(false);
        for (int m = 0; m < models.size(); m++) {
            double[] s = scores.get(m);
            if (s.length == 0) throw new IllegalArgumentException(models.get(m) + " has no seeds");
            double[] xs = new double[s.length];
            // spread the seeds sideways so equal scores stay visible
            for (int i = 0; i < s.length; i++) xs[i] = m + (s.length == 1 ? 0 : 0.3 * ((double) i / (s.length - 1) - 0.5));
            XYSeries dots = Charts.scatter(chart, models.get(m) + " (" + s.length + " seeds)", xs, s);
            dots.setMarkerColor(Charts.PALETTE[m % Charts.PALETTE.length]);
            dots.setMarker(SeriesMarkers.CIRCLE);
        }
        chart.getStyler().setMarkerSize(8);
        for (int m = 0; m < models.size(); m++) {
            double med = median(scores.get(m));
            XYSeries bar = Charts.line(chart, m == 0 ? "median" : "median of " + models.get(m), new double[]{m - 0.25, m + 0.25}, new double[]{med, med});
            bar.setLineColor(GREY);
            bar.setLineStyle(new BasicStroke(2.5f));
            bar.setShowInLegend(m == 0);
        }
        if (!Double.isNaN(reference)) {
            XYSeries ref = Charts.line(chart, String.format(Locale.ROOT, "MIG = %.2f", reference), new double[]{-0.5, models.size() - 0.5},
                    new double[]{reference, reference});
            ref.setLineColor(Charts.PALETTE[2]);
            ref.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f));
        }
        return Charts.image(chart);
    }

    /** The median of the values (mean of the two middle ones for an even count): {@link Median#of}. */
    public static double median(double[] v) {
        return Median.of(v);
    }

    /**
     * The β sweep: reconstruction and KL (nats, left axis) and MIG (right axis) against β, one dot per seed and
     * a line through the medians.
     *
     * @param betas          the β values, ascending
     * @param reconstruction {@code [β][seed]} −E_q[ln p(x|z)], nats
     * @param kl             {@code [β][seed]} average KL, nats
     * @param mig            {@code [β][seed]} MIG
     */
    public static BufferedImage betaSweep(String title, double[] betas, double[][] reconstruction, double[][] kl, double[][] mig) {
        if (reconstruction.length != betas.length || kl.length != betas.length || mig.length != betas.length)
            throw new IllegalArgumentException("need one row of seeds per β: " + betas.length + " β values");
        XYChart chart = Charts.xy(title, "β (log scale)", "nats per image", Charts.WIDTH + 80, Charts.HEIGHT);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.setYAxisGroupTitle(0, "nats per image");
        chart.setYAxisGroupTitle(1, "MIG");
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.getStyler().setYAxisMin(1, 0.0);
        chart.getStyler().setYAxisMax(1, 1.0);
        String[] names = {"reconstruction −E[ln p(x|z)]", "KL", "MIG (right axis)"};
        double[][][] data = {reconstruction, kl, mig};
        for (int q = 0; q < 3; q++) {
            double[] med = new double[betas.length];
            int n = 0;
            for (double[] r : data[q]) n += r.length;
            double[] px = new double[n], py = new double[n];
            int k = 0;
            for (int b = 0; b < betas.length; b++) {
                med[b] = median(data[q][b]);
                for (double v : data[q][b]) {
                    px[k] = betas[b];
                    py[k++] = v;
                }
            }
            XYSeries line = Charts.line(chart, names[q], betas, med);
            line.setLineColor(Charts.PALETTE[q]);
            line.setYAxisGroup(q == 2 ? 1 : 0);
            XYSeries dots = Charts.scatter(chart, names[q] + " seeds", px, py);
            dots.setMarkerColor(Charts.PALETTE[q]);
            dots.setYAxisGroup(q == 2 ? 1 : 0);
            dots.setShowInLegend(false);
        }
        return Charts.image(chart);
    }

    /**
     * The KL of every latent over training (thin lines, labelled by latent), their sum (thick), and the
     * objective's schedule: C(t) in nats over the total KL for the capacity objective, β(t) on a right axis
     * for annealed β.
     *
     * @param scheduleName "C(t)" (nats, drawn on the KL axis), "β(t)" (right axis), or null for none
     * @param minKl        latents whose KL never exceeds this (nats) are left out, e.g. 0.05
     */
    public static BufferedImage klByStep(String title, List<LatentTracker.Record> records, String scheduleName, double minKl) {
        if (records.isEmpty()) throw new IllegalArgumentException("no records to plot");
        int m = records.get(0).perDimKl().length, n = records.size();
        double[] steps = new double[n], total = new double[n], sched = new double[n];
        for (int i = 0; i < n; i++) {
            steps[i] = records.get(i).step();
            total[i] = records.get(i).totalKl();
            sched[i] = records.get(i).schedule();
        }
        XYChart chart = Charts.xy(title, "training step", "E_x KL(q(z_j|x) ‖ N(0,1))  [nats]", Charts.WIDTH + 80, Charts.HEIGHT + 40);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        int colour = 0;
        for (int j = 0; j < m; j++) {
            double[] y = new double[n];
            double peak = 0;
            for (int i = 0; i < n; i++) {
                y[i] = records.get(i).perDimKl()[j];
                peak = Math.max(peak, y[i]);
            }
            if (peak <= minKl) continue;
            XYSeries s = Charts.line(chart, "z" + j, steps, y);
            s.setLineColor(Charts.PALETTE[colour++ % Charts.PALETTE.length]);
        }
        XYSeries t = Charts.line(chart, "total KL", steps, total);
        t.setLineColor(Color.BLACK);
        t.setLineStyle(new BasicStroke(2.5f));
        if (scheduleName != null) {
            XYSeries s = Charts.line(chart, scheduleName, steps, sched);
            s.setLineColor(GREY);
            s.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f));
            if (!scheduleName.startsWith("C")) {
                s.setYAxisGroup(1);
                chart.setYAxisGroupTitle(1, scheduleName);
                chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
            }
        }
        return Charts.image(chart);
    }

    /**
     * What each latent knows about the true factors over training: for every latent whose KL at the last record
     * exceeds {@code minKl} nats, its MI with the factor it knows most about at the end, labelled "z3 → posX":
     * I(z_j; v_k) under the sampled posterior ({@link lecture7.infotheory.FactorInformation}), never above the latent's KL.
     *
     * @param factorNames names of the K factors, in the order of {@link LatentTracker.Record#factorMi()}
     */
    public static BufferedImage factorMiByStep(String title, List<LatentTracker.Record> records, String[] factorNames, double minKl) {
        if (records.isEmpty() || records.get(0).factorMi() == null)
            throw new IllegalArgumentException("the records have no MI with the factors (the tracker was given no factors)");
        int n = records.size(), k = records.get(0).factorMi().length, m = records.get(0).factorMi()[0].length;
        if (factorNames.length != k) throw new IllegalArgumentException(factorNames.length + " names for " + k + " factors");
        double[] steps = records.stream().mapToDouble(LatentTracker.Record::step).toArray();
        XYChart chart = Charts.xy(title, "training step", "I(z_j; factor) ≤ KL_j  [nats]", Charts.WIDTH + 80, Charts.HEIGHT + 40);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        double[][] last = records.get(n - 1).factorMi();
        int colour = 0;
        for (int j = 0; j < m; j++) {
            int best = 0;
            for (int f = 1; f < k; f++) if (last[f][j] > last[best][j]) best = f;
            if (records.get(n - 1).perDimKl()[j] <= minKl) continue;
            double[] y = new double[n];
            for (int i = 0; i < n; i++) y[i] = records.get(i).factorMi()[best][j];
            XYSeries s = Charts.line(chart, String.format(Locale.ROOT, "z%d → %s", j, factorNames[best]), steps, y);
            s.setLineColor(Charts.PALETTE[colour++ % Charts.PALETTE.length]);
            s.setMarker(SeriesMarkers.NONE);
        }
        return Charts.image(chart);
    }
}
