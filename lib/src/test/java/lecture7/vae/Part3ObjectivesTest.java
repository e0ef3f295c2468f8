package lecture7.vae;

import lecture7.infotheory.MinibatchEstimator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Random;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.*;

class Part3ObjectivesTest {
    private static final int N = 6, M = 3;

    /** A batch of latents in double: μ, ln σ, ε, z = μ + σ ε, from a seed. */
    private static double[][][] batch(long seed) {
        Random r = new Random(seed);
        double[][] mu = new double[N][M], ls = new double[N][M], eps = new double[N][M], z = new double[N][M];
        for (int i = 0; i < N; i++)
            for (int j = 0; j < M; j++) {
                mu[i][j] = r.nextGaussian();
                ls[i][j] = -0.7 + 0.3 * r.nextGaussian();
                eps[i][j] = r.nextGaussian();
                z[i][j] = mu[i][j] + Math.exp(ls[i][j]) * eps[i][j];
            }
        return new double[][][]{mu, ls, eps, z};
    }

    private static Latents latents(double[][][] b) {
        INDArray mu = Nd4j.createFromArray(b[0]), ls = Nd4j.createFromArray(b[1]);
        return new Latents(mu, ls, Transforms.exp(ls, true), Nd4j.createFromArray(b[2]), Nd4j.createFromArray(b[3]));
    }

    /** ∂R/∂μ, ∂R/∂ln σ, ∂R/∂z (independent inputs) against central differences, every entry of every block. */
    private static void checkGradient(Supplier<Objective> make, long seed) {
        double[][][] b = batch(seed);
        INDArray dMu = Nd4j.zeros(DataType.DOUBLE, N, M), dLs = Nd4j.zeros(DataType.DOUBLE, N, M), dZ = Nd4j.zeros(DataType.DOUBLE, N, M);
        make.get().penalty(latents(b), new LatentGradients(dMu, dLs, dZ));
        INDArray[] grads = {dMu, dLs, null, dZ};
        String[] names = {"μ", "ln σ", "", "z"};
        for (int p : new int[]{0, 1, 3})
            for (int i = 0; i < N; i++)
                for (int j = 0; j < M; j++) {
                    double old = b[p][i][j], h = 1e-5;
                    b[p][i][j] = old + h;
                    double up = make.get().penalty(latents(b), null);
                    b[p][i][j] = old - h;
                    double down = make.get().penalty(latents(b), null);
                    b[p][i][j] = old;
                    double fd = (up - down) / (2 * h);
                    assertEquals(fd, grads[p].getDouble(i, j), 1e-6 * Math.max(1, Math.abs(fd)),
                            make.get().name() + ": ∂R/∂" + names[p] + "[" + i + "][" + j + "]");
                }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        checkGradient(() -> new BetaVae(4), 1);
        checkGradient(() -> new BetaTcVae(1, 6, 1, 1000, MinibatchEstimator.STRATIFIED), 2);
        checkGradient(() -> new BetaTcVae(0.5, 3, 2, 1000, MinibatchEstimator.WEIGHTED), 3);
        checkGradient(() -> new BetaTcVae(0.3, 5, 1.7, 1000, MinibatchEstimator.STRATIFIED), 14);
        checkGradient(() -> new CapacityObjective(50, Schedule.constant(40)), 4);   // KL below C: the sign flips
        checkGradient(() -> Objective.ANALYTIC_KL, 9);
        checkGradient(() -> new CapacityObjective(50, Schedule.constant(1.0)), 4);
        // a fresh MMD-VAE's first training batch and every evaluation call draw the same prior sample (the seed's first draws)
        checkGradient(() -> MmdVae.of(100, MmdVae.LatentKernel.RBF, M, 7), 5);
        checkGradient(() -> MmdVae.of(100, MmdVae.LatentKernel.IMQ, M, 7), 6);
        checkGradient(() -> new MmdVae(100, MmdVae.LatentKernel.RBF, M * M, MmdVae.Codes.MEANS, 7), 7);
        // the learned prior's objective: each factory call makes a fresh prior, so every evaluation sees the same λ
        checkGradient(() -> new MixturePrior(3, M, 9).objective(1e-3), 8);
    }

    @Test
    void mmdGradientByHandMatchesFiniteDifferences() {
        Random r = new Random(9);
        double[][] z = new double[7][4], y = new double[5][4];
        for (double[] row : z) for (int j = 0; j < 4; j++) row[j] = r.nextGaussian() + 0.5;
        for (double[] row : y) for (int j = 0; j < 4; j++) row[j] = r.nextGaussian();
        for (MmdVae.LatentKernel k : MmdVae.LatentKernel.values()) {
            double[][] g = new double[7][4];
            MmdVae.mmd2(z, y, k, 4, g);
            for (int i = 0; i < 7; i++)
                for (int j = 0; j < 4; j++) {
                    double old = z[i][j];
                    z[i][j] = old + 1e-6;
                    double up = MmdVae.mmd2(z, y, k, 4, null);
                    z[i][j] = old - 1e-6;
                    double down = MmdVae.mmd2(z, y, k, 4, null);
                    z[i][j] = old;
                    assertEquals((up - down) / 2e-6, g[i][j], 1e-8, k + " ∂MMD²/∂z[" + i + "][" + j + "]");
                }
            assertEquals(0, MmdVae.mmd2(z, z, k, 4, null), 1e-15, "MMD² of a sample with itself");
        }
    }

    @Test
    void mmdPenaltyIsLambdaTimesTheStatisticWithTheTrainingStreamOfPriorDraws() {
        double[][][] b = batch(11);
        MmdVae o = MmdVae.of(10, MmdVae.LatentKernel.RBF, M, 3);
        INDArray g0 = Nd4j.zeros(DataType.DOUBLE, N, M);
        double r = o.penalty(latents(b), new LatentGradients(g0.dup(), g0.dup(), g0.dup()));
        Random rng = new Random(3);
        double[][] y = new double[N][M];
        for (double[] row : y) for (int j = 0; j < M; j++) row[j] = rng.nextGaussian();
        assertEquals(10 * MmdVae.mmd2(b[3], y, MmdVae.LatentKernel.RBF, M, null), r, 1e-12);
        assertEquals(1, o.step());
    }

    @Test
    void tcVaeWithUnitWeightsIsTheMonteCarloKl() {
        double[][][] b = batch(12);
        double r = new BetaTcVae(1, 1, 1, 500, MinibatchEstimator.STRATIFIED).penalty(latents(b), null);
        // ln q(z|x) − ln p(z) = Σ_j [−ln σ − ½ ε² + ½ z²]
        double want = 0;
        for (int i = 0; i < N; i++) for (int j = 0; j < M; j++) want += (-b[1][i][j] - 0.5 * b[2][i][j] * b[2][i][j] + 0.5 * b[3][i][j] * b[3][i][j]) / N;
        assertEquals(want, r, 1e-12);
        // β-VAE with β = 1 is the closed-form KL (the plain VAE)
        assertEquals(Objective.ANALYTIC_KL.penalty(latents(b), null), BetaVae.plain().penalty(latents(b), null), 1e-12);
    }

    /** ln N(v; m, e^{2ls}) for one coordinate, the definition. */
    private static double logNormal(double v, double m, double ls) {
        double u = (v - m) / Math.exp(ls);
        return -0.5 * Math.log(2 * Math.PI) - ls - 0.5 * u * u;
    }

    /** ln Σ_k e^{a_k}, the plain way (the values here are far from overflow). */
    private static double logSumExp(double[] a) {
        double s = 0;
        for (double v : a) s += Math.exp(v);
        return Math.log(s);
    }

    /**
     * The three KL parts of the batch, mean over the rows, written out from their definitions with stratified weights
     * (w_ii = 1/N, w_ik = (N−1)/(N(B−1))): MI = ln q(z|x) − ln q̂(z), TC = ln q̂(z) − Σ_j ln q̂(z_j),
     * dim-wise KL = Σ_j ln q̂(z_j) − ln p(z).
     */
    private static double[] stratifiedParts(double[][][] b, long datasetSize) {
        double bn = N, nn = datasetSize, mi = 0, tc = 0, dk = 0;
        for (int i = 0; i < N; i++) {
            double[] joint = new double[N];
            double[][] marg = new double[M][N];
            double logQzx = 0, logPz = 0, sumMarg = 0;
            for (int k = 0; k < N; k++) {
                double lw = k == i ? -Math.log(nn) : Math.log((nn - 1) / (nn * (bn - 1)));
                joint[k] = lw;
                for (int j = 0; j < M; j++) {
                    double l = logNormal(b[3][i][j], b[0][k][j], b[1][k][j]);
                    joint[k] += l;
                    marg[j][k] = lw + l;
                }
            }
            for (int j = 0; j < M; j++) {
                logQzx += logNormal(b[3][i][j], b[0][i][j], b[1][i][j]);
                logPz += logNormal(b[3][i][j], 0, 0);
                sumMarg += logSumExp(marg[j]);
            }
            double logQz = logSumExp(joint);
            mi += (logQzx - logQz) / N;
            tc += (logQz - sumMarg) / N;
            dk += (sumMarg - logPz) / N;
        }
        return new double[]{mi, tc, dk};
    }

    /**
     * β-TCVAE with three different weights against α·MI + β·TC + γ·dim-wise KL from the parts computed above: a value
     * check with α = β = γ = 1 cannot tell the weights apart, and a gradient check passes when value and gradient
     * carry the same swap. The objective's gradient for these weights is checked by finite differences in
     * {@link #gradientsMatchFiniteDifferences}.
     */
    @Test
    void tcVaePenaltyIsTheWeightedSumOfTheThreeParts() {
        double[][][] b = batch(14);
        double[] parts = stratifiedParts(b, 1000);
        // three clearly different parts (a six-sample estimate of the dim-wise KL may be negative), so that any
        // exchange of the weights changes the sum
        assertTrue(Math.abs(parts[0]) > 0.1 && Math.abs(parts[1]) > 0.1 && Math.abs(parts[2]) > 0.1, java.util.Arrays.toString(parts));
        double alpha = 0.3, beta = 5, gamma = 1.7;
        double want = alpha * parts[0] + beta * parts[1] + gamma * parts[2];
        assertEquals(want, new BetaTcVae(alpha, beta, gamma, 1000, MinibatchEstimator.STRATIFIED).penalty(latents(b), null), 1e-12);
        // the paper's setting: only the TC weighted
        assertEquals(parts[0] + 6 * parts[1] + parts[2], BetaTcVae.of(6, 1000).penalty(latents(b), null), 1e-12);
        // with a gradient requested the value is the same
        INDArray z0 = Nd4j.zeros(DataType.DOUBLE, N, M);
        assertEquals(want, new BetaTcVae(alpha, beta, gamma, 1000, MinibatchEstimator.STRATIFIED)
                .penalty(latents(b), new LatentGradients(z0.dup(), z0.dup(), z0.dup())), 1e-12);
        assertEquals("β-TCVAE α=0.3 β=5 γ=1.7", new BetaTcVae(alpha, beta, gamma, 1000, MinibatchEstimator.STRATIFIED).name());
        assertEquals("β-TCVAE β=6", BetaTcVae.of(6, 1000).name());
    }

    /** KL(N(μ, σ²) ‖ N(0, 1)) summed over coordinates, mean over rows, from the definition. */
    private static double klByHand(double[][][] b) {
        double kl = 0;
        for (int i = 0; i < N; i++)
            for (int j = 0; j < M; j++) {
                double m = b[0][i][j], ls = b[1][i][j];
                kl += 0.5 * (m * m + Math.exp(2 * ls) - 2 * ls - 1) / N;
            }
        return kl;
    }

    /** The other weighted objectives against their weights times parts computed here. */
    @Test
    void weightedObjectivesAreTheirWeightsTimesTheParts() {
        double[][][] b = batch(15);
        double kl = klByHand(b);
        INDArray z0 = Nd4j.zeros(DataType.DOUBLE, N, M);
        assertEquals(kl, Objective.ANALYTIC_KL.penalty(latents(b), null), 1e-12);
        assertEquals(4 * kl, new BetaVae(4).penalty(latents(b), null), 1e-12);
        assertEquals(4 * kl, new BetaVae(4).penalty(latents(b), new LatentGradients(z0.dup(), z0.dup(), z0.dup())), 1e-12);
        // single-sample KL: mean over rows of ln N(z; μ, σ²) − ln N(z; 0, 1)
        double mc = 0;
        for (int i = 0; i < N; i++)
            for (int j = 0; j < M; j++) mc += (logNormal(b[3][i][j], b[0][i][j], b[1][i][j]) - logNormal(b[3][i][j], 0, 0)) / N;
        assertEquals(mc, Objective.SINGLE_SAMPLE_KL.penalty(latents(b), null), 1e-12);
        // capacity: γ |KL − C| on both sides of C
        assertEquals(50 * Math.abs(kl - 0.5), new CapacityObjective(50, Schedule.constant(0.5)).penalty(latents(b), null), 1e-10);
        assertEquals(50 * Math.abs(kl - 40), new CapacityObjective(50, Schedule.constant(40)).penalty(latents(b), null), 1e-10);
        // annealed β halfway along its ramp: β(2) = 100 + (2 − 100)·2/4 = 51
        AnnealedBetaVae a = new AnnealedBetaVae(new Schedule(100, 2, 4));
        for (int t = 0; t < 2; t++) a.penalty(latents(b), new LatentGradients(z0.dup(), z0.dup(), z0.dup()));
        assertEquals(2, a.step());
        assertEquals(51, a.currentBeta(), 1e-12);
        assertEquals(51 * kl, a.penalty(latents(b), null), 1e-10);
        // MMD-VAE: λ · MMD²_V of the codes against the seed's first prior draws, the V-statistic written out
        for (MmdVae.LatentKernel k : MmdVae.LatentKernel.values()) {
            double h = k.defaultScale(M);
            assertEquals(k == MmdVae.LatentKernel.RBF ? M : 2 * M, h, 0);
            Random rng = new Random(3);
            double[][] y = new double[N][M];
            for (double[] row : y) for (int j = 0; j < M; j++) row[j] = rng.nextGaussian();
            double zz = 0, yy = 0, zy = 0;
            for (int i = 0; i < N; i++)
                for (int j = 0; j < N; j++) {
                    zz += kernel(k, b[3][i], b[3][j], h);
                    yy += kernel(k, y[i], y[j], h);
                    zy += kernel(k, b[3][i], y[j], h);
                }
            double mmd2 = (zz + yy - 2 * zy) / (N * N);
            assertEquals(7 * mmd2, MmdVae.of(7, k, M, 3).penalty(latents(b), null), 1e-12, k.toString());
        }
    }

    /** RBF e^{−‖a−b‖²/h}, IMQ h/(h + ‖a−b‖²). */
    private static double kernel(MmdVae.LatentKernel k, double[] a, double[] c, double h) {
        double r = 0;
        for (int j = 0; j < a.length; j++) r += (a[j] - c[j]) * (a[j] - c[j]);
        return k == MmdVae.LatentKernel.RBF ? Math.exp(-r / h) : h / (h + r);
    }

    /** β-TCVAE training (minibatch densities, their hand-written backward pass) repeats bit for bit with its seed. */
    @Test
    @Tag("slow")
    void tcVaeTrainingRepeatsWithTheSameSeed() {
        INDArray x = VaeTrainingTest.bars(128, 5);
        double[][] runs = new double[2][];
        INDArray[] params = new INDArray[2];
        for (int r = 0; r < 2; r++) {
            Vae vae = new Vae(VaeTrainingTest.small(9));
            runs[r] = new Trainer(vae, new BetaTcVae(0.5, 4, 1.5, 128, MinibatchEstimator.STRATIFIED),
                    new TrainConfig(2, 32, 1e-3, 11)).fit(x).batchLoss();
            params[r] = vae.params().dup();
        }
        assertArrayEquals(runs[0], runs[1], 0.0);
        assertEquals(params[0], params[1]);
        double[] other = new Trainer(new Vae(VaeTrainingTest.small(9)), new BetaTcVae(0.5, 4, 1.5, 128, MinibatchEstimator.STRATIFIED),
                new TrainConfig(2, 32, 1e-3, 12)).fit(x).batchLoss();
        assertNotEquals(runs[0][3], other[3]);
    }

    @Test
    void schedulesReachTheirEndPoints() {
        Schedule s = new Schedule(150, 1, 1000);
        assertEquals(150, s.at(0), 0);
        assertEquals(75.5, s.at(500), 1e-12);
        assertEquals(1, s.at(1000), 0);
        assertEquals(1, s.at(5000), 0);
        assertEquals(7, new Schedule(3, 7, 0).at(0), 0);
        AnnealedBetaVae a = new AnnealedBetaVae(new Schedule(100, 2, 4));
        CapacityObjective c = new CapacityObjective(1000, new Schedule(0, 25, 4));
        double[][][] b = batch(13);
        INDArray z0 = Nd4j.zeros(DataType.DOUBLE, N, M);
        assertEquals(100, a.currentBeta(), 0);
        assertEquals(0, c.currentCapacity(), 0);
        double kl = Objective.ANALYTIC_KL.penalty(latents(b), null);
        assertEquals(100 * kl, a.penalty(latents(b), null), 1e-9);   // evaluation does not advance
        for (int t = 0; t < 6; t++) {
            a.penalty(latents(b), new LatentGradients(z0.dup(), z0.dup(), z0.dup()));
            c.penalty(latents(b), new LatentGradients(z0.dup(), z0.dup(), z0.dup()));
        }
        assertEquals(2, a.currentBeta(), 0);
        assertEquals(25, c.currentCapacity(), 0);
        assertEquals(2 * kl, a.penalty(latents(b), null), 1e-9);
        assertEquals(1000 * Math.abs(kl - 25), c.penalty(latents(b), null), 1e-6);
    }

    @Test
    void badParametersGiveClearErrors() {
        var e = assertThrows(IllegalArgumentException.class, () -> new BetaVae(0));
        assertTrue(e.getMessage().contains("β must be a positive number"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BetaVae(-1));
        assertThrows(IllegalArgumentException.class, () -> new AnnealedBetaVae(new Schedule(10, 0, 5)));
        assertThrows(IllegalArgumentException.class, () -> BetaTcVae.of(0, 100));
        assertThrows(IllegalArgumentException.class, () -> new BetaTcVae(-1, 2, 1, 100, MinibatchEstimator.STRATIFIED));
        e = assertThrows(IllegalArgumentException.class, () -> MmdVae.of(-1, MmdVae.LatentKernel.RBF, 2, 1));
        assertTrue(e.getMessage().contains("λ must be ≥ 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CapacityObjective(0, Schedule.constant(1)));
        assertThrows(IllegalArgumentException.class, () -> new Schedule(1, 2, -1));
        e = assertThrows(IllegalArgumentException.class, () -> BetaTcVae.of(6, 4).penalty(latents(batch(1)), null));
        assertTrue(e.getMessage().contains("smaller than the batch size"), e.getMessage());
    }
}
