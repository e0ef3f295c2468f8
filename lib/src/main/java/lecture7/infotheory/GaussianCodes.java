package lecture7.infotheory;

import lecture7.compute.Median;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Random;

/**
 * The Gaussian posteriors q(z|x_n) = N(μ_n, diag σ_n²) of a trained encoder over a data set of N points:
 * everything the KL decomposition needs, so the estimators work without the networks.
 *
 * @param mu       {@code [N, M]} posterior means, stored as DOUBLE
 * @param logSigma {@code [N, M]} posterior log standard deviations ln σ, stored as DOUBLE
 */
public record GaussianCodes(INDArray mu, INDArray logSigma) {
    public GaussianCodes {
        if (mu.rank() != 2 || !Arrays.equals(mu.shape(), logSigma.shape()))
            throw new IllegalArgumentException("mu " + Arrays.toString(mu.shape()) + " and logSigma "
                    + Arrays.toString(logSigma.shape()) + " must both be [N, M]");
        if (mu.rows() < 1 || mu.columns() < 1) throw new IllegalArgumentException("need at least one code of one dimension");
        mu = mu.castTo(DataType.DOUBLE).dup('c');
        logSigma = logSigma.castTo(DataType.DOUBLE).dup('c');
        if (!Double.isFinite(mu.sumNumber().doubleValue()) || !Double.isFinite(logSigma.sumNumber().doubleValue()))
            throw new IllegalArgumentException("mu or logSigma contains NaN or infinite values");
    }

    /** From plain arrays {@code mu[n][j]}, {@code logSigma[n][j]}. */
    public static GaussianCodes of(double[][] mu, double[][] logSigma) {
        return new GaussianCodes(Nd4j.createFromArray(mu), Nd4j.createFromArray(logSigma));
    }

    /** Number of data points N. */
    public int n() {
        return (int) mu.rows();
    }

    /** Latent dimension M. */
    public int dims() {
        return (int) mu.columns();
    }

    /** The codes of rows {@code rows}, in that order. */
    public GaussianCodes rows(int... rows) {
        return new GaussianCodes(mu.getRows(rows), logSigma.getRows(rows));
    }

    /**
     * Per-dimension KL averaged over the data, in nats:
     * {@code KL_j = (1/N) Σ_n ½(μ_nj² + σ_nj² − 2 ln σ_nj − 1)}; the slide's Gaussian KL split by dimension.
     */
    public double[] perDimKl() {
        double[] m = mu.data().asDouble(), s = logSigma.data().asDouble();
        int d = dims();
        double[] kl = new double[d];
        for (int i = 0; i < m.length; i++) {
            // KL(N(μ, σ²) ‖ N(0, 1)) = ½ (μ² + σ² − 2 ln σ − 1)
            kl[i % d] += 0.5 * (m[i] * m[i] + Math.exp(2 * s[i]) - 2 * s[i] - 1);
        }
        for (int j = 0; j < d; j++) kl[j] /= n();
        return kl;
    }

    /** E_p(x)[KL(q(z|x) ‖ N(0, I))] in closed form, nats: the sum of {@link #perDimKl()}. */
    public double meanKl() {
        return Arrays.stream(perDimKl()).sum();
    }

    /** Activity of each latent, {@code A_j = Var_x(E_q(z|x)[z_j]) = Var_n(μ_nj)} (Burda et al. 2016). */
    public double[] activity() {
        double[] m = mu.data().asDouble();
        int d = dims(), n = n();
        double[] mean = new double[d], var = new double[d];
        for (int i = 0; i < m.length; i++) mean[i % d] += m[i] / n;
        for (int i = 0; i < m.length; i++) var[i % d] += (m[i] - mean[i % d]) * (m[i] - mean[i % d]) / n;
        return var;
    }

    /**
     * How far the posterior means spread across the data: {@code max_j Var_n(μ_nj)}, the largest {@link #activity()}.
     * Near 0 when every image gets the same posterior (a collapsed code); near 1 when the means spread like the prior.
     */
    public double largestActivity() {
        return Arrays.stream(activity()).max().orElse(0);
    }

    /**
     * The median of all N·M posterior standard deviations σ_nj = e^{ln σ_nj} (the mean of the two middle ones for an
     * even count): 1 for posteriors as wide as the prior, near 0 when each image pins its code down.
     */
    public double medianSigma() {
        return Median.of(Arrays.stream(logSigma.data().asDouble()).map(Math::exp).toArray());
    }

    /** Number of active units: latents with {@code Var_n(μ_nj) > threshold} (Burda et al. use 0.01). */
    public int activeUnits(double threshold) {
        return (int) Arrays.stream(activity()).filter(a -> a > threshold).count();
    }

    /**
     * {@code k} draws z ~ q(z|x_n) for every n, as {@code [N·k, M]} DOUBLE with the draws of point n in rows
     * n·k … n·k+k−1: z = μ + σ ∘ ε, ε from {@code rng.nextGaussian()} (same seed, same draws).
     */
    public INDArray sample(int k, Random rng) {
        if (k < 1) throw new IllegalArgumentException("samples per point must be ≥ 1, got " + k);
        double[] m = mu.data().asDouble(), s = logSigma.data().asDouble();
        int d = dims();
        double[] z = new double[m.length * k];
        for (int n = 0; n < n(); n++)
            for (int r = 0; r < k; r++)
                for (int j = 0; j < d; j++) {
                    int src = n * d + j;
                    z[(n * k + r) * d + j] = m[src] + Math.exp(s[src]) * rng.nextGaussian();
                }
        return Nd4j.create(z, new long[]{(long) n() * k, d}, 'c');
    }
}
