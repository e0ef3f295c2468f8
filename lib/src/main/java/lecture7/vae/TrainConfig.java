package lecture7.vae;

/**
 * How to train: epochs of shuffled mini-batches with Adam (Kingma &amp; Ba 2015; β₁ = 0.9, β₂ = 0.999, ε = 1e-8).
 *
 * @param epochs       passes over the data, ≥ 1
 * @param batchSize    images per step, ≥ 1 (the last batch of an epoch may be smaller)
 * @param learningRate Adam step size, &gt; 0
 * @param seed         seed of the shuffling and of the ε draws: same seed, same losses
 */
public record TrainConfig(int epochs, int batchSize, double learningRate, long seed) {
    public TrainConfig {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be ≥ 1, got " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be ≥ 1, got " + batchSize);
        if (!(learningRate > 0) || !Double.isFinite(learningRate))
            throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
    }

    /** The lecture's settings: batch 128, Adam 1e-3. */
    public static TrainConfig of(int epochs, long seed) {
        return new TrainConfig(epochs, 128, 1e-3, seed);
    }
}
