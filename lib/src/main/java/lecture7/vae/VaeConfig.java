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
 * @param pixelWindow 0 for the slide's decoder (pixels independent given z); w ≥ 1 for an autoregressive
 *                   Bernoulli decoder whose logit for pixel d also sees the w pixels before it in raster order
 *                   ({@link PixelAutoregression}; w = D − 1: all previous pixels, w = 28: the row above)
 */
public record VaeConfig(int inputDim, int hidden, int latent, Likelihood likelihood, DataType dtype, long seed, int pixelWindow) {
    public VaeConfig {
        if (inputDim < 1) throw new IllegalArgumentException("input size D must be ≥ 1, got " + inputDim);
        if (hidden < 1) throw new IllegalArgumentException("hidden size must be ≥ 1, got " + hidden);
        if (latent < 1) throw new IllegalArgumentException("latent size M must be ≥ 1, got " + latent);
        if (likelihood == null) throw new IllegalArgumentException("likelihood is null");
        if (dtype != DataType.FLOAT && dtype != DataType.DOUBLE)
            throw new IllegalArgumentException("dtype must be FLOAT or DOUBLE, got " + dtype);
        if (pixelWindow < 0 || pixelWindow > inputDim - 1)
            throw new IllegalArgumentException("pixel window must be between 0 (no autoregression) and D − 1 = " + (inputDim - 1)
                    + " (all previous pixels), got " + pixelWindow);
        if (pixelWindow > 0 && likelihood != Likelihood.BERNOULLI)
            throw new IllegalArgumentException("the autoregressive decoder (pixel window " + pixelWindow + ") is Bernoulli; got likelihood " + likelihood);
    }

    /** The slide's decoder: pixels independent given z (pixel window 0). */
    public VaeConfig(int inputDim, int hidden, int latent, Likelihood likelihood, DataType dtype, long seed) {
        this(inputDim, hidden, latent, likelihood, dtype, seed, 0);
    }

    /** The slide's sizes for 28×28 MNIST: D = 784, 300 hidden units, M latents, Bernoulli decoder, float32. */
    public static VaeConfig mnist(int latent, long seed) {
        return new VaeConfig(784, 300, latent, Likelihood.BERNOULLI, DataType.FLOAT, seed);
    }

    /**
     * The slide's sizes with an autoregressive Bernoulli decoder: pixel d's logit is MLP(z)_d plus a linear
     * function of the {@code window} pixels before it (raster order); {@code window = 783} sees all of them.
     */
    public static VaeConfig mnistAutoregressive(int latent, int window, long seed) {
        return new VaeConfig(784, 300, latent, Likelihood.BERNOULLI, DataType.FLOAT, seed, window);
    }

    /** A copy with another likelihood. */
    public VaeConfig withLikelihood(Likelihood l) {
        return new VaeConfig(inputDim, hidden, latent, l, dtype, seed, pixelWindow);
    }

    /** A copy with another dtype. */
    public VaeConfig withDtype(DataType t) {
        return new VaeConfig(inputDim, hidden, latent, likelihood, t, seed, pixelWindow);
    }

    /** A copy with another pixel window (0: no autoregression). */
    public VaeConfig withPixelWindow(int window) {
        return new VaeConfig(inputDim, hidden, latent, likelihood, dtype, seed, window);
    }

    /** True when the decoder is autoregressive over pixels (pixel window ≥ 1). */
    public boolean autoregressive() {
        return pixelWindow > 0;
    }

    /** Number of parameters: D·H + H + H·2M + 2M + M·H + H + H·D + D, plus D·D for an autoregressive decoder. */
    public long numParams() {
        long d = inputDim, h = hidden, m = latent;
        return d * h + h + h * 2 * m + 2 * m + m * h + h + h * d + d + (pixelWindow > 0 ? d * d : 0);
    }
}
