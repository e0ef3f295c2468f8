package lecture7.vae;

import lecture7.compute.Parallel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Data-parallel training ({@link Shards}, {@link Parallel}): the same seed gives the same weights, bit for bit, on 1, 2
 * and 3 threads (batches of 128 and 200) — for the analytic KL, and for the MMD-VAE and β-TCVAE, whose penalties couple a batch's rows —
 * and the sharded gradient is the gradient of the whole batch (to float rounding).
 */
class SameBitsAnyThreadsTest {
    private final int before = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(before);
    }

    static INDArray images(int n, int d, long seed) {
        Random r = new Random(seed);
        boolean[][] proto = new boolean[6][d];
        for (boolean[] p : proto) for (int j = 0; j < d; j++) p[j] = r.nextBoolean();
        float[] pix = new float[n * d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) pix[i * d + j] = proto[i % 6][j] ^ (r.nextFloat() < 0.05f) ? 1f : 0f;
        return Nd4j.createFromArray(pix).reshape(n, d).castTo(DataType.FLOAT);
    }

    static String train(int threads, Supplier<Objective> objective, int batch) {
        return train(threads, objective, batch, 0);
    }

    /** As above, with an autoregressive decoder of {@code window} pixels when window &gt; 0. */
    static String train(int threads, Supplier<Objective> objective, int batch, int window) {
        Parallel.setThreads(threads);
        VaeConfig config = new VaeConfig(64, 48, 4, Likelihood.BERNOULLI, DataType.FLOAT, 3);
        Vae vae = new Vae(window > 0 ? config.withPixelWindow(window) : config);
        History h = new Trainer(vae, objective.get(), new TrainConfig(3, batch, 1e-2, 4)).fit(images(600, 64, 7));
        assertFalse(h.stopped(), h.stopReason());
        return CheckpointFixtures.sha(vae.params());
    }

    @Test
    void sameWeightsOnOneTwoAndThreeThreads() {
        assertTrue(Shards.count(128) == 2 && Shards.count(200) == 3, "the batches below must split into shards");
        for (int batch : new int[]{128, 200}) {   // 2 shards of 64 rows; 3 of 66, 67, 67
            String one = train(1, () -> Objective.ANALYTIC_KL, batch);
            assertEquals(one, train(2, () -> Objective.ANALYTIC_KL, batch), "analytic KL, batch " + batch);
            assertEquals(one, train(3, () -> Objective.ANALYTIC_KL, batch), "analytic KL, batch " + batch);
        }
        Supplier<Objective> mmd = () -> MmdVae.of(10, MmdVae.LatentKernel.RBF, 4, 11);
        assertEquals(train(1, mmd, 128), train(2, mmd, 128), "MMD-VAE");
        Supplier<Objective> tc = () -> BetaTcVae.of(6, 600);
        assertEquals(train(1, tc, 128), train(2, tc, 128), "β-TCVAE");
    }

    /**
     * The autoregressive decoder's pass is not sharded; its pixel map's gradient runs beside the rest of the backward
     * pass, whose penalty (MMD-VAE's) itself asks the pool for threads: the same weights on 1, 2 and 3 threads, and no
     * waiting for ever on a pool that is busy with the outer phase.
     */
    @Test
    void autoregressiveDecoderSameWeightsOnAnyNumberOfThreads() {
        Supplier<Objective> mmd = () -> MmdVae.of(10, MmdVae.LatentKernel.RBF, 4, 11);
        assertTimeoutPreemptively(java.time.Duration.ofMinutes(2), () -> {
            for (Supplier<Objective> o : java.util.List.<Supplier<Objective>>of(() -> Objective.ANALYTIC_KL, mmd)) {
                String one = train(1, o, 64, 12);
                assertEquals(one, train(2, o, 64, 12), o.get().name() + ", AR decoder, 2 threads");
                assertEquals(one, train(3, o, 64, 12), o.get().name() + ", AR decoder, 3 threads");
            }
        });
    }

    /**
     * The trainer leaves a batch's gradient in its shards and lets Adam add them as it updates: the same weights as
     * a loop written the plain way — the summed gradient ({@link Vae#computeGradient}), then Adam's step on it.
     */
    @Test
    void trainerMatchesSumThenStep() {
        Parallel.setThreads(2);
        INDArray data = images(256, 64, 9);
        Vae trained = new Vae(new VaeConfig(64, 48, 4, Likelihood.BERNOULLI, DataType.FLOAT, 3));
        assertFalse(new Trainer(trained, Objective.ANALYTIC_KL, new TrainConfig(1, 128, 1e-2, 4)).fit(data).stopped());
        // by hand: the trainer's shuffle and ε come from one Random(seed): the permutation first, then ε per batch
        Vae byHand = new Vae(new VaeConfig(64, 48, 4, Likelihood.BERNOULLI, DataType.FLOAT, 3));
        Random rng = new Random(4);
        int[] perm = new int[256];
        for (int i = 0; i < 256; i++) perm[i] = i;
        for (int i = 255; i > 0; i--) {
            int j = rng.nextInt(i + 1), t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        lecture7.compute.Adam adam = new lecture7.compute.Adam(byHand.numParams(), DataType.FLOAT, 1e-2, 0.9, 0.999, 1e-8);
        for (int b = 0; b < 2; b++) {
            INDArray x = Nd4j.pullRows(data, 1, java.util.Arrays.copyOfRange(perm, 128 * b, 128 * b + 128));
            byHand.computeGradient(x, Objective.ANALYTIC_KL, rng);
            adam.step(byHand.params(), byHand.gradients());
        }
        assertEquals(CheckpointFixtures.sha(byHand.params()), CheckpointFixtures.sha(trained.params()));
        assertEquals(byHand.gradients(), trained.gradients(), "the last batch's gradient, summed, in gradients()");
    }

    @Test
    void shardedGradientIsTheWholeBatchGradient() {
        Parallel.setThreads(2);
        INDArray x = images(128, 64, 8);
        // a fresh objective for each pass: the MMD-VAE draws its prior sample from its own seeded stream
        for (Supplier<Objective> objective : java.util.List.<Supplier<Objective>>of(() -> Objective.ANALYTIC_KL,
                () -> MmdVae.of(10, MmdVae.LatentKernel.IMQ, 4, 2))) {
            Vae vae = new Vae(new VaeConfig(64, 48, 4, Likelihood.BERNOULLI, DataType.FLOAT, 5));
            Workspace b = vae.workspace(128);
            Random r = new Random(1);
            for (int i = 0; i < b.eps.length; i++) b.eps[i] = r.nextGaussian();
            Loss whole = Backprop.pass(vae, x, b, objective.get(), true);
            float[] g = vae.gradients().dup().data().asFloat();
            Loss sharded = Backprop.passSharded(vae, x, b, new Shards(vae, 128), objective.get(), true);
            float[] gs = vae.gradients().dup().data().asFloat();
            assertEquals(whole.total(), sharded.total(), 1e-5 * Math.abs(whole.total()));
            double scale = 0, diff = 0;
            for (int i = 0; i < g.length; i++) {
                scale = Math.max(scale, Math.abs(g[i]));
                diff = Math.max(diff, Math.abs(g[i] - gs[i]));
            }
            assertTrue(scale > 0 && diff <= 1e-5 * scale, "largest difference " + diff + " of gradients up to " + scale);
        }
    }
}
