package lecture7.vae;

/**
 * The penalty a VAE adds to its reconstruction term: the loss is
 * <pre>
 *   L = −ln p(x | z) + R(μ, ln σ, z)      (nats per example, batch mean)
 * </pre>
 * The plain VAE uses R = KL(q(z|x) ‖ p(z)), either in closed form ({@link #ANALYTIC_KL}) or with the slide's
 * single-sample estimate ({@link #SINGLE_SAMPLE_KL}). β-VAE, MMD-VAE and β-TCVAE are other implementations
 * (Part 3 of the lecture); they only need μ, ln σ and z of the batch. Latent batches are small (n·M of a few
 * thousand numbers), so objectives work on plain {@code double} arrays.
 */
public interface Objective {
    /** Short name for tables and legends. */
    String name();

    /**
     * Returns R for the batch (nats per example, mean over the n rows) and, when {@code g} is not null, adds
     * ∂R/∂μ, ∂R/∂ln σ and ∂R/∂z (of that mean) into {@code g}.
     */
    double penalty(Latents latents, LatentGradients g);

    /**
     * Closed-form KL to the standard normal prior (Kingma &amp; Welling 2014, appendix B):
     * KL(N(μ, σ²) ‖ N(0, 1)) = ½ Σ_j (μ_j² + σ_j² − 2 ln σ_j − 1).
     */
    Objective ANALYTIC_KL = new Objective() {
        @Override
        public String name() {
            return "analytic KL";
        }

        @Override
        public double penalty(Latents l, LatentGradients g) {
            double[] mu = l.mu(), ls = l.logStd(), s = l.std();
            double inv = 1.0 / l.n(), kl = 0;
            for (int i = 0; i < mu.length; i++) {
                double s2 = s[i] * s[i];
                // KL_ij = ½ (μ² + σ² − 2 ln σ − 1)
                kl += 0.5 * (mu[i] * mu[i] + s2 - 2 * ls[i] - 1);
                if (g != null) {
                    // ∂KL/∂μ = μ,   ∂KL/∂ln σ = σ² − 1   (over n for the batch mean)
                    g.dMu()[i] += mu[i] * inv;
                    g.dLogStd()[i] += (s2 - 1) * inv;
                }
            }
            return kl * inv;
        }
    };

    /**
     * The slide's single-sample estimate of the KL: ln N(z | μ, σ²) − ln N(z | 0, 1) at the sampled z, i.e.
     * Σ_j [−ln σ_j − ½ ε_j² + ½ z_j²] (the ½ ln 2π cancel). Unbiased for the KL, noisier than {@link #ANALYTIC_KL}.
     */
    Objective SINGLE_SAMPLE_KL = new Objective() {
        @Override
        public String name() {
            return "single-sample KL";
        }

        @Override
        public double penalty(Latents l, LatentGradients g) {
            double[] ls = l.logStd(), s = l.std(), e = l.eps(), z = l.z();
            double inv = 1.0 / l.n(), kl = 0;
            for (int i = 0; i < z.length; i++) {
                // ln q(z|x) − ln p(z) = −ln σ − ½ ((z − μ)/σ)² + ½ z²,  (z − μ)/σ = ε
                kl += -ls[i] - 0.5 * e[i] * e[i] + 0.5 * z[i] * z[i];
                if (g != null) {
                    // ∂/∂z = −(z − μ)/σ² + z = z − ε/σ;  ∂/∂μ = ε/σ;  ∂/∂ln σ = ε² − 1
                    double eOverS = e[i] / s[i];
                    g.dZ()[i] += (z[i] - eOverS) * inv;
                    g.dMu()[i] += eOverS * inv;
                    g.dLogStd()[i] += (e[i] * e[i] - 1) * inv;
                }
            }
            return kl * inv;
        }
    };
}
