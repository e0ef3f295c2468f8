package lecture7.vae;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

@Tag("slow")
class VaeTrainingTest {
    /** n 8×8 images, each one bright horizontal or vertical bar (a data set with 16 clusters). */
    static INDArray bars(int n, long seed) {
        Random r = new Random(seed);
        float[] px = new float[n * 64];
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(8);
            boolean horizontal = r.nextBoolean();
            for (int j = 0; j < 8; j++) px[i * 64 + (horizontal ? k * 8 + j : j * 8 + k)] = 1f;
        }
        return Nd4j.create(px, new long[]{n, 64}, DataType.FLOAT);
    }

    static VaeConfig small(long seed) {
        return new VaeConfig(64, 32, 2, Likelihood.BERNOULLI, DataType.FLOAT, seed);
    }

    @Test
    void trainingLowersTheLoss() {
        Vae vae = new Vae(small(1));
        INDArray x = bars(512, 2);
        double before = vae.evaluate(x, Objective.ANALYTIC_KL, 3).total();
        History h = new Trainer(vae, Objective.ANALYTIC_KL, new TrainConfig(15, 32, 3e-3, 4)).fit(x);
        double after = vae.evaluate(x, Objective.ANALYTIC_KL, 3).total();
        assertFalse(h.stopped());
        assertEquals(15, h.epochs());
        assertEquals(15 * 16, h.batchLoss().length);
        assertTrue(after < before - 10, "loss " + before + " → " + after);
        assertTrue(h.trainLoss()[14] < h.trainLoss()[0], h.toString());
    }

    @Test
    void sameSeedGivesIdenticalLosses() {
        INDArray x = bars(200, 5);
        double[][] runs = new double[2][];
        for (int r = 0; r < 2; r++) {
            Vae vae = new Vae(small(9));
            runs[r] = new Trainer(vae, Objective.SINGLE_SAMPLE_KL, new TrainConfig(2, 64, 1e-3, 11)).fit(x).batchLoss();
        }
        assertArrayEquals(runs[0], runs[1], 0.0);
        Vae other = new Vae(small(9));
        double[] differentSeed = new Trainer(other, Objective.SINGLE_SAMPLE_KL, new TrainConfig(2, 64, 1e-3, 12)).fit(x).batchLoss();
        assertNotEquals(runs[0][3], differentSeed[3]);
    }

    @Test
    void initialisationIsTheSameInEveryJvm() {
        // PyTorch's Linear init U(−1/√fan_in, 1/√fan_in) drawn from java.util.Random(seed), whose sequence the JDK
        // specifies: the first weight is (1/√64)(2u − 1) with u the generator's first double.
        double u = new Random(3).nextDouble();
        assertEquals((2 * u - 1) / 8, new Vae(small(3)).params().getDouble(0, 0), 1e-7);
    }

    @Test
    void listenersSeeEveryBatchAndEpoch() {
        int[] counts = new int[2];
        Vae vae = new Vae(small(1));
        new Trainer(vae, Objective.ANALYTIC_KL, new TrainConfig(3, 100, 1e-3, 1)).listener(new TrainingListener() {
            @Override
            public void onBatch(int epoch, int batch, int batches, long step, Loss loss) {
                assertEquals(3, batches); // 250 images, batch 100 → 100, 100, 50
                counts[0]++;
            }

            @Override
            public void onEpoch(int epoch, int epochs, Loss train, Loss validation, double seconds) {
                assertNotNull(validation);
                counts[1]++;
            }
        }).validation(bars(50, 3)).fit(bars(250, 2));
        assertArrayEquals(new int[]{9, 3}, counts);
    }

    @Test
    void nonFiniteLossStopsAndKeepsLastGoodParameters() {
        Vae vae = new Vae(small(1));
        INDArray[] good = new INDArray[1];
        Objective poisoned = new Objective() {
            int calls;

            @Override
            public String name() {
                return "poisoned";
            }

            @Override
            public double penalty(Latents l, LatentGradients g) {
                double kl = Objective.ANALYTIC_KL.penalty(l, g);
                return ++calls == 4 ? Double.NaN : kl;
            }
        };
        History h = new Trainer(vae, poisoned, new TrainConfig(5, 32, 1e-3, 1))
                .listener(new TrainingListener() {
                    @Override
                    public void onBatch(int epoch, int batch, int batches, long step, Loss loss) {
                        good[0] = vae.params().dup();
                    }
                }).fit(bars(256, 2));
        assertTrue(h.stopped());
        assertTrue(h.stopReason().contains("batch 4"), h.stopReason());
        assertEquals(3, h.batchLoss().length);
        assertEquals(good[0], vae.params());
    }

    @Test
    void interruptStopsBeforeTheNextBatchAndKeepsTheParametersOfTheLastStep() {
        // what Jupyter's Kernel → Interrupt does to the cell's thread (environment/kernel-patch)
        Vae vae = new Vae(small(1));
        INDArray[] good = new INDArray[1];
        History h = new Trainer(vae, Objective.ANALYTIC_KL, new TrainConfig(5, 32, 1e-3, 1))
                .listener(new TrainingListener() {
                    @Override
                    public void onBatch(int epoch, int batch, int batches, long step, Loss loss) {
                        good[0] = vae.params().dup();
                        if (step == 2) Thread.currentThread().interrupt(); // pressed during the third batch
                    }
                }).fit(bars(256, 2));
        assertTrue(Thread.interrupted(), "the interrupt stays visible to the caller");
        assertTrue(h.stopped());
        assertTrue(h.stopReason().startsWith("interrupted before epoch 1, batch 4 (step 3)"), h.stopReason());
        assertEquals(3, h.batchLoss().length);
        assertEquals(good[0], vae.params());
    }

    @Test
    void nonFiniteGradientWithFiniteLossAlsoStops() {
        Vae vae = new Vae(small(1));
        INDArray[] good = new INDArray[1];
        Objective poisoned = new Objective() {
            int calls;

            @Override
            public String name() {
                return "NaN gradient";
            }

            @Override
            public double penalty(Latents l, LatentGradients g) {
                double kl = Objective.ANALYTIC_KL.penalty(l, g);
                if (++calls == 3 && g != null) g.dLogStd().putScalar(0, 1, Double.NaN);
                return kl;
            }
        };
        History h = new Trainer(vae, poisoned, new TrainConfig(5, 32, 1e-3, 1))
                .listener(new TrainingListener() {
                    @Override
                    public void onBatch(int epoch, int batch, int batches, long step, Loss loss) {
                        good[0] = vae.params().dup();
                    }
                }).fit(bars(256, 2));
        assertTrue(h.stopped() && h.stopReason().contains("batch 3"), h.stopReason());
        assertEquals(good[0], vae.params());
    }

    @Test
    void biasRangesPointAtTheBiases() {
        Vae vae = new Vae(small(1));
        // layout: W1 [64, 32] · b1 [32] · W2 [32, 4] · b2 [4] · W3 [2, 32] · b3 [32] · W4 [32, 64] · b4 [64]
        long[][] expected = {{2048, 32}, {2048 + 32 + 128, 4}, {2212 + 64, 32}, {2212 + 64 + 32 + 2048, 64}};
        assertArrayEquals(expected, vae.biasRanges());
        assertEquals(vae.numParams(), expected[3][0] + expected[3][1]);
    }

    @Test
    void importanceSampledLogLikelihoodBoundsTheElbo() {
        Vae vae = new Vae(small(1));
        INDArray x = bars(300, 2);
        new Trainer(vae, Objective.ANALYTIC_KL, new TrainConfig(5, 32, 3e-3, 4)).fit(x);
        INDArray test = bars(100, 8);
        LogLikelihood k1 = vae.logLikelihood(test, 1, 5), k100 = vae.logLikelihood(test, 100, 6);
        // the reference ELBO: analytic KL, reconstruction term averaged over 20 draws of ε, and its standard error
        int draws = 20;
        double s = 0, s2 = 0;
        for (int r = 0; r < draws; r++) {
            double v = -vae.evaluate(test, Objective.ANALYTIC_KL, 100 + r).total();
            s += v;
            s2 += v * v;
        }
        double elbo = s / draws, seElbo = Math.sqrt(Math.max(0, s2 / draws - elbo * elbo) / (draws - 1));
        // K = 1 is an unbiased estimate of the ELBO. Its standard error over the images (sd/√n) bounds its Monte Carlo
        // error from above (the spread over images adds the images' own differences), so 4 standard errors of the
        // difference of the two estimates is a ≥ 4σ tolerance.
        assertEquals(elbo, k1.mean(), 4 * Math.hypot(k1.standardError(), seElbo),
                "K=1 " + k1.mean() + " ± " + k1.standardError() + " vs ELBO " + elbo + " ± " + seElbo);
        // the IWAE bound is tighter: above the ELBO for every image on average
        assertTrue(k100.mean() > elbo, k100.mean() + " vs ELBO " + elbo);
        assertEquals(100, k100.n());
    }

    @Test
    void checkpointRoundTripAndBadFiles(@TempDir Path dir) throws Exception {
        Vae vae = new Vae(small(3));
        new Trainer(vae, Objective.ANALYTIC_KL, new TrainConfig(1, 32, 1e-3, 1)).fit(bars(64, 1));
        Path f = dir.resolve("sub/vae.ckpt");
        vae.save(f);
        Vae back = Vae.load(f);
        assertEquals(vae.config(), back.config());
        assertEquals(vae.params(), back.params());
        INDArray z = vae.prior(5, 1);
        assertEquals(vae.decode(z), back.decode(z));
        try (var s = Files.list(f.getParent())) {
            assertEquals(1, s.count(), "temporary files left behind");
        }

        byte[] bytes = Files.readAllBytes(f);
        Path truncated = dir.resolve("truncated.ckpt");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        assertTrue(assertThrows(CheckpointException.class, () -> Vae.load(truncated)).getMessage().contains("truncated"));
        Path header = dir.resolve("header.ckpt");
        Files.write(header, java.util.Arrays.copyOf(bytes, 12));
        assertTrue(assertThrows(CheckpointException.class, () -> Vae.load(header)).getMessage().contains("truncated"));
        Path corrupt = dir.resolve("corrupt.ckpt");
        bytes[bytes.length - 50] ^= 1;
        Files.write(corrupt, bytes);
        assertTrue(assertThrows(CheckpointException.class, () -> Vae.load(corrupt)).getMessage().contains("corrupt"));
        Path foreign = dir.resolve("foreign.ckpt");
        Files.writeString(foreign, "hello, I am not a checkpoint");
        assertTrue(assertThrows(CheckpointException.class, () -> Vae.load(foreign)).getMessage().contains("not a VAE checkpoint"));
        assertTrue(assertThrows(CheckpointException.class, () -> Vae.load(dir.resolve("missing"))).getMessage().contains("does not exist"));
    }

    @Test
    void badInputsNameTheShapes() {
        Vae vae = new Vae(VaeConfig.mnist(2, 1));
        var e = assertThrows(IllegalArgumentException.class, () -> vae.encode(Nd4j.zeros(DataType.FLOAT, 3, 783)));
        assertTrue(e.getMessage().contains("[3, 783]") && e.getMessage().contains("784"), e.getMessage());
        INDArray nan = Nd4j.zeros(DataType.FLOAT, 3, 784);
        nan.putScalar(1, 5, Float.NaN);
        e = assertThrows(IllegalArgumentException.class, () -> new Trainer(vae, Objective.ANALYTIC_KL, TrainConfig.of(1, 1)).fit(nan));
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("row 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> vae.decode(Nd4j.zeros(DataType.FLOAT, 4, 3)));
        assertTrue(e.getMessage().contains("[4, 3]") && e.getMessage().contains("M = 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TrainConfig(1, 0, 1e-3, 1));
        assertTrue(e.getMessage().contains("batch size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TrainConfig(1, -5, 1e-3, 1));
        assertTrue(e.getMessage().contains("-5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> VaeConfig.mnist(0, 1));
        assertTrue(e.getMessage().contains("latent size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> vae.encode(Nd4j.zeros(DataType.DOUBLE, 3, 784)));
        assertTrue(e.getMessage().contains("DOUBLE"), e.getMessage());
    }

    @Test
    void apiShapes() {
        Vae vae = new Vae(small(2));
        INDArray x = bars(10, 1);
        Encoding q = vae.encode(x);
        assertArrayEquals(new long[]{10, 2}, q.mu().shape());
        assertArrayEquals(new long[]{10, 64}, vae.reconstruct(x).shape());
        INDArray s = vae.sample(7, 3);
        assertArrayEquals(new long[]{7, 64}, s.shape());
        assertTrue(s.minNumber().doubleValue() >= 0 && s.maxNumber().doubleValue() <= 1);
        assertEquals(s, vae.sample(7, 3));
        assertArrayEquals(new long[]{20, 2}, vae.posteriorSamples(x.getRow(0), 20, 1).shape());
        // encode on more rows than one chunk gives the same as row by row
        INDArray big = bars(2100, 4);
        assertEquals(vae.encode(big.getRow(2050).reshape(1, 64)).mu(), vae.encode(big).mu().getRow(2050).reshape(1, 2));
    }
}
