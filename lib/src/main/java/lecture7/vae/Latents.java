package lecture7.vae;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The encoder's output for a batch and the reparameterised sample, as an {@link Objective} sees them.
 * All arrays are {@code [n, M]} and are views into the VAE's buffers: read them, do not keep or modify them.
 *
 * @param mu     μ(x)
 * @param logStd ln σ(x) (the slide's {@code log_std})
 * @param std    σ = exp(ln σ)
 * @param eps    ε ~ N(0, I)
 * @param z      z = μ + σ ⊙ ε
 */
public record Latents(INDArray mu, INDArray logStd, INDArray std, INDArray eps, INDArray z) {
    /** Batch size n. */
    public int n() {
        return (int) mu.rows();
    }

    /** Latent size M. */
    public int dim() {
        return (int) mu.columns();
    }
}
