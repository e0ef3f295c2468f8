package lecture7.bench;

import lecture7.data.SpriteSet;
import lecture7.data.Sprites;
import lecture7.infotheory.MinibatchEstimator;
import lecture7.vae.BetaTcVae;
import lecture7.vae.Likelihood;
import lecture7.vae.TrainConfig;
import lecture7.vae.Trainer;
import lecture7.vae.Vae;
import lecture7.vae.VaeConfig;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * One β-TCVAE epoch (β = 6, stratified minibatch estimates) on {@code n} sprites of the 64×64 dSprites grid,
 * streamed: chunks of 5 000 images are rendered and trained on in turn (the Adam state carries over), so
 * no n-image array is held. MLP 4096 → 256 → 2·10, 10 → 256 → 4096, batch 128, Adam 1e-3. Seconds, rendering included.
 */
final class TcVaeEpoch {
    private TcVaeEpoch() {}

    static double run(int n) {
        Sprites grid = Sprites.dsprites();
        Vae vae = new Vae(new VaeConfig(grid.dim(), 256, 10, Likelihood.BERNOULLI, DataType.FLOAT, 1));
        Trainer trainer = new Trainer(vae, new BetaTcVae(1, 6, 1, n, MinibatchEstimator.STRATIFIED), new TrainConfig(1, 128, 1e-3, 1));
        long t0 = System.nanoTime();
        for (SpriteSet chunk : grid.batches(n, 5_000, 7)) trainer.fit(chunk.images());
        return (System.nanoTime() - t0) / 1e9;
    }
}
