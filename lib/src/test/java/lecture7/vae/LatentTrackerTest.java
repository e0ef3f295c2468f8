package lecture7.vae;

import lecture7.infotheory.FactorInformation;
import lecture7.infotheory.GaussianCodes;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class LatentTrackerTest {
    /** Factor classes of the bars images: which bar (0–7) and its orientation (0/1), recomputed from the pixels. */
    static int[][] barFactors(INDArray x) {
        int n = (int) x.rows();
        int[][] f = new int[n][2];
        for (int i = 0; i < n; i++) {
            float[] px = x.getRow(i).toFloatVector();
            // a horizontal bar fills row k: pixels k·8 … k·8+7
            for (int k = 0; k < 8; k++) {
                boolean row = true;
                for (int j = 0; j < 8; j++) row &= px[k * 8 + j] == 1f;
                if (row) f[i] = new int[]{k, 1};
            }
            if (f[i][1] == 0) for (int k = 0; k < 8; k++) if (px[k] == 1f && px[8 + k] == 1f) f[i] = new int[]{k, 0};
        }
        return f;
    }

    @Test
    void recordsEveryKStepsWithTheClosedFormKlOfEachLatent() {
        Vae vae = new Vae(VaeTrainingTest.small(1));
        INDArray x = VaeTrainingTest.bars(128, 3);
        int[][] factors = barFactors(x);
        LatentTracker t = new LatentTracker(vae, Objective.ANALYTIC_KL, x, factors, 8);
        // 128 images, batch 16: 8 steps per epoch, 2 epochs = 16 steps → records at 0, 8, 16
        new Trainer(vae, Objective.ANALYTIC_KL, new TrainConfig(2, 16, 3e-3, 1)).listener(t).fit(x);
        List<LatentTracker.Record> r = t.records();
        assertArrayEquals(new long[]{0, 8, 16}, r.stream().mapToLong(LatentTracker.Record::step).toArray());
        LatentTracker.Record last = r.get(2);
        // the last record is the trained VAE: E_x KL_j = mean_i ½ (μ_ij² + σ_ij² − 2 ln σ_ij − 1), by hand
        Encoding q = vae.encode(x);
        double[][] mu = q.mu().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
        double[][] ls = q.logStd().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
        double total = 0;
        for (int j = 0; j < 2; j++) {
            double kl = 0;
            for (int i = 0; i < 128; i++) kl += 0.5 * (mu[i][j] * mu[i][j] + Math.exp(2 * ls[i][j]) - 2 * ls[i][j] - 1) / 128;
            assertEquals(kl, last.perDimKl()[j], 1e-5 * Math.max(1, kl), "KL of latent " + j);
            total += kl;
        }
        assertEquals(total, last.totalKl(), 1e-5 * Math.max(1, total));
        // the MI rows are I(z_j; v_k) under the sampled posterior of the same codes, and on this trained model never
        // above what latent j spends (I(z_j; v_k) ≤ E_x KL(q(z_j|x) ‖ p(z_j))) nor above the factor's entropy
        double[][] mi = FactorInformation.of(new GaussianCodes(q.mu(), q.logStd()), factors).byFactor();
        for (int k = 0; k < 2; k++)
            for (int j = 0; j < 2; j++) {
                assertEquals(mi[k][j], last.factorMi()[k][j], 1e-12);
                assertTrue(last.factorMi()[k][j] <= last.perDimKl()[j], "I(z" + j + "; v" + k + ") = " + last.factorMi()[k][j]
                        + " above the latent's KL " + last.perDimKl()[j]);
                assertTrue(last.factorMi()[k][j] <= Math.log(k == 0 ? 8 : 2) + 1e-9);
            }
        // training moved the code: the first and the last record differ
        assertNotEquals(r.get(0).totalKl(), last.totalKl());
        assertTrue(Double.isNaN(last.schedule()), "the plain VAE has no schedule");
    }

    @Test
    void onATrainedVaeNoLatentKnowsMoreAboutAFactorThanItsKl() {
        // a VAE trained to a low loss on the bars (15 epochs, as VaeTrainingTest): I(z_j; v_k) under the sampled
        // posterior ≤ E_x KL(q(z_j|x) ‖ p(z_j)) for every latent and factor, while the code does know the factors
        Vae vae = new Vae(VaeTrainingTest.small(1));
        INDArray x = VaeTrainingTest.bars(512, 2);
        new Trainer(vae, Objective.ANALYTIC_KL, new TrainConfig(15, 32, 3e-3, 4)).fit(x);
        int[][] factors = barFactors(x);
        Encoding q = vae.encode(x);
        FactorInformation fi = FactorInformation.of(new GaussianCodes(q.mu(), q.logStd()), factors);
        double known = 0;
        for (int k = 0; k < 2; k++)
            for (int j = 0; j < 2; j++) {
                double mi = fi.byFactor()[k][j];
                assertTrue(mi <= fi.bound()[j], "I(z" + j + "; v" + k + ") = " + mi + " above the latent's KL " + fi.bound()[j]);
                assertTrue(mi >= -1e-9, "I(z" + j + "; v" + k + ") = " + mi);
                known += mi;
            }
        assertTrue(known > 1, "the trained code knows the bars: Σ I(z_j; v_k) = " + known);
    }

    @Test
    void recordsTheCapacityAndTheAnnealedBetaOfEachStep() {
        INDArray x = VaeTrainingTest.bars(64, 4);
        // 64 images, batch 16, 2 epochs = 8 steps; C(t) from 0 to 10 nats over 8 steps: 5 at step 4, 10 at step 8
        CapacityObjective cap = new CapacityObjective(1000, new Schedule(0, 10, 8));
        Vae v1 = new Vae(VaeTrainingTest.small(2));
        LatentTracker t1 = new LatentTracker(v1, cap, x, null, 4);
        new Trainer(v1, cap, new TrainConfig(2, 16, 1e-3, 2)).listener(t1).fit(x);
        assertArrayEquals(new double[]{0, 5, 10}, t1.records().stream().mapToDouble(LatentTracker.Record::schedule).toArray(), 1e-12);
        assertNull(t1.records().get(1).factorMi(), "no factors, no MI");
        // β(t) from 20 down to 4 over 8 steps: 12 at step 4
        AnnealedBetaVae ann = new AnnealedBetaVae(new Schedule(20, 4, 8));
        Vae v2 = new Vae(VaeTrainingTest.small(3));
        LatentTracker t2 = new LatentTracker(v2, ann, x, null, 4);
        new Trainer(v2, ann, new TrainConfig(2, 16, 1e-3, 3)).listener(t2).fit(x);
        assertArrayEquals(new double[]{20, 12, 4}, t2.records().stream().mapToDouble(LatentTracker.Record::schedule).toArray(), 1e-12);
    }

    @Test
    void badSettingsAreRefusedInTheCallersTerms() {
        Vae vae = new Vae(VaeTrainingTest.small(1));
        INDArray x = VaeTrainingTest.bars(16, 1);
        assertThrows(IllegalArgumentException.class, () -> new LatentTracker(vae, Objective.ANALYTIC_KL, x, null, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LatentTracker(vae, Objective.ANALYTIC_KL, x, new int[3][2], 5));
        assertTrue(e.getMessage().contains("16 tracked images but 3 factor rows"), e.getMessage());
    }
}
