package lecture7.elbo;

import java.util.Arrays;
import java.util.Random;

/**
 * A multivariate Gaussian N(mean, cov) over z ∈ ℝᴹ: the variational posterior q(z|x) of the recap slides, or
 * the exact posterior p(z|x) of the {@link LinearGaussianModel}.
 *
 * @param mean {@code M} entries
 * @param cov  {@code M × M}, symmetric positive definite
 */
public record Gaussian(double[] mean, double[][] cov) {
    private static final double LN_2PI = Math.log(2 * Math.PI);

    public Gaussian {
        if (mean.length == 0) throw new IllegalArgumentException("a Gaussian needs at least one dimension");
        if (cov.length != mean.length)
            throw new IllegalArgumentException("mean has " + mean.length + " entries but cov has " + cov.length + " rows");
        for (double v : mean) if (!Double.isFinite(v)) throw new IllegalArgumentException("mean " + Arrays.toString(mean) + " is not finite");
        mean = mean.clone();
        cov = LinAlg.copy(cov);
        LinAlg.cholesky(cov, "cov"); // validates square, symmetric, positive definite
    }

    /** N(0, I) in {@code m} dimensions: the prior p(z) of the lecture. */
    public static Gaussian standard(int m) {
        if (m < 1) throw new IllegalArgumentException("latent size must be ≥ 1, got " + m);
        return diagonal(new double[m], filled(m, 1.0));
    }

    /** N(mean, diag(std²)): the mean-field q of a VAE encoder. */
    public static Gaussian diagonal(double[] mean, double[] std) {
        if (std.length != mean.length)
            throw new IllegalArgumentException("mean has " + mean.length + " entries but std has " + std.length);
        double[][] cov = new double[mean.length][mean.length];
        for (int i = 0; i < std.length; i++) {
            if (!(std[i] > 0)) throw new IllegalArgumentException("std[" + i + "] = " + std[i] + " must be > 0");
            cov[i][i] = std[i] * std[i];
        }
        return new Gaussian(mean, cov);
    }

    /** A 1-D Gaussian N(mean, std²). */
    public static Gaussian of(double mean, double std) {
        return diagonal(new double[]{mean}, new double[]{std});
    }

    /** Dimension M. */
    public int dim() {
        return mean.length;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[][] cov() {
        return LinAlg.copy(cov);
    }

    /** Standard deviations √cov_ii. */
    public double[] std() {
        double[] s = new double[dim()];
        for (int i = 0; i < s.length; i++) s[i] = Math.sqrt(cov[i][i]);
        return s;
    }

    /** ln N(z | mean, cov) = −½ [M ln 2π + ln det Σ + (z−μ)ᵀ Σ⁻¹ (z−μ)]  (nats). */
    public double logDensity(double[] z) {
        checkDim(z, "z");
        double[][] l = LinAlg.cholesky(cov, "cov");
        double[] d = LinAlg.sub(z, mean);
        return -0.5 * (dim() * LN_2PI + LinAlg.logDet(l) + LinAlg.dot(d, LinAlg.cholSolve(l, d)));
    }

    /** Differential entropy H = ½ [M (1 + ln 2π) + ln det Σ]  (nats). */
    public double entropy() {
        return 0.5 * (dim() * (1 + LN_2PI) + LinAlg.logDet(LinAlg.cholesky(cov, "cov")));
    }

    /**
     * KL(this ‖ other) = ½ [tr(Σ₂⁻¹Σ₁) + (μ₂−μ₁)ᵀ Σ₂⁻¹ (μ₂−μ₁) − M + ln det Σ₂ − ln det Σ₁]  (nats).
     */
    public double kl(Gaussian other) {
        if (other.dim() != dim()) throw new IllegalArgumentException("KL between Gaussians of dimension " + dim() + " and " + other.dim());
        double[][] l1 = LinAlg.cholesky(cov, "cov"), l2 = LinAlg.cholesky(other.cov, "cov");
        double[][] inv2 = LinAlg.cholInverse(l2);
        double[] d = LinAlg.sub(other.mean, mean);
        double tr = LinAlg.trace(LinAlg.matMul(inv2, cov));
        return 0.5 * (tr + LinAlg.dot(d, LinAlg.matVec(inv2, d)) - dim() + LinAlg.logDet(l2) - LinAlg.logDet(l1));
    }

    /** One draw z = μ + L ε with Σ = L Lᵀ and ε ~ N(0, I): the reparameterisation of the VAE slides. */
    public double[] sample(Random rng) {
        double[] eps = new double[dim()];
        for (int i = 0; i < eps.length; i++) eps[i] = rng.nextGaussian();
        return transform(eps);
    }

    /** z = μ + L ε for a given ε (the reparameterisation as a deterministic map). */
    public double[] transform(double[] eps) {
        checkDim(eps, "eps");
        double[][] l = LinAlg.cholesky(cov, "cov");
        double[] z = LinAlg.matVec(l, eps);
        for (int i = 0; i < z.length; i++) z[i] += mean[i];
        return z;
    }

    private void checkDim(double[] v, String name) {
        if (v.length != dim()) throw new IllegalArgumentException(name + " has " + v.length + " entries, the Gaussian has dimension " + dim());
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    @Override
    public String toString() {
        return "N(mean=" + Arrays.toString(mean) + ", cov=" + Arrays.deepToString(cov) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gaussian g && Arrays.equals(mean, g.mean) && Arrays.deepEquals(cov, g.cov);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.deepHashCode(cov);
    }
}
