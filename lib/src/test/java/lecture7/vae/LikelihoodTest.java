package lecture7.vae;

import lecture7.compute.BernoulliFloat32;
import lecture7.compute.VectorSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Likelihoods are defined pixel by pixel; the fast array paths of the built-in ones are held to those definitions,
 * and a likelihood the kit does not know (logistic) is trained, sampled, scored and saved through the same interface.
 */
class LikelihoodTest {

    /**
     * The logistic distribution with location θ and scale 1, p(x|θ) = e^{−r}/(1 + e^{−r})² with r = x − θ: a third
     * observation model (heavier tails than the Gaussian), defined only by its four pixel methods, to show that
     * nothing in the VAE assumes Bernoulli or Gaussian.
     */
    static final Likelihood LOGISTIC = new Likelihood() {
        @Override
        public String name() {
            return "logistic";
        }

        @Override
        public double pixelNegLogLikelihood(double x, double theta) {
            // −ln p = r + 2 ln(1 + e^{−r}) = r + 2 softplus(−r),   softplus(s) = max(s, 0) + ln(1 + e^{−|s|})
            double r = x - theta;
            return r + 2 * (Math.max(-r, 0) + Math.log1p(Math.exp(-Math.abs(r))));
        }

        @Override
        public double pixelGradient(double x, double theta) {
            // ∂/∂θ = −(1 − 2 sigmoid(−r)) = 1 − 2 sigmoid(r)
            return 1 - 2 * Likelihood.sigmoid(x - theta);
        }

        @Override
        public double pixelMean(double theta) {
            return theta;
        }

        @Override
        public double sample(double theta, Random rng) {
            // inverse CDF: x = θ + ln(u / (1 − u)),  u ~ U(0, 1)
            double u = rng.nextDouble();
            return theta + Math.log(u / (1 - u));
        }
    };

    /** θ over the whole range (including far beyond exp's), x in [0, 1]; {@code [rows, cols]}. */
    private static INDArray[] thetaAndX(DataType t, int rows, int cols, long seed) {
        Random r = new Random(seed);
        double[][] th = new double[rows][cols], x = new double[rows][cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) {
                th[i][j] = 8 * r.nextGaussian();
                x[i][j] = j % 3 == 0 ? r.nextDouble() : r.nextInt(2);
            }
        th[0][0] = 0;
        th[0][1] = -200;
        th[0][2] = 200;
        return new INDArray[]{Nd4j.createFromArray(th).castTo(t), Nd4j.createFromArray(x).castTo(t)};
    }

    /** The definition summed in double: total, per row, and scale · ∂/∂θ. */
    private static double[][] definition(Likelihood l, INDArray theta, INDArray x, double scale) {
        double[][] th = theta.castTo(DataType.DOUBLE).toDoubleMatrix(), xs = x.castTo(DataType.DOUBLE).toDoubleMatrix();
        int n = th.length, d = th[0].length;
        double[] rows = new double[n], grad = new double[n * d];
        double total = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) {
                rows[i] += l.pixelNegLogLikelihood(xs[i][j], th[i][j]);
                grad[i * d + j] = scale * l.pixelGradient(xs[i][j], th[i][j]);
            }
        for (double v : rows) total += v;
        return new double[][]{{total}, rows, grad};
    }

    private static void assertPathsMatchDefinition(Likelihood l, DataType t, double rel, double gradTol) {
        INDArray[] a = thetaAndX(t, 10, 101, 3); // 1010 pixels: SIMD blocks and a tail
        INDArray theta = a[0], x = a[1];
        double[][] def = definition(l, theta, x, 0.5);
        INDArray d = theta.like();
        double batch = l.negLogLikelihood(x, theta.dup(), d, 0.5, theta.like());
        String what = l.name() + " " + t;
        assertEquals(def[0][0], batch, rel * Math.abs(def[0][0]), what + ": batch sum");
        double[] g = d.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (int i = 0; i < g.length; i++) assertEquals(def[2][i], g[i], gradTol, what + ": gradient " + i);
        double[] rows = new double[10];
        l.rowNegLogLikelihoods(x, theta.dup(), theta.like(), rows);
        for (int i = 0; i < 10; i++) assertEquals(def[1][i], rows[i], rel * Math.abs(def[1][i]) + 1e-12, what + ": row " + i);
        double[][] mean = l.mean(theta).castTo(DataType.DOUBLE).toDoubleMatrix(), th = theta.castTo(DataType.DOUBLE).toDoubleMatrix();
        for (int i = 0; i < 10; i++)
            for (int j = 0; j < 101; j++) assertEquals(l.pixelMean(th[i][j]), mean[i][j], t == DataType.FLOAT ? 1e-7 : 1e-15, what + ": mean");
    }

    @Test
    void builtInFastPathsMatchTheirDefinitions() {
        assertPathsMatchDefinition(Likelihood.BERNOULLI, DataType.DOUBLE, 1e-14, 1e-15);
        assertPathsMatchDefinition(Likelihood.BERNOULLI, DataType.FLOAT, 1e-6, 1e-7);
        assertPathsMatchDefinition(Likelihood.GAUSSIAN, DataType.DOUBLE, 1e-13, 1e-13);
        assertPathsMatchDefinition(Likelihood.GAUSSIAN, DataType.FLOAT, 1e-6, 1e-5);
        assertPathsMatchDefinition(LOGISTIC, DataType.DOUBLE, 1e-14, 0);
    }

    @Test
    void bothFloat32BernoulliPathsMatchTheDefinitionRowByRow() {
        INDArray[] a = thetaAndX(DataType.FLOAT, 10, 101, 4);
        double[][] def = definition(Likelihood.BERNOULLI, a[0], a[1], 1);
        for (boolean vector : VectorSupport.available() ? List.of(false, true) : List.of(false)) {
            double[] rows = new double[10];
            BernoulliFloat32.rowNegLogLikelihoods(a[1], a[0].dup(), a[0].like(), rows, vector);
            for (int i = 0; i < 10; i++) assertEquals(def[1][i], rows[i], 1e-6 * Math.abs(def[1][i]), (vector ? "SIMD" : "scalar") + " row " + i);
            assertEquals(def[0][0], BernoulliFloat32.negLogLikelihood(a[1], a[0].dup(), null, 1, a[0].like(), vector), 1e-6 * def[0][0]);
        }
    }

    @Test
    void pixelDefinitionsAgreeWithTheirClosedForms() {
        for (double t : new double[]{-30, -2, -0.1, 0, 0.3, 5, 40})
            for (double x : new double[]{0, 0.25, 1}) {
                double s = 1 / (1 + Math.exp(-t));
                // −[x ln s + (1 − x) ln(1 − s)], where it is representable
                if (Math.abs(t) < 20)
                    assertEquals(-(x * Math.log(s) + (1 - x) * Math.log(1 - s)), Likelihood.BERNOULLI.pixelNegLogLikelihood(x, t), 1e-12);
                assertEquals(s - x, Likelihood.BERNOULLI.pixelGradient(x, t), 1e-15);
                // −ln N(x | θ, 1), where the density is representable
                if (Math.abs(t) < 20) assertEquals(-Math.log(Math.exp(-0.5 * (x - t) * (x - t)) / Math.sqrt(2 * Math.PI)), Likelihood.GAUSSIAN.pixelNegLogLikelihood(x, t),
                        1e-12 * (1 + (x - t) * (x - t)));
            }
    }

    @Test
    void aThirdLikelihoodHasExactGradients() {
        new VaeGradientTest().check(LOGISTIC, Objective.ANALYTIC_KL);
    }

    /** The continuous data the logistic VAE is tried on, {@code [n, 6]}: two clusters. */
    private static INDArray clusters(int n, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][6];
        for (double[] row : x) {
            int c = r.nextInt(2);
            for (int j = 0; j < 6; j++) row[j] = (c == 0 ? 1 : -1) * (j < 3 ? 2 : -1) + 0.3 * r.nextGaussian();
        }
        return Nd4j.createFromArray(x);
    }

    @Test
    void aThirdLikelihoodIsSampledAndScoredByItsOwnFormulas(@TempDir Path dir) {
        VaeConfig cfg = new VaeConfig(6, 8, 2, LOGISTIC, DataType.DOUBLE, 5);
        Vae vae = new Vae(cfg);
        INDArray x = clusters(200, 1);
        History h = new Trainer(vae, Objective.ANALYTIC_KL, new TrainConfig(30, 20, 1e-2, 2)).fit(x);
        assertFalse(h.stopped(), h.stopReason());
        assertTrue(h.finalLoss() < h.trainLoss()[0] - 1, "the loss went from " + h.trainLoss()[0] + " to " + h.finalLoss());

        // generate: x_ik = LOGISTIC.sample(θ_ik) in raster order from Random(seed)
        INDArray z = vae.prior(3, 7);
        double[][] theta = vae.decode(z).toDoubleMatrix(), drawn = vae.generate(z, 8).toDoubleMatrix();
        Random rng = new Random(8);
        for (int i = 0; i < 3; i++)
            for (int k = 0; k < 6; k++) assertEquals(LOGISTIC.sample(theta[i][k], rng), drawn[i][k], 0.0, "pixel " + i + "," + k);
        assertArrayEquals(theta[0], vae.decodeMean(z).toDoubleMatrix()[0], 0.0, "E[x|z] = θ");

        // ln p(x) with K = 1: one z = μ + σε per image, ln w = −Σ_pixels nll(x, θ(z)) + ln N(z|0,I) − ln N(z|μ,σ²)
        INDArray xs = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4), org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
        double[] est = vae.logLikelihood(xs, 1, 9).perImage();
        Encoding q = vae.encode(xs);
        double[][] mu = q.mu().toDoubleMatrix(), ls = q.logStd().toDoubleMatrix(), xd = xs.toDoubleMatrix();
        Random e = new Random(9);
        for (int i = 0; i < 4; i++) {
            double[] zi = new double[2];
            double lw = 0;
            for (int j = 0; j < 2; j++) {
                double eps = e.nextGaussian();
                zi[j] = mu[i][j] + Math.exp(ls[i][j]) * eps;
                lw += -0.5 * zi[j] * zi[j] + ls[i][j] + 0.5 * eps * eps;
            }
            double[] th = vae.decode(Nd4j.createFromArray(new double[][]{zi})).toDoubleMatrix()[0];
            for (int k = 0; k < 6; k++) lw -= LOGISTIC.pixelNegLogLikelihood(xd[i][k], th[k]);
            assertEquals(lw, est[i], 1e-10, "image " + i);
        }

        // checkpoints: the name is stored; loading needs the likelihood, and says so
        Path f = dir.resolve("logistic.ckpt");
        vae.save(f);
        CheckpointException ex = assertThrows(CheckpointException.class, () -> Vae.load(f));
        assertTrue(ex.getMessage().contains("'logistic'") && ex.getMessage().contains("Vae.load(file, likelihood)"), ex.getMessage());
        Vae back = Vae.load(f, LOGISTIC);
        assertSame(LOGISTIC, back.config().likelihood());
        assertEquals(vae.params(), back.params());
    }
}
