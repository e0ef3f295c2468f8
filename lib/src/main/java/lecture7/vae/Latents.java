package lecture7.vae;

/**
 * The encoder's output for a batch and the reparameterised sample, as an {@link Objective} sees them: plain
 * row-major {@code double} arrays of length n·M (entry (i, j) at {@code i * m + j}). They belong to the VAE:
 * read them, do not keep or modify them.
 *
 * @param n      batch size
 * @param m      latent size M
 * @param mu     μ(x)
 * @param logStd ln σ(x) (the slide's {@code log_std})
 * @param std    σ = exp(ln σ)
 * @param eps    ε ~ N(0, I)
 * @param z      z = μ + σ ⊙ ε
 */
public record Latents(int n, int m, double[] mu, double[] logStd, double[] std, double[] eps, double[] z) {
    /** Allocates zeroed arrays for an n × m batch. */
    static Latents allocate(int n, int m) {
        return new Latents(n, m, new double[n * m], new double[n * m], new double[n * m], new double[n * m], new double[n * m]);
    }
}
