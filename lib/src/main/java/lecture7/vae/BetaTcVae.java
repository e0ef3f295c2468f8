package lecture7.vae;

import lecture7.infotheory.MinibatchDensities;
import lecture7.infotheory.MinibatchEstimator;

/**
 * β-TCVAE (Chen et al. 2018, "Isolating sources of disentanglement in VAEs", eq. 4): the three parts of the
 * KL term of the slide, each with its own weight,
 * <pre>
 *   L = −E_q[ln p(x|z)] + α·I_q(x; z) + β·KL(q(z) ‖ ∏_j q(z_j)) + γ·Σ_j KL(q(z_j) ‖ p(z_j))
 * </pre>
 * estimated on each minibatch with a {@link MinibatchEstimator} (one z per image, log densities of every
 * z_i under every posterior of the batch, {@link MinibatchDensities}). α = β = γ = 1 is the plain VAE with a
 * Monte Carlo KL; the paper's choice is α = γ = 1 and β &gt; 1, penalising only the total correlation.
 *
 * <p>The stratified estimator is the default: its values are those of the decomposition (up to Jensen's gap).
 * Minibatch-weighted sampling (the paper's MWS, the default of their code) weighs the sample's own posterior
 * like every other one of the batch, where the stratified estimator gives it only (B−1)/(N−1) of the weight of
 * another; so the two differ in their gradients as well, not only by a constant. MWS values are shifted by
 * multiples of about ln N, so the regulariser printed in training logs would not be the KL parts.
 *
 * @param alpha       weight of the index-code mutual information, ≥ 0
 * @param beta        weight of the total correlation, &gt; 0
 * @param gamma       weight of the dimension-wise KL, ≥ 0
 * @param datasetSize N, the number of images the minibatches are drawn from (≥ batch size)
 * @param estimator   how the batch stands in for the data set
 */
public record BetaTcVae(double alpha, double beta, double gamma, long datasetSize, MinibatchEstimator estimator) implements Objective {
    public BetaTcVae {
        if (!(beta > 0) || !Double.isFinite(beta)) throw new IllegalArgumentException("β (the TC weight) must be a positive number, got " + beta);
        if (!(alpha >= 0) || !(gamma >= 0) || !Double.isFinite(alpha) || !Double.isFinite(gamma))
            throw new IllegalArgumentException("α and γ must be ≥ 0, got α=" + alpha + ", γ=" + gamma);
        if (datasetSize < 2) throw new IllegalArgumentException("data set size N must be ≥ 2, got " + datasetSize);
        if (estimator == null) throw new IllegalArgumentException("estimator is null");
    }

    /** The paper's setting: α = γ = 1, TC weight β, stratified minibatch estimates. */
    public static BetaTcVae of(double beta, long datasetSize) {
        return new BetaTcVae(1, beta, 1, datasetSize, MinibatchEstimator.STRATIFIED);
    }

    @Override
    public String name() {
        return alpha == 1 && gamma == 1 ? "β-TCVAE β=" + BetaVae.fmt(beta)
                : "β-TCVAE α=" + BetaVae.fmt(alpha) + " β=" + BetaVae.fmt(beta) + " γ=" + BetaVae.fmt(gamma);
    }

    @Override
    public double penalty(Latents l, LatentGradients g) {
        int n = l.n(), m = l.dim();
        if (datasetSize < n)
            throw new IllegalArgumentException("data set of " + datasetSize + " images is smaller than the batch size " + n);
        MinibatchDensities md = new MinibatchDensities(LatentCopies.rows(l.z()), LatentCopies.rows(l.mu()),
                LatentCopies.rows(l.logStd()), estimator, datasetSize);
        double[] mi = md.mutualInformation(), tc = md.totalCorrelation(), dk = md.dimensionwiseKl();
        double r = 0;
        // R = mean_i [α MI_i + β TC_i + γ dimKL_i]
        for (int i = 0; i < n; i++) r += (alpha * mi[i] + beta * tc[i] + gamma * dk[i]) / n;
        if (g != null) {
            // R_i = α ln q(z|x) + (β − α) ln q̂(z) + (γ − β) Σ_j ln q̂(z_j) − γ ln p(z)
            double[] dQz = new double[n], dQzx = new double[n], dPz = new double[n];
            double[][] dQzj = new double[n][m];
            for (int i = 0; i < n; i++) {
                dQz[i] = (beta - alpha) / n;
                dQzx[i] = alpha / n;
                dPz[i] = -gamma / n;
                java.util.Arrays.fill(dQzj[i], (gamma - beta) / n);
            }
            MinibatchDensities.Gradients gr = md.backward(dQz, dQzj, dQzx, dPz);
            LatentCopies.addInto(g.dZ(), gr.z());
            LatentCopies.addInto(g.dMu(), gr.mu());
            LatentCopies.addInto(g.dLogStd(), gr.logSigma());
        }
        return r;
    }
}
