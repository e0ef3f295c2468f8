package lecture7.vae;

import lecture7.infotheory.MinibatchEstimator;
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
