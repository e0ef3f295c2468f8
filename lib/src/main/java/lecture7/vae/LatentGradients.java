package lecture7.vae;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where an {@link Objective} adds the gradient of its penalty (of the batch mean) with respect to μ, ln σ and
 * z, treating the three as independent inputs; the VAE then chains the z part through z = μ + σ ⊙ ε:
 * <pre>
 *   dL/dμ += dL/dz,   dL/d ln σ += dL/dz ⊙ σ ⊙ ε
 * </pre>
 * All three are {@code [n, M]} views into the VAE's buffers; dZ already holds the decoder's gradient.
 */
public record LatentGradients(INDArray dMu, INDArray dLogStd, INDArray dZ) {}
