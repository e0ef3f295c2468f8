package lecture7.viz;

import lecture7.infotheory.FactorInformation;
import lecture7.vae.LatentReport;
import lecture7.vae.Vae;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Burgess et al.'s Figure 4 for one trained model: a row of data images and a row of their reconstructions, then a
 * traversal row for each latent with more than a minimum KL, most informative first: the latent set to −3 … 3 with
 * the others fixed at the posterior mean of a base sprite. Beside each traversal row, how much of its pixel change
 * one factor explains ({@link #explainedShare}): one factor from {@value #ONE_FACTOR}, "mixed" from
 * {@value #NO_FACTOR}, "no factor" below; as text, what each of those latents knows about every factor
 * (I(z_j; v_k) under the sampled posterior, {@link FactorInformation}, with its bound, the latent's KL).
 *
 * @param model   the model's name
 * @param latents the latents with a row, by decreasing KL (empty when none carries the minimum KL)
 * @param share   {@code [rows][shown]} share of each row's pixel change explained by each shown factor
 * @param best    {@code [rows]} index into {@code shown} of the factor that explains the most of each row
 * @param image   the figure, or null when no latent has a row
 * @param knows   the reading: one line per latent, its factor shares and what it knows
 */
public record LatentTraversal(String model, int[] latents, double[][] share, int[] best, BufferedImage image, String knows) {

    /** A traversal row is "one factor" when one factor explains at least this share of its pixel change. */
    public static final double ONE_FACTOR = 0.75;

    /** Below this share no factor explains a row: it changes in ways no single factor makes (or hardly changes). */
    public static final double NO_FACTOR = 0.25;

    /** Row r in words: "posX 92 %", "posX 60 % (mixed)", or "no factor (best: scale 5 %)". */
    static String reading(String factor, double share) {
        long pct = Math.round(100 * share);
        return share >= ONE_FACTOR ? factor + " " + pct + "%" : share >= NO_FACTOR ? factor + " " + pct + "% (mixed)"
                : "no factor (best: " + factor + " " + pct + "%)";
    }

    /** Whether row r moves one factor ({@link #ONE_FACTOR}). */
    public boolean oneFactor(int r) {
        return share[r][best[r]] >= ONE_FACTOR;
    }

    /** The number of traversal rows that move one factor. */
    public int oneFactorRows() {
        int c = 0;
        for (int r = 0; r < latents.length; r++) if (oneFactor(r)) c++;
        return c;
    }

    /**
     * The base sprite of the stated rule: the grid row whose factor classes are the middle class of every factor
     * (class ⌊levels/2⌋; the first such row).
     *
     * @param factors {@code [N][K]} factor classes of the grid
     */
    public static int middleSprite(int[][] factors) {
        int k = factors[0].length;
        int[] mid = new int[k];
        for (int[] f : factors) for (int c = 0; c < k; c++) mid[c] = Math.max(mid[c], f[c]);
        for (int c = 0; c < k; c++) mid[c] = (mid[c] + 1) / 2;
        for (int i = 0; i < factors.length; i++) if (java.util.Arrays.equals(factors[i], mid)) return i;
        throw new IllegalArgumentException("the grid has no row with the middle class of every factor");
    }

    /**
     * @param vae         the model
     * @param report      its evaluation on the grid (per-latent KL, codes)
     * @param images      {@code [N, D]} the grid images the report was made on (D a square)
     * @param factors     {@code [N][K]} their true factor classes
     * @param base        the row of the base sprite (e.g. {@link #middleSprite})
     * @param factorNames one name per factor
     * @param shown       the factors that vary (e.g. scale, posX, posY)
     * @param minKl       a latent gets a row when its KL exceeds this (nats)
     */
    public static LatentTraversal of(Vae vae, LatentReport report, INDArray images, int[][] factors, int base, String[] factorNames,
                                     int[] shown, double minKl) {
        if (shown.length == 0) throw new IllegalArgumentException("name at least one factor to show");
        int n = (int) images.rows(), d = (int) images.columns();
        int side = (int) Math.round(Math.sqrt(d));
        if (side * side != d) throw new IllegalArgumentException("images of " + d + " pixels are not square");
        if (factors.length != n) throw new IllegalArgumentException(n + " images but " + factors.length + " factor rows");
        if (base < 0 || base >= n) throw new IllegalArgumentException("base sprite " + base + " outside 0.." + (n - 1));
        double[] kl = report.perDimKl();
        List<Integer> rows = new ArrayList<>();
        for (int j : DisentanglementFigures.byDecreasingKl(kl)) if (kl[j] > minKl) rows.add(j);
        int[] order = rows.stream().mapToInt(Integer::intValue).toArray();
        if (order.length == 0)
            return new LatentTraversal(report.model(), order, new double[0][], new int[0], null,
                    String.format(Locale.ROOT, "%s: no latent carries more than %.1f nats", report.model(), minKl));
        FactorInformation info = FactorInformation.of(report.codes(), factors);
        double[] values = DisentanglementFigures.traversalValues(7);
        INDArray z0 = vae.encode(images.getRow(base).reshape(1, d)).mu().castTo(DataType.FLOAT).reshape(1, kl.length);
        float[] decoded = vae.decodeMean(z0).castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] px = images.castTo(DataType.FLOAT).dup('c').data().asFloat();
        // the data row: the base sprite and six grid images spread evenly over the grid (rows i·N/7)
        int[] dataRows = new int[values.length];
        dataRows[0] = base;
        for (int c = 1; c < values.length; c++) dataRows[c] = (int) ((long) c * n / values.length);
        INDArray data = images.getRows(dataRows);
        INDArray recon = vae.decodeMean(vae.encode(data).mu());
        INDArray[] tiles = new INDArray[order.length + 2];
        tiles[0] = data;
        tiles[1] = recon;
        double[][] share = new double[order.length][shown.length];
        int[] best = new int[order.length];
        String[] labels = new String[order.length + 2], notes = new String[order.length + 2];
        labels[0] = "data";
        labels[1] = "reconstruction";
        notes[0] = "";
        notes[1] = "";
        StringBuilder knows = new StringBuilder(String.format(Locale.ROOT,
                "%s (MIG %.3f), base sprite: grid row %d — per traversal row, the share of its pixel change each factor explains, and I(z_j; factor) ≤ KL_j in nats:",
                report.model(), report.mig(), base));
        for (int r = 0; r < order.length; r++) {
            int j = order[r];
            INDArray codes = Nd4j.create(DataType.FLOAT, values.length, kl.length);
            for (int c = 0; c < values.length; c++) {
                codes.putRow(c, z0.reshape(kl.length));
                codes.putScalar(c, j, values[c]);
            }
            INDArray row = vae.decodeMean(codes);
            tiles[r + 2] = row;
            float[] rowPx = row.castTo(DataType.FLOAT).dup('c').data().asFloat();
            for (int s = 0; s < shown.length; s++) share[r][s] = explainedShare(rowPx, values.length, decoded, px, factors, base, shown[s]);
            int b = 0;
            for (int s = 1; s < shown.length; s++) if (share[r][s] > share[r][b]) b = s;
            best[r] = b;
            labels[r + 2] = String.format(Locale.ROOT, "z%d  KL %.2f", j, kl[j]);
            notes[r + 2] = reading(factorNames[shown[b]], share[r][b]);
            List<String> parts = new ArrayList<>(), mi = new ArrayList<>();
            for (int s = 0; s < shown.length; s++) {
                parts.add(String.format(Locale.ROOT, "%s %.0f%%", factorNames[shown[s]], 100 * share[r][s]));
                mi.add(String.format(Locale.ROOT, "%s %.2f", factorNames[shown[s]], info.byFactor()[shown[s]][j]));
            }
            knows.append(String.format(Locale.ROOT, "%n  z%d (KL %.2f): pixel change explained by %s — %s; knows %s",
                    j, kl[j], String.join(", ", parts), reading(factorNames[shown[b]], share[r][b]), String.join(", ", mi)));
        }
        String[] header = new String[values.length];
        for (int c = 0; c < values.length; c++) header[c] = String.format(Locale.ROOT, "%+.0f", values[c]).replace("+0", "0");
        BufferedImage image = DisentanglementFigures.traversalFigure(report.model() + ": data, reconstructions and traversals",
                labels, tiles, header, "z_j =", notes, side, 2);
        return new LatentTraversal(report.model(), order, share, best, image, knows.toString());
    }

    /**
     * The share of a traversal row's pixel change that moving one factor alone explains. With d_c the row's decoded
     * images, d₀ the decoded base code (the base sprite's reconstruction), x₀ the base sprite and G_k the grid images
     * that equal it in every factor but k:
     * <pre>
     *   share_k = 1 − Σ_c min_{g ∈ G_k, a ≥ 0} ‖(d_c − d₀) − a (g − x₀)‖² / Σ_c ‖d_c − d₀‖²
     * </pre>
     * the change of each image from the base, less the nearest change that moving factor k makes to the sprite, scaled
     * by a ≥ 0 (a = the least-squares ⟨Δ, δ⟩/‖δ‖²: a decoder's blurred, lower-contrast images still count as the move).
     * 1 = the row is the base sprite moved along factor k; 0 = factor k explains none of it (g = x₀ is in G_k, so the
     * share is never negative). 0 for a row that does not change (nothing to explain).
     *
     * @param row     {@code [cols·D]} the row's decoded images
     * @param decoded {@code [D]} the decoded base code
     * @param grid    {@code [N·D]} the grid images
     */
    static double explainedShare(float[] row, int cols, float[] decoded, float[] grid, int[][] factors, int base, int factor) {
        int d = row.length / cols, n = factors.length;
        List<Integer> family = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean same = true;
            for (int c = 0; c < factors[i].length && same; c++) if (c != factor && factors[i][c] != factors[base][c]) same = false;
            if (same) family.add(i);
        }
        double total = 0, left = 0;
        for (int c = 0; c < cols; c++) {
            for (int p = 0; p < d; p++) total += sq(row[c * d + p] - decoded[p]);
            double delta2 = 0;
            for (int p = 0; p < d; p++) delta2 += sq(row[c * d + p] - decoded[p]);
            double bestDist = delta2;   // g = x₀ (or a = 0): nothing explained
            for (int i : family) {
                double dot = 0, norm = 0;
                for (int p = 0; p < d; p++) {
                    double move = grid[i * d + p] - grid[base * d + p];   // g − x₀
                    dot += (row[c * d + p] - decoded[p]) * move;
                    norm += move * move;
                }
                // min_a≥0 ‖Δ − a δ‖² = ‖Δ‖² − ⟨Δ, δ⟩²/‖δ‖² when ⟨Δ, δ⟩ > 0
                if (norm > 0 && dot > 0) bestDist = Math.min(bestDist, delta2 - dot * dot / norm);
            }
            left += Math.max(0, bestDist);
        }
        if (total < 1e-9) return 0;
        return Math.max(0, Math.min(1, 1 - left / total));
    }

    private static double sq(double v) {
        return v * v;
    }
}
