package lecture7.viz;

import lecture7.vae.History;
import lecture7.vae.LogLikelihood;
import lecture7.vae.PosteriorTracker;
import lecture7.vae.Vae;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import lecture7.infotheory.GaussianCodes;
import tech.tablesaw.api.Table;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * Figures and tables of Part 1 (the VAE on MNIST): loss curves, the latent space coloured by digit, samples
 * from the prior, the 2-D manifold, reconstructions, interpolations, the "2 vs 3" posterior snapshots and the
 * ELBO vs importance-sampled ln p(x) table. Each is a pure function returning an image or a table.
 */
public final class VaeFigures {
    private VaeFigures() {}

    private static final int SIDE = 28;

    /** Batch losses (thin), epoch means and, if recorded, validation losses against epochs (nats per image). */
    public static BufferedImage lossCurve(History h, String title) {
        XYChart c = Charts.xy(title, "epoch", "loss = −ELBO (nats per image)");
        int epochs = h.epochs(), nb = h.batchLoss().length;
        if (nb > 0 && epochs > 0) {
            // XChart takes the x ticks from the first series; the batches sit at fractions of an epoch (ticks at
            // 0.925, 1.849, …), so a hidden first series at 0, 1, …, epochs gives round ticks
            double[] whole = new double[epochs + 1], level = new double[epochs + 1];
            for (int i = 0; i <= epochs; i++) whole[i] = i;
            java.util.Arrays.fill(level, h.trainLoss()[epochs - 1]);
            XYSeries ticks = Charts.line(c, " ", whole, level);
            ticks.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.NONE);
            ticks.setShowInLegend(false);
        }
        if (nb > 0) {
            double perEpoch = epochs > 0 ? nb / (double) epochs : nb;
            double[] x = new double[nb];
            for (int i = 0; i < nb; i++) x[i] = (i + 1) / perEpoch;
            XYSeries s = Charts.line(c, "batch", x, clip(h.batchLoss()));
            s.setLineColor(new Color(0xBBBBBB));
            s.setLineWidth(1f);
        }
        if (epochs > 0) {
            double[] e = new double[epochs];
            for (int i = 0; i < epochs; i++) e[i] = i + 1;
            XYSeries t = Charts.line(c, "training (epoch mean)", e, h.trainLoss());
            t.setMarker(SeriesMarkers.CIRCLE);
            t.setLineColor(Charts.PALETTE[0]);
            t.setMarkerColor(Charts.PALETTE[0]);
            if (!Double.isNaN(h.validation()[0])) {
                XYSeries v = Charts.line(c, "validation", e, h.validation());
                v.setMarker(SeriesMarkers.DIAMOND);
                v.setLineColor(Charts.PALETTE[1]);
                v.setMarkerColor(Charts.PALETTE[1]);
            }
        }
        return Charts.image(c);
    }

    /** Clips the first batches' huge losses to 3× the median so the curve stays readable. */
    private static double[] clip(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        double cap = 3 * s[s.length / 2];
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) out[i] = Math.min(out[i], cap);
        return out;
    }

    /** Posterior means μ(x) in the first two latent dimensions, one colour per digit label. */
    public static BufferedImage latentScatter(INDArray mu, int[] labels, String title) {
        if (mu.rank() != 2 || mu.columns() < 2 || mu.rows() != labels.length)
            throw new IllegalArgumentException("mu has shape " + java.util.Arrays.toString(mu.shape()) + " for " + labels.length + " labels; need [n, ≥2]");
        XYChart c = Charts.xy(title, "z₁ (posterior mean)", "z₂ (posterior mean)", 640, 560);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        c.getStyler().setMarkerSize(3);
        double[][] m = mu.castTo(DataType.DOUBLE).toDoubleMatrix();
        for (int digit = 0; digit <= 9; digit++) {
            int count = 0;
            for (int l : labels) if (l == digit) count++;
            if (count == 0) continue;
            double[] x = new double[count], y = new double[count];
            int k = 0;
            for (int i = 0; i < labels.length; i++)
                if (labels[i] == digit) {
                    x[k] = m[i][0];
                    y[k++] = m[i][1];
                }
            XYSeries s = Charts.scatter(c, "digit " + digit, x, y);
            s.setMarkerColor(Charts.PALETTE[digit % Charts.PALETTE.length]);
        }
        return Charts.image(c);
    }

    /** A grid of 28×28 images ({@code [n, 784]}, values in [0, 1]). */
    public static BufferedImage images(INDArray images, int cols, String title) {
        return ImageGrid.of(images, SIDE, SIDE, cols, 2, null, title);
    }

    /** n images decoded from z ~ N(0, I): samples from the model. */
    public static BufferedImage priorSamples(Vae vae, int n, int cols, long seed, String title) {
        return AltText.append(images(vae.sample(n, seed), cols, title), "Each image is decoded from a draw z ~ N(0, I) of the prior.");
    }

    /**
     * The 2-D manifold: E[x|z] on a {@code steps × steps} grid of (z₁, z₂) ∈ [−span, span]² (other latents 0),
     * z₂ increasing upwards as in a plot.
     */
    public static BufferedImage manifold(Vae vae, double span, int steps, String title) {
        int m = vae.config().latent();
        if (steps < 2) throw new IllegalArgumentException("steps must be ≥ 2, got " + steps);
        INDArray z = Nd4j.zeros(vae.config().dtype(), (long) steps * steps, m);
        for (int r = 0; r < steps; r++)
            for (int c = 0; c < steps; c++) {
                z.putScalar(r * steps + c, 0, -span + 2 * span * c / (steps - 1));
                if (m > 1) z.putScalar(r * steps + c, 1, span - 2 * span * r / (steps - 1));
            }
        return AltText.append(ImageGrid.of(vae.decodeMean(z), SIDE, SIDE, steps, 1, null, title), String.format(Locale.ROOT,
                "Each image is the decoder's mean E[x | z] at one point of the grid: z₁ from %s on the left to %s on the right, "
                        + "z₂ from %s at the top to %s at the bottom.", AltText.num(-span), AltText.num(span), AltText.num(span), AltText.num(-span)));
    }

    /** Originals (top row) over their reconstructions E[x | z = μ(x)] (bottom row), n pairs. */
    public static BufferedImage reconstructions(Vae vae, INDArray x, int n, String title) {
        int k = (int) Math.min(n, x.rows());
        INDArray orig = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, k), org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
        INDArray both = Nd4j.vstack(orig, vae.reconstruct(orig).castTo(orig.dataType()));
        String[] cap = new String[2 * k];
        for (int i = 0; i < k; i++) {
            cap[i] = "x";
            cap[k + i] = "x̂";
        }
        return AltText.append(ImageGrid.of(both, SIDE, SIDE, k, 2, cap, title),
                "Top row: " + k + " test digits x; bottom row: their reconstructions x̂, each under its original.");
    }

    /** Decodings along the straight line from μ(x_a) to μ(x_b) in latent space, {@code steps} points. */
    public static BufferedImage interpolation(Vae vae, INDArray xa, INDArray xb, int steps, String title) {
        INDArray a = vae.encode(xa.reshape(1, xa.length())).mu(), b = vae.encode(xb.reshape(1, xb.length())).mu();
        INDArray z = Nd4j.create(a.dataType(), steps, a.columns());
        for (int i = 0; i < steps; i++) {
            double t = steps == 1 ? 0 : i / (double) (steps - 1);
            // z(t) = (1 − t) μ_a + t μ_b
            z.putRow(i, a.mul(1 - t).addi(b.mul(t)));
        }
        return AltText.append(ImageGrid.of(vae.decodeMean(z), SIDE, SIDE, steps, 2, null, title),
                "From left to right: the decodings of " + steps + " evenly spaced points on the line from the first digit's code μ(x_a) to the second's μ(x_b).");
    }

    /**
     * One snapshot of the "2 vs 3" story: left, the two posteriors in (z₁, z₂) as 1σ and 2σ ellipses with their
     * samples; right, what the first samples of each decode to.
     */
    public static BufferedImage posteriorSnapshot(PosteriorTracker.Snapshot s, String nameA, String nameB, double span) {
        // a square window around the origin that holds both posteriors' 3σ boxes (at least [−span, span]²)
        double r = span;
        for (int j = 0; j < Math.min(2, s.muA().length); j++)
            r = Math.max(r, Math.max(Math.abs(s.muA()[j]) + 3 * s.stdA()[j], Math.abs(s.muB()[j]) + 3 * s.stdB()[j]));
        r = Math.ceil(r);
        XYChart c = Charts.xy(String.format(Locale.ROOT, "step %d: q(z|%s) and q(z|%s)", s.step(), nameA, nameB),
                "z₁", "z₂", 440, 540);
        c.getStyler().setXAxisMin(-r);
        c.getStyler().setXAxisMax(r);
        c.getStyler().setYAxisMin(-r);
        c.getStyler().setYAxisMax(r);
        c.getStyler().setMarkerSize(5);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        addPosterior(c, nameA, s.muA(), s.stdA(), s.samplesA(), Charts.PALETTE[0]);
        addPosterior(c, nameB, s.muB(), s.stdB(), s.samplesB(), Charts.PALETTE[1]);
        BufferedImage chart = Charts.image(c);
        int show = (int) Math.min(8, Math.min(s.decodedA().rows(), s.decodedB().rows()));
        INDArray tiles = Nd4j.vstack(rows(s.decodedA(), show), rows(s.decodedB(), show));
        BufferedImage grid = ImageGrid.of(tiles, SIDE, SIDE, show, 2, null, null);
        String head = "decoded samples: row 1 from q(z|" + nameA + "), row 2 from q(z|" + nameB + ")";
        String foot = String.format(Locale.ROOT, "%.0f%% of the %s's samples fall where q(z|%s) is larger", 100 * s.crossA(), nameA, nameB);
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        int textW = Math.max(probe.createGraphics().getFontMetrics(font).stringWidth(head), probe.createGraphics().getFontMetrics(font).stringWidth(foot));
        int right = Math.max(grid.getWidth(), textW) + 20;
        BufferedImage out = new BufferedImage(chart.getWidth() + right, Math.max(chart.getHeight(), grid.getHeight() + 90), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(chart, 0, 0, null);
        g.setColor(Color.DARK_GRAY);
        g.setFont(font);
        g.drawString(head, chart.getWidth() + 10, 40);
        g.drawImage(grid, chart.getWidth() + 10, 50, null);
        g.drawString(foot, chart.getWidth() + 10, 50 + grid.getHeight() + 22);
        g.dispose();
        return AltText.attach(out, AltText.of(chart) + " " + posterior(nameA, s.muA(), s.stdA()) + " "
                + posterior(nameB, s.muB(), s.stdB()) + " Right: " + head + ". " + foot + ".");
    }

    /** "q(z|2): mean (μ₁, μ₂), standard deviations (σ₁, σ₂)." for the alt text of a snapshot. */
    private static String posterior(String name, double[] mu, double[] std) {
        int k = Math.min(2, mu.length);
        String[] m = new String[k], sd = new String[k];
        for (int j = 0; j < k; j++) {
            m[j] = AltText.num(mu[j]);
            sd[j] = AltText.num(std[j]);
        }
        return "q(z|" + name + "): mean (" + String.join(", ", m) + "), standard deviations (" + String.join(", ", sd) + ").";
    }

    private static INDArray rows(INDArray a, int k) {
        return a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, k), org.nd4j.linalg.indexing.NDArrayIndex.all());
    }

    private static void addPosterior(XYChart c, String name, double[] mu, double[] std, INDArray samples, Color color) {
        double[][] z = samples.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[] x = new double[z.length], y = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            x[i] = z[i][0];
            y[i] = z[i].length > 1 ? z[i][1] : 0;
        }
        XYSeries s = Charts.scatter(c, "samples from q(z|" + name + ")", x, y);
        s.setMarkerColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 170));
        for (int r = 1; r <= 2; r++) {
            int n = 100;
            double[] ex = new double[n + 1], ey = new double[n + 1];
            for (int i = 0; i <= n; i++) {
                double t = 2 * Math.PI * i / n;
                // the rσ ellipse of N(μ, diag σ²): μ + r (σ₁ cos t, σ₂ sin t)
                ex[i] = mu[0] + r * std[0] * Math.cos(t);
                ey[i] = (mu.length > 1 ? mu[1] + r * std[1] * Math.sin(t) : 0);
            }
            XYSeries e = Charts.line(c, r + "σ of q(z|" + name + ")", ex, ey);
            e.setLineColor(color);
            e.setLineWidth(r == 1 ? 2f : 1f);
            if (r == 2) e.setLineStyle(SeriesLines.DASH_DASH);
        }
    }

    /** One row per snapshot: step, posterior means and std of the two images, and how often samples cross over. */
    public static Table snapshotTable(List<PosteriorTracker.Snapshot> snaps, String nameA, String nameB) {
        int n = snaps.size();
        int[] step = new int[n];
        double[] dist = new double[n], sA = new double[n], sB = new double[n], cA = new double[n], cB = new double[n];
        double[] klA = new double[n], klB = new double[n];
        for (int i = 0; i < n; i++) {
            var s = snaps.get(i);
            step[i] = (int) s.step();
            double d2 = 0, a = 0, b = 0;
            for (int j = 0; j < s.muA().length; j++) {
                d2 += (s.muA()[j] - s.muB()[j]) * (s.muA()[j] - s.muB()[j]);
                a += s.stdA()[j] / s.muA().length;
                b += s.stdB()[j] / s.muB().length;
            }
            dist[i] = Math.sqrt(d2);
            sA[i] = a;
            sB[i] = b;
            cA[i] = 100 * s.crossA();
            cB[i] = 100 * s.crossB();
            klA[i] = priorKl(s.muA(), s.stdA());
            klB[i] = priorKl(s.muB(), s.stdB());
        }
        return Tables.decimals(Table.create("posteriors of a " + nameA + " and a " + nameB + " during training",
                IntColumn.create("step", step), DoubleColumn.create("‖μ_" + nameA + " − μ_" + nameB + "‖", dist),
                DoubleColumn.create("mean σ(" + nameA + ")", sA), DoubleColumn.create("mean σ(" + nameB + ")", sB),
                DoubleColumn.create("% " + nameA + "-samples in " + nameB + "'s region", cA),
                DoubleColumn.create("% " + nameB + "-samples in " + nameA + "'s region", cB),
                DoubleColumn.create("KL(q(z|" + nameA + ") ‖ N(0,I)) (nats)", klA),
                DoubleColumn.create("KL(q(z|" + nameB + ") ‖ N(0,I)) (nats)", klB)), 2);
    }

    /** KL(N(μ, diag σ²) ‖ N(0, I)) of one posterior, nats (the closed form of {@link GaussianCodes#meanKl()}). */
    public static double priorKl(double[] mu, double[] std) {
        double[] logStd = java.util.Arrays.stream(std).map(Math::log).toArray();
        return GaussianCodes.of(new double[][]{mu}, new double[][]{logStd}).meanKl();
    }

    /** The epochs of a training run: losses in nats per image and wall time. */
    public static Table historyTable(History h) {
        int e = h.epochs();
        int[] ep = new int[e];
        for (int i = 0; i < e; i++) ep[i] = i + 1;
        return Tables.decimals(Table.create("training history",
                IntColumn.create("epoch", ep), DoubleColumn.create("loss (nats)", h.trainLoss()),
                DoubleColumn.create("reconstruction (nats)", h.reconstruction()), DoubleColumn.create("KL / penalty (nats)", h.regularizer()),
                DoubleColumn.create("validation loss (nats)", h.validation()), DoubleColumn.create("time (s)", h.seconds())), 2);
    }

    /**
     * Test ELBO beside the importance-sampled ln p(x) for several K (Burda et al. 2016): the estimates rise
     * with K and stay above the ELBO, showing ELBO ≤ ln p(x).
     */
    public static Table likelihoodTable(double elbo, List<LogLikelihood> estimates) {
        int n = estimates.size();
        int[] k = new int[n];
        double[] est = new double[n], se = new double[n], gap = new double[n];
        for (int i = 0; i < n; i++) {
            LogLikelihood l = estimates.get(i);
            k[i] = l.k();
            est[i] = l.mean();
            se[i] = l.standardError();
            gap[i] = l.mean() - elbo;
        }
        Table t = Table.create("ELBO vs importance-sampled ln p(x) (nats per test image, " + (n > 0 ? estimates.get(0).n() : 0) + " images)",
                IntColumn.create("K", k), DoubleColumn.create("ln p(x) estimate (nats)", est), DoubleColumn.create("standard error (nats)", se),
                DoubleColumn.create("estimate − ELBO (nats)", gap));
        t.addColumns(DoubleColumn.create("ELBO (nats)", java.util.Collections.nCopies(n, elbo).stream().mapToDouble(Double::doubleValue).toArray()));
        return Tables.decimals(t, 2);
    }
}
