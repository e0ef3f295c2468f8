package lecture7.elbo;

/**
 * The stable log-sum-exp, used wherever the kit adds probabilities held as logarithms: the IWAE bound
 * log (1/K) Σ_k w_k, a mixture's log p(x) = log Σ_k π_k p(x|k), and the aggregate posterior
 * log q(z) = log (1/N) Σ_n q(z|x_n) of the KL decomposition.
 */
public final class LogSumExp {
    private LogSumExp() {}

    /**
     * ln Σ_i exp(a_i) = m + ln Σ_i exp(a_i − m) with m = max_i a_i, so no term overflows and the largest is
     * exactly 1. All −∞ (or no terms) gives −∞; a NaN or +∞ term is returned as such.
     */
    public static double of(double[] a) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            if (Double.isNaN(v)) return v;
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY || max == Double.POSITIVE_INFINITY) return max;
        double s = 0;
        for (double v : a) s += Math.exp(v - max);
        return max + Math.log(s);
    }
}
