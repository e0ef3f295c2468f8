package lecture7.elbo;

import java.util.Arrays;
import java.util.Random;

/**
 * A latent-variable model in which everything of the recap slides is known exactly (probabilistic PCA,
 * Tipping &amp; Bishop 1999):
 * <pre>
 *   p(z) = N(0, I_M),   p(x|z) = N(Wz + b, σ² I_D)
 *   p(x) = N(b, WWᵀ + σ² I)
 *   p(z|x) = N(μ_post, Λ⁻¹),  Λ = I + WᵀW/σ²,  μ_post = Λ⁻¹ Wᵀ(x − b)/σ²
 * </pre>
 *
 * @param w     {@code D × M} loading matrix
 * @param b     {@code D} offset
 * @param sigma observation noise standard deviation σ &gt; 0
 */
public record LinearGaussianModel(double[][] w, double[] b, double sigma) {
    private static final double LN_2PI = Math.log(2 * Math.PI);

    public LinearGaussianModel {
        if (w.length == 0 || w[0].length == 0) throw new IllegalArgumentException("W must be D × M with D, M ≥ 1");
        if (b.length != w.length) throw new IllegalArgumentException("W has " + w.length + " rows (D) but b has " + b.length + " entries");
        for (double[] row : w) if (row.length != w[0].length) throw new IllegalArgumentException("W is ragged");
        if (!(sigma > 0)) throw new IllegalArgumentException("σ = " + sigma + " must be > 0");
        w = LinAlg.copy(w);
        b = b.clone();
    }

    /** A model with W, b drawn N(0, 1) from {@code seed}. */
    public static LinearGaussianModel random(int d, int m, double sigma, long seed) {
        if (d < 1 || m < 1) throw new IllegalArgumentException("D = " + d + " and M = " + m + " must be ≥ 1");
        Random rng = new Random(seed);
        double[][] w = new double[d][m];
        double[] b = new double[d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < m; j++) w[i][j] = rng.nextGaussian();
            b[i] = rng.nextGaussian();
        }
        return new LinearGaussianModel(w, b, sigma);
    }

    @Override
    public double[][] w() {
        return LinAlg.copy(w);
    }

    @Override
    public double[] b() {
        return b.clone();
    }

    /** Data dimension D. */
    public int dataDim() {
        return w.length;
    }

    /** Latent dimension M. */
    public int latentDim() {
        return w[0].length;
    }

    /** Draws x: z ~ N(0, I), x = Wz + b + σ ε. */
    public double[] sample(Random rng) {
        double[] z = Gaussian.standard(latentDim()).sample(rng);
        double[] x = mean(z);
        for (int i = 0; i < x.length; i++) x[i] += sigma * rng.nextGaussian();
        return x;
    }

    /** ln p(x) = ln N(x | b, WWᵀ + σ²I)  (nats, exact). */
    public double logEvidence(double[] x) {
        checkX(x);
        int d = dataDim();
        double[][] c = LinAlg.matMul(w, LinAlg.transpose(w));
        for (int i = 0; i < d; i++) c[i][i] += sigma * sigma;
        double[][] l = LinAlg.cholesky(c, "WWᵀ + σ²I");
        double[] r = LinAlg.sub(x, b);
        return -0.5 * (d * LN_2PI + LinAlg.logDet(l) + LinAlg.dot(r, LinAlg.cholSolve(l, r)));
    }

    /** The exact posterior p(z|x) = N(Λ⁻¹ Wᵀ(x−b)/σ², Λ⁻¹), Λ = I + WᵀW/σ². */
    public Gaussian posterior(double[] x) {
        checkX(x);
        double[][] lambda = precision();
        double[][] cov = LinAlg.cholInverse(LinAlg.cholesky(lambda, "Λ"));
        double[] wr = LinAlg.matTVec(w, LinAlg.sub(x, b));
        for (int i = 0; i < wr.length; i++) wr[i] /= sigma * sigma;
        // symmetrise against rounding so the Gaussian's checks pass
        for (int i = 0; i < cov.length; i++) for (int j = 0; j < i; j++) cov[i][j] = cov[j][i] = 0.5 * (cov[i][j] + cov[j][i]);
        return new Gaussian(LinAlg.matVec(cov, wr), cov);
    }

    /** ln p(x|z) = ln N(x | Wz + b, σ²I). */
    public double logLikelihood(double[] x, double[] z) {
        checkX(x);
        double[] r = LinAlg.sub(x, mean(z));
        // ln N(x|m, σ²I) = −D/2 ln(2πσ²) − ‖x − m‖²/(2σ²)
        return -0.5 * dataDim() * (LN_2PI + 2 * Math.log(sigma)) - LinAlg.dot(r, r) / (2 * sigma * sigma);
    }

    /** ln p(x, z) = ln p(x|z) + ln N(z | 0, I). */
    public double logJoint(double[] x, double[] z) {
        // ln N(z|0,I) = −M/2 ln 2π − ‖z‖²/2
        return logLikelihood(x, z) - 0.5 * latentDim() * LN_2PI - 0.5 * LinAlg.dot(z, z);
    }

    /** ∇_z ln p(x, z) = Wᵀ(x − Wz − b)/σ² − z. */
    public double[] gradLogJoint(double[] x, double[] z) {
        double[] g = LinAlg.matTVec(w, LinAlg.sub(x, mean(z)));
        for (int i = 0; i < g.length; i++) g[i] = g[i] / (sigma * sigma) - z[i];
        return g;
    }

    /**
     * All terms of the recap identity for q = N(m, S), each from its own closed form:
     * <pre>
     *   E_q ln p(x|z) = −D/2 ln(2πσ²) − [‖x − Wm − b‖² + tr(W S Wᵀ)] / (2σ²)
     *   KL(q ‖ p(z))  = ½ [tr S + ‖m‖² − M − ln det S]
     *   ELBO          = E_q ln p(x|z) + E_q ln p(z) + H(q),  E_q ln p(z) = −M/2 ln 2π − ½(tr S + ‖m‖²)
     *   KL(q ‖ p(z|x)) from the exact posterior, ln p(x) from N(b, WWᵀ + σ²I)
     * </pre>
     */
    public ElboParts parts(double[] x, Gaussian q) {
        checkX(x);
        checkQ(q);
        int d = dataDim(), m = latentDim();
        double[] mu = q.mean();
        double[][] s = q.cov();
        double[] r = LinAlg.sub(x, mean(mu));
        double trWSWt = LinAlg.trace(LinAlg.matMul(LinAlg.matMul(w, s), LinAlg.transpose(w)));
        double rec = -0.5 * d * (LN_2PI + 2 * Math.log(sigma)) - (LinAlg.dot(r, r) + trWSWt) / (2 * sigma * sigma);
        double klPrior = q.kl(Gaussian.standard(m));
        double expLogPrior = -0.5 * m * LN_2PI - 0.5 * (LinAlg.trace(s) + LinAlg.dot(mu, mu));
        double elbo = rec + expLogPrior + q.entropy();
        double klPost = q.kl(posterior(x));
        return new ElboParts(rec, klPrior, elbo, klPost, logEvidence(x));
    }

    /**
     * Monte Carlo ELBO: mean over n draws z_i ~ q of ln p(x, z_i) − ln q(z_i) (the slide's single-sample
     * estimator, averaged), with its standard error.
     */
    public McEstimate elboMonteCarlo(double[] x, Gaussian q, int n, Random rng) {
        checkX(x);
        checkQ(q);
        checkN(n);
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            double[] z = q.sample(rng);
            f[i] = logJoint(x, z) - q.logDensity(z);
        }
        return McEstimate.of(f);
    }

    /** Monte Carlo ELBO with the KL to the prior in closed form: mean of ln p(x|z_i) − KL(q ‖ p(z)). */
    public McEstimate elboMonteCarloAnalyticKl(double[] x, Gaussian q, int n, Random rng) {
        checkX(x);
        checkQ(q);
        checkN(n);
        double kl = q.kl(Gaussian.standard(latentDim()));
        double[] f = new double[n];
        for (int i = 0; i < n; i++) f[i] = logLikelihood(x, q.sample(rng)) - kl;
        return McEstimate.of(f);
    }

    /**
     * One draw of the importance-weighted bound (Burda et al. 2016):
     * ln (1/K) Σ_k p(x, z_k)/q(z_k),  z_k ~ q. K = 1 is the ELBO integrand; E ≤ ln p(x) by Jensen,
     * with equality as K → ∞ or when q = p(z|x).
     */
    public double importanceWeightedBound(double[] x, Gaussian q, int k, Random rng) {
        checkX(x);
        checkQ(q);
        checkN(k);
        double[] logW = new double[k];
        for (int i = 0; i < k; i++) {
            double[] z = q.sample(rng);
            logW[i] = logJoint(x, z) - q.logDensity(z);
        }
        // ln (1/K) Σ w_k = logsumexp(ln w) − ln K
        return LogSumExp.of(logW) - Math.log(k);
    }

    /** Exact ∇ of the ELBO w.r.t. θ = (m, ln s) for q = N(m, diag(s²)); length 2M. */
    public double[] elboGradient(double[] x, double[] m, double[] logS) {
        checkX(x);
        checkTheta(m, logS);
        int dm = latentDim();
        double[] g = new double[2 * dm];
        // ∂ELBO/∂m = Wᵀ(x − b − Wm)/σ² − m
        double[] gm = gradLogJoint(x, m);
        double[][] wtw = LinAlg.matMul(LinAlg.transpose(w), w);
        for (int j = 0; j < dm; j++) {
            double s2 = Math.exp(2 * logS[j]);
            g[j] = gm[j];
            // ∂ELBO/∂ln s_j = −(WᵀW)_jj s_j²/σ² − s_j² + 1
            g[dm + j] = -wtw[j][j] * s2 / (sigma * sigma) - s2 + 1;
        }
        return g;
    }

    /**
     * Reparameterised gradient estimator: z = m + s ⊙ ε, one draw is
     * ∂/∂m = ∇_z ln p(x,z),  ∂/∂ln s = ∇_z ln p(x,z) ⊙ s ⊙ ε + 1 (the +1 is ∇ of the entropy).
     */
    public GradientEstimate reparameterizedGradient(double[] x, double[] m, double[] logS, int n, Random rng) {
        checkX(x);
        checkTheta(m, logS);
        checkN(n);
        int dm = latentDim();
        double[][] draws = new double[n][2 * dm];
        for (int i = 0; i < n; i++) {
            double[] eps = new double[dm], z = new double[dm];
            for (int j = 0; j < dm; j++) {
                eps[j] = rng.nextGaussian();
                z[j] = m[j] + Math.exp(logS[j]) * eps[j];
            }
            double[] gz = gradLogJoint(x, z);
            for (int j = 0; j < dm; j++) {
                draws[i][j] = gz[j];
                draws[i][dm + j] = gz[j] * Math.exp(logS[j]) * eps[j] + 1;
            }
        }
        return GradientEstimate.of("reparameterised", draws);
    }

    /**
     * Score-function (REINFORCE) estimator, no reparameterisation: z ~ q, one draw is
     * f(z) ∇_θ ln q(z; θ) with f(z) = ln p(x,z) − ln q(z),
     * ∇_m ln q = (z − m)/s²,  ∇_{ln s} ln q = (z − m)²/s² − 1.
     */
    public GradientEstimate scoreFunctionGradient(double[] x, double[] m, double[] logS, int n, Random rng) {
        checkX(x);
        checkTheta(m, logS);
        checkN(n);
        int dm = latentDim();
        double[] s = new double[dm];
        for (int j = 0; j < dm; j++) s[j] = Math.exp(logS[j]);
        Gaussian q = Gaussian.diagonal(m, s);
        double[][] draws = new double[n][2 * dm];
        for (int i = 0; i < n; i++) {
            double[] z = q.sample(rng);
            double f = logJoint(x, z) - q.logDensity(z);
            for (int j = 0; j < dm; j++) {
                double u = (z[j] - m[j]) / s[j];
                draws[i][j] = f * u / s[j];
                draws[i][dm + j] = f * (u * u - 1);
            }
        }
        return GradientEstimate.of("score function", draws);
    }

    private double[] mean(double[] z) {
        if (z.length != latentDim()) throw new IllegalArgumentException("z has " + z.length + " entries, the model has M = " + latentDim());
        double[] x = LinAlg.matVec(w, z);
        for (int i = 0; i < x.length; i++) x[i] += b[i];
        return x;
    }

    private void checkX(double[] x) {
        if (x.length != dataDim()) throw new IllegalArgumentException("x has " + x.length + " entries, the model has D = " + dataDim());
        for (double v : x) if (!Double.isFinite(v)) throw new IllegalArgumentException("x contains a non-finite value: " + Arrays.toString(x));
    }

    private void checkQ(Gaussian q) {
        if (q.dim() != latentDim()) throw new IllegalArgumentException("q has dimension " + q.dim() + ", the model has M = " + latentDim());
    }

    private void checkTheta(double[] m, double[] logS) {
        if (m.length != latentDim() || logS.length != latentDim())
            throw new IllegalArgumentException("q's mean has " + m.length + " and log-std " + logS.length + " entries, the model has M = " + latentDim());
    }

    private static void checkN(int n) {
        if (n < 1) throw new IllegalArgumentException("number of samples must be ≥ 1, got " + n);
    }

    private double[][] precision() {
        int m = latentDim();
        double[][] lambda = LinAlg.matMul(LinAlg.transpose(w), w);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) lambda[i][j] /= sigma * sigma;
            lambda[i][i] += 1;
        }
        return lambda;
    }
}
