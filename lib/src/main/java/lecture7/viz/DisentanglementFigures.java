package lecture7.viz;

import lecture7.infotheory.KlDecomposition;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Figures of Part 3 (MMD-VAE, KL decomposition, β-VAE and disentanglement): latent traversals, per-dimension
 * KL, the MI / TC / dimension-wise KL parts across models, and the aggregated posterior q(z) against the
 * prior p(z). Each function returns an image for {@code display(...)}.
 */
public final class DisentanglementFigures {
    private DisentanglementFigures() {}

    /** The traversal values −3 … 3 in {@code steps} even steps (the prior's ±3σ range). */
    public static double[] traversalValues(int steps) {
        if (steps < 2) throw new IllegalArgumentException("need at least 2 traversal steps, got " + steps);
        double[] v = new double[steps];
        for (int i = 0; i < steps; i++) v[i] = -3 + 6.0 * i / (steps - 1);
        return v;
    }

    /**
     * A latent traversal grid (Higgins et al. 2017, Fig. 7): row r changes only latent {@code dims[r]} of the
     * code {@code z0} through {@code values}, keeping the others fixed, and shows what the decoder draws.
     *
     * @param decoder maps codes {@code [n, M]} to pixel probabilities {@code [n, h·w]} in [0, 1]
     * @param z0      the base code, {@code [M]} or {@code [1, M]} (e.g. an encoded image's mean, or zeros)
     * @param dims    which latents get a row, in this order (e.g. sorted by KL)
     * @param values  the values each latent takes, e.g. {@link #traversalValues(int)}
     * @param labels  a caption per row (e.g. "z3 KL 2.1"), or {@code null} for "z<j>"
     */
    public static BufferedImage traversals(Function<INDArray, INDArray> decoder, INDArray z0, int[] dims, double[] values,
                                           int h, int w, int zoom, String[] labels, String title) {
        INDArray base = z0.castTo(DataType.FLOAT).reshape(1, z0.length());
        int m = (int) base.length();
        if (labels != null && labels.length != dims.length)
            throw new IllegalArgumentException(labels.length + " labels for " + dims.length + " traversal rows");
        INDArray codes = Nd4j.create(DataType.FLOAT, (long) dims.length * values.length, m);
        String[] captions = new String[dims.length * values.length];
        for (int r = 0; r < dims.length; r++) {
            if (dims[r] < 0 || dims[r] >= m) throw new IllegalArgumentException("latent " + dims[r] + " outside 0.." + (m - 1));
            for (int c = 0; c < values.length; c++) {
                int row = r * values.length + c;
                codes.putRow(row, base.reshape(m));
                codes.putScalar(row, dims[r], values[c]);
                captions[row] = c == 0 ? (labels == null ? "z" + dims[r] : labels[r])
                        : String.format(java.util.Locale.ROOT, "%+.1f", values[c]);
            }
        }
        INDArray img = decoder.apply(codes);
        if (img.rows() != codes.rows() || img.columns() != (long) h * w)
            throw new IllegalArgumentException("decoder returned " + Arrays.toString(img.shape()) + ", expected ["
                    + codes.rows() + ", " + (h * w) + "]");
        return ImageGrid.of(img, h, w, values.length, zoom, captions, title);
    }

    /**
     * A grid of image rows with a label column on the left, a header over the columns and a note on the right of each
     * row (Burgess et al. 2018, Fig. 4 layout): labels and notes get columns of their own, as wide as their longest
     * text, so no label covers a tile or another label and nothing is clipped.
     *
     * @param rowLabels  one label per row (left)
     * @param rows       one {@code [cols, side²]} block of images in [0, 1] per row
     * @param header     one caption per column (e.g. the traversal values)
     * @param headerLead the header's caption over the label column (e.g. "z_j ="), or null
     * @param notes      one note per row (right), e.g. a reading of the row; "" for none
     */
    public static BufferedImage traversalFigure(String title, String[] rowLabels, INDArray[] rows, String[] header, String headerLead,
                                                String[] notes, int side, int zoom) {
        if (rowLabels.length != rows.length || notes.length != rows.length)
            throw new IllegalArgumentException(rows.length + " rows, " + rowLabels.length + " labels, " + notes.length + " notes");
        int cols = header.length, tile = side * zoom, pad = 4;
        java.awt.Font font = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 13),
                bold = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 14);
        java.awt.font.FontRenderContext frc = new java.awt.font.FontRenderContext(null, true, true);
        int labelW = 0, noteW = 0;
        for (String l : rowLabels) labelW = Math.max(labelW, (int) Math.ceil(font.getStringBounds(l, frc).getWidth()));
        if (headerLead != null) labelW = Math.max(labelW, (int) Math.ceil(font.getStringBounds(headerLead, frc).getWidth()));
        for (String l : notes) noteW = Math.max(noteW, (int) Math.ceil(font.getStringBounds(l, frc).getWidth()));
        labelW += 3 * pad;
        noteW += noteW > 0 ? 3 * pad : 0;
        int gridW = cols * (tile + pad), titleW = (int) Math.ceil(bold.getStringBounds(title, frc).getWidth()) + 2 * pad;
        int width = Math.max(labelW + gridW + noteW + pad, titleW), titleH = 24, headH = 18;
        int height = titleH + headH + rows.length * (tile + pad) + pad;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(java.awt.Color.BLACK);
        g.setFont(bold);
        g.drawString(title, pad, 17);
        g.setFont(font);
        java.awt.FontMetrics fm = g.getFontMetrics();
        int y0 = titleH + headH;
        if (headerLead != null) g.drawString(headerLead, labelW - 2 * pad - fm.stringWidth(headerLead), titleH + 13);
        for (int c = 0; c < cols; c++) g.drawString(header[c], labelW + c * (tile + pad) + (tile - fm.stringWidth(header[c])) / 2, titleH + 13);
        for (int r = 0; r < rows.length; r++) {
            INDArray block = rows[r];
            if (block.rows() != cols || block.columns() != (long) side * side)
                throw new IllegalArgumentException("row " + r + " has shape " + Arrays.toString(block.shape()) + ", expected [" + cols + ", " + side * side + "]");
            double[] px = block.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            int top = y0 + r * (tile + pad);
            g.setColor(java.awt.Color.BLACK);
            g.drawString(rowLabels[r], labelW - 2 * pad - fm.stringWidth(rowLabels[r]), top + tile / 2 + fm.getAscent() / 2 - 1);
            for (int c = 0; c < cols; c++) {
                int x0 = labelW + c * (tile + pad);
                for (int yy = 0; yy < side; yy++)
                    for (int xx = 0; xx < side; xx++) {
                        double v = px[c * side * side + yy * side + xx];
                        int grey = 255 - (int) Math.round(255 * Math.max(0, Math.min(1, Double.isNaN(v) ? 0 : v)));
                        g.setColor(new java.awt.Color(grey, grey, grey));
                        g.fillRect(x0 + xx * zoom, top + yy * zoom, zoom, zoom);
                    }
                g.setColor(java.awt.Color.LIGHT_GRAY);
                g.drawRect(x0 - 1, top - 1, tile + 1, tile + 1);
            }
            g.setColor(java.awt.Color.DARK_GRAY);
            g.drawString(notes[r], labelW + gridW + pad, top + tile / 2 + fm.getAscent() / 2 - 1);
        }
        g.dispose();
        return AltText.attach(img, traversalAlt(title, rowLabels, header, headerLead, notes, side));
    }

    /** The traversal figure's text alternative: its title, its columns and each row's label with its note. */
    static String traversalAlt(String title, String[] rowLabels, String[] header, String headerLead, String[] notes, int side) {
        StringBuilder b = new StringBuilder("Grid of grey-scale ").append(side).append('×').append(side).append(" images");
        if (title != null && !title.isBlank()) b.append(", \u201c").append(title).append("\u201d");
        b.append(": ").append(rowLabels.length).append(" rows of ").append(header.length).append(" images, columns ")
                .append(headerLead == null ? "" : headerLead + " ").append(String.join(", ", header)).append('.');
        for (int r = 0; r < rowLabels.length; r++) {
            b.append(" Row ").append(r + 1).append(": ").append(rowLabels[r]);
            if (notes[r] != null && !notes[r].isBlank()) b.append(" \u2014 ").append(notes[r]);
            b.append('.');
        }
        return b.toString();
    }

    /** Latents ordered by decreasing KL (most informative first). */
    public static int[] byDecreasingKl(double[] perDimKl) {
        Integer[] idx = new Integer[perDimKl.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> Double.compare(perDimKl[b], perDimKl[a]));
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }

    /** Bar chart of the KL of each latent (nats), one colour per model when several are given. */
    public static BufferedImage perDimKl(String title, String[] models, double[]... perDimKl) {
        if (models.length != perDimKl.length) throw new IllegalArgumentException(models.length + " names for " + perDimKl.length + " models");
        // a horizontal legend below the plot does not wrap: the figure is as wide as its entries need (about 8.5 px a
        // character and 50 px of swatch and padding each), so that the last name is not cut at the right edge
        int legendWidth = models.length > 2 ? 40 + Arrays.stream(models).mapToInt(m -> (int) Math.ceil(8.5 * m.length()) + 50).sum() : 0;
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(Charts.WIDTH, legendWidth)).height(Charts.HEIGHT).title(title)
                .xAxisTitle("latent dimension j").yAxisTitle("E_x KL(q(z_j|x) ‖ N(0,1))  [nats]").build();
        Charts.style(chart.getStyler());
        chart.getStyler().setLegendVisible(models.length > 1);
        chart.getStyler().setLegendPosition(models.length > 2 ? Styler.LegendPosition.OutsideS : Styler.LegendPosition.InsideNE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        for (int s = 0; s < models.length; s++) {
            List<String> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int j = 0; j < perDimKl[s].length; j++) {
                x.add("z" + j);
                y.add(perDimKl[s][j]);
            }
            chart.addSeries(models[s], x, y);
        }
        return Charts.image(chart);
    }

    /**
     * Stacked bars of the three parts of the average KL for each model: I(x; z), TC, dimension-wise KL (nats).
     * Where the MI estimate is at its ceiling H(x), the part that may be either MI or TC — the width of the TC's
     * interval, {@link KlDecomposition#tcUncertainty()} — is a grey segment of its own between the two, so the bars
     * agree with the tables' intervals. A part estimated below zero (Monte Carlo noise) is drawn as 0 — the table
     * shows the signed values.
     */
    public static BufferedImage decomposition(String title, List<String> models, List<KlDecomposition> parts) {
        if (models.size() != parts.size()) throw new IllegalArgumentException(models.size() + " names for " + parts.size() + " decompositions");
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(Charts.WIDTH, 150 * models.size())).height(Charts.HEIGHT + 60)
                .title(title).xAxisTitle("model").yAxisTitle("nats per image").build();
        Charts.style(chart.getStyler());
        chart.getStyler().setStacked(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        boolean anyOpen = parts.stream().anyMatch(d -> d.tcUncertainty() > 0);
        String[] names = {"mutual information I(x; z)", "MI or TC (MI ≤ H(x))", "total correlation", "dimension-wise KL"};
        java.awt.Color[] colours = {Charts.PALETTE[0], java.awt.Color.LIGHT_GRAY, Charts.PALETTE[1], Charts.PALETTE[2]};
        for (int p = 0; p < 4; p++) {
            if (p == 1 && !anyOpen) continue;
            List<Double> y = new ArrayList<>();
            for (KlDecomposition d : parts) {
                double open = d.tcUncertainty();
                double v = p == 0 ? d.mutualInformation() : p == 1 ? open : p == 2 ? d.totalCorrelation() - open : d.dimensionwiseKl();
                y.add(Math.max(0, v));
            }
            CategorySeries s = chart.addSeries(names[p], models, y);
            s.setFillColor(colours[p]);
        }
        return Charts.image(chart);
    }

    /**
     * Scatter of codes z ~ q(z) (one per data point) over samples of the prior N(0, I), in latent dimensions
     * {@code dx}, {@code dy}: the picture behind MMD(q(z) ‖ p(z)).
     *
     * @param q {@code [n, M]} codes from the aggregated posterior
     * @param p {@code [n', M]} prior samples
     */
    public static BufferedImage aggregatePosterior(String title, INDArray q, INDArray p, int dx, int dy) {
        XYChart chart = Charts.xy(title, "z" + dx, "z" + dy, 480, 480);
        chart.getStyler().setMarkerSize(3);
        Charts.scatter(chart, "prior p(z) = N(0, I)", col(p, dx), col(p, dy)).setMarkerColor(new java.awt.Color(0xBAB0AC));
        Charts.scatter(chart, "aggregated posterior q(z)", col(q, dx), col(q, dy)).setMarkerColor(Charts.PALETTE[0]);
        return Charts.image(chart);
    }

    private static double[] col(INDArray a, int j) {
        if (j < 0 || j >= a.columns()) throw new IllegalArgumentException("latent " + j + " outside 0.." + (a.columns() - 1));
        return a.getColumn(j).castTo(DataType.DOUBLE).dup().data().asDouble();
    }
}
