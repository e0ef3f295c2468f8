package lecture7.viz;

import lecture7.vae.LatentTracker;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DisentanglementRunsTest {
    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(0.3, DisentanglementRuns.median(new double[]{0.5, 0.1, 0.3}), 0);
        assertEquals(0.25, DisentanglementRuns.median(new double[]{0.4, 0.1, 0.3, 0.2}), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> DisentanglementRuns.median(new double[0]));
    }

    @Test
    void figuresOfSeedsSweepsAndTrackedRuns() {
        BufferedImage strip = DisentanglementRuns.migBySeed("MIG", List.of("VAE", "β-VAE"),
                List.of(new double[]{0.1, 0.2, 0.15}, new double[]{0.3, 0.35, 0.32}), 0.3);
        assertTrue(strip.getWidth() > 100 && strip.getHeight() > 100);
        BufferedImage sweep = DisentanglementRuns.betaSweep("sweep", new double[]{1, 4, 16},
                new double[][]{{10, 11}, {20, 21}, {40, 41}}, new double[][]{{9, 9}, {4, 4}, {2, 2}}, new double[][]{{.1, .1}, {.2, .3}, {.3, .3}});
        assertTrue(sweep.getWidth() > 100);
        List<LatentTracker.Record> rec = List.of(
                new LatentTracker.Record(0, new double[]{0, 0}, new double[][]{{0, 0}, {0, 0}}, 0),
                new LatentTracker.Record(100, new double[]{1.5, 0.01}, new double[][]{{1.2, 0}, {0.1, 0}}, 2));
        assertTrue(DisentanglementRuns.klByStep("capacity", rec, "C(t)", 0.05).getWidth() > 100);
        assertTrue(DisentanglementRuns.klByStep("annealed", rec, "β(t)", 0.05).getWidth() > 100);
        assertTrue(DisentanglementRuns.factorMiByStep("MI", rec, new String[]{"posX", "posY"}, 0.5).getWidth() > 100);
        assertThrows(IllegalArgumentException.class, () -> DisentanglementRuns.factorMiByStep("MI",
                List.of(new LatentTracker.Record(0, new double[]{0}, null, 0)), new String[]{"x"}, 0.1));
        assertThrows(IllegalArgumentException.class, () -> DisentanglementRuns.migBySeed("MIG", List.of("a"), List.of(), Double.NaN));
    }
}
