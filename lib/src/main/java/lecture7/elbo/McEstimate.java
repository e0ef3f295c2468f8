package lecture7.elbo;

/**
 * A Monte Carlo estimate: sample mean of n i.i.d. draws and its standard error s/√n.
 *
 * @param mean          the estimate (nats when it estimates an ELBO)
 * @param standardError sample standard deviation / √n
 * @param n             number of draws
 */
public record McEstimate(double mean, double standardError, int n) {
    public McEstimate {
        if (n < 1) throw new IllegalArgumentException("a Monte Carlo estimate needs n ≥ 1 draws, got " + n);
        if (!(standardError >= 0) && n > 1) throw new IllegalArgumentException("standard error " + standardError);
    }

    /** Mean and standard error of {@code draws} (sums in double). */
    public static McEstimate of(double[] draws) {
        int n = draws.length;
        if (n == 0) throw new IllegalArgumentException("no draws");
        double mean = 0;
        for (double d : draws) mean += d;
        mean /= n;
        double ss = 0;
        for (double d : draws) ss += (d - mean) * (d - mean);
        double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
        return new McEstimate(mean, sd / Math.sqrt(n), n);
    }

    /** |mean − truth| in standard errors. */
    public double zScore(double truth) {
        return Math.abs(mean - truth) / standardError;
    }

    @Override
    public String toString() {
        return String.format("%.4f ± %.4f (n=%d)", mean, standardError, n);
    }
}
