package lecture7.vae;

import lecture7.compute.Parallel;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Random;

/**
 * MMD-VAE (InfoVAE, Zhao et al. 2019; the lecture's Part 3): replace the per-image KL by a divergence between
 * the aggregated posterior q(z) and the prior, measured with the MMD of Part 2,
 * <pre>
 *   L = −E_q[ln p(x|z)] + λ · MMD²(q(z) ‖ N(0, I))
 * </pre>
 * estimated on each batch from the batch's codes z_1…z_n and n fresh prior draws y_1…y_n with the
 * V-statistic (all pairs, as in the InfoVAE tutorial; ≥ 0):
 * <pre>
 *   MMD² = (1/n²) Σ_ij k(z_i, z_j) + (1/n²) Σ_ij k(y_i, y_j) − (2/n²) Σ_ij k(z_i, y_j)
 * </pre>
 * The gradient with respect to the codes is derived by hand in {@link #mmd2}; it reaches the encoder through
 * z = μ + σ ⊙ ε ({@link Codes#SAMPLES}) or directly through μ ({@link Codes#MEANS}).
 *
 * <p><b>What it charges.</b> Averaged over the data, E_x KL(q(z|x) ‖ p(z)) = I(x; z) + KL(q(z) ‖ p(z)), and for a
 * factorised prior KL(q(z) ‖ p(z)) = TC + Σ_j KL(q(z_j) ‖ p(z_j)). MMD(q(z), p(z)) = 0 only when q(z) = p(z), so
 * MMD charges TC and the dimension-wise KL alike; what the MMD-VAE drops from the ELBO's KL is I(x; z), which is
 * why it does not reward an uninformative code.
 *
 * <p><b>Which codes.</b> With {@link Codes#SAMPLES} the encoder can reach MMD = 0 with no information at all,
 * q(z|x) = N(0, I) for every x, and it starts close to that (μ ≈ 0, σ ≈ 1). Measured on MNIST, M = 2, Bernoulli
 * decoder, 20 000 images × 10 epochs, λ = 1000: I(x; z) = 0.59 nats with h = M and 0.71 with h = M² (the VAE: 4.46),
 * while {@link Codes#MEANS} with h = M² kept I(x; z) at the estimator's ceiling (≥ 7.1 of ln 2000 = 7.6) with MMD²
 * to the prior 12.9e-3 against the VAE's 37.2e-3. InfoVAE's code (Zhao, {@code mmd_vae.py}) uses a deterministic
 * encoder, which has no such way out; {@link Codes#MEANS} is that choice for the kit's Gaussian encoder.
 *
 * <p><b>Kernel.</b> k(a, b) = exp(−‖a − b‖²/h) (RBF) or h/(h + ‖a − b‖²) (IMQ). InfoVAE's code computes
 * exp(−mean_j (a_j − b_j)²/M) = exp(−‖a − b‖²/M²), i.e. h = M²; the kit's default ({@link LatentKernel#defaultScale})
 * is h = M: two draws of N(0, I) lie ‖a − b‖² ≈ 2M apart, where the kernel is e⁻², so it resolves differences on the
 * prior's own scale at every M (h = M² grows much wider than the prior for large M). Pass h explicitly for InfoVAE's.
 */
public final class MmdVae implements Objective {
    private final double lambda;
    private final LatentKernel kernel;
    private final double scale;
    private final Codes codes;
    private final long seed;
    private final Random trainRng;
    private long step;

    /**
     * @param lambda weight λ of MMD², ≥ 0 (λ = 0 is a plain auto-encoder with noise)
     * @param kernel RBF or IMQ
     * @param scale  kernel scale h (RBF exp(−‖a−b‖²/h), IMQ h/(h + ‖a−b‖²)), &gt; 0; use {@link LatentKernel#defaultScale}
     * @param seed   seed of the prior draws
     */
    public MmdVae(double lambda, LatentKernel kernel, double scale, long seed) {
        this(lambda, kernel, scale, Codes.SAMPLES, seed);
    }

    /**
     * @param codes which codes of the batch the MMD compares with the prior draws: {@link Codes#SAMPLES}
     *              z = μ + σ ⊙ ε, or {@link Codes#MEANS} μ(x) (the deterministic encoder of InfoVAE's code)
     */
    public MmdVae(double lambda, LatentKernel kernel, double scale, Codes codes, long seed) {
        if (codes == null) throw new IllegalArgumentException("codes is null: SAMPLES or MEANS");
        this.codes = codes;
        if (!(lambda >= 0) || !Double.isFinite(lambda)) throw new IllegalArgumentException("λ must be ≥ 0, got " + lambda);
        if (kernel == null) throw new IllegalArgumentException("kernel is null");
        if (!(scale > 0) || !Double.isFinite(scale)) throw new IllegalArgumentException("kernel scale must be > 0, got " + scale);
        this.lambda = lambda;
        this.kernel = kernel;
        this.scale = scale;
        this.seed = seed;
        this.trainRng = new Random(seed);
    }

    /** λ·MMD² with the kernel's default scale for {@code latentDim} latents. */
    public static MmdVae of(double lambda, LatentKernel kernel, int latentDim, long seed) {
        return new MmdVae(lambda, kernel, kernel.defaultScale(latentDim), seed);
    }

    /** The two kernels of the InfoVAE/WAE papers, as functions of the squared distance r = ‖a − b‖². */
    public enum LatentKernel {
        /** Gaussian RBF k = exp(−r/h); default h = M (InfoVAE's code uses h = M², see the class comment). */
        RBF,
        /** Inverse multiquadratic k = h/(h + r) (Tolstikhin et al. 2018, WAE), heavier tails; h = 2M for an N(0, I) prior. */
        IMQ;

        /** h = M for RBF, 2M for IMQ. */
        public double defaultScale(int latentDim) {
            return this == RBF ? latentDim : 2.0 * latentDim;
        }

        /** k(r) for squared distance r. */
        public double value(double r, double h) {
            return this == RBF ? Math.exp(-r / h) : h / (h + r);
        }

        /** dk/dr. */
        public double derivative(double r, double h) {
            // RBF: d/dr e^{−r/h} = −e^{−r/h}/h;  IMQ: d/dr h/(h + r) = −h/(h + r)²
            return this == RBF ? -Math.exp(-r / h) / h : -h / ((h + r) * (h + r));
        }
    }

    /** What the MMD term compares with the prior draws. */
    public enum Codes {
        /** z = μ(x) + σ(x) ⊙ ε: the aggregate posterior q(z) itself. */
        SAMPLES,
        /** μ(x): the cloud of posterior means, as with InfoVAE's deterministic encoder (σ is then left to the reconstruction term). */
        MEANS
    }

    /** Training steps seen so far (one batch of prior draws each). */
    public long step() {
        return step;
    }

    public double lambda() {
        return lambda;
    }

    @Override
    public String name() {
        return "MMD-VAE λ=" + BetaVae.fmt(lambda) + " " + kernel;
    }

    @Override
    public double penalty(Latents l, LatentGradients g) {
        int n = l.n(), m = l.dim();
        // prior draws: a running stream while training; for evaluation always the first draws of the seed
        Random rng = g != null ? trainRng : new Random(seed);
        if (g != null) step++;
        double[][] y = new double[n][m];
        for (double[] row : y) for (int j = 0; j < m; j++) row[j] = rng.nextGaussian();
        double[][] z = LatentCopies.rows(codes == Codes.SAMPLES ? l.z() : l.mu());
        double[][] dz = g != null ? new double[n][m] : null;
        double mmd2 = mmd2ByRows(z, y, kernel, scale, dz);
        if (g != null && lambda != 0) {
            for (double[] row : dz) for (int j = 0; j < m; j++) row[j] *= lambda;
            LatentCopies.addInto(codes == Codes.SAMPLES ? g.dZ() : g.dMu(), dz);
        }
        return lambda * mmd2;
    }

    /**
     * The V-statistic MMD²(z, y) and, when {@code dz} is not null, its gradient with respect to each z_i
     * written into {@code dz [n][M]}. With k(a, b) = f(‖a − b‖²):
     * <pre>
     *   ∂/∂z_i (1/n²) Σ_ab f(‖z_a − z_b‖²) = (4/n²) Σ_j f'(‖z_i − z_j‖²) (z_i − z_j)     (z_i is in row and column)
     *   ∂/∂z_i (2/(n·m)) Σ_ab f(‖z_a − y_b‖²) = (4/(n·m)) Σ_j f'(‖z_i − y_j‖²) (z_i − y_j)
     * </pre>
     *
     * @param z  {@code [n][M]} codes
     * @param y  {@code [m][M]} prior draws
     * @param dz receives ∂MMD²/∂z, or null
     */
    public static double mmd2(double[][] z, double[][] y, LatentKernel kernel, double h, double[][] dz) {
        int n = z.length, m = y.length;
        if (n < 1 || m < 1) throw new IllegalArgumentException("MMD needs at least one sample on each side, got " + n + " and " + m);
        int d = z[0].length;
        double kzz = 0, kyy = 0, kzy = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                double r = sqDist(z[i], z[j]);
                kzz += kernel.value(r, h);
                if (dz != null && i != j) {
                    double c = 4.0 / ((double) n * n) * kernel.derivative(r, h);
                    for (int k = 0; k < d; k++) dz[i][k] += c * (z[i][k] - z[j][k]);
                }
            }
        for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) kyy += kernel.value(sqDist(y[i], y[j]), h);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++) {
                double r = sqDist(z[i], y[j]);
                kzy += kernel.value(r, h);
                if (dz != null) {
                    double c = -4.0 / ((double) n * m) * kernel.derivative(r, h);
                    for (int k = 0; k < d; k++) dz[i][k] += c * (z[i][k] - y[j][k]);
                }
            }
        // MMD² = mean k(z, z') + mean k(y, y') − 2 mean k(z, y)
        return kzz / ((double) n * n) + kyy / ((double) m * m) - 2 * kzy / ((double) n * m);
    }

    /**
     * {@link #mmd2(double[][], double[][], LatentKernel, double, double[][])} with the same bits, its kernel values
     * and gradient rows computed on the pool ({@link Parallel}) in blocks of rows: each dz_i is still added over j in
     * the definition's order (first the codes, then the prior draws), and the three sums of kernel values are added
     * in the definition's order (row by row) after the blocks. An RBF kernel's value and derivative share one
     * exponential (−e/h is the bits of the definition's −exp(−r/h)/h).
     */
    static double mmd2ByRows(double[][] z, double[][] y, LatentKernel kernel, double h, double[][] dz) {
        int n = z.length, m = y.length;
        if (n < 1 || m < 1) throw new IllegalArgumentException("MMD needs at least one sample on each side, got " + n + " and " + m);
        int d = z[0].length;
        double[] vzz = new double[n * n], vyy = new double[m * m], vzy = new double[n * m];
        boolean rbf = kernel == LatentKernel.RBF;
        double czz = 4.0 / ((double) n * n), czy = -4.0 / ((double) n * m);
        int blocks = (Math.max(n, m) + ROWS - 1) / ROWS;
        Parallel.forEach(blocks, b -> {
            for (int i = b * ROWS; i < Math.min(n, (b + 1) * ROWS); i++) {
                double[] zi = z[i], dzi = dz != null ? dz[i] : null;
                for (int j = 0; j < n; j++) {
                    double r = sqDist(zi, z[j]);
                    double e = rbf ? Math.exp(-r / h) : 0, v = rbf ? e : kernel.value(r, h);
                    vzz[i * n + j] = v;
                    if (dzi != null && i != j) {
                        double c = czz * (rbf ? -e / h : kernel.derivative(r, h));
                        for (int k = 0; k < d; k++) dzi[k] += c * (zi[k] - z[j][k]);
                    }
                }
                for (int j = 0; j < m; j++) {
                    double r = sqDist(zi, y[j]);
                    double e = rbf ? Math.exp(-r / h) : 0, v = rbf ? e : kernel.value(r, h);
                    vzy[i * m + j] = v;
                    if (dzi != null) {
                        double c = czy * (rbf ? -e / h : kernel.derivative(r, h));
                        for (int k = 0; k < d; k++) dzi[k] += c * (zi[k] - y[j][k]);
                    }
                }
            }
            for (int i = b * ROWS; i < Math.min(m, (b + 1) * ROWS); i++)
                for (int j = 0; j < m; j++) vyy[i * m + j] = kernel.value(sqDist(y[i], y[j]), h);
        });
        double kzz = 0, kyy = 0, kzy = 0;
        for (double v : vzz) kzz += v;
        for (double v : vyy) kyy += v;
        for (double v : vzy) kzy += v;
        // MMD² = mean k(z, z') + mean k(y, y') − 2 mean k(z, y)
        return kzz / ((double) n * n) + kyy / ((double) m * m) - 2 * kzy / ((double) n * m);
    }

    /** Rows per task of {@link #mmd2ByRows}. */
    private static final int ROWS = 16;

    /** MMD²(q ‖ p) between two samples {@code [n, M]}, {@code [m, M]} (value only, V-statistic). */
    public static double mmd2(INDArray q, INDArray p, LatentKernel kernel, double h) {
        return mmd2(q.toDoubleMatrix(), p.toDoubleMatrix(), kernel, h, null);
    }

    private static double sqDist(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            double t = a[k] - b[k];
            s += t * t;
        }
        return s;
    }
}
