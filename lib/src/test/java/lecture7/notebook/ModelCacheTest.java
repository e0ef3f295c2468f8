package lecture7.notebook;

import lecture7.vae.BetaVae;
import lecture7.vae.CapacityObjective;
import lecture7.vae.LatentTracker;
import lecture7.vae.Likelihood;
import lecture7.vae.Schedule;
import lecture7.vae.TrainConfig;
import lecture7.vae.VaeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class ModelCacheTest {
    static INDArray images(int n, long seed) {
        Random r = new Random(seed);
        float[] px = new float[n * 64];
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(8);
            for (int j = 0; j < 8; j++) px[i * 64 + k * 8 + j] = 1f;
        }
        return Nd4j.create(px, new long[]{n, 64}, DataType.FLOAT);
    }

    static final VaeConfig CFG = new VaeConfig(64, 16, 2, Likelihood.BERNOULLI, DataType.FLOAT, 5);

    @Test
    void trainsOnceThenLoadsTheSameWeightsAndRecords(@TempDir Path dir) throws Exception {
        ModelCache cache = new ModelCache(dir);
        INDArray x = images(64, 1);
        int[][] factors = new int[64][1];
        for (int i = 0; i < 64; i++) factors[i][0] = i % 4;
        ModelCache.Tracking track = new ModelCache.Tracking(x, factors, 2);
        var make = (java.util.function.Supplier<lecture7.vae.Objective>) () -> new CapacityObjective(1000, new Schedule(0, 3, 6));
        ModelCache.Run first = cache.fit("capacity γ=1000", CFG, make, new TrainConfig(2, 16, 1e-3, 7), x, track);
        assertFalse(first.loaded());
        assertTrue(first.how().startsWith("trained in"), first.how());
        assertTrue(Files.exists(first.file()));
        assertEquals(5, first.records().size(), "records at steps 0, 2, 4, 6, 8");
        ModelCache.Run second = cache.fit("capacity γ=1000", CFG, make, new TrainConfig(2, 16, 1e-3, 7), x, track);
        assertTrue(second.loaded());
        assertTrue(second.how().startsWith("loaded from"), second.how());
        assertEquals(first.file(), second.file());
        assertArrayEquals(first.vae().params().toFloatVector(), second.vae().params().toFloatVector());
        assertEquals(first.records().size(), second.records().size());
        for (int i = 0; i < first.records().size(); i++) {
            LatentTracker.Record a = first.records().get(i), b = second.records().get(i);
            assertEquals(a.step(), b.step());
            assertEquals(a.schedule(), b.schedule());
            assertArrayEquals(a.perDimKl(), b.perDimKl());
            assertArrayEquals(a.factorMi()[0], b.factorMi()[0]);
        }
        // one line per model and its seeds, saying which were loaded and which trained
        String both = cache.summary("capacity", List.of(second, first));
        assertTrue(both.startsWith("capacity, seeds 1–2: 1 loaded from " + dir), both);
        assertTrue(both.contains("; 1 trained now in "), both);
        String loaded = cache.summary("capacity", List.of(second, second));
        assertTrue(loaded.startsWith("capacity, seeds 1–2: loaded from ") && !loaded.contains("trained now"), loaded);
        assertTrue(cache.summary("capacity", List.of(first)).startsWith("capacity, seed 1: trained now in "));
        assertThrows(IllegalArgumentException.class, () -> cache.summary("none", List.of()));
        String models = cache.summaryOfModels("β sweep", List.of(second, first, second));
        assertTrue(models.startsWith("β sweep, 3 models: 2 loaded from " + dir), models);
        assertTrue(models.contains("; 1 trained now in "), models);
        assertThrows(IllegalArgumentException.class, () -> cache.summaryOfModels("none", List.of()));
    }

    @Test
    void anyChangeOfTheRunTrainsAnew(@TempDir Path dir) {
        ModelCache cache = new ModelCache(dir);
        INDArray x = images(32, 2);
        ModelCache.Run a = cache.fit("β-VAE", CFG, () -> new BetaVae(4), new TrainConfig(1, 16, 1e-3, 1), x, null);
        ModelCache.Run otherBeta = cache.fit("β-VAE", CFG, () -> new BetaVae(8), new TrainConfig(1, 16, 1e-3, 1), x, null);
        ModelCache.Run otherSeed = cache.fit("β-VAE", CFG, () -> new BetaVae(4), new TrainConfig(1, 16, 1e-3, 2), x, null);
        ModelCache.Run otherData = cache.fit("β-VAE", CFG, () -> new BetaVae(4), new TrainConfig(1, 16, 1e-3, 1), images(32, 3), null);
        for (ModelCache.Run r : new ModelCache.Run[]{otherBeta, otherSeed, otherData}) {
            assertFalse(r.loaded());
            assertNotEquals(a.file(), r.file());
        }
        assertTrue(cache.fit("β-VAE", CFG, () -> new BetaVae(4), new TrainConfig(1, 16, 1e-3, 1), x, null).loaded());
    }

    @Test
    void aCorruptCheckpointIsTrainedAgain(@TempDir Path dir) throws Exception {
        ModelCache cache = new ModelCache(dir);
        INDArray x = images(32, 4);
        ModelCache.Run a = cache.fit("VAE", CFG, BetaVae::plain, new TrainConfig(1, 16, 1e-3, 1), x, null);
        byte[] bytes = Files.readAllBytes(a.file());
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(a.file(), bytes);
        ModelCache.Run b = cache.fit("VAE", CFG, BetaVae::plain, new TrainConfig(1, 16, 1e-3, 1), x, null);
        assertFalse(b.loaded(), "the CRC-32 catches the flipped byte, so the model is trained again");
        assertArrayEquals(a.vae().params().toFloatVector(), b.vae().params().toFloatVector(), "same seed, same weights");
        assertTrue(cache.fit("VAE", CFG, BetaVae::plain, new TrainConfig(1, 16, 1e-3, 1), x, null).loaded());
    }

    @Test
    void fileNamesAreReadable() {
        assertEquals("beta-tcvae-beta-6-s3", ModelCache.slug("β-TCVAE β=6 s3"));
        assertEquals("capacity-gamma-1000-c-6", ModelCache.slug("capacity γ=1000 C→6"));
    }
}
