package lecture7.elbo;

import java.util.Arrays;
import java.util.Random;

/**
 * A finite mixture with a discrete latent z ∈ {0, …, K−1}: the recap identity with sums in place of integrals.
 * <pre>
 *   p(z = k) = π_k,   p(x | z = k) = N(x | μ_k, s_k² I_D)
 *   p(x) = Σ_k π_k N(x | μ_k, s_k² I),   p(z = k | x) = π_k N(x | μ_k, s_k² I) / p(x)
 * </pre>
 * q is any categorical distribution over the K components ({@code double[K]}, non-negative, summing to 1).
 *
 * @param weights mixing proportions π ({@code K}, summing to 1)
 * @param means   {@code K × D} component means
 * @param stds    {@code K} component standard deviations s_k &gt; 0
 */
public record MixtureModel(double[] weights, double[][] means, double[] stds) {
    private static final double LN_2PI = Math.log(2 * Math.PI);

    public MixtureModel {
        int k = weights.length;
        if (k == 0) throw new IllegalArgumentException("a mixture needs at least one component");
        if (means.length != k || stds.length != k)
            throw new IllegalArgumentException(k + " weights but " + means.length + " means and " + stds.length + " stds");
        checkSimplex(weights, "weights");
        for (int i = 0; i < k; i++) {
            if (means[i].length != means[0].length) throw new IllegalArgumentException("means are ragged");
            if (!(stds[i] > 0)) throw new IllegalArgumentException("stds[" + i + "] = " + stds[i] + " must be > 0");
        }
        weights = weights.clone();
        means = LinAlg.copy(means);
        stds = stds.clone();
    }

    /** K components in D dimensions with means N(0, spread²), equal weights and unit stds. */
    public static MixtureModel random(int k, int d, double spread, long seed) {
        if (k < 1 || d < 1) throw new IllegalArgumentException("K = " + k + " and D = " + d + " must be ≥ 1");
        Random rng = new Random(seed);
        double[][] mu = new double[k][d];
        for (double[] row : mu) for (int j = 0; j < d; j++) row[j] = spread * rng.nextGaussian();
        double[] w = new double[k], s = new double[k];
        Arrays.fill(w, 1.0 / k);
        Arrays.fill(s, 1.0);
        return new MixtureModel(w, mu, s);
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public double[][] means() {
        return LinAlg.copy(means);
    }

    @Override
    public double[] stds() {
        return stds.clone();
    }

    /** Number of components K. */
    public int components() {
        return weights.length;
    }

    /** Data dimension D. */
    public int dataDim() {
        return means[0].length;
    }

    /** Draws x: z ~ Cat(π), x ~ N(μ_z, s_z² I). */
    public double[] sample(Random rng) {
        int z = draw(weights, rng);
        double[] x = means[z].clone();
        for (int j = 0; j < x.length; j++) x[j] += stds[z] * rng.nextGaussian();
        return x;
    }

    /** ln p(x | z = k) = −D/2 ln(2π s_k²) − ‖x − μ_k‖²/(2 s_k²). */
    public double logLikelihood(double[] x, int k) {
        checkX(x);
        double[] r = LinAlg.sub(x, means[k]);
        return -0.5 * dataDim() * (LN_2PI + 2 * Math.log(stds[k])) - LinAlg.dot(r, r) / (2 * stds[k] * stds[k]);
    }

    /** ln p(x, z = k) = ln π_k + ln p(x | z = k). */
    public double logJoint(double[] x, int k) {
        return Math.log(weights[k]) + logLikelihood(x, k);
    }

    /** ln p(x) = logsumexp_k ln p(x, z = k)  (nats, exact). */
    public double logEvidence(double[] x) {
        return LogSumExp.of(logJoints(x));
    }

    /** The exact posterior p(z | x), a categorical over K. */
    public double[] posterior(double[] x) {
        double[] lj = logJoints(x);
        double lse = LogSumExp.of(lj);
        double[] r = new double[lj.length];
        for (int k = 0; k < r.length; k++) r[k] = Math.exp(lj[k] - lse);
        return r;
    }

    /**
     * All terms of the identity for a categorical q:
     * <pre>
     *   E_q ln p(x|z) = Σ_k q_k ln p(x|k),   KL(q ‖ p(z)) = Σ_k q_k ln(q_k/π_k)
     *   ELBO = Σ_k q_k [ln p(x,k) − ln q_k],  KL(q ‖ p(z|x)) = Σ_k q_k ln(q_k / p(k|x))
     * </pre>
     * with 0 ln 0 = 0.
     */
    public ElboParts parts(double[] x, double[] q) {
        checkX(x);
        checkQ(q);
        double[] post = posterior(x);
        double rec = 0, klPrior = 0, elbo = 0, klPost = 0;
        for (int k = 0; k < q.length; k++) {
            if (q[k] == 0) continue;
            double ll = logLikelihood(x, k);
            rec += q[k] * ll;
            klPrior += q[k] * Math.log(q[k] / weights[k]);
            elbo += q[k] * (Math.log(weights[k]) + ll - Math.log(q[k]));
            klPost += q[k] * (Math.log(q[k]) - Math.log(post[k]));
        }
        return new ElboParts(rec, klPrior, elbo, klPost, logEvidence(x));
    }

    /** Monte Carlo ELBO: mean over z_i ~ q of ln p(x, z_i) − ln q(z_i), with its standard error. */
    public McEstimate elboMonteCarlo(double[] x, double[] q, int n, Random rng) {
        checkX(x);
        checkQ(q);
        if (n < 1) throw new IllegalArgumentException("number of samples must be ≥ 1, got " + n);
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            int z = draw(q, rng);
            f[i] = logJoint(x, z) - Math.log(q[z]);
        }
        return McEstimate.of(f);
    }

    private double[] logJoints(double[] x) {
        double[] lj = new double[components()];
        for (int k = 0; k < lj.length; k++) lj[k] = logJoint(x, k);
        return lj;
    }

    private void checkX(double[] x) {
        if (x.length != dataDim()) throw new IllegalArgumentException("x has " + x.length + " entries, the mixture has D = " + dataDim());
        for (double v : x) if (!Double.isFinite(v)) throw new IllegalArgumentException("x contains a non-finite value: " + Arrays.toString(x));
    }

    private void checkQ(double[] q) {
        if (q.length != components()) throw new IllegalArgumentException("q has " + q.length + " entries, the mixture has K = " + components());
        checkSimplex(q, "q");
    }

    private static void checkSimplex(double[] p, String name) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0)) throw new IllegalArgumentException(name + "[" + i + "] = " + p[i] + " must be ≥ 0");
            s += p[i];
        }
        if (Math.abs(s - 1) > 1e-9) throw new IllegalArgumentException(name + " sums to " + s + ", not 1");
    }

    private static int draw(double[] p, Random rng) {
        double u = rng.nextDouble(), c = 0;
        for (int k = 0; k < p.length; k++) {
            c += p[k];
            if (u < c) return k;
        }
        for (int k = p.length - 1; k >= 0; k--) if (p[k] > 0) return k;
        return p.length - 1;
    }
}
