package lecture7.elbo;

/**
 * A Monte Carlo estimate of ∇_θ ELBO for a diagonal Gaussian q with θ = (μ₁..μ_M, ln σ₁..ln σ_M), kept with
 * the per-coordinate sample variance so estimators can be compared (Kingma &amp; Welling 2014, §2.4).
 *
 * @param mean          {@code 2M} averaged gradient
 * @param variance      {@code 2M} sample variance of one draw (not of the mean)
 * @param n             number of draws
 * @param name          "reparameterised" or "score function"
 */
public record GradientEstimate(String name, double[] mean, double[] variance, int n) {
    public GradientEstimate {
        if (mean.length != variance.length) throw new IllegalArgumentException(mean.length + " means but " + variance.length + " variances");
        mean = mean.clone();
        variance = variance.clone();
    }

    /** From per-draw gradients {@code draws[i]} (each of length 2M). */
    public static GradientEstimate of(String name, double[][] draws) {
        int n = draws.length, p = draws[0].length;
        double[] mean = new double[p], var = new double[p];
        for (double[] d : draws) for (int j = 0; j < p; j++) mean[j] += d[j] / n;
        for (double[] d : draws) for (int j = 0; j < p; j++) var[j] += (d[j] - mean[j]) * (d[j] - mean[j]) / Math.max(1, n - 1);
        return new GradientEstimate(name, mean, var, n);
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] variance() {
        return variance.clone();
    }

    /** Standard error of coordinate j of the mean. */
    public double standardError(int j) {
        return Math.sqrt(variance[j] / n);
    }

    /** Total variance of one draw, Σ_j Var[g_j]. */
    public double totalVariance() {
        double s = 0;
        for (double v : variance) s += v;
        return s;
    }
}
