package lecture7.infotheory;

import lecture7.compute.Parallel;
import lecture7.elbo.LogSumExp;

/**
 * The log densities of one minibatch that the KL parts are made of, with their hand-derived gradients:
 * for B samples z_i ~ q(z|x_i) = N(μ_i, diag σ_i²),
 * <pre>
 *   ℓ_ikj      = ln N(z_ij; μ_kj, σ_kj²) = −½ ln 2π − ln σ_kj − ½ (z_ij − μ_kj)²/σ_kj²
 *   ln q(z_i|x_i) = Σ_j ℓ_iij                       ln p(z_i) = Σ_j ln N(z_ij; 0, 1)
 *   ln q̂(z_i)    = logsumexp_k (ln w_ik + Σ_j ℓ_ikj)   ln q̂(z_ij) = logsumexp_k (ln w_ik + ℓ_ikj)
 * </pre>
 * with the weights of a {@link MinibatchEstimator}. From these, per sample: MI = ln q(z|x) − ln q̂(z),
 * TC = ln q̂(z) − Σ_j ln q̂(z_j), dim-wise KL = Σ_j [ln q̂(z_j) − ln p(z_j)] (Chen et al. 2018, eq. 2–5).
 *
 * <p>{@link #backward} turns the loss's derivatives with respect to these four log densities into
 * derivatives with respect to z, μ and ln σ (the direct dependence; the caller adds the path through
 * z = μ + σ∘ε). Cost O(B²·M) in plain double loops, for a batch of 256 in 10-D about six times the networks' work,
 * so both directions run on {@link Parallel}'s threads: the rows i in blocks of {@link #ROWS} (each row's numbers
 * computed on their own), and the sums over i of the μ and ln σ gradients in blocks of k, each still adding its
 * terms in the order i = 0, 1, …, B−1 — the same bits on any number of threads.
 */
public final class MinibatchDensities {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    /** Rows (or components k) per task of the parallel loops. */
    static final int ROWS = 16;

    private final int bsz, d;
    private final double[][] z, mu, ls;
    private final double[] logW;            // [B·B] ln w_ik
    private final double[] ell;             // [B·B·M] ℓ_ikj
    private final double[] invVar;          // [B·M] 1/σ_kj²
    /** {@code [B]} ln q(z_i|x_i), nats. */
    public final double[] logQzx;
    /** {@code [B]} ln p(z_i) under N(0, I), nats. */
    public final double[] logPz;
    /** {@code [B]} ln q̂(z_i), nats. */
    public final double[] logQz;
    /** {@code [B][M]} ln q̂(z_ij), nats. */
    public final double[][] logQzj;

    /**
     * @param z           {@code [B][M]} samples, z_i ~ q(z|x_i)
     * @param mu          {@code [B][M]} posterior means of the batch
     * @param logSigma    {@code [B][M]} posterior ln σ of the batch
     * @param datasetSize N, the number of points the batch was drawn from
     */
    public MinibatchDensities(double[][] z, double[][] mu, double[][] logSigma, MinibatchEstimator estimator, long datasetSize) {
        this.bsz = z.length;
        if (bsz < 1 || mu.length != bsz || logSigma.length != bsz)
            throw new IllegalArgumentException("z, mu and logSigma need the same number of rows ≥ 1, got "
                    + z.length + ", " + mu.length + ", " + logSigma.length);
        this.d = z[0].length;
        this.z = z;
        this.mu = mu;
        this.ls = logSigma;
        this.logW = new double[bsz * bsz];
        for (int i = 0; i < bsz; i++)
            for (int k = 0; k < bsz; k++) logW[i * bsz + k] = estimator.logWeight(i == k, bsz, datasetSize);
        this.ell = new double[bsz * bsz * d];
        this.logQzx = new double[bsz];
        this.logPz = new double[bsz];
        this.logQz = new double[bsz];
        this.logQzj = new double[bsz][d];
        this.invVar = new double[bsz * d];
        for (int k = 0; k < bsz; k++)
            for (int j = 0; j < d; j++) invVar[k * d + j] = Math.exp(-2 * ls[k][j]);
        for (int i = 0; i < bsz; i++)
            if (z[i].length != d || mu[i].length != d || logSigma[i].length != d)
                throw new IllegalArgumentException("row " + i + " has a different latent dimension than row 0 (M = " + d + ")");
        Parallel.forEach(blocks(), b -> {
            double[] joint = new double[bsz], col = new double[bsz];
            for (int i = b * ROWS, end = Math.min(bsz, i + ROWS); i < end; i++) {
                double lp = 0;
                for (int j = 0; j < d; j++) lp += -HALF_LOG_2PI - 0.5 * z[i][j] * z[i][j];
                logPz[i] = lp;
                for (int k = 0; k < bsz; k++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        double diff = z[i][j] - mu[k][j];
                        // ℓ_ikj = −½ ln 2π − ln σ_kj − ½ (z_ij − μ_kj)²/σ_kj²
                        double e = -HALF_LOG_2PI - ls[k][j] - 0.5 * diff * diff * invVar[k * d + j];
                        ell[(i * bsz + k) * d + j] = e;
                        s += e;
                    }
                    joint[k] = logW[i * bsz + k] + s;
                    if (k == i) logQzx[i] = s;
                }
                logQz[i] = LogSumExp.of(joint);
                for (int j = 0; j < d; j++) {
                    for (int k = 0; k < bsz; k++) col[k] = logW[i * bsz + k] + ell[(i * bsz + k) * d + j];
                    logQzj[i][j] = LogSumExp.of(col);
                }
            }
        });
    }

    /** Tasks of the parallel loops: ⌈B / ROWS⌉. */
    private int blocks() {
        return (bsz + ROWS - 1) / ROWS;
    }

    /** Batch size B. */
    public int batch() {
        return bsz;
    }

    /** Per-sample mutual information term ln q(z_i|x_i) − ln q̂(z_i). */
    public double[] mutualInformation() {
        double[] r = new double[bsz];
        for (int i = 0; i < bsz; i++) r[i] = logQzx[i] - logQz[i];
        return r;
    }

    /** Per-sample total correlation term ln q̂(z_i) − Σ_j ln q̂(z_ij). */
    public double[] totalCorrelation() {
        double[] r = new double[bsz];
        for (int i = 0; i < bsz; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) s += logQzj[i][j];
            r[i] = logQz[i] - s;
        }
        return r;
    }

    /** Per-sample dimension-wise KL term Σ_j ln q̂(z_ij) − ln p(z_i). */
    public double[] dimensionwiseKl() {
        double[] r = new double[bsz];
        for (int i = 0; i < bsz; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) s += logQzj[i][j];
            r[i] = s - logPz[i];
        }
        return r;
    }

    /** Derivatives of a loss with respect to z, μ and ln σ of the batch, each {@code [B][M]}. */
    public record Gradients(double[][] z, double[][] mu, double[][] logSigma) {}

    /**
     * Back-propagates {@code dL/d ln q̂(z_i)}, {@code dL/d ln q̂(z_ij)}, {@code dL/d ln q(z_i|x_i)} and
     * {@code dL/d ln p(z_i)} (any may be {@code null} = 0) to z, μ, ln σ (direct dependence only).
     * <pre>
     *   ∂ ln q̂(z_i)/∂ℓ_ikj = softmax_k(ln w_ik + Σ_j ℓ_ikj),  ∂ ln q̂(z_ij)/∂ℓ_ikj = softmax_k(ln w_ik + ℓ_ikj)
     *   ∂ℓ_ikj/∂z_ij = −(z_ij − μ_kj)/σ_kj²,  ∂ℓ_ikj/∂μ_kj = +(z_ij − μ_kj)/σ_kj²,
     *   ∂ℓ_ikj/∂ln σ_kj = −1 + (z_ij − μ_kj)²/σ_kj²,   ∂ ln p(z_i)/∂z_ij = −z_ij
     * </pre>
     */
    public Gradients backward(double[] dLogQz, double[][] dLogQzj, double[] dLogQzx, double[] dLogPz) {
        double[][] gz = new double[bsz][d], gm = new double[bsz][d], gs = new double[bsz][d];
        // the softmax weights of every row: wJoint[i·B + k] over k of the joint terms, wMarg[(i·M + j)·B + k] per dimension
        double[] wJoint = dLogQz != null ? new double[bsz * bsz] : null;
        double[] wMarg = dLogQzj != null ? new double[bsz * d * bsz] : null;
        Parallel.forEach(blocks(), b -> {
            for (int i = b * ROWS, end = Math.min(bsz, i + ROWS); i < end; i++) {
                if (wJoint != null) {
                    for (int k = 0; k < bsz; k++) {
                        double s = logW[i * bsz + k];
                        for (int j = 0; j < d; j++) s += ell[(i * bsz + k) * d + j];
                        wJoint[i * bsz + k] = s;
                    }
                    softmaxInPlace(wJoint, i * bsz, bsz);
                }
                for (int j = 0; j < d; j++)
                    if (marginal(dLogQzj, i, j)) {
                        int at = (i * d + j) * bsz;
                        for (int k = 0; k < bsz; k++) wMarg[at + k] = logW[i * bsz + k] + ell[(i * bsz + k) * d + j];
                        softmaxInPlace(wMarg, at, bsz);
                    }
            }
        });
        // z: each row i on its own (terms over k in order, then the prior's); G_ikj kept as gT[(k·M + j)·B + i]
        double[] gT = new double[bsz * d * bsz];
        Parallel.forEach(blocks(), b -> {
            for (int i = b * ROWS, end = Math.min(bsz, i + ROWS); i < end; i++)
                for (int j = 0; j < d; j++) {
                    for (int k = 0; k < bsz; k++) {
                        double g = dLoss(dLogQz, dLogQzj, dLogQzx, wJoint, wMarg, i, j, k);
                        gT[(k * d + j) * bsz + i] = g;
                        if (g == 0) continue;
                        gz[i][j] -= g * (z[i][j] - mu[k][j]) * invVar[k * d + j];
                    }
                    if (dLogPz != null) gz[i][j] -= dLogPz[i] * z[i][j];
                }
        });
        // μ and ln σ: each component k on its own, its terms added over i in order
        double[] zT = new double[d * bsz];
        for (int i = 0; i < bsz; i++) for (int j = 0; j < d; j++) zT[j * bsz + i] = z[i][j];
        Parallel.forEach(blocks(), b -> {
            for (int k = b * ROWS, end = Math.min(bsz, k + ROWS); k < end; k++)
                for (int j = 0; j < d; j++) {
                    double mkj = mu[k][j], iv = invVar[k * d + j], sm = 0, ss = 0;
                    int at = (k * d + j) * bsz;
                    for (int i = 0; i < bsz; i++) {
                        double g = gT[at + i];
                        if (g == 0) continue;
                        double diff = zT[j * bsz + i] - mkj;
                        sm += g * diff * iv;
                        ss += g * (-1 + diff * diff * iv);
                    }
                    gm[k][j] = sm;
                    gs[k][j] = ss;
                }
        });
        return new Gradients(gz, gm, gs);
    }

    private static boolean marginal(double[][] dLogQzj, int i, int j) {
        return dLogQzj != null && dLogQzj[i][j] != 0;
    }

    /** G_ikj = dL/dℓ_ikj from the softmax weights and the loss's derivatives. */
    private double dLoss(double[] dLogQz, double[][] dLogQzj, double[] dLogQzx, double[] wJoint, double[] wMarg, int i, int j, int k) {
        double g = 0;
        if (dLogQz != null) g += dLogQz[i] * wJoint[i * bsz + k];
        if (marginal(dLogQzj, i, j)) g += dLogQzj[i][j] * wMarg[(i * d + j) * bsz + k];
        if (k == i && dLogQzx != null) g += dLogQzx[i];
        return g;
    }

    private static void softmaxInPlace(double[] v, int from, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = from; i < from + n; i++) m = Math.max(m, v[i]);
        double s = 0;
        for (int i = from; i < from + n; i++) {
            v[i] = Math.exp(v[i] - m);
            s += v[i];
        }
        for (int i = from; i < from + n; i++) v[i] /= s;
    }
}
