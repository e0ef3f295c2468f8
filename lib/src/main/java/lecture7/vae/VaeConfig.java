package lecture7.vae;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * Sizes and numerics of the lecture's VAE (slide "Vanilla VAE": D → 300 → 2M, M → 300 → D).
 *
 * @param inputDim   D, pixels per image (784 for MNIST)
 * @param hidden     width of the single hidden layer of encoder and decoder (300 on the slide)
 * @param latent     M, the latent size
 * @param likelihood p(x|z): {@link Likelihood#BERNOULLI} (logits) or {@link Likelihood#GAUSSIAN} (the slide's N(x|θ(z), 1))
 * @param dtype      FLOAT for training, DOUBLE for gradient checks
 * @param seed       seed of the weight initialisation
 */
public record VaeConfig(int inputDim, int hidden, int latent, Likelihood likelihood, DataType dtype, long seed) {
    public VaeConfig {
        if (inputDim < 1) throw new IllegalArgumentException("input size D must be ≥ 1, got " + inputDim);
        if (hidden < 1) throw new IllegalArgumentException("hidden size must be ≥ 1, got " + hidden);
        if (latent < 1) throw new IllegalArgumentException("latent size M must be ≥ 1, got " + latent);
        if (likelihood == null) throw new IllegalArgumentException("likelihood is null");
        if (dtype != DataType.FLOAT && dtype != DataType.DOUBLE)
            throw new IllegalArgumentException("dtype must be FLOAT or DOUBLE, got " + dtype);
    }

    /** The slide's sizes for 28×28 MNIST: D = 784, 300 hidden units, M latents, Bernoulli decoder, float32. */
    public static VaeConfig mnist(int latent, long seed) {
        return new VaeConfig(784, 300, latent, Likelihood.BERNOULLI, DataType.FLOAT, seed);
    }

    /** A copy with another likelihood. */
    public VaeConfig withLikelihood(Likelihood l) {
        return new VaeConfig(inputDim, hidden, latent, l, dtype, seed);
    }

    /** A copy with another dtype. */
    public VaeConfig withDtype(DataType t) {
        return new VaeConfig(inputDim, hidden, latent, likelihood, t, seed);
    }

    /** Number of parameters: D·H + H + H·2M + 2M + M·H + H + H·D + D. */
    public long numParams() {
        long d = inputDim, h = hidden, m = latent;
        return d * h + h + h * 2 * m + 2 * m + m * h + h + h * d + d;
    }
}
