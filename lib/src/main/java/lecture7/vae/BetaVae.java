package lecture7.vae;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * β-VAE (Higgins et al. 2017): the ELBO with the KL term weighted by β,
 * <pre>
 *   L = −E_q[ln p(x|z)] + β · KL(q(z|x) ‖ N(0, I))
 * </pre>
 * β = 1 is the plain VAE; β &gt; 1 tightens the information bottleneck (the slide: β weights I(x; z), TC
 * and the dimension-wise KL alike). The KL is in closed form, as {@link Objective#ANALYTIC_KL}.
 *
 * @param beta weight of the KL, &gt; 0
 */
public record BetaVae(double beta) implements Objective {
    public BetaVae {
        if (!(beta > 0) || !Double.isFinite(beta))
            throw new IllegalArgumentException("β must be a positive number (β = 1 is the plain VAE), got " + beta);
    }

    /** The plain VAE, β = 1. */
    public static BetaVae plain() {
        return new BetaVae(1);
    }

    @Override
    public String name() {
        return beta == 1 ? "VAE" : "β-VAE β=" + fmt(beta);
    }

    @Override
    public double penalty(Latents l, LatentGradients g) {
        return klTimes(l, g, beta);
    }

    /**
     * w · KL(q(z|x) ‖ N(0, I)) averaged over the batch, with KL = ½ Σ_j (μ_j² + σ_j² − 2 ln σ_j − 1); adds
     * w·∂KL/∂μ = w·μ/n and w·∂KL/∂ln σ = w·(σ² − 1)/n into g. Returns the unweighted KL.
     */
    static double klTimes(Latents l, LatentGradients g, double w) {
        int n = l.n();
        double mu2 = sq(l.mu().norm2Number().doubleValue()), s2 = sq(l.std().norm2Number().doubleValue());
        double sumLog = l.logStd().sumNumber().doubleValue();
        // KL = ½ Σ (μ² + σ² − 2 ln σ − 1), batch mean
        double kl = 0.5 * (mu2 + s2 - 2 * sumLog - (double) n * l.dim()) / n;
        if (g != null && w != 0) {
            g.dMu().addi(l.mu().mul(w / n));
            INDArray s = l.std().mul(l.std());
            g.dLogStd().addi(s.subi(1).muli(w / n));
        }
        return w * kl;
    }

    static double sq(double v) {
        return v * v;
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
