package lecture7.vae;

import lecture7.infotheory.GaussianCodes;
import lecture7.infotheory.KlDecomposition;
import lecture7.infotheory.Mig;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Random;

/**
 * "One model, three views": a trained VAE looked at through the ELBO (reconstruction + KL), through
 * MMD(q(z) ‖ p(z)) and through the three parts of the KL — whatever objective it was trained with. All in
 * nats per image except MMD² (kernel units) and MIG (a fraction).
 *
 * @param model          display name
 * @param codes          μ and ln σ of every image
 * @param parts          full-data KL decomposition (one z per image)
 * @param reconstruction −E_q[ln p(x|z)], one z per image
 * @param mmd2           MMD²(q(z) ‖ N(0, I)), V-statistic with the RBF kernel exp(−‖a−b‖²/M), on up to
 *                       2 000 codes z ~ q(z) and as many prior draws
 * @param mig            MIG of the latent means against the true factors, NaN without factors
 * @param activeUnits    latents with Var_x(μ_j) &gt; 0.01
 */
public record LatentReport(String model, GaussianCodes codes, KlDecomposition parts, double reconstruction, double mmd2,
                           double mig, int activeUnits) {

    /** −ELBO = reconstruction + closed-form KL (nats per image). */
    public double negElbo() {
        return reconstruction + parts.analyticKl();
    }

    /**
     * The same report with the MI ceiling lowered to the data's entropy H(x) in nats (I(x; z) ≤ H(x)), e.g.
     * ln of the number of distinct images of a sprite grid; see {@link KlDecomposition#withDataEntropy}.
     */
    public LatentReport withDataEntropy(double entropyNats) {
        return new LatentReport(model, codes, parts.withDataEntropy(entropyNats), reconstruction, mmd2, mig, activeUnits);
    }

    /** Per-dimension KL (nats), see {@link GaussianCodes#perDimKl()}. */
    public double[] perDimKl() {
        return codes.perDimKl();
    }

    /**
     * Evaluates {@code vae} on the images {@code x} ({@code [N, D]}).
     *
     * @param factors {@code [N][K]} true factor classes for MIG, or null
     */
    public static LatentReport of(String model, Vae vae, INDArray x, int[][] factors, long seed) {
        Encoding q = vae.encode(x);
        GaussianCodes codes = new GaussianCodes(q.mu(), q.logStd());
        KlDecomposition parts = KlDecomposition.fullData(codes, 1, seed);
        double rec = vae.evaluate(x, Objective.ANALYTIC_KL, seed).reconstruction();
        int n = Math.min(codes.n(), 2000);
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = (int) ((long) i * codes.n() / n);
        Random rng = new Random(seed);
        INDArray zq = codes.rows(rows).sample(1, rng);
        double[][] zp = new double[n][codes.dims()];
        for (double[] r : zp) for (int j = 0; j < r.length; j++) r[j] = rng.nextGaussian();
        MmdVae.LatentKernel k = MmdVae.LatentKernel.RBF;
        double mmd = MmdVae.mmd2(zq.toDoubleMatrix(), zp, k, k.defaultScale(codes.dims()), null);
        double mig = factors == null ? Double.NaN : Mig.of(codes.mu(), factors, Mig.DEFAULT_BINS).score();
        return new LatentReport(model, codes, parts, rec, mmd, mig, codes.activeUnits(0.01));
    }

    @Override
    public String toString() {
        return String.format("%s: rec %.2f, KL %.2f (MI %.2f, TC %.2f, dimKL %.2f), MMD² %.4f, MIG %.3f, active %d",
                model, reconstruction, parts.analyticKl(), parts.mutualInformation(), parts.totalCorrelation(),
                parts.dimensionwiseKl(), mmd2, mig, activeUnits);
    }
}
