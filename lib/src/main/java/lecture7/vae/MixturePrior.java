package lecture7.vae;

import lecture7.compute.Adam;
import lecture7.compute.OffHeap;
import lecture7.elbo.LogSumExp;
import lecture7.infotheory.GaussianCodes;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/**
 * A learned prior p_λ(z) (the lecture's "A poor prior distribution p_λ(z)", Part 3): a mixture of K diagonal
 * Gaussians whose weights, means and scales λ are trained with the VAE,
 * <pre>
 *   p_λ(z) = Σ_k π_k N(z; m_k, diag s_k²),   π = softmax(a),   λ = (a, m, ln s)
 * </pre>
 * The ELBO's KL term is then KL(q(z|x) ‖ p_λ(z)), which has no closed form; {@link #objective} estimates it
 * with the Gaussian entropy in closed form and one z ~ q(z|x) for the cross term,
 * <pre>
 *   KL(q(z|x) ‖ p_λ) = −H[q(z|x)] − E_q[ln p_λ(z)],   −H[q(z|x)] = −Σ_j (ln σ_j + ½ ln 2πe)
 * </pre>
 * A standard normal prior asks every q(z|x) towards N(0, I); the learned prior moves towards where the codes
 * are — in the best case to the aggregate posterior q(z) itself, which makes the average KL equal to I(x; z)
 * (the TC and dimension-wise parts vanish: Hoffman &amp; Johnson 2016; Tomczak &amp; Welling 2018, VampPrior, use
 * the same argument with a mixture of posteriors).
 *
 * <p>Parameters are held in double, {@code [K + 2·K·M]} = (a_k; m_kj; ln s_kj), and trained by the objective's
 * own Adam: every training call of the penalty takes one step on λ with that batch's gradient. Reference:
 * Tomczak &amp; Welling (2018), VampPrior, §2–3 (their "mixture of Gaussians" baseline).
 */
public final class MixturePrior {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    private final int k, d;
    private final double[] theta;

    /**
     * K components in M dimensions: means m_k ~ N(0, I) from {@code seed}, scales s_k = 1, equal weights.
     */
    public MixturePrior(int components, int dim, long seed) {
        if (components < 1) throw new IllegalArgumentException("a mixture needs at least one component, got " + components);
        if (dim < 1) throw new IllegalArgumentException("latent dimension must be ≥ 1, got " + dim);
        this.k = components;
        this.d = dim;
        this.theta = new double[k + 2 * k * d];
        Random rng = new Random(seed);
        for (int c = 0; c < k; c++) for (int j = 0; j < d; j++) theta[meanIndex(c, j)] = rng.nextGaussian();
    }

    /** Number of components K. */
    public int components() {
        return k;
    }

    /** Latent dimension M. */
    public int dim() {
        return d;
    }

    /** A copy of λ = (a_k; m_kj; ln s_kj), {@code [K + 2·K·M]}. */
    public double[] parameters() {
        return theta.clone();
    }

    /** Sets λ (same layout as {@link #parameters()}). */
    public void setParameters(double[] lambda) {
        if (lambda.length != theta.length)
            throw new IllegalArgumentException("λ has " + lambda.length + " values, a mixture of " + k + " in " + d + " dimensions has " + theta.length);
        for (double v : lambda) if (!Double.isFinite(v)) throw new IllegalArgumentException("λ contains a non-finite value");
        System.arraycopy(lambda, 0, theta, 0, theta.length);
    }

    /** Mixture weights π = softmax(a). */
    public double[] weights() {
        double[] a = java.util.Arrays.copyOf(theta, k);
        double lse = LogSumExp.of(a);
        for (int c = 0; c < k; c++) a[c] = Math.exp(a[c] - lse);
        return a;
    }

    /** m_k as {@code [K][M]}. */
    public double[][] means() {
        double[][] m = new double[k][d];
        for (int c = 0; c < k; c++) for (int j = 0; j < d; j++) m[c][j] = theta[meanIndex(c, j)];
        return m;
    }

    /** s_k as {@code [K][M]}. */
    public double[][] scales() {
        double[][] s = new double[k][d];
        for (int c = 0; c < k; c++) for (int j = 0; j < d; j++) s[c][j] = Math.exp(theta[logScaleIndex(c, j)]);
        return s;
    }

    int meanIndex(int c, int j) {
        return k + c * d + j;
    }

    int logScaleIndex(int c, int j) {
        return k + k * d + c * d + j;
    }

    /** ln p_λ(z) in nats for one point {@code z [M]}. */
    public double logDensity(double[] z) {
        return logDensity(z, null, null, 1);
    }

    /**
     * ln p_λ(z) and, when the arrays are not null, {@code w ·} its gradients added into {@code dz [M]} and
     * {@code dLambda [K + 2KM]}. With component terms t_k = a_k − ln Σ exp(a) + Σ_j ln N(z_j; m_kj, s_kj²) and
     * responsibilities r_k = softmax(t)_k, u_kj = (z_j − m_kj)/s_kj:
     * <pre>
     *   ln p_λ(z) = logsumexp_k t_k
     *   ∂/∂z_j = −Σ_k r_k u_kj / s_kj,   ∂/∂m_kj = r_k u_kj / s_kj,   ∂/∂ln s_kj = r_k (u_kj² − 1),   ∂/∂a_k = r_k − π_k
     * </pre>
     */
    double logDensity(double[] z, double[] dz, double[] dLambda, double w) {
        if (z.length != d) throw new IllegalArgumentException("z has " + z.length + " values, the prior has M = " + d);
        double[] a = java.util.Arrays.copyOf(theta, k);
        double lseA = LogSumExp.of(a);
        double[] t = new double[k];
        for (int c = 0; c < k; c++) {
            double s = a[c] - lseA;
            for (int j = 0; j < d; j++) {
                double ls = theta[logScaleIndex(c, j)], u = (z[j] - theta[meanIndex(c, j)]) * Math.exp(-ls);
                // ln N(z_j; m, s²) = −½ ln 2π − ln s − ½ u²
                s += -HALF_LOG_2PI - ls - 0.5 * u * u;
            }
            t[c] = s;
        }
        double lp = LogSumExp.of(t);
        if (dz == null && dLambda == null) return lp;
        for (int c = 0; c < k; c++) {
            double r = Math.exp(t[c] - lp);
            if (dLambda != null) dLambda[c] += w * (r - Math.exp(a[c] - lseA));
            for (int j = 0; j < d; j++) {
                double ls = theta[logScaleIndex(c, j)], invS = Math.exp(-ls), u = (z[j] - theta[meanIndex(c, j)]) * invS;
                if (dz != null) dz[j] -= w * r * u * invS;
                if (dLambda != null) {
                    dLambda[meanIndex(c, j)] += w * r * u * invS;
                    dLambda[logScaleIndex(c, j)] += w * r * (u * u - 1);
                }
            }
        }
        return lp;
    }

    /** ln p_λ(z_i) for every row of {@code z [n, M]}, nats. */
    public double[] logDensities(INDArray z) {
        if (z.rank() != 2 || z.columns() != d)
            throw new IllegalArgumentException("z has shape " + java.util.Arrays.toString(z.shape()) + ", the prior has M = " + d);
        double[] flat = z.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] out = new double[(int) z.rows()];
        for (int i = 0; i < out.length; i++) out[i] = logDensity(java.util.Arrays.copyOfRange(flat, i * d, i * d + d));
        return out;
    }

    /** n draws z ~ p_λ as {@code [n, M]} DOUBLE: a component c ~ π, then z = m_c + s_c ⊙ ε (same seed, same draws). */
    public INDArray sample(int n, long seed) {
        if (n < 1) throw new IllegalArgumentException("need at least one draw, got " + n);
        Random rng = new Random(seed);
        double[] pi = weights();
        double[] z = new double[n * d];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble(), acc = 0;
            int c = k - 1;
            for (int q = 0; q < k; q++) {
                acc += pi[q];
                if (u < acc) {
                    c = q;
                    break;
                }
            }
            for (int j = 0; j < d; j++) z[i * d + j] = theta[meanIndex(c, j)] + Math.exp(theta[logScaleIndex(c, j)]) * rng.nextGaussian();
        }
        return Nd4j.create(z, new long[]{n, d}, 'c');
    }

    /**
     * E_p(x)[KL(q(z|x) ‖ p_λ)] over a data set's posteriors, nats per point, with its standard error:
     * −H[q(z|x_n)] in closed form and {@code samplesPerPoint} draws z ~ q(z|x_n) for −E[ln p_λ(z)].
     *
     * @return {mean, standard error}
     */
    public double[] averageKl(GaussianCodes codes, int samplesPerPoint, long seed) {
        if (codes.dims() != d) throw new IllegalArgumentException("codes have M = " + codes.dims() + ", the prior has M = " + d);
        if (samplesPerPoint < 1) throw new IllegalArgumentException("samples per point must be ≥ 1, got " + samplesPerPoint);
        double[][] mu = codes.mu().toDoubleMatrix(), ls = codes.logSigma().toDoubleMatrix();
        Random rng = new Random(seed);
        double sum = 0, sum2 = 0;
        double[] z = new double[d];
        for (int n = 0; n < mu.length; n++) {
            double negH = 0;
            // −H[N(μ, diag σ²)] = −Σ_j (ln σ_j + ½ ln 2π + ½)
            for (int j = 0; j < d; j++) negH -= ls[n][j] + HALF_LOG_2PI + 0.5;
            double cross = 0;
            for (int r = 0; r < samplesPerPoint; r++) {
                for (int j = 0; j < d; j++) z[j] = mu[n][j] + Math.exp(ls[n][j]) * rng.nextGaussian();
                cross += logDensity(z) / samplesPerPoint;
            }
            double kl = negH - cross;
            sum += kl;
            sum2 += kl * kl;
        }
        int n = mu.length;
        double mean = sum / n, var = n > 1 ? Math.max(0, (sum2 - n * mean * mean) / (n - 1)) : Double.NaN;
        return new double[]{mean, Math.sqrt(var / n)};
    }

    /**
     * The VAE objective with this prior, R = KL(q(z|x) ‖ p_λ) estimated as above; each training call also takes
     * one Adam step (learning rate {@code learningRate}) on λ. A fresh prior per training run: the objective
     * changes it.
     */
    public Objective objective(double learningRate) {
        if (!(learningRate > 0) || !Double.isFinite(learningRate))
            throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
        return new Kl(learningRate);
    }

    private final class Kl implements Objective {
        private final Adam adam;
        private final INDArray params = Nd4j.create(DataType.DOUBLE, 1, theta.length), grads = Nd4j.create(DataType.DOUBLE, 1, theta.length);

        Kl(double lr) {
            adam = new Adam(theta.length, DataType.DOUBLE, lr, 0.9, 0.999, 1e-8);
        }

        @Override
        public String name() {
            return "KL to a learned mixture of " + k;
        }

        @Override
        public double penalty(Latents l, LatentGradients g) {
            int n = l.n();
            if (l.dim() != d) throw new IllegalArgumentException("the encoder has M = " + l.dim() + ", the prior M = " + d);
            double[][] z = LatentCopies.rows(l.z()), ls = LatentCopies.rows(l.logStd());
            double[][] dz = g != null ? new double[n][d] : null;
            double[] dLambda = g != null ? new double[theta.length] : null;
            double total = 0;
            for (int i = 0; i < n; i++) {
                double negH = 0;
                for (int j = 0; j < d; j++) negH -= ls[i][j] + HALF_LOG_2PI + 0.5;
                // per row: −H[q(z|x_i)] − ln p_λ(z_i); gradients of the batch mean (w = 1/n), of −ln p hence w = −1/n
                total += negH - logDensity(z[i], dz == null ? null : dz[i], dLambda, -1.0 / n);
            }
            double r = total / n;
            if (g != null) {
                // ∂(−H)/∂ln σ_ij = −1 for every row (batch mean: −1/n)
                g.dLogStd().subi(1.0 / n);
                LatentCopies.addInto(g.dZ(), dz);
                if (Double.isFinite(r)) {
                    // one Adam step on λ (the same optimiser as the networks'), through two small off-heap arrays
                    OffHeap.put(theta, params);
                    OffHeap.put(dLambda, grads);
                    adam.resync();
                    adam.step(params, grads);
                    OffHeap.get(params, theta);
                }
            }
            return r;
        }
    }
}
