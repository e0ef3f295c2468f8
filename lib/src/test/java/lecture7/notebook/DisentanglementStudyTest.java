package lecture7.notebook;

import lecture7.data.Sprites;
import lecture7.vae.AnnealedBetaVae;
import lecture7.vae.CapacityObjective;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class DisentanglementStudyTest {
    @Test
    void fullModeSettingsAsTheNotebookDescribesThem() {
        DisentanglementStudy full = new DisentanglementStudy(false);
        Sprites grid = full.grid();
        assertEquals(6 * 16 * 8, grid.count());
        // 768 images × 16 per epoch / batch 256 = 48 steps, × 96 epochs
        assertEquals(4608, full.steps(grid));
        var specs = full.objectives(grid);
        assertEquals(5, specs.size());
        for (var s : specs) assertTrue(Results.OBJECTIVES.contains(s.objective()), s.objective());
        assertEquals(5, full.seeds(specs.get(0)));
        assertEquals(5, full.seeds(specs.get(4)), "β-TCVAE: as many seeds as the others");
        // the schedules ramp over the first ⅔ of training and the objectives are fresh for every run
        AnnealedBetaVae a = (AnnealedBetaVae) specs.get(2).make().get();
        assertEquals(4608 * 2 / 3, a.schedule().steps());
        assertNotSame(a, specs.get(2).make().get());
        CapacityObjective c = (CapacityObjective) specs.get(3).make().get();
        assertEquals(DisentanglementStudy.CAPACITY_GAMMA, c.gamma());
        assertTrue(DisentanglementStudy.tracked(specs.get(3), 1) && !DisentanglementStudy.tracked(specs.get(3), 2));
        assertFalse(DisentanglementStudy.tracked(specs.get(0), 1));
    }

    @Test
    void capacityEndsAboveTheEntropyOfTheData() {
        // Burgess et al. raise C until the reconstructions are good: C_max must leave room for all of H(x), computed
        // exactly from the factor → image map (lecture7.infotheory.ImageEntropy), or the code cannot tell the images apart
        Sprites grid = new DisentanglementStudy(false).grid();
        double entropy = lecture7.infotheory.ImageEntropy.of(grid.all().images()).nats();
        assertTrue(DisentanglementStudy.CAPACITY_MAX > entropy, "C_max " + DisentanglementStudy.CAPACITY_MAX + " vs H(x) " + entropy);
        assertTrue(entropy <= Math.log(grid.distinctImages()) + 1e-12);
    }

    @Test
    void entropyOfTheDataIsTheSameBitsWhateverTheJvmDidBefore() {
        // the sprites' rows crowd some buckets of a HashMap, whose order there follows identity hashes: H(x) summed
        // in that order changed in its last digits with what the JVM had hashed before (6.037285950157691…697)
        org.nd4j.linalg.api.ndarray.INDArray x = new DisentanglementStudy(false).grid().all().images();
        double first = lecture7.infotheory.ImageEntropy.of(x).nats();
        for (int k : new int[]{1, 977, 31_337, 100_003}) {
            for (int i = 0; i < k; i++) System.identityHashCode(new Object());
            assertEquals(Double.doubleToRawLongBits(first), Double.doubleToRawLongBits(lecture7.infotheory.ImageEntropy.of(x).nats()),
                    "after " + k + " identity hashes");
        }
    }
}
