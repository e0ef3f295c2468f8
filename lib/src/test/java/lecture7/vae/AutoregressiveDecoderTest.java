package lecture7.vae;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The autoregressive Bernoulli decoder ({@link PixelAutoregression}): gradients of every parameter block against
 * central finite differences in double, the causal mask, the exact teacher-forced likelihood against an
 * independent pixel-by-pixel loop, sequential sampling, checkpoints, bad inputs and reproducibility.
 */
@Tag("slow")
class AutoregressiveDecoderTest {
    private static final int D = 12, H = 5, M = 3;

    private static VaeConfig config(int window) {
        return new VaeConfig(D, H, M, Likelihood.BERNOULLI, DataType.DOUBLE, 42, window);
    }

    /** Offset of W in the flat parameter array: after the encoder D→H→2M and the decoder M→H→D. */
    private static long arOffset() {
        return Mlp.size(D, H, 2 * M) + Mlp.size(M, H, D);
    }

    /** Random values in W's band (W starts at zero, which would make its gradient check trivial elsewhere). */
    private static void randomBand(Vae vae, int window, long seed) {
        Random rng = new Random(seed);
        long off = arOffset();
        for (int j = 0; j < D; j++)
            for (int k = 0; k < D; k++)
                if (PixelAutoregression.sees(k, j, window)) vae.params().putScalar(0, off + (long) j * D + k, rng.nextGaussian());
    }

    private static INDArray pixels(int n, long seed) {
        Random rng = new Random(seed);
        double[][] x = new double[n][D];
        for (double[] r : x) for (int k = 0; k < D; k++) r[k] = rng.nextDouble();
        return Nd4j.createFromArray(x);
    }

    private static INDArray gaussian(int n, int m, long seed) {
        Random rng = new Random(seed);
        double[][] e = new double[n][m];
        for (double[] r : e) for (int j = 0; j < m; j++) r[j] = rng.nextGaussian();
        return Nd4j.createFromArray(e);
    }

    private void gradientCheck(int window, Objective obj) {
        Vae vae = new Vae(config(window));
        randomBand(vae, window, 5);
        INDArray x = pixels(4, 7), eps = gaussian(4, M, 8);
        vae.computeGradient(x, eps, obj);
        double[] analytic = vae.gradients().toDoubleVector();
        INDArray p = vae.params();
        String[] names = {"encoder W1", "encoder b1", "encoder W2", "encoder b2", "decoder W3", "decoder b3", "decoder W4", "decoder b4",
                "autoregressive W"};
        long[] sizes = {D * H, H, H * 2 * M, 2 * M, M * H, H, H * D, D, D * D};
        long off = 0;
        for (int blk = 0; blk < sizes.length; blk++) {
            double worst = 0;
            int checked = 0;
            for (long i = off; i < off + sizes[blk]; i++) {
                if (blk == 8) {
                    int j = (int) ((i - off) / D), k = (int) ((i - off) % D);
                    if (!PixelAutoregression.sees(k, j, window)) {
                        // outside the band: no gradient at all, so Adam never moves the entry
                        assertTrue(analytic[(int) i] == 0, "W[" + j + "][" + k + "] is outside the band but has gradient " + analytic[(int) i]);
                        continue;
                    }
                }
                worst = Math.max(worst, CentralDifference.relativeError(vae, x, eps, obj, i, analytic[(int) i]));
                checked++;
            }
            assertTrue(checked > 0, names[blk] + ": nothing checked");
            assertTrue(worst < 1e-6, "window " + window + ", " + obj.name() + ", " + names[blk] + ": relative error " + worst);
            off += sizes[blk];
        }
        assertEquals(p.length(), off);
    }

    @Test
    void gradientsMatchFiniteDifferencesAllPreviousPixels() {
        gradientCheck(D - 1, Objective.ANALYTIC_KL);
    }

    @Test
    void gradientsMatchFiniteDifferencesLocalWindow() {
        gradientCheck(3, Objective.SINGLE_SAMPLE_KL);
    }

    @Test
    void gradientsMatchFiniteDifferencesMmdVae() {
        gradientCheck(D - 1, new MmdVae(10, MmdVae.LatentKernel.RBF, M, 3));
    }

    @Test
    void reconstructionIsTheExactSumOfPixelByPixelBernoulliTerms() {
        int window = 4;
        Vae vae = new Vae(config(window));
        randomBand(vae, window, 11);
        INDArray x = pixels(3, 12), eps = gaussian(3, M, 13);
        double rec = vae.loss(x, eps, Objective.ANALYTIC_KL).reconstruction();
        // independent computation: z = μ + σ ε, logit_d = MLP(z)_d + Σ_{d−w ≤ j < d} x_j W_jd, −ln p = Σ_d softplus(l) − x l
        Encoding q = vae.encode(x);
        INDArray z = q.mu().add(q.std().mul(eps));
        double[][] base = mlp(vae, z);
        double[][] xs = x.toDoubleMatrix();
        double[] w = vae.autoregression().weights().dup().data().asDouble();
        double sum = 0;
        for (int i = 0; i < 3; i++)
            for (int k = 0; k < D; k++) {
                double l = base[i][k];
                for (int j = Math.max(0, k - window); j < k; j++) l += xs[i][j] * w[j * D + k];
                double softplus = Math.max(l, 0) + Math.log1p(Math.exp(-Math.abs(l)));
                sum += softplus - xs[i][k] * l;
            }
        assertEquals(sum / 3, rec, 1e-12);
    }

    /** MLP_dec(z) by hand: ReLU(z W3 + b3) W4 + b4. */
    private static double[][] mlp(Vae vae, INDArray z) {
        Mlp dec = vae.decoder();
        INDArray h = z.mmul(dec.w1).addRowVector(dec.b1);
        h = org.nd4j.linalg.ops.transforms.Transforms.relu(h, true);
        return h.mmul(dec.w2).addRowVector(dec.b2).toDoubleMatrix();
    }

    @Test
    void logitOfPixelDNeverReadsPixelsAtOrAfterD() {
        int window = 5;
        VaeConfig cfg = new VaeConfig(D, H, M, Likelihood.BERNOULLI, DataType.FLOAT, 3, window);
        Vae vae = new Vae(cfg);
        // train a little, so that the mask is checked on weights Adam has moved
        new Trainer(vae, Objective.ANALYTIC_KL, new TrainConfig(3, 16, 1e-2, 4)).fit(pixels(64, 21).castTo(DataType.FLOAT));
        double[] w = vae.autoregression().weights().castTo(DataType.DOUBLE).dup().data().asDouble();
        int inBand = 0;
        for (int j = 0; j < D; j++)
            for (int k = 0; k < D; k++) {
                if (!PixelAutoregression.sees(k, j, window)) assertTrue(w[j * D + k] == 0, "W[" + j + "][" + k + "] left its mask: " + w[j * D + k]);
                else if (w[j * D + k] != 0) inBand++;
            }
        assertTrue(inBand > 0, "training did not move W at all");
        INDArray z = gaussian(2, M, 22).castTo(DataType.FLOAT), x = pixels(2, 23).castTo(DataType.FLOAT);
        double[][] before = vae.decode(z, x).toDoubleMatrix();
        for (int changed = 0; changed < D; changed++) {
            INDArray x2 = x.dup();
            x2.putScalar(0, changed, 1 - x2.getDouble(0, changed) + 0.5);
            double[][] after = vae.decode(z, x2).toDoubleMatrix();
            for (int k = 0; k < D; k++) {
                boolean reads = PixelAutoregression.sees(k, changed, window);
                if (!reads) assertEquals(before[0][k], after[0][k], 0.0, "logit " + k + " moved when pixel " + changed + " changed");
                assertEquals(before[1][k], after[1][k], 0.0, "row 1 moved when only row 0 changed");
            }
            if (changed + 1 < D) assertNotEquals(before[0][changed + 1], after[0][changed + 1], "logit " + (changed + 1) + " ignores pixel " + changed);
        }
    }

    @Test
    void samplingIsSequential() {
        // window 1, W_{d−1,d} = +40, logits −20 except pixel 0: pixel 0 decides, every later pixel copies its left neighbour
        Vae vae = new Vae(config(1));
        vae.params().assign(0);
        long off = arOffset();
        for (int k = 1; k < D; k++) vae.params().putScalar(0, off + (long) (k - 1) * D + k, 40);
        long b4 = arOffset() - D;
        for (int k = 0; k < D; k++) vae.params().putScalar(0, b4 + k, k == 0 ? 0 : -20);
        INDArray z = Nd4j.zeros(DataType.DOUBLE, 400, M);
        double[][] s = vae.generate(z, 9).toDoubleMatrix();
        int ones = 0;
        for (double[] r : s) {
            for (int k = 1; k < D; k++) assertEquals(r[0], r[k], "a sampled image is not constant: " + java.util.Arrays.toString(r));
            ones += (int) r[0];
        }
        // pixel 0 ~ Bernoulli(1/2): 400 draws within 4 standard errors (SE = √(400·¼) = 10)
        assertEquals(200, ones, 40);
        // the deterministic path: p_0 = ½, then logit = −20 + 40·½ = 0 → ½ for every pixel
        double[][] mean = vae.decodeMean(z.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1), org.nd4j.linalg.indexing.NDArrayIndex.all())).toDoubleMatrix();
        for (int k = 0; k < D; k++) assertEquals(0.5, mean[0][k], 1e-12);
        // same seed, same images; another seed, other images
        assertArrayEquals(flat(vae.generate(z, 9)), flat(vae.generate(z, 9)));
        assertFalse(java.util.Arrays.equals(flat(vae.generate(z, 9)), flat(vae.generate(z, 10))));
    }

    private static double[] flat(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    @Test
    void importanceSampledLogLikelihoodUsesTheAutoregressiveTerm() {
        int window = D - 1;
        Vae vae = new Vae(config(window));
        randomBand(vae, window, 31);
        INDArray x = pixels(1, 32);
        double est = vae.logLikelihood(x, 1, 33).mean();
        // K = 1 by hand with the same draws: ln w = ln p(x|z) + ln N(z|0,I) − ln N(z|μ,σ²)
        Encoding q = vae.encode(x);
        double[] mu = q.mu().toDoubleVector(), ls = q.logStd().toDoubleVector();
        Random rng = new Random(33);
        double[] z = new double[M];
        double lw = 0;
        for (int j = 0; j < M; j++) {
            double e = rng.nextGaussian();
            z[j] = mu[j] + Math.exp(ls[j]) * e;
            // −½ z² + ln σ + ½ ε²  (the ½ ln 2π cancel)
            lw += -0.5 * z[j] * z[j] + ls[j] + 0.5 * e * e;
        }
        double[] logits = vae.decode(Nd4j.createFromArray(new double[][]{z}), x).toDoubleVector(), xs = x.toDoubleVector();
        for (int k = 0; k < D; k++) lw -= Math.max(logits[k], 0) + Math.log1p(Math.exp(-Math.abs(logits[k]))) - xs[k] * logits[k];
        assertEquals(lw, est, 1e-9);
    }

    @Test
    void sameSeedSameNumbers() {
        INDArray x = pixels(96, 41).castTo(DataType.FLOAT);
        double[][] runs = new double[2][];
        for (int r = 0; r < 2; r++) {
            Vae vae = new Vae(new VaeConfig(D, H, M, Likelihood.BERNOULLI, DataType.FLOAT, 7, 5));
            History h = new Trainer(vae, new MmdVae(10, MmdVae.LatentKernel.RBF, M, 1), new TrainConfig(2, 32, 1e-2, 8)).fit(x);
            assertFalse(h.stopped());
            runs[r] = vae.params().toDoubleVector();
        }
        assertArrayEquals(runs[0], runs[1]);
    }

    @Test
    void checkpointKeepsTheWindow(@TempDir Path dir) {
        int window = 4;
        Vae vae = new Vae(new VaeConfig(D, H, M, Likelihood.BERNOULLI, DataType.FLOAT, 5, window));
        new Trainer(vae, Objective.ANALYTIC_KL, new TrainConfig(1, 16, 1e-2, 4)).fit(pixels(32, 51).castTo(DataType.FLOAT));
        Path f = dir.resolve("ar.ckpt");
        vae.save(f);
        Vae back = Vae.load(f);
        assertEquals(vae.config(), back.config());
        assertEquals(window, back.autoregression().window());
        assertArrayEquals(vae.params().toFloatVector(), back.params().toFloatVector());
        // the plain VAE still writes and reads version 1
        Vae plain = new Vae(new VaeConfig(D, H, M, Likelihood.BERNOULLI, DataType.FLOAT, 5));
        plain.save(dir.resolve("plain.ckpt"));
        assertNull(Vae.load(dir.resolve("plain.ckpt")).autoregression());
    }

    @Test
    void badInputsAreExplained() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config(D));
        assertTrue(e.getMessage().contains("pixel window"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> config(-1));
        e = assertThrows(IllegalArgumentException.class, () -> new VaeConfig(D, H, M, Likelihood.GAUSSIAN, DataType.DOUBLE, 1, 3));
        assertTrue(e.getMessage().contains("Bernoulli"), e.getMessage());
        Vae vae = new Vae(config(3));
        INDArray z = gaussian(2, M, 1);
        IllegalStateException s = assertThrows(IllegalStateException.class, () -> vae.decode(z));
        assertTrue(s.getMessage().contains("decode(z, x)"), s.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> vae.decode(z, pixels(3, 1)));
        assertTrue(e.getMessage().contains("rows"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> vae.decode(z, Nd4j.zeros(DataType.DOUBLE, 2, D + 1)));
        assertTrue(e.getMessage().contains("[n, " + D + "]"), e.getMessage());
        assertEquals(0, new VaeConfig(D, H, M, Likelihood.GAUSSIAN, DataType.DOUBLE, 1).pixelWindow());
        assertEquals(config(0).numParams() + (long) D * D, config(3).numParams());
    }
}
