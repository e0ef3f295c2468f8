package lecture7.bench;

import lecture7.data.SpriteSet;
import lecture7.data.Sprites;
import lecture7.infotheory.GaussianCodes;
import lecture7.infotheory.KlDecomposition;

import java.util.Locale;
import java.util.Random;

/**
 * Part 3 benchmark (run by {@code environment/kit bench}, which also records peak RSS): the full-data KL
 * decomposition of 10 000 codes in 10-D (matrix products in blocks), the sprite generation rate, and one
 * epoch of β-TCVAE on 100 000 streamed sprites. Prints one JSON line last: {@code decomp_s},
 * {@code sprites_per_s}, {@code tcvae_epoch_s}.
 */
public final class DecompositionBench {
    public static void main(String[] args) {
        // 1. decomposition of N = 10 000 codes, M = 10 (one z per point): (M+1)·N² log densities
        int n = 10_000, d = 10;
        Random rng = new Random(1);
        double[][] mu = new double[n][d], ls = new double[n][d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) {
                mu[i][j] = rng.nextGaussian();
                ls[i][j] = -1 + 0.3 * rng.nextGaussian();
            }
        GaussianCodes codes = GaussianCodes.of(mu, ls);
        KlDecomposition.fullData(codes.rows(java.util.stream.IntStream.range(0, 500).toArray()), 1, 0); // warm-up
        long t0 = System.nanoTime();
        KlDecomposition dec = KlDecomposition.fullData(codes, 1, 2);
        double decompS = (System.nanoTime() - t0) / 1e9;
        System.out.println(dec);

        // 2. sprite generation rate on the dSprites grid (64×64)
        Sprites g = Sprites.dsprites();
        g.sample(2_000, 0);
        int count = 0;
        t0 = System.nanoTime();
        for (SpriteSet b : g.batches(50_000, 1000, 3)) count += b.n();
        double spritesPerS = count / ((System.nanoTime() - t0) / 1e9);

        // 3. one β-TCVAE epoch on 100 000 streamed sprites
        double tcvaeS = TcVaeEpoch.run(100_000);

        System.out.printf(Locale.ROOT, "{\"decomp_s\": %.3f, \"decomp_n\": %d, \"decomp_m\": %d, \"sprites_per_s\": %.0f, \"tcvae_epoch_s\": %.3f}%n",
                decompS, n, d, spritesPerS, tcvaeS);
    }
}
