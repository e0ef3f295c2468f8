package lecture7.vae;

/**
 * Where an {@link Objective} adds the gradient of its penalty (of the batch mean) with respect to μ, ln σ and
 * z, treating the three as independent inputs; the VAE then chains the z part through z = μ + σ ⊙ ε:
 * <pre>
 *   dL/dμ += dL/dz,   dL/d ln σ += dL/dz ⊙ σ ⊙ ε
 * </pre>
 * Row-major {@code double} arrays of length n·M like {@link Latents}. When the objective is called, dMu and
 * dLogStd are zero and dZ already holds the decoder's gradient ∂(−ln p(x|z))/∂z: objectives only add.
 */
public record LatentGradients(double[] dMu, double[] dLogStd, double[] dZ) {
    static LatentGradients allocate(int n, int m) {
        return new LatentGradients(new double[n * m], new double[n * m], new double[n * m]);
    }
}
