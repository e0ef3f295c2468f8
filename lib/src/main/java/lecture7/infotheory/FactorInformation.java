package lecture7.infotheory;

import java.util.Arrays;

/**
 * What each latent knows about each true factor, under the sampled posterior (not the posterior mean):
 * <pre>
 *   I(z_j; v_k) = E_n E_{z ~ q(z_j|x_n)} [ ln q(z_j | v_k = v_k(n)) − ln q(z_j) ],
 *   q(z_j) = (1/N) Σ_m N(z; μ_mj, σ_mj²),   q(z_j | v_k = c) = mixture over the images with v_k = c
 * </pre>
 * over a data set in which every row is equally likely (a factor grid). Both densities are exact mixtures; the
 * inner expectation is Gauss–Hermite quadrature with {@code points} nodes over each posterior
 * (E_{N(μ,σ²)} f = π^{−½} Σ_i w_i f(μ + √2 σ t_i)), so there is no random noise. Since v → x → z_j is a Markov chain,
 * <pre>
 *   I(z_j; v_k) ≤ I(z_j; x) = E_x KL(q(z_j|x) ‖ q(z_j)) ≤ E_x KL(q(z_j|x) ‖ p(z_j))
 * </pre>
 * the last being latent j's KL ({@link GaussianCodes#perDimKl()}), returned as {@link #bound()}: a latent that
 * spends 0.02 nats of KL cannot know more than 0.02 nats about anything. (MIG's binned posterior means,
 * {@link Mig}, have no such bound: a mean can vary with the factor while the posterior around it stays wide.)
 *
 * @param byFactor {@code [K][M]} I(z_j; v_k) in nats
 * @param bound    {@code [M]} E_x KL(q(z_j|x) ‖ N(0, 1)), nats
 */
public record FactorInformation(double[][] byFactor, double[] bound) {
    /** Quadrature points per posterior used by {@link #of(GaussianCodes, int[][])}. */
    public static final int POINTS = 16;

    /** {@link #of(GaussianCodes, int[][], int)} with {@value #POINTS} points per posterior. */
    public static FactorInformation of(GaussianCodes codes, int[][] factors) {
        return of(codes, factors, POINTS);
    }

    /**
     * @param codes   the posteriors of the N rows
     * @param factors {@code [N][K]} factor classes (≥ 0) of the rows
     * @param points  quadrature points per posterior, ≥ 1
     */
    public static FactorInformation of(GaussianCodes codes, int[][] factors, int points) {
        int n = codes.n(), m = codes.dims();
        if (factors == null || factors.length != n)
            throw new IllegalArgumentException(n + " codes but " + (factors == null ? "no" : factors.length) + " factor rows");
        if (points < 1) throw new IllegalArgumentException("quadrature points must be ≥ 1, got " + points);
        int k = factors[0].length;
        int[][] cls = new int[k][n];
        int[] classes = new int[k];
        for (int i = 0; i < n; i++) {
            if (factors[i].length != k) throw new IllegalArgumentException("factor rows have different lengths");
            for (int f = 0; f < k; f++) {
                if (factors[i][f] < 0) throw new IllegalArgumentException("factor classes must be ≥ 0, got " + factors[i][f]);
                cls[f][i] = factors[i][f];
                classes[f] = Math.max(classes[f], factors[i][f] + 1);
            }
        }
        double[][] size = new double[k][];
        for (int f = 0; f < k; f++) {
            size[f] = new double[classes[f]];
            for (int i = 0; i < n; i++) size[f][cls[f][i]]++;
        }
        double[][] gh = gaussHermite(points);
        double[] eps = new double[points], wts = new double[points];
        for (int p = 0; p < points; p++) {
            eps[p] = Math.sqrt(2) * gh[0][p];
            wts[p] = gh[1][p] / Math.sqrt(Math.PI);
        }
        double[] mu = codes.mu().data().asDouble(), ls = codes.logSigma().data().asDouble();
        double[][] out = new double[k][m];
        double[] mj = new double[n], inv = new double[n], logNorm = new double[n];
        double[] dens = new double[n];
        double[][] byClass = new double[k][];
        for (int f = 0; f < k; f++) byClass[f] = new double[classes[f]];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < n; i++) {
                mj[i] = mu[i * m + j];
                inv[i] = Math.exp(-ls[i * m + j]);
                logNorm[i] = -0.5 * Math.log(2 * Math.PI) - ls[i * m + j];
            }
            double[] acc = new double[k];
            for (int i = 0; i < n; i++)
                for (int p = 0; p < points; p++) {
                    double z = mj[i] + eps[p] / inv[i], wt = wts[p];
                    // densities of every component at z, relative to the largest (log-sum-exp)
                    double top = Double.NEGATIVE_INFINITY;
                    for (int c = 0; c < n; c++) {
                        double u = (z - mj[c]) * inv[c];
                        dens[c] = logNorm[c] - 0.5 * u * u;
                        top = Math.max(top, dens[c]);
                    }
                    double all = 0;
                    for (double[] b : byClass) Arrays.fill(b, 0);
                    for (int c = 0; c < n; c++) {
                        double w = Math.exp(dens[c] - top);
                        all += w;
                        for (int f = 0; f < k; f++) byClass[f][cls[f][c]] += w;
                    }
                    for (int f = 0; f < k; f++) {
                        int own = cls[f][i];
                        // ln q(z | v = own) − ln q(z) = ln(Σ_{c in own} w_c / |own|) − ln(Σ_c w_c / N)
                        acc[f] += wt * (Math.log(byClass[f][own] / size[f][own]) - Math.log(all / n));
                    }
                }
            for (int f = 0; f < k; f++) out[f][j] = acc[f] / n;
        }
        return new FactorInformation(out, codes.perDimKl());
    }

    /** {@code [M][K]}: one row per latent. */
    public double[][] byLatent() {
        int k = byFactor.length, m = bound.length;
        double[][] t = new double[m][k];
        for (int f = 0; f < k; f++) for (int j = 0; j < m; j++) t[j][f] = byFactor[f][j];
        return t;
    }

    /** The factor latent j knows most about (among {@code shown}). */
    public int bestFactor(int j, int[] shown) {
        int best = shown[0];
        for (int c : shown) if (byFactor[c][j] > byFactor[best][j]) best = c;
        return best;
    }

    /**
     * Nodes t_i and weights w_i of n-point Gauss–Hermite quadrature, ∫ e^{−t²} f(t) dt ≈ Σ w_i f(t_i), by Newton's
     * method on the orthonormal Hermite recurrence (Press et al., Numerical Recipes, §4.6, gauher).
     *
     * @return {nodes, weights}
     */
    static double[][] gaussHermite(int n) {
        double[] x = new double[n], w = new double[n];
        double pim4 = Math.pow(Math.PI, -0.25), z = 0, z1, pp = 0;
        int m = (n + 1) / 2;
        for (int i = 0; i < m; i++) {
            if (i == 0) z = Math.sqrt(2 * n + 1) - 1.85575 * Math.pow(2 * n + 1, -0.16667);
            else if (i == 1) z -= 1.14 * Math.pow(n, 0.426) / z;
            else if (i == 2) z = 1.86 * z - 0.86 * x[0];
            else if (i == 3) z = 1.91 * z - 0.91 * x[1];
            else z = 2.0 * z - x[i - 2];
            for (int it = 0; it < 100; it++) {
                double p1 = pim4, p2 = 0;
                for (int j = 0; j < n; j++) {
                    double p3 = p2;
                    p2 = p1;
                    p1 = z * Math.sqrt(2.0 / (j + 1)) * p2 - Math.sqrt((double) j / (j + 1)) * p3;
                }
                pp = Math.sqrt(2.0 * n) * p2;
                z1 = z;
                z = z1 - p1 / pp;
                if (Math.abs(z - z1) <= 1e-14) break;
            }
            x[i] = z;
            x[n - 1 - i] = -z;
            w[i] = 2.0 / (pp * pp);
            w[n - 1 - i] = w[i];
        }
        return new double[][]{x, w};
    }
}
