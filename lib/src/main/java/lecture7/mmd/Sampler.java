package lecture7.mmd;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/**
 * A distribution to draw samples from, {@code [n, d]} DOUBLE, with an explicit {@link Random} (same seed →
 * same numbers). The distributions of the slides are the static factories.
 */
@FunctionalInterface
public interface Sampler {

    /** n points, one per row. */
    INDArray sample(int n, Random rng);

    /** N(μ, σ²) in 1-D. */
    static Sampler gaussian(double mean, double sd) {
        return gaussian(new double[]{mean}, sd);
    }

    /** N(μ, σ² I) in d = μ.length dimensions. */
    static Sampler gaussian(double[] mean, double sd) {
        lecture7.compute.Inputs.positive("standard deviation", sd);
        double[] mu = mean.clone();
        return (n, rng) -> {
            int d = mu.length;
            double[] v = new double[n * d];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < d; j++) v[i * d + j] = mu[j] + sd * rng.nextGaussian();
            return Nd4j.create(v, new long[]{n, d}, DataType.DOUBLE);
        };
    }

    /**
     * The Laplace distribution in 1-D with the given mean and standard deviation: scale b = σ/√2, so mean and
     * variance match N(μ, σ²) (slide "Gaussian and Laplacian distributions"). Drawn by inverting the CDF.
     */
    static Sampler laplace(double mean, double sd) {
        lecture7.compute.Inputs.positive("standard deviation", sd);
        double b = sd / Math.sqrt(2);
        return (n, rng) -> {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                double u = rng.nextDouble() - 0.5; // u ∈ [−½, ½)
                // x = μ − b·sgn(u)·ln(1 − 2|u|)
                v[i] = mean - b * Math.signum(u) * Math.log(1 - 2 * Math.abs(u));
            }
            return Nd4j.create(v, new long[]{n, 1}, DataType.DOUBLE);
        };
    }

    /** The uniform distribution U(a, b) in 1-D (disjoint supports: the KL-vs-MMD example of notebook 03). */
    static Sampler uniform(double a, double b) {
        if (!(b > a)) throw new IllegalArgumentException("U(a, b) needs a < b, got a = " + a + ", b = " + b);
        return (n, rng) -> {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = a + (b - a) * rng.nextDouble();
            return Nd4j.create(v, new long[]{n, 1}, DataType.DOUBLE);
        };
    }

    /** An equal-weight mixture of 1-D Gaussians N(μ_k, σ²) (slide "Testing goodness of fit"). */
    static Sampler gaussianMixture(double[] means, double sd) {
        lecture7.compute.Inputs.positive("standard deviation", sd);
        double[] mu = means.clone();
        return (n, rng) -> {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = mu[rng.nextInt(mu.length)] + sd * rng.nextGaussian();
            return Nd4j.create(v, new long[]{n, 1}, DataType.DOUBLE);
        };
    }

    /**
     * N(0, 1) with a ripple: density (1 + sin ωx) φ(x), where φ is the standard normal density. The sine is odd, so
     * this integrates to 1; its mean is E[x sin ωx] = ω e^{−ω²/2} and its variance 1 minus that squared (E[x² sin ωx] = 0):
     * for ω ≥ 6 the same as N(0, 1) to 6 decimals. The two differ only on the scale 2π/ω: a kernel much wider than that cannot see them
     * (the RBF kernel damps frequency ω by e^{−σ²ω²/2}), the bandwidth example of notebook 03. Drawn by rejection:
     * x ~ N(0, 1) kept with probability (1 + sin ωx)/2.
     */
    static Sampler rippledGaussian(double omega) {
        lecture7.compute.Inputs.positive("ripple frequency ω", omega);
        return (n, rng) -> {
            double[] v = new double[n];
            for (int i = 0; i < n; ) {
                double x = rng.nextGaussian();
                if (2 * rng.nextDouble() < 1 + Math.sin(omega * x)) v[i++] = x;
            }
            return Nd4j.create(v, new long[]{n, 1}, DataType.DOUBLE);
        };
    }

    /** Paired 1-D samples (x_i, y_i). */
    record Pairs(INDArray x, INDArray y) {}

    /** x ~ N(0, 1), y = x² + ε, ε ~ N(0, noise²): dependent, but cov(x, y) = E x³ = 0 (slide "Testing independence"). */
    static Pairs parabola(int n, double noise, Random rng) {
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian();
            // y = x² + ε
            y[i] = x[i] * x[i] + noise * rng.nextGaussian();
        }
        return new Pairs(Nd4j.create(x, new long[]{n, 1}, DataType.DOUBLE), Nd4j.create(y, new long[]{n, 1}, DataType.DOUBLE));
    }

    /** Independent x ~ N(0, 1) and y ~ N(0, 1). */
    static Pairs independent(int n, Random rng) {
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian();
            y[i] = rng.nextGaussian();
        }
        return new Pairs(Nd4j.create(x, new long[]{n, 1}, DataType.DOUBLE), Nd4j.create(y, new long[]{n, 1}, DataType.DOUBLE));
    }

    /** Bivariate Gaussian pairs with unit variances and correlation ρ. */
    static Pairs correlated(int n, double rho, Random rng) {
        if (!(rho > -1 && rho < 1)) throw new IllegalArgumentException("correlation must be in (−1, 1), got " + rho);
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian();
            // y = ρx + √(1−ρ²) ε
            y[i] = rho * x[i] + Math.sqrt(1 - rho * rho) * rng.nextGaussian();
        }
        return new Pairs(Nd4j.create(x, new long[]{n, 1}, DataType.DOUBLE), Nd4j.create(y, new long[]{n, 1}, DataType.DOUBLE));
    }
}
