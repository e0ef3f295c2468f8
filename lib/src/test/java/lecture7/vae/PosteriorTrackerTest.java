package lecture7.vae;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class PosteriorTrackerTest {
    @Test
    void crossFractionOfGaussians() {
        // identical posteriors: q_B > q_A on a measure-zero set → 0; far apart → 0; B much wider centred on A:
        // P[ln N(z|0, 9) > ln N(z|0, 1)] for z ~ N(0, 1): −ln 3 − z²/18 > −z²/2 ⇔ z² > (9/4) ln 3 = 2.4719,
        // P[|z| > 1.5722] = 2 (1 − Φ(1.5722)) ≈ 0.1159 (normal table, Φ(1.5722) ≈ 0.94205)
        assertEquals(0.0, PosteriorTracker.cross(new double[]{0}, new double[]{1}, new double[]{0}, new double[]{1}, new Random(1)), 0.0);
        assertEquals(0.0, PosteriorTracker.cross(new double[]{0}, new double[]{1}, new double[]{50}, new double[]{1}, new Random(1)), 0.0);
        double p = PosteriorTracker.cross(new double[]{0}, new double[]{1}, new double[]{0}, new double[]{3}, new Random(2));
        assertEquals(0.1159, p, 4 * Math.sqrt(0.1159 * 0.8841 / 4000));
    }

    @Test
    void recordsAtTheRequestedSteps() {
        Vae vae = new Vae(VaeTrainingTest.small(1));
        INDArray x = VaeTrainingTest.bars(128, 3);
        PosteriorTracker t = new PosteriorTracker(vae, x.getRow(0), x.getRow(1), new long[]{0, 2, 5, 1000}, 6, 1);
        new Trainer(vae, Objective.ANALYTIC_KL, new TrainConfig(1, 16, 1e-3, 1)).listener(t).fit(x);
        var s = t.snapshots();
        assertEquals(3, s.size());
        assertArrayEquals(new long[]{0, 2, 5}, s.stream().mapToLong(PosteriorTracker.Snapshot::step).toArray());
        assertArrayEquals(new long[]{6, 2}, s.get(1).samplesA().shape());
        assertArrayEquals(new long[]{6, 64}, s.get(1).decodedB().shape());
        assertTrue(s.get(2).crossA() >= 0 && s.get(2).crossA() <= 1);
    }
}
