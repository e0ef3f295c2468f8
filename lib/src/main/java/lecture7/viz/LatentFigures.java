package lecture7.viz;

import lecture7.infotheory.KlDecomposition;
import lecture7.mmd.TwoSampleTest;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Part 3, slide "Which divergence to choose?": the 2-D latent codes of test digits coloured by class, on fixed
 * axes so that two models can be compared picture to picture, and the table of a learned prior against the
 * standard normal (slide "A poor prior distribution p_λ(z)").
 */
public final class LatentFigures {
    private LatentFigures() {}

    /**
     * Codes in latent dimensions {@code dx}, {@code dy}, one colour per class (Tableau 10, digit d in colour d),
     * over optional prior draws in grey, on the fixed square [−limit, limit]². Codes outside the square are not
     * drawn; {@link #shareOutside} says how many.
     *
     * @param codes  {@code [N, M]} codes (posterior means or draws z ~ q(z|x))
     * @param labels {@code [N]} classes 0…9
     * @param prior  {@code [n', M]} prior draws drawn underneath, or null
     */
    public static BufferedImage byClass(String title, INDArray codes, int[] labels, int dx, int dy, double limit, INDArray prior) {
        return Charts.image(classChart(title, codes, labels, dx, dy, limit, prior, true, 560, 480));
    }

    /**
     * Several models' codes side by side, one panel each as in {@link #byClass}, on the same square and axes (the
     * slide's picture: the VAE against the MMD-VAE). The legend (digit colours, prior draws) is drawn once, right of
     * the last panel.
     *
     * @param titles one title per panel
     * @param codes  one {@code [N, M]} array per panel, rows matching {@code labels}
     */
    public static BufferedImage byClassRow(List<String> titles, List<INDArray> codes, int[] labels, int dx, int dy, double limit, INDArray prior) {
        if (titles.size() != codes.size() || codes.isEmpty())
            throw new IllegalArgumentException(titles.size() + " titles for " + codes.size() + " code arrays: give one title per panel");
        List<BufferedImage> panels = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            boolean last = i == codes.size() - 1;
            panels.add(Charts.image(classChart(titles.get(i), codes.get(i), labels, dx, dy, limit, prior, last, last ? 520 : 420, 440)));
        }
        return ImageGrid.sideBySide(0, panels);
    }

    private static XYChart classChart(String title, INDArray codes, int[] labels, int dx, int dy, double limit, INDArray prior,
                                      boolean legend, int width, int height) {
        if (codes.rank() != 2 || codes.rows() != labels.length)
            throw new IllegalArgumentException("codes " + java.util.Arrays.toString(codes.shape()) + " and " + labels.length + " labels: need one label per row");
        if (!(limit > 0)) throw new IllegalArgumentException("axis limit must be > 0, got " + limit);
        double[] x = col(codes, dx), y = col(codes, dy);
        XYChart chart = Charts.xy(title, "z" + dx, "z" + dy, width, height);
        chart.getStyler().setMarkerSize(3);
        chart.getStyler().setLegendVisible(legend);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisMin(-limit).setXAxisMax(limit).setYAxisMin(-limit).setYAxisMax(limit);
        if (prior != null) {
            double[] px = col(prior, dx), py = col(prior, dy);
            List<double[]> in = inside(px, py, limit);
            if (!in.isEmpty())
                Charts.scatter(chart, "prior draws", in.get(0), in.get(1)).setMarkerColor(new Color(0xD0D0D0));
        }
        int classes = java.util.Arrays.stream(labels).max().orElse(0) + 1;
        for (int c = 0; c < classes; c++) {
            List<Double> cx = new ArrayList<>(), cy = new ArrayList<>();
            for (int i = 0; i < labels.length; i++)
                if (labels[i] == c && Math.abs(x[i]) <= limit && Math.abs(y[i]) <= limit) {
                    cx.add(x[i]);
                    cy.add(y[i]);
                }
            if (cx.isEmpty()) continue;
            Charts.scatter(chart, "digit " + c, cx.stream().mapToDouble(Double::doubleValue).toArray(),
                    cy.stream().mapToDouble(Double::doubleValue).toArray()).setMarkerColor(Charts.PALETTE[c % Charts.PALETTE.length]);
        }
        return chart;
    }

    /**
     * The half-width of the square to draw: the smallest whole number L ≥ {@code atLeast} such that at least
     * {@code share} of the rows of every cloud lie inside |z_dx|, |z_dy| ≤ L (so a cloud that spreads wider than the
     * prior is not cut off).
     */
    public static double squareCovering(double share, double atLeast, int dx, int dy, INDArray... clouds) {
        if (!(share > 0 && share <= 1)) throw new IllegalArgumentException("share must be in (0, 1], got " + share);
        double limit = Math.ceil(atLeast);
        for (INDArray c : clouds) {
            double[] x = col(c, dx), y = col(c, dy), r = new double[x.length];
            for (int i = 0; i < x.length; i++) r[i] = Math.max(Math.abs(x[i]), Math.abs(y[i]));
            java.util.Arrays.sort(r);
            // the ⌈share·n⌉-th smallest distance: that many rows lie inside
            int k = Math.max(1, (int) Math.ceil(share * r.length)) - 1;
            limit = Math.max(limit, Math.ceil(r[k]));
        }
        return limit;
    }

    /** Share of the rows of {@code codes} with |z_dx| &gt; limit or |z_dy| &gt; limit (outside the drawn square). */
    public static double shareOutside(INDArray codes, int dx, int dy, double limit) {
        double[] x = col(codes, dx), y = col(codes, dy);
        int out = 0;
        for (int i = 0; i < x.length; i++) if (Math.abs(x[i]) > limit || Math.abs(y[i]) > limit) out++;
        return (double) out / x.length;
    }

    /**
     * One model in the prior comparison.
     *
     * @param model          display name
     * @param prior          its prior, e.g. "N(0, I)" or "mixture of 10 Gaussians (learned)"
     * @param reconstruction −E_q[ln p(x|z)], nats per image
     * @param kl             E_x KL(q(z|x) ‖ p(z)) against the model's own prior, nats per image
     * @param parts          the full-data KL decomposition (for I(x; z) and its ceiling; I(x; z) does not depend on the prior)
     * @param priorTest      Part 2's two-sample test of codes z ~ q(z) against draws of the model's own prior
     * @param kernelSigma    the RBF bandwidth σ of that test (clouds of different scale need their own: compare p-values)
     */
    public record PriorRow(String model, String prior, double reconstruction, double kl, KlDecomposition parts, TwoSampleTest priorTest,
                           double kernelSigma) {}

    /**
     * Columns: model, prior, −ELBO, reconstruction, KL to its prior, I(x; z), the test's kernel bandwidth σ,
     * MMD²(q(z), p(z)) ×1000 and its p-value.
     */
    public static Table priorTable(String title, List<PriorRow> rows) {
        StringColumn model = StringColumn.create("model"), prior = StringColumn.create("prior p(z)"),
                mi = StringColumn.create("I(x;z) [nats]");
        DoubleColumn elbo = DoubleColumn.create("-ELBO [nats]"), rec = DoubleColumn.create("reconstruction [nats]"),
                kl = DoubleColumn.create("KL(q(z|x)‖p(z)) [nats]"), mmd = DoubleColumn.create("MMD²(q(z),p(z)) x1000"),
                p = DoubleColumn.create("p-value q(z)=p(z)"), sigma = DoubleColumn.create("kernel σ");
        for (PriorRow r : rows) {
            model.append(r.model());
            prior.append(r.prior());
            // −ELBO = reconstruction + KL(q(z|x) ‖ p(z)), averaged over the test images
            elbo.append(round(r.reconstruction() + r.kl(), 2));
            rec.append(round(r.reconstruction(), 2));
            kl.append(round(r.kl(), 2));
            mi.append(r.parts().miText());
            sigma.append(round(r.kernelSigma(), 2));
            mmd.append(round(1000 * r.priorTest().statistic(), 3));
            p.append(round(r.priorTest().pValue(), 3));
        }
        return Table.create(title, model, prior, elbo, rec, kl, mi, sigma, mmd, p);
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    private static List<double[]> inside(double[] x, double[] y, double limit) {
        List<Double> ix = new ArrayList<>(), iy = new ArrayList<>();
        for (int i = 0; i < x.length; i++)
            if (Math.abs(x[i]) <= limit && Math.abs(y[i]) <= limit) {
                ix.add(x[i]);
                iy.add(y[i]);
            }
        if (ix.isEmpty()) return List.of();
        return List.of(ix.stream().mapToDouble(Double::doubleValue).toArray(), iy.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double[] col(INDArray a, int j) {
        if (a.rank() != 2 || j < 0 || j >= a.columns())
            throw new IllegalArgumentException("latent " + j + " outside 0.." + (a.columns() - 1) + " of " + java.util.Arrays.toString(a.shape()));
        return a.getColumn(j).castTo(DataType.DOUBLE).dup().data().asDouble();
    }
}
