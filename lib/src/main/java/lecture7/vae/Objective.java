package lecture7.vae;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The penalty a VAE adds to its reconstruction term: the loss is
 * <pre>
 *   L = −ln p(x | z) + R(μ, ln σ, z)      (nats per example, batch mean)
 * </pre>
 * The plain VAE uses R = KL(q(z|x) ‖ p(z)), either in closed form ({@link #ANALYTIC_KL}) or with the slide's
 * single-sample estimate ({@link #SINGLE_SAMPLE_KL}). β-VAE, MMD-VAE and β-TCVAE are other implementations
 * (Part 3 of the lecture); they only need μ, ln σ and z of the batch.
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
    Objective ANALYTIC_KL = new AnalyticKl();

    /**
     * The slide's single-sample estimate of the KL: ln N(z | μ, σ²) − ln N(z | 0, 1) at the sampled z, i.e.
     * Σ_j [−ln σ_j − ½ ε_j² + ½ z_j²] (the ½ ln 2π cancel). Unbiased for the KL, noisier than {@link #ANALYTIC_KL}.
     */
    Objective SINGLE_SAMPLE_KL = new SingleSampleKl();
}

/**
 * The built-in penalties also work on plain arrays (row-major n·M), which the VAE's training step uses to
 * avoid a dozen small ND4J operations per batch. Gradients (when {@code dMu != null}) are added, as in
 * {@link Objective#penalty}.
 */
interface HeapPenalty {
    double penalty(int n, double[] mu, double[] logStd, double[] std, double[] eps, double[] z,
                   double[] dMu, double[] dLogStd, double[] dZ);

    /** {@link Objective#penalty} on ND4J arrays by the same heap loop: the latents copied in, the gradients added back. */
    static double onArrays(HeapPenalty p, Latents l, LatentGradients g) {
        double[] mu = doubles(l.mu()), ls = doubles(l.logStd()), s = doubles(l.std()), e = doubles(l.eps()), z = doubles(l.z());
        double[] dMu = g == null ? null : new double[mu.length], dLs = g == null ? null : new double[mu.length],
                dZ = g == null ? null : new double[mu.length];
        double v = p.penalty(l.n(), mu, ls, s, e, z, dMu, dLs, dZ);
        if (g != null) {
            add(g.dMu(), dMu);
            add(g.dLogStd(), dLs);
            add(g.dZ(), dZ);
        }
        return v;
    }

    private static double[] doubles(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    private static void add(INDArray target, double[] v) {
        target.addi(Nd4j.create(v, target.shape(), DataType.DOUBLE).castTo(target.dataType()));
    }
}

final class AnalyticKl implements Objective, HeapPenalty {
    @Override
    public String name() {
        return "analytic KL";
    }

    @Override
    public double penalty(Latents l, LatentGradients g) {
        return HeapPenalty.onArrays(this, l, g);
    }

    @Override
    public double penalty(int n, double[] mu, double[] ls, double[] s, double[] eps, double[] z,
                          double[] dMu, double[] dLs, double[] dZ) {
        double inv = 1.0 / n, kl = 0;
        for (int i = 0; i < mu.length; i++) {
            double s2 = s[i] * s[i];
            // KL_ij = ½ (μ² + σ² − 2 ln σ − 1)
            kl += 0.5 * (mu[i] * mu[i] + s2 - 2 * ls[i] - 1);
            if (dMu != null) {
                // ∂KL/∂μ = μ,   ∂KL/∂ln σ = σ² − 1   (over n for the batch mean)
                dMu[i] += mu[i] * inv;
                dLs[i] += (s2 - 1) * inv;
            }
        }
        return kl * inv;
    }
}

final class SingleSampleKl implements Objective, HeapPenalty {
    @Override
    public String name() {
        return "single-sample KL";
    }

    @Override
    public double penalty(Latents l, LatentGradients g) {
        return HeapPenalty.onArrays(this, l, g);
    }

    @Override
    public double penalty(int n, double[] mu, double[] ls, double[] s, double[] e, double[] z,
                          double[] dMu, double[] dLs, double[] dZ) {
        double inv = 1.0 / n, kl = 0;
        for (int i = 0; i < z.length; i++) {
            // ln q(z|x) − ln p(z) = −ln σ − ½ ((z − μ)/σ)² + ½ z²,  (z − μ)/σ = ε
            kl += -ls[i] - 0.5 * e[i] * e[i] + 0.5 * z[i] * z[i];
            if (dMu != null) {
                // ∂/∂z = −(z − μ)/σ² + z = z − ε/σ;  ∂/∂μ = ε/σ;  ∂/∂ln σ = ε² − 1
                double eOverS = e[i] / s[i];
                dZ[i] += (z[i] - eOverS) * inv;
                dMu[i] += eOverS * inv;
                dLs[i] += (e[i] * e[i] - 1) * inv;
            }
        }
        return kl * inv;
    }
}
