package lecture7.viz;

import lecture7.infotheory.Mig;
import lecture7.vae.LatentReport;
import lecture7.vae.Vae;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Burgess et al.'s Figure 4 for one trained model: a traversal row for each latent with more than a minimum KL,
 * most informative first, labelled with the latent, its KL and the factor it knows most about; and, as text, what
 * each of those latents knows about every factor shown (I(z_j; v_k), nats).
 *
 * @param model   the model's name
 * @param latents the latents with a row, by decreasing KL (empty when none carries the minimum KL)
 * @param image   the traversal grid, or null when no latent has a row
 * @param knows   one line per latent: its MI with each factor shown
 */
public record LatentTraversal(String model, int[] latents, BufferedImage image, String knows) {

    /**
     * @param vae         the model
     * @param report      its evaluation (per-latent KL, MIG)
     * @param factors     {@code [N][K]} true factor classes of the images the report was made on (for I(z_j; v_k))
     * @param base        the image whose posterior mean is the traversals' fixed code, {@code [1, D]} with D a square
     * @param factorNames one name per factor
     * @param shown       the factors to label and print (e.g. the ones that vary: scale, posX, posY)
     * @param minKl       a latent gets a row when its KL exceeds this (nats)
     */
    public static LatentTraversal of(Vae vae, LatentReport report, int[][] factors, INDArray base, String[] factorNames,
                                     int[] shown, double minKl) {
        if (shown.length == 0) throw new IllegalArgumentException("name at least one factor to show");
        int side = (int) Math.round(Math.sqrt(base.length()));
        if (side * side != base.length()) throw new IllegalArgumentException("base image of " + base.length() + " pixels is not square");
        double[] kl = report.perDimKl();
        List<Integer> rows = new ArrayList<>();
        for (int j : DisentanglementFigures.byDecreasingKl(kl)) if (kl[j] > minKl) rows.add(j);
        int[] order = rows.stream().mapToInt(Integer::intValue).toArray();
        if (order.length == 0)
            return new LatentTraversal(report.model(), order, null,
                    String.format(Locale.ROOT, "%s: no latent carries more than %.1f nats", report.model(), minKl));
        double[][] mi = Mig.of(report.codes().mu(), factors, Mig.DEFAULT_BINS).miByFactor();
        String[] labels = new String[order.length];
        StringBuilder knows = new StringBuilder(String.format(Locale.ROOT, "%s (MIG %.3f) — I(z_j; factor) in nats:", report.model(), report.mig()));
        for (int k = 0; k < order.length; k++) {
            int j = order[k], f = shown[0];
            for (int c : shown) if (mi[c][j] > mi[f][j]) f = c;
            labels[k] = String.format(Locale.ROOT, "z%d %.1f %s", j, kl[j], factorNames[f]);
            List<String> parts = new ArrayList<>();
            for (int c : shown) parts.add(String.format(Locale.ROOT, "%s %.2f", factorNames[c], mi[c][j]));
            knows.append(String.format(Locale.ROOT, "%n  z%d: %s", j, String.join(", ", parts)));
        }
        INDArray z0 = vae.encode(base.reshape(1, base.length())).mu();
        BufferedImage image = DisentanglementFigures.traversals(vae::decodeMean, z0, order, DisentanglementFigures.traversalValues(7),
                side, side, 2, labels, report.model() + ": traversals (label: latent, KL nats, factor it knows most)");
        return new LatentTraversal(report.model(), order, image, knows.toString());
    }
}
