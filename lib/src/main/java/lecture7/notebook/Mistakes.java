package lecture7.notebook;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The catalogue of mistakes students make in the exercises (E1–E4) and homework (H1, H2), beside the check they
 * belong to: each method takes the check's own inputs and returns that part's {@link Mistake}s, each the wrong
 * formula recomputed on those inputs, with a message that names the mistake without giving the answer away.
 * A notebook passes them to its check, e.g.
 * <pre>{@code
 * Check.cases("E1-kl", labels, i -> klToStandardNormal(mu[i], logStd[i]), expected, 1e-9, Mistakes.E1.kl(mu, logStd));
 * }</pre>
 * Every catalogued mistake has a test (MistakesTest) that writes it as a student would and checks its message.
 */
public final class Mistakes {
    private Mistakes() {}

    // ---- shared formulas of the catalogue -----------------------------------------------------------------------

    /** KL(N(μ, v) ‖ N(0, 1)) with the variance v: ½(μ² + v − ln v − 1). */
    static double klStd(double mu, double var) {
        return 0.5 * (mu * mu + var - Math.log(var) - 1);
    }

    /** ln N(x; mean, var) with the variance. */
    static double logN(double x, double mean, double var) {
        return -0.5 * Math.log(2 * Math.PI * var) - (x - mean) * (x - mean) / (2 * var);
    }

    private static double[] flat(INDArray a) {
        return a.dup('c').castTo(DataType.DOUBLE).reshape(a.length()).toDoubleVector();
    }

    private static Mistake entries(INDArray like, java.util.function.IntFunction<double[]> row, String meaning) {
        int rows = (int) like.rows();
        double[][] out = new double[rows][];
        for (int b = 0; b < rows; b++) out[b] = row.apply(b);
        return Mistake.of(java.util.Arrays.stream(out).flatMapToDouble(java.util.Arrays::stream).toArray(), meaning);
    }

    /** The same function at every case of a check on one input (Check.function). */
    private static Mistake over(double[] inputs, DoubleUnaryOperator wrong, String meaning) {
        return Mistake.cases(inputs.length, i -> wrong.applyAsDouble(inputs[i]), meaning);
    }

    // ---- Exercises 1: the ELBO ----------------------------------------------------------------------------------

    /** Exercises 1 (ELBO). */
    public static final class E1 {
        private E1() {}

        /** 1.1 KL(N(μ, σ²) ‖ N(0, 1)) at the cases (mu[i], logStd[i]). */
        public static Mistake[] kl(double[] mu, double[] logStd) {
            int n = mu.length;
            return new Mistake[]{
                    Mistake.cases(n, i -> klStd(mu[i], Math.exp(logStd[i])) , "You read logStd as the log-variance ln σ²: the encoder outputs ln σ, so σ² = exp(2·ln σ)."),
                    Mistake.cases(n, i -> 0.5 * (mu[i] * mu[i] + Math.exp(logStd[i]) - 2 * logStd[i] - 1), "The σ² term: you used σ = exp(ln σ) where its square σ² appears."),
                    Mistake.cases(n, i -> 0.5 * (mu[i] * mu[i] + Math.exp(2 * logStd[i]) - logStd[i] - 1), "The log term: it is ln σ² = 2·ln σ, you have ln σ once."),
                    Mistake.cases(n, i -> 2 * klStd(mu[i], Math.exp(2 * logStd[i])), "The factor ½ in front of the whole bracket is missing."),
                    Mistake.cases(n, i -> klStd(mu[i], Math.exp(2 * logStd[i])) + 0.5, "The constant −1 inside the bracket (from E_q[(z − μ)²]/σ² = 1) is missing."),
                    Mistake.cases(n, i -> logStd[i] + (1 + mu[i] * mu[i]) / (2 * Math.exp(2 * logStd[i])) - 0.5, "That is KL(N(0,1) ‖ N(μ,σ²)), the other direction: the expectation is under q = N(μ, σ²)."),
                    Mistake.cases(n, i -> 0.5 * (mu[i] * mu[i] + Math.exp(2 * logStd[i]) - 2 * Math.log10(Math.exp(logStd[i])) - 1), "Math.log10 is the base-10 log: the kit works in nats (Math.log)."),
            };
        }

        /** 1.2 the per-example KL of [batch, M] arrays. */
        public static Mistake[] klSum(INDArray mu, INDArray logStd) {
            double[][] m = mu.castTo(DataType.DOUBLE).toDoubleMatrix(), l = logStd.castTo(DataType.DOUBLE).toDoubleMatrix();
            int dims = m[0].length;
            java.util.function.Function<DoubleBinaryOperator, java.util.function.IntFunction<double[]>> perRow = f -> b -> {
                double s = 0;
                for (int j = 0; j < dims; j++) s += f.applyAsDouble(m[b][j], l[b][j]);
                return new double[]{s};
            };
            return new Mistake[]{
                    entries(mu, b -> new double[]{perRow.apply((x, y) -> klStd(x, Math.exp(2 * y))).apply(b)[0] / dims},
                            "You averaged over the M latent dimensions: the KL of independent dimensions adds up (sum over j)."),
                    entries(mu, perRow.apply((x, y) -> klStd(x, Math.exp(y))), "You read logStd as the log-variance ln σ²: σ² = exp(2·logStd)."),
                    entries(mu, perRow.apply((x, y) -> 0.5 * (x * x + Math.exp(y) - 2 * y - 1)), "The σ² term: you used σ = exp(logStd) where σ² appears."),
                    entries(mu, perRow.apply((x, y) -> 2 * klStd(x, Math.exp(2 * y))), "The factor ½ is missing."),
                    entries(mu, perRow.apply((x, y) -> klStd(x, Math.exp(2 * y)) + 0.5), "The −1 of each dimension is missing (it is summed M times)."),
            };
        }

        /** 1.3 ln p(x) of the linear-Gaussian model p(z) = N(0,1), p(x|z) = N(z, s²). */
        public static Mistake[] logEvidence(double s, double x) {
            double v = 1 + s * s;
            return new Mistake[]{
                    Mistake.of(logN(x, 0, s * s), "That is the density of the noise alone: x = z + s·ε has the variance of z plus that of s·ε."),
                    Mistake.of(logN(x, 0, (1 + s) * (1 + s)), "You added standard deviations: for independent Gaussians the variances add."),
                    Mistake.of(logN(x, 0, Math.sqrt(v)), "You used the standard deviation √(1 + s²) where the Gaussian density needs the variance."),
                    Mistake.of(-x * x / (2 * v), "The normalising constant −½ ln(2π·variance) is missing."),
                    Mistake.of(-Math.log(2 * Math.PI * v) - x * x / (2 * v), "The normalising term is ½ ln(2π·variance): the ½ is missing."),
                    Mistake.of(logN(x, 0, v) / Math.log(10), "Math.log10 is the base-10 log: the kit works in nats (Math.log)."),
                    Mistake.of(logN(x, 0, 1 + s), "The noise s·ε has the variance s²: you added s."),
                    Mistake.of(-0.5 * Math.log(2 * Math.PI * v) - x * x / v, "The exponent of a Gaussian divides by twice the variance: the 2 is missing."),
            };
        }

        /** 1.3 the ELBO with q = N(m, v). */
        public static Mistake[] elbo(double s, double x, double m, double v) {
            double lik = -0.5 * Math.log(2 * Math.PI * s * s) - ((x - m) * (x - m) + v) / (2 * s * s);
            double kl = klStd(m, v);
            return new Mistake[]{
                    Mistake.of(-0.5 * Math.log(2 * Math.PI * s * s) - (x - m) * (x - m) / (2 * s * s) - kl, "E_q[(x − z)²] is (x − m)² plus the variance of q: the + v is missing."),
                    Mistake.of(lik + kl, "The KL term is added: the ELBO subtracts it."),
                    Mistake.of(lik - 0.5 * (m * m + v * v - 2 * Math.log(v) - 1), "In the KL, v is q's variance, not its standard deviation."),
                    Mistake.of(-0.5 * Math.log(2 * Math.PI * s) - ((x - m) * (x - m) + v) / (2 * s) - kl, "s is the standard deviation of p(x|z): its variance is s²."),
                    Mistake.of(lik + 0.5 * Math.log(2 * Math.PI * s * s) - kl, "The normalising constant −½ ln(2π s²) of the likelihood is missing."),
                    Mistake.of(lik - 0.5 * (Math.log(v) + (1 + m * m) / v - 1), "That KL is KL(N(0,1) ‖ q), the other direction: the ELBO subtracts KL(q ‖ p(z))."),
                    Mistake.of(lik - 0.5 * (m * m + v - 2 * Math.log(v) - 1), "In the KL, the log term is ln v (v is q's variance, so −2 ln σ = −ln v); you have 2·ln v."),
            };
        }

        /** The closed-form ELBO of 1.3 for q = N(m, v). */
        static double elboOf(double s, double x, double m, double v) {
            return -0.5 * Math.log(2 * Math.PI * s * s) - ((x - m) * (x - m) + v) / (2 * s * s) - klStd(m, v);
        }

        /**
         * 1.3 the identity at its optimum: the ELBO with q set to the exact posterior p(z|x) = N(x/(1 + s²), s²/(1 + s²)),
         * which equals ln p(x). Wrong posteriors (each put into the right ELBO), the ELBO of the q of the earlier item
         * (m, v), then the ELBO's own mistakes at the posterior.
         */
        public static Mistake[] elboAtPosterior(double s, double x, double m, double v) {
            double pm = x / (1 + s * s), pv = s * s / (1 + s * s);
            java.util.List<Mistake> out = new java.util.ArrayList<>(java.util.List.of(
                    Mistake.of(elboOf(s, x, x, pv), "q's mean is the posterior mean, which is pulled towards the prior mean 0: you used x itself."),
                    Mistake.of(elboOf(s, x, pm, s * s), "q's variance is the posterior's, not the likelihood's s²."),
                    Mistake.of(elboOf(s, x, pm, Math.sqrt(pv)), "v is a variance: you put in the posterior's standard deviation."),
                    Mistake.of(elboOf(s, x, pm, 1 / (1 + s * s)), "The posterior variance has s² in its numerator: you used 1/(1 + s²)."),
                    Mistake.of(elboOf(s, x, x / (1 + s), s / (1 + s)), "The posterior's mean and variance use the noise variance s²; you used s."),
                    Mistake.of(elboOf(s, x, pm, 1 + s * s), "1 + s² is the variance of x (the evidence), not of z given x."),
                    Mistake.of(elboOf(s, x, m, v), "That is the ELBO of the earlier q (m = " + Verdict.fmt(m) + ", v = " + Verdict.fmt(v)
                            + "): here q is the exact posterior p(z|x), with its own mean and variance.")));
            for (Mistake e : elbo(s, x, pm, pv)) out.add(e);
            return out.toArray(Mistake[]::new);
        }

        /** 1.3 the gap KL(q ‖ p(z|x)). */
        public static Mistake[] gap(double s, double x, double m, double v) {
            double pm = x / (1 + s * s), pv = s * s / (1 + s * s);
            DoubleBinaryOperator kl = (mean, var) -> 0.5 * (Math.log(var / v) + (v + (m - mean) * (m - mean)) / var - 1);
            return new Mistake[]{
                    Mistake.of(0.5 * (Math.log(v / pv) + (pv + (pm - m) * (pm - m)) / v - 1), "That is KL(p(z|x) ‖ q), the other direction: the gap is KL(q ‖ p(z|x))."),
                    Mistake.of(0.5 * (Math.log(v / pv) + (v + (m - pm) * (m - pm)) / pv - 1), "The log of the variance ratio is upside down: ln(v₂/v₁) with v₁ of q."),
                    Mistake.of(kl.applyAsDouble(x, pv), "The posterior mean is x/(1 + s²) (pulled towards the prior mean 0), not x."),
                    Mistake.of(0.5 * (Math.log(Math.sqrt(pv) / Math.sqrt(v)) + (Math.sqrt(v) + (m - pm) * (m - pm)) / Math.sqrt(pv) - 1), "The formula takes variances; you used standard deviations."),
                    Mistake.of(kl.applyAsDouble(pm, pv) + 0.5, "The −1 inside the bracket is missing."),
                    Mistake.of(kl.applyAsDouble(pm, s * s), "The posterior's variance is not the likelihood's s²."),
            };
        }

        /**
         * 1.4 the ELBO by Monte Carlo from {@code n} draws of {@code new Random(seed)}: each wrong estimator recomputed
         * on the same draws, with its own standard error.
         */
        public static Mistake[] monteCarlo(double s, double x, double m, double v, int n, long seed) {
            double[][] acc = new double[6][2];
            Random rng = new Random(seed);
            for (int i = 0; i < n; i++) {
                double eps = rng.nextGaussian();
                double z = m + Math.sqrt(v) * eps, zVar = m + v * eps;
                double[] terms = {
                        logN(x, z, s * s) + logN(z, 0, 1),                                      // − ln q(z) missing
                        logN(x, z, s * s) + logN(z, 0, 1) + logN(z, m, v),                      // + ln q(z)
                        logN(x, zVar, s * s) + logN(zVar, 0, 1) - logN(zVar, m, v),             // z = m + v·ε
                        logN(x, z, s * s) - logN(z, 0, 1) + logN(z, m, v),                      // ln p(z) and ln q(z) swapped
                        logN(x, m + Math.exp(0.5 * v) * eps, s * s) + logN(m + Math.exp(0.5 * v) * eps, 0, 1)
                                - logN(m + Math.exp(0.5 * v) * eps, m, v),                       // v read as ln σ²
                        logN(x, z, s * s) + logN(z, 0, 1) - logN(z, m, v)};                     // right (summed below)
                for (int k = 0; k < 6; k++) { acc[k][0] += terms[k]; acc[k][1] += terms[k] * terms[k]; }
            }
            double[] mean = new double[6], se = new double[6];
            for (int k = 0; k < 6; k++) {
                mean[k] = acc[k][0] / n;
                se[k] = Math.sqrt(Math.max(0, acc[k][1] / n - mean[k] * mean[k]) / n);
            }
            return new Mistake[]{
                    Mistake.estimate(mean[0], se[0], "The integrand is missing its − ln q(z) term."),
                    Mistake.estimate(mean[1], se[1], "ln q(z) is added: the integrand subtracts it (ELBO = E_q[ln p(x, z) − ln q(z)])."),
                    Mistake.estimate(mean[2], se[2], "You scaled ε by the variance v: the reparameterisation scales it by the standard deviation √v."),
                    Mistake.estimate(mean[3], se[3], "ln p(z) and ln q(z) have swapped signs."),
                    Mistake.estimate(mean[4], se[4], "You scaled ε by exp(v/2), as if v were a log-variance: v is q's variance itself."),
                    Mistake.estimate(n * mean[5], n * se[5], "You summed the terms: the estimate is their average over the n samples."),
                    Mistake.estimate(0, 0, "An estimate of exactly 0: did the loop run, and is the sum divided by n after it?"),
            };
        }

        /** The hint for a wrong estimate that matches no catalogued mistake (1.4 samples). */
        public static final String SAMPLING = "Check the sampling (z = m + √v·ε with the standard deviation √v), that each"
                + " term is a log-density at your z, and that you average over all n samples.";
    }

    // ---- Exercises 2: the VAE -----------------------------------------------------------------------------------

    /** Exercises 2 (VAE). */
    public static final class E2 {
        private E2() {}

        /** 2.1 z = μ + exp(ln σ)·ε. */
        public static Mistake[] reparameterize(INDArray mu, INDArray logStd, INDArray eps) {
            double[] m = flat(mu), l = flat(logStd), e = flat(eps);
            return new Mistake[]{
                    Mistake.cases(m.length, i -> m[i] + Math.exp(0.5 * l[i]) * e[i], "You read logStd as the log-variance (σ = exp(½·logStd)): here it is ln σ."),
                    Mistake.cases(m.length, i -> m[i] + l[i] * e[i], "ε is scaled by ln σ itself: σ is its exponential."),
                    Mistake.cases(m.length, i -> m[i] + Math.exp(2 * l[i]) * e[i], "ε is scaled by the variance σ²: it is scaled by the standard deviation σ."),
                    Mistake.cases(m.length, i -> m[i] + Math.exp(l[i]) + e[i], "σ and ε are added: ε is multiplied by σ (element-wise)."),
            };
        }

        /** 2.2 −ELBO of one example: mistakes beyond the slide's two bugs (those are named in the notebook). */
        public static Mistake[] negElbo(double[] x, double[] xHat, double[] mu, double[] logStd, double[] z) {
            double re = 0, mse = 0, klSd = 0;
            for (int i = 0; i < x.length; i++) { re += logN(x[i], xHat[i], 1); mse += (x[i] - xHat[i]) * (x[i] - xHat[i]); }
            double kl = 0, klClosed = 0, klRev = 0;
            for (int j = 0; j < mu.length; j++) {
                double var = Math.exp(2 * logStd[j]);
                kl += logN(z[j], mu[j], var) - logN(z[j], 0, 1);
                klClosed += klStd(mu[j], var);
                klRev += logN(z[j], 0, 1) - logN(z[j], mu[j], var);
                klSd += logN(z[j], mu[j], Math.exp(logStd[j])) - logN(z[j], 0, 1);
            }
            return new Mistake[]{
                    Mistake.of(-(re - klClosed), "You used the closed-form KL ½(μ² + σ² − 2 ln σ − 1): this part asks for the single-sample KL at your z, ln N(z | μ, σ²) − ln N(z | 0, I)."),
                    Mistake.of(-(re - klRev), "The single-sample KL is ln q(z|x) − ln p(z) = ln N(z | μ, σ²) − ln N(z | 0, I): yours is the other way round."),
                    Mistake.of(re - kl, "That is the ELBO itself: the loss to minimise is −ELBO."),
                    Mistake.of(-(-mse / 2 - kl), "The reconstruction term is ln N(x | x̂, I), with its normalising constant; ½·(sum of squares) alone is not it."),
                    Mistake.of(-(re / x.length - kl), "You averaged the reconstruction log-likelihood over the pixels: ln N(x | x̂, I) is a sum over them."),
                    Mistake.of(-(re - klSd), "ln N(z | μ, σ²) takes the variance σ² = exp(2·logStd); you put in σ = exp(logStd)."),
            };
        }

        /** 2.3 ∂KL/∂μ and ∂KL/∂ln σ at points[k] = {μ, ln σ}, cases in the order ∂μ, ∂ln σ of each point. */
        public static Mistake[] gradKl(double[][] points) {
            int n = 2 * points.length;
            DoubleBinaryOperator dMu = (mu, l) -> mu, dL = (mu, l) -> Math.exp(2 * l) - 1;
            java.util.function.BiFunction<DoubleBinaryOperator, DoubleBinaryOperator, java.util.function.IntToDoubleFunction> at =
                    (fm, fl) -> i -> (i % 2 == 0 ? fm : fl).applyAsDouble(points[i / 2][0], points[i / 2][1]);
            return new Mistake[]{
                    Mistake.cases(n, at.apply(dMu, (mu, l) -> 0.5 * Math.exp(2 * l) - 1), "∂/∂ln σ: the chain rule on e^{2 ln σ} brings a factor 2."),
                    Mistake.cases(n, at.apply(dMu, (mu, l) -> Math.exp(l) - Math.exp(-l)), "That is the derivative with respect to σ: the encoder outputs ln σ, differentiate with respect to it."),
                    Mistake.cases(n, at.apply(dMu, (mu, l) -> Math.exp(2 * l) - 2), "∂/∂ln σ: the ½ multiplies the −2 ln σ term too."),
                    Mistake.cases(n, at.apply((mu, l) -> 2 * mu, dL), "∂/∂μ: the ½ in front of μ² is missing."),
                    Mistake.cases(n, at.apply(dMu, (mu, l) -> Math.exp(l) - 1), "∂/∂ln σ: σ² = e^{2 ln σ}, you differentiated e^{ln σ}."),
                    Mistake.cases(n, at.apply(dMu, (mu, l) -> Math.exp(2 * l)), "∂/∂ln σ: the derivative of the −ln σ term (−1) is missing."),
            };
        }

        /** 2.4 which columns of h [batch, 2M] are μ ({@code logStd = false}) or ln σ ({@code true}). */
        public static Mistake[] split(INDArray h, int m, boolean logStd) {
            double[][] a = h.castTo(DataType.DOUBLE).toDoubleMatrix();
            int want = logStd ? 1 : 0;
            return new Mistake[]{
                    cols(a, m, j -> 2 * j + want, "You took every other column (an interleaved (M, 2) layout): view(-1, 2, M) keeps each half contiguous."),
                    cols(a, m, j -> (1 - want) * m + j, "μ and ln σ are swapped: x[:, 0, :] is the first half of each row."),
                    logStd ? cols(a, m, j -> m - 1 + j, "Off by one: the second half starts at column M (columns are 0-based).")
                            : cols(a, m, j -> j + 1, "Off by one: the columns are 0-based, the first half is 0 … M − 1."),
            };
        }

        private static Mistake cols(double[][] a, int m, java.util.function.IntUnaryOperator column, String meaning) {
            double[] v = new double[a.length * m];
            for (int r = 0; r < a.length; r++)
                for (int j = 0; j < m; j++) {
                    int c = column.applyAsInt(j);
                    v[r * m + j] = c >= 0 && c < a[r].length ? a[r][c] : Double.MAX_VALUE;
                }
            return Mistake.of(v, meaning);
        }
    }

    // ---- Exercises 3: MMD ---------------------------------------------------------------------------------------

    /** Exercises 3 (MMD). */
    public static final class E3 {
        private E3() {}

        private static double d2(double[] x, double[] y) {
            double s = 0;
            for (int i = 0; i < x.length; i++) s += (x[i] - y[i]) * (x[i] - y[i]);
            return s;
        }

        /** 3.1 the IMQ kernel at the cases (x[i], y[i], c[i]). */
        public static Mistake[] imq(double[][] x, double[][] y, double[] c) {
            int n = c.length;
            return new Mistake[]{
                    Mistake.cases(n, i -> c[i] / Math.sqrt(c[i] * c[i] + Math.sqrt(d2(x[i], y[i]))), "The distance enters squared: ‖x − y‖², you used ‖x − y‖."),
                    Mistake.cases(n, i -> 1 / Math.sqrt(c[i] * c[i] + d2(x[i], y[i])), "The numerator c is missing (then κ(x, x) = 1/c, not 1)."),
                    Mistake.cases(n, i -> c[i] / Math.sqrt(c[i] + d2(x[i], y[i])), "Under the root it is c², you used c."),
                    Mistake.cases(n, i -> c[i] / (c[i] * c[i] + d2(x[i], y[i])), "The square root is missing."),
            };
        }

        /** 3.2 the RBF Gram matrix of X [n, d], Y [m, d] with bandwidth σ. */
        public static Mistake[] gram(INDArray x, INDArray y, double sigma) {
            double[][] a = x.castTo(DataType.DOUBLE).toDoubleMatrix(), b = y.castTo(DataType.DOUBLE).toDoubleMatrix();
            return new Mistake[]{
                    gramOf(a, b, (p, q) -> Math.exp(-d2(p, q) / (sigma * sigma)), "The exponent divides by 2σ²: the 2 is missing."),
                    gramOf(a, b, (p, q) -> Math.exp(-d2(p, q) / (2 * sigma)), "The exponent divides by 2σ², you used σ (not squared)."),
                    gramOf(a, b, (p, q) -> Math.exp(-(d2(p, q) + 4 * dot(p, q)) / (2 * sigma * sigma)), "The cross term of ‖x − y‖² = xᵀx + yᵀy − 2xᵀy has the wrong sign."),
                    gramOf(a, b, (p, q) -> Math.exp(-Math.sqrt(d2(p, q)) / (2 * sigma * sigma)), "The exponent needs the squared distance ‖x − y‖², you used ‖x − y‖."),
                    gramOf(a, b, (p, q) -> Math.exp(d2(p, q) / (2 * sigma * sigma)), "The exponent is negative: exp(−‖x − y‖²/(2σ²))."),
            };
        }

        private static double dot(double[] p, double[] q) {
            double s = 0;
            for (int i = 0; i < p.length; i++) s += p[i] * q[i];
            return s;
        }

        private static Mistake gramOf(double[][] a, double[][] b, java.util.function.ToDoubleBiFunction<double[], double[]> k, String meaning) {
            double[] v = new double[a.length * b.length];
            for (int i = 0; i < a.length; i++) for (int j = 0; j < b.length; j++) v[i * b.length + j] = k.applyAsDouble(a[i], b[j]);
            return Mistake.of(v, meaning);
        }

        /** 3.3 the unbiased MMD² of 1-D samples with κ(a, b) = exp(−(a − b)²/2): beyond the two named in the notebook. */
        public static Mistake[] mmd4(double[] x, double[] y) {
            return H1.mmd2(x, y, 1.0, false);
        }

        /** The k-th Taylor feature with the given coefficient formula. */
        private static double[] features(double x, double gamma, int k, int from, java.util.function.IntToDoubleFunction coefficient, boolean prefactor) {
            double[] phi = new double[k];
            for (int j = 0; j < k; j++)
                phi[j] = (prefactor ? Math.exp(-gamma * x * x) : 1) * coefficient.applyAsDouble(j + from) * Math.pow(x, j + from);
            return phi;
        }

        private static double factorial(int k) {
            double f = 1;
            for (int i = 2; i <= k; i++) f *= i;
            return f;
        }

        /** The wrong feature maps of 3.4, with their meanings. */
        private static Object[][] wrongFeatures(double gamma) {
            return new Object[][]{
                    {(java.util.function.IntToDoubleFunction) k -> Math.sqrt(2 * gamma / factorial(k)), 0, true,
                            "γ is not raised to the k-th power: the coefficient of x^k has (2γ)^k."},
                    {(java.util.function.IntToDoubleFunction) k -> Math.sqrt(Math.pow(gamma, k) / factorial(k)), 0, true,
                            "The coefficient of x^k has (2γ)^k: the 2 (from the cross term 2γxy) is missing."},
                    {(java.util.function.IntToDoubleFunction) k -> Math.sqrt(Math.pow(2 * gamma, k)), 0, true,
                            "The k! under the square root is missing."},
                    {(java.util.function.IntToDoubleFunction) k -> Math.pow(2 * gamma, k) / factorial(k), 0, true,
                            "The coefficient (2γ)^k / k! belongs under a square root (the kernel multiplies two features)."},
                    {(java.util.function.IntToDoubleFunction) k -> Math.sqrt(Math.pow(2 * gamma, k) / factorial(k)), 0, false,
                            "The prefactor e^{−γx²} is missing."},
                    {(java.util.function.IntToDoubleFunction) k -> Math.sqrt(Math.pow(2 * gamma, k) / factorial(k)), 1, true,
                            "Off by one: the first feature is the k = 0 term (x⁰ = 1)."},
            };
        }

        /** 3.4 the first K features at x. */
        public static Mistake[] taylorFeatures(double x, double gamma, int k) {
            Object[][] w = wrongFeatures(gamma);
            Mistake[] out = new Mistake[w.length];
            for (int i = 0; i < w.length; i++)
                out[i] = Mistake.of(features(x, gamma, k, (int) w[i][1], (java.util.function.IntToDoubleFunction) w[i][0], (boolean) w[i][2]), (String) w[i][3]);
            return out;
        }

        /** 3.4 φ_K(x)ᵀφ_K(y) at the pairs {x, y}. */
        public static Mistake[] taylorKernel(double[][] pairs, double gamma, int k) {
            Object[][] w = wrongFeatures(gamma);
            Mistake[] out = new Mistake[w.length];
            for (int i = 0; i < w.length; i++) {
                Object[] f = w[i];
                out[i] = Mistake.cases(pairs.length, p -> dot(
                        features(pairs[p][0], gamma, k, (int) f[1], (java.util.function.IntToDoubleFunction) f[0], (boolean) f[2]),
                        features(pairs[p][1], gamma, k, (int) f[1], (java.util.function.IntToDoubleFunction) f[0], (boolean) f[2])), (String) f[3]);
            }
            return out;
        }
    }

    // ---- Exercises 4: decomposition -----------------------------------------------------------------------------

    /** Exercises 4 (MMD-VAE, β-VAE, KL decomposition). */
    public static final class E4 {
        private E4() {}

        /** 4.1 TC of a 2-D standard Gaussian with correlation ρ, at each ρ. */
        public static Mistake[] totalCorrelation(double[] rhos) {
            return new Mistake[]{
                    over(rhos, r -> -Math.log(1 - r * r), "The ½ in front of the log is missing."),
                    over(rhos, r -> 0.5 * Math.log(1 - r * r), "A total correlation is a KL, never negative: the sign is wrong."),
                    over(rhos, r -> -0.5 * Math.log(1 - Math.abs(r)), "The determinant of the covariance is 1 − ρ², you have 1 − ρ."),
                    over(rhos, r -> -0.5 * Math.log(1 - r * r) / Math.log(2), "You used log₂: the kit measures in nats (natural log)."),
                    over(rhos, r -> -0.5 * Math.log10(1 - r * r), "Math.log10 is the base-10 log: the kit works in nats (Math.log)."),
            };
        }

        /** 4.2 the capacity C(step) at the given steps. */
        public static Mistake[] capacity(long[] steps, double cMax, long ramp) {
            int n = steps.length;
            return new Mistake[]{
                    Mistake.cases(n, i -> cMax * steps[i] / (double) ramp, "C keeps growing after the ramp: it must stay at C_max once step ≥ T."),
                    Mistake.cases(n, i -> Math.min(cMax, cMax * (steps[i] / ramp)), "Integer division: step / rampSteps between two longs is 0 until the end of the ramp."),
                    Mistake.cases(n, i -> cMax * (steps[i] / ramp), "Integer division (step / rampSteps between two longs), and no hold at C_max."),
                    Mistake.cases(n, i -> Math.max(cMax, cMax * steps[i] / (double) ramp), "The hold at C_max is a minimum, not a maximum."),
                    Mistake.cases(n, i -> Math.max(0, cMax * (1 - steps[i] / (double) ramp)), "The capacity grows from 0 to C_max, not down from C_max."),
            };
        }

        /** 4.2 the penalty γ|KL − C| at the cases {KL, C}. */
        public static Mistake[] penalty(double[][] klAndC, double gamma) {
            int n = klAndC.length;
            return new Mistake[]{
                    Mistake.cases(n, i -> gamma * (klAndC[i][0] - klAndC[i][1]), "The absolute value is missing: a KL below the capacity must cost too, not pay."),
                    Mistake.cases(n, i -> gamma * (klAndC[i][0] - klAndC[i][1]) * (klAndC[i][0] - klAndC[i][1]), "You squared the difference: the penalty is linear in |KL − C|."),
                    Mistake.cases(n, i -> Math.abs(klAndC[i][0] - klAndC[i][1]), "The weight γ is missing."),
                    Mistake.cases(n, i -> Math.abs(gamma * klAndC[i][0] - klAndC[i][1]), "γ multiplies the whole difference KL − C, not KL alone."),
            };
        }

        /** 4.3 I(z; x) for q(z|x) = N(a x, diag(s²)), x ~ N(0, 1). */
        public static Mistake[] mutualInformation(double[] a, double[] s) {
            double s11 = a[0] * a[0] + s[0] * s[0], s22 = a[1] * a[1] + s[1] * s[1], det = s11 * s22 - a[0] * a[1] * a[0] * a[1];
            double right = 0.5 * Math.log(det) - 0.5 * Math.log(s[0] * s[0] * s[1] * s[1]);
            return new Mistake[]{
                    Mistake.of(0.5 * Math.log(det) - 0.5 * Math.log(s[0] * s[1]), "h(z|x) uses the variances s_j², you used s_j."),
                    Mistake.of(2 * right, "The ½ factors are missing."),
                    Mistake.of(0.5 * Math.log(s11 * s22) - 0.5 * Math.log(s[0] * s[0] * s[1] * s[1]), "det Σ includes the off-diagonal Σ₁₂ = a₁a₂: you multiplied the diagonal only."),
                    Mistake.of(-right, "Mutual information is never negative: h(z) − h(z|x), not the other way round."),
            };
        }

        /** 4.3 TC of q(z). */
        public static Mistake[] totalCorrelationDecomposed(double[] a, double[] s) {
            double s11 = a[0] * a[0] + s[0] * s[0], s22 = a[1] * a[1] + s[1] * s[1], det = s11 * s22 - a[0] * a[1] * a[0] * a[1];
            double right = 0.5 * Math.log(s11 * s22) - 0.5 * Math.log(det);
            return new Mistake[]{
                    Mistake.of(-right, "A total correlation is a KL, never negative: the sign is wrong."),
                    Mistake.of(2 * right, "The ½ factors are missing."),
                    Mistake.of(0.5 * Math.log(s[0] * s[0] * s[1] * s[1]) - 0.5 * Math.log(det), "The product of the marginals uses the marginal variances Σ_jj = a_j² + s_j², you used s_j²."),
                    Mistake.of(0.5 * Math.log(s11 + s22) - 0.5 * Math.log(det), "The marginal variances multiply (Σ₁₁·Σ₂₂), you added them."),
            };
        }

        /** 4.3 the dimension-wise KL. */
        public static Mistake[] dimensionWiseKl(double[] a, double[] s) {
            double[] sig = {a[0] * a[0] + s[0] * s[0], a[1] * a[1] + s[1] * s[1]};
            double right = klStd(0, sig[0]) + klStd(0, sig[1]);
            return new Mistake[]{
                    Mistake.of(klStd(0, s[0] * s[0]) + klStd(0, s[1] * s[1]), "q(z_j) is the marginal over x, with variance Σ_jj = a_j² + s_j²; s_j² is the variance of q(z_j|x)."),
                    Mistake.of(0.5 * (sig[0] - 0.5 * Math.log(sig[0]) - 1) + 0.5 * (sig[1] - 0.5 * Math.log(sig[1]) - 1), "The log term is ln Σ_jj of the variance; you took the log of the standard deviation."),
                    Mistake.of(right + 1, "The −1 of each dimension is missing."),
                    Mistake.of(2 * right, "The ½ is missing."),
                    Mistake.of(0.5 * (1 / sig[0] + Math.log(sig[0]) - 1) + 0.5 * (1 / sig[1] + Math.log(sig[1]) - 1), "That is KL(N(0,1) ‖ q(z_j)), the other direction: the dimension-wise KL is KL(q(z_j) ‖ p(z_j))."),
            };
        }

        /** 4.3 the average KL of the VAE, E_x KL(N(a x, diag(s²)) ‖ N(0, I)) = Σ_j ½(a_j² + s_j² − 2 ln s_j − 1). */
        public static Mistake[] averageKl(double[] a, double[] s) {
            java.util.function.ToDoubleFunction<java.util.function.IntToDoubleFunction> sum = f -> f.applyAsDouble(0) + f.applyAsDouble(1);
            double right = sum.applyAsDouble(j -> klStd(0, s[j] * s[j]) + 0.5 * a[j] * a[j]);
            return new Mistake[]{
                    Mistake.of(sum.applyAsDouble(j -> klStd(0, s[j] * s[j])), "That is the KL at x = 0: q(z|x) has the mean a_j·x, and averaging its square over x ~ N(0, 1) leaves a term."),
                    Mistake.of(sum.applyAsDouble(j -> 0.5 * (a[j] + s[j] * s[j] - 2 * Math.log(s[j]) - 1)), "The mean a_j·x enters squared, and its square averages to a_j² over x ~ N(0, 1): you have a_j unsquared."),
                    Mistake.of(sum.applyAsDouble(j -> 0.5 * (a[j] * a[j] + s[j] * s[j] - Math.log(s[j]) - 1)), "The log term is ln s_j² = 2·ln s_j, you have ln s_j once."),
                    Mistake.of(sum.applyAsDouble(j -> 0.5 * (a[j] * a[j] + s[j] - 2 * Math.log(s[j]) - 1)), "The variance of q(z_j|x) is s_j², you used s_j."),
                    Mistake.of(2 * right, "The factor ½ is missing."),
                    Mistake.of(right + 1, "The −1 of each dimension is missing."),
                    Mistake.of(right / 2, "You averaged over the two latent dimensions: the KL of independent dimensions adds up."),
                    Mistake.of(sum.applyAsDouble(j -> klStd(0, a[j] * a[j] + s[j] * s[j])), "That is the dimension-wise KL of the marginals q(z_j): the VAE's KL is of q(z|x), averaged over x."),
            };
        }
    }

    // ---- Homework 1: linear-time MMD ----------------------------------------------------------------------------

    /** Homework 1 (linear-time vs quadratic-time MMD). */
    public static final class H1 {
        private H1() {}

        private static double rbf(double a, double b, double sigma, double twice) {
            return Math.exp(-(a - b) * (a - b) / (twice * sigma * sigma));
        }

        /**
         * Mistakes of the unbiased MMD²; {@code all} adds the biased V-statistic, the missing factor 2 and the kernel
         * without its 2 (E3.3 names the first two beside its check, with values from golden.py).
         */
        static Mistake[] mmd2(double[] x, double[] y, double sigma, boolean all) {
            int m = x.length;
            double offX = 0, offY = 0, diag = 0, cross = 0, crossOff = 0, offX1 = 0, offY1 = 0, cross1 = 0;
            for (int i = 0; i < m; i++)
                for (int j = 0; j < m; j++) {
                    double kx = rbf(x[i], x[j], sigma, 2), ky = rbf(y[i], y[j], sigma, 2), kxy = rbf(x[i], y[j], sigma, 2);
                    if (i != j) { offX += kx; offY += ky; crossOff += kxy; offX1 += rbf(x[i], x[j], sigma, 1); offY1 += rbf(y[i], y[j], sigma, 1); }
                    else diag += kx + ky;
                    cross += kxy;
                    cross1 += rbf(x[i], y[j], sigma, 1);
                }
            double pairs = m * (m - 1.0), all2 = (double) m * m;
            java.util.List<Mistake> out = new java.util.ArrayList<>(java.util.List.of(
                    Mistake.of((offX + offY) / all2 - 2 * cross / all2, "Without the i = j terms, divide by the number of pairs left, m(m − 1), not m²."),
                    Mistake.of((offX + offY) / pairs - 2 * crossOff / pairs, "The cross term averages over all m² pairs (x_i, y_j), i = j included: only the within-sample sums leave out i = j."),
                    Mistake.of((offX + offY) / (2 * pairs) - 2 * cross / all2, "Each unordered pair appears twice in Σ_{i≠j} ((i, j) and (j, i)): the within-sample sums are half what they should be.")));
            if (all) {
                out.add(Mistake.of((offX + offY + diag) / all2 - 2 * cross / all2, "You kept the i = j terms κ(x_i, x_i) = 1: that is the biased V-statistic; the unbiased estimate leaves them out."));
                out.add(Mistake.of((offX + offY) / pairs - cross / all2, "The cross term needs its factor 2: −2/m² Σ κ(x_i, y_j)."));
                out.add(Mistake.of((offX1 + offY1) / pairs - 2 * cross1 / all2, "The kernel is exp(−(a − b)²/(2σ²)): the 2 is missing."));
            }
            return out.toArray(Mistake[]::new);
        }

        /** (a) the unbiased quadratic-time MMD². */
        public static Mistake[] mmd2Unbiased(double[] x, double[] y, double sigma) {
            return mmd2(x, y, sigma, true);
        }

        /** h_i with a chosen pairing: pairs (p(i), q(i)) of indices. */
        private static double meanH(double[] x, double[] y, double sigma, int pairs, java.util.function.IntUnaryOperator first,
                                    java.util.function.IntUnaryOperator second, boolean swappedCross, int crossTerms, double divisor) {
            double s = 0;
            for (int i = 0; i < pairs; i++) {
                int p = first.applyAsInt(i), q = second.applyAsInt(i);
                double h = rbf(x[p], x[q], sigma, 2) + rbf(y[p], y[q], sigma, 2);
                if (swappedCross) h -= rbf(x[p], y[q], sigma, 2) + (crossTerms == 2 ? rbf(x[q], y[p], sigma, 2) : 0);
                else h -= rbf(x[p], y[p], sigma, 2) + rbf(x[q], y[q], sigma, 2);
                s += h;
            }
            return s / divisor;
        }

        /** (b) the linear-time MMD², the mean of h_i over the m/2 disjoint pairs (2i, 2i + 1). */
        public static Mistake[] linearMmd2(double[] x, double[] y, double sigma) {
            int m = x.length, half = m / 2;
            return new Mistake[]{
                    Mistake.of(meanH(x, y, sigma, m - 1, i -> i, i -> i + 1, true, 2, m - 1), "The pairs overlap ((x₀,x₁), (x₁,x₂), …): the linear statistic uses disjoint pairs (x_{2i}, x_{2i+1})."),
                    Mistake.of(meanH(x, y, sigma, half, i -> 2 * i, i -> 2 * i + 1, false, 2, half), "The cross terms pair across: κ(x_{2i}, y_{2i+1}) and κ(x_{2i+1}, y_{2i}), not x and y of the same index."),
                    Mistake.of(meanH(x, y, sigma, half, i -> 2 * i, i -> 2 * i + 1, true, 2, m), "The average is over the m/2 pairs, not the m points."),
                    Mistake.of(meanH(x, y, sigma, half, i -> 2 * i, i -> 2 * i + 1, true, 1, half), "h_i has two cross terms; one is missing."),
                    Mistake.of(meanH(x, y, sigma, half, i -> i, i -> i + half, true, 2, half), "The pairs are neighbours in the given order, (x_{2i}, x_{2i+1}) (0-based), not the two halves of the sample."),
                    Mistake.of(meanH(x, y, sigma, half, i -> 2 * i, i -> 2 * i + 1, true, 2, 1), "You summed the h_i: the statistic is their mean over the m/2 pairs."),
            };
        }

        /** (c) z of the linear-time test, from the h_i of the correct pairing. */
        public static Mistake[] linearZ(double[] x, double[] y, double sigma) {
            int half = x.length / 2;
            double[] h = new double[half];
            for (int i = 0; i < half; i++)
                h[i] = rbf(x[2 * i], x[2 * i + 1], sigma, 2) + rbf(y[2 * i], y[2 * i + 1], sigma, 2)
                        - rbf(x[2 * i], y[2 * i + 1], sigma, 2) - rbf(x[2 * i + 1], y[2 * i], sigma, 2);
            double mean = 0, ss = 0;
            for (double e : h) mean += e / half;
            for (double e : h) ss += (e - mean) * (e - mean);
            double sd = Math.sqrt(ss / (half - 1)), sd0 = Math.sqrt(ss / half);
            return new Mistake[]{
                    Mistake.of(mean / (sd0 / Math.sqrt(half)), "The sample standard deviation divides by m/2 − 1 (unbiased variance), not m/2."),
                    Mistake.of(mean / sd, "z divides the mean by its standard error s_h/√(m/2), not by s_h."),
                    Mistake.of(mean / (sd / Math.sqrt(2 * half)), "The mean is over m/2 terms: its standard error is s_h/√(m/2), not s_h/√m."),
                    Mistake.of(mean / (sd * sd / Math.sqrt(half)), "You divided by the variance s_h², not the standard deviation s_h."),
                    Mistake.of(-mean / (sd / Math.sqrt(half)), "z has the opposite sign: h_i adds the within-sample kernels κ(x, x') + κ(y, y') and subtracts the two cross terms."),
            };
        }

        /**
         * (d) rejection rates of known wrong tests under H0 at level α (each recognised by the check's binomial
         * region at the repetitions used, see {@link Verdict#rate}).
         */
        public static Mistake[] size(double alpha) {
            return new Mistake[]{
                    Mistake.of(0.0, "Your test never rejects: is z compared with the critical value the right way round, is the count incremented, and is z the mean over its standard error s_h/√(m/2) (over s_h alone it stays small)?"),
                    Mistake.of(alpha / 5, "About α/5: that is the size of a one-sided rule with the critical value 2.326 (the 1 % level); this test uses 1.645."),
                    Mistake.of(2 * alpha, "About 2α: a two-sided rule (|z| > 1.645) rejects in both tails; the test is one-sided, large z only."),
                    Mistake.of(1 - alpha, "About 1 − α: you reject when z is below the critical value, the rule is upside down."),
                    Mistake.of(0.5, "About ½: the statistic is compared with 0, not with the critical value 1.645."),
                    Mistake.of(1.0, "Your test always rejects: is the count incremented for every repetition?"),
            };
        }

        /**
         * (e) powers of known wrong linear tests at δ = 0.5, σ = 1, from the reference simulation
         * (environment/reference/h1_power.py, 40 000 repetitions each).
         */
        public static Mistake[] powerLinear(double alpha) {
            return new Mistake[]{
                    Mistake.of(POWER_LINEAR_HALF, "About the power of a linear test on m = n² = 900 points: half the compute. The linear test gets m/2 pairs × 4 evaluations = 2m = 4n² = 3600 evaluations, so m = 2n² = 1800."),
                    Mistake.of(POWER_LINEAR_DOUBLE, "About the power of a linear test on m = 4n² = 3600 points: twice the compute of the quadratic test (the linear test costs 4 evaluations per pair, 2m in all)."),
                    Mistake.of(alpha, "About α: the linear test does not see the shift. Does its second sample have mean δ?"),
                    Mistake.of(0.0, "The linear test never rejects: compare z with 1.645 (reject when z > 1.645)."),
                    Mistake.of(1.0, "The linear test always rejects: is the count incremented only when z > 1.645?"),
            };
        }

        /** (e) rates of known wrong quadratic tests at δ = 0.5 (reference simulation, as {@link #powerLinear}). */
        public static Mistake[] powerQuadratic(double alpha) {
            return new Mistake[]{
                    Mistake.of(POWER_QUAD_N60, "About the power of the quadratic test on n = 60 points: (2n)² = 14 400 evaluations, four times the budget. n = 30 gives (2n)² = 3600."),
                    Mistake.of(POWER_QUAD_HALF, "About the power of the quadratic test on n = 21 points: (2n)² = 1764 evaluations, half the budget of n = 30."),
                    Mistake.of(alpha, "About α: the quadratic test does not see the shift. Does the second half of the pooled sample have mean δ?"),
                    Mistake.of(0.0, "The quadratic test never rejects: the p-value is (1 + #{permuted ≥ observed}) / (1 + B), reject when p ≤ α."),
                    Mistake.of(1.0, "The quadratic test always rejects: is the statistic recomputed for each permutation (and the pooled sample shuffled)?"),
            };
        }

        /** Reference powers at δ = 0.5, σ = 1, α = 0.05 (environment/reference/h1_power.py; ± its standard error). */
        public static final double POWER_LINEAR = 0.80035, POWER_LINEAR_SE = 0.0020,
                POWER_LINEAR_HALF = 0.54525, POWER_LINEAR_DOUBLE = 0.973,
                POWER_QUAD = 0.3807, POWER_QUAD_SE = 0.0089, POWER_QUAD_HALF = 0.2637, POWER_QUAD_N60 = 0.6527;
    }

    // ---- Homework 2: decomposition by sampling ------------------------------------------------------------------

    /** Homework 2 (KL decomposition by sampling). */
    public static final class H2 {
        private H2() {}

        private static double logQzx(double[] z, double x, double[] a, double[] s, int... dims) {
            double l = 0;
            for (int j : dims) l += logN(z[j], a[j] * x, s[j] * s[j]);
            return l;
        }

        /** log Σ_n q(z | x_n), with the variances s_j² or (wrongly, {@code sdAsVariance}) s_j. */
        private static double lseOf(double[] z, double[] xs, double[] a, double[] s, boolean sdAsVariance, int... dims) {
            double[] l = new double[xs.length];
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < xs.length; i++) {
                for (int j : dims) l[i] += logN(z[j], a[j] * xs[i], sdAsVariance ? s[j] : s[j] * s[j]);
                max = Math.max(max, l[i]);
            }
            double sum = 0;
            for (double e : l) sum += Math.exp(e - max);
            return max + Math.log(sum);
        }

        /** (a) ln q(z) of the aggregate posterior over xs, for dims {0, 1}. */
        public static Mistake[] logAggregate(double[] z, double[] xs, double[] a, double[] s, int... dims) {
            int n = xs.length;
            double[] l = new double[n];
            double max = Double.NEGATIVE_INFINITY, meanL = 0;
            for (int i = 0; i < n; i++) { l[i] = logQzx(z, xs[i], a, s, dims); max = Math.max(max, l[i]); meanL += l[i] / n; }
            double sum = 0;
            for (double e : l) sum += Math.exp(e - max);
            double lse = max + Math.log(sum);
            return new Mistake[]{
                    Mistake.of(lse, "ln q(z) is the log of the average over the N data points: the − ln N is missing."),
                    Mistake.of(meanL, "You averaged the log-densities: ln q(z) is the log of the averaged densities (by Jensen, the two differ)."),
                    Mistake.of(Math.log(sum) - Math.log(n), "The log-sum-exp trick subtracts ℓ_max inside the sum and adds it back outside: ℓ_max is missing."),
                    Mistake.of(max - Math.log(n), "Only the largest term ℓ_max: the log of the remaining sum Σ e^{ℓ_n − ℓ_max} is missing."),
                    Mistake.of(lse - Math.log(n - 1), "The average is over the N data points: subtract ln N, not ln(N − 1)."),
                    Mistake.of(lseOf(z, xs, a, s, true, dims) - Math.log(n), "q(z_j | x) has the variance s_j²; you used s_j."),
            };
        }

        /**
         * (b) the TC estimate: known wrong estimators, by their exact expectations for q(z) = N(0, a aᵀ + diag(s²)),
         * with a standard error 1/√samples (their integrands have a standard deviation below 1 here).
         */
        public static Mistake[] tcEstimate(double[] a, double[] s, int samples) {
            double s11 = a[0] * a[0] + s[0] * s[0], s22 = a[1] * a[1] + s[1] * s[1], det = s11 * s22 - a[0] * a[1] * a[0] * a[1];
            double tc = 0.5 * Math.log(s11 * s22 / det);
            double mi = 0.5 * Math.log(det) - 0.5 * Math.log(s[0] * s[0] * s[1] * s[1]);
            double ln2pie = Math.log(2 * Math.PI * Math.E);
            // E[ln q(z) − ln q(z₁)] = −h(z) + h(z₁) = −½ ln(2πe · det Σ / Σ₁₁)
            double oneMarginal = -0.5 * (ln2pie + Math.log(det / s11)), se = 1 / Math.sqrt(samples);
            return new Mistake[]{
                    Mistake.of(-tc, "A total correlation is never negative: ln q(z) − Σ_j ln q(z_j), not the other way round."),
                    Mistake.estimate(oneMarginal, se, "One marginal term is missing: subtract ln q(z_j) for both dimensions."),
                    Mistake.estimate(mi, se, "That is about the mutual information I(z; x) = E[ln q(z|x) − ln q(z)] (or I + TC): the TC's first term is the aggregate ln q(z), a log-sum-exp over the data, not ln q(z|x) at the x that produced z."),
                    // a sum is samples × (an estimate within about ±0.06 of TC): 4 standard errors = samples · 0.06
                    Mistake.estimate(samples * tc, samples * 0.015, "You summed over the samples: the estimate is their average."),
            };
        }

        /** (c) the β-TCVAE penalty I + β TC + KL_dim. */
        public static Mistake[] betaTcPenalty(double mi, double tc, double dimKl, double beta) {
            return new Mistake[]{
                    Mistake.of(beta * (mi + tc + dimKl), "That is the β-VAE penalty: β-TCVAE puts β on the total correlation only."),
                    Mistake.of(beta * mi + tc + dimKl, "β is on the mutual information: β-TCVAE weights the total correlation."),
                    Mistake.of(mi + tc + beta * dimKl, "β is on the dimension-wise KL: β-TCVAE weights the total correlation."),
                    Mistake.of(mi + (beta + 1) * tc + dimKl, "You added β·TC to the whole KL, which already holds one TC."),
                    Mistake.of(mi + (beta - 1) * tc + dimKl, "The TC's weight is β itself: (β − 1)·TC is what is added to the whole KL, which holds one TC already."),
                    Mistake.of(beta * tc, "The penalty keeps the mutual information and the dimension-wise KL (weight 1); you have β·TC alone."),
            };
        }

        /** (c) the β-VAE penalty β (I + TC + KL_dim). */
        public static Mistake[] betaVaePenalty(double mi, double tc, double dimKl, double beta) {
            return new Mistake[]{
                    Mistake.of(mi + beta * tc + dimKl, "That is the β-TCVAE penalty: the β-VAE weights the whole KL by β."),
                    Mistake.of(mi + tc + dimKl, "β is missing: the β-VAE weights the whole KL by β."),
                    Mistake.of(beta * mi + tc + dimKl, "β multiplies every part of the KL, not only the first."),
            };
        }

        /** (d) TC(t) for a = (1, t) at each t. */
        public static Mistake[] tcOfT(double[] ts, double[] s) {
            return new Mistake[]{
                    over(ts, t -> Math.log((1 + s[0] * s[0]) * (t * t + s[1] * s[1]) / ((1 + s[0] * s[0]) * (t * t + s[1] * s[1]) - t * t)), "The ½ in front of the log is missing."),
                    over(ts, t -> 0.5 * Math.log((1 + s[0] * s[0]) * (t * t + s[1] * s[1]) / ((1 + s[0] * s[0]) * (t * t + s[1] * s[1]) - t * t * t * t)), "Σ₁₂ = a₁a₂ = t, and det Σ subtracts its square t²; you subtracted t⁴."),
                    over(ts, t -> 0.5 * Math.log((1 + s[0]) * (t * t + s[1]) / ((1 + s[0]) * (t * t + s[1]) - t * t)), "The diagonal adds the variances s_j², you added s_j."),
                    over(ts, t -> -0.5 * Math.log((1 + s[0] * s[0]) * (t * t + s[1] * s[1]) / ((1 + s[0] * s[0]) * (t * t + s[1] * s[1]) - t * t)), "A total correlation is never negative: the log's argument is upside down."),
            };
        }

        /** (d) the limit of TC(t) as t → ∞. */
        public static Mistake[] tcLimit(double[] s) {
            return new Mistake[]{
                    Mistake.of(0.5 * Math.log(1 + 1 / (s[1] * s[1])), "As t grows, z₂ becomes a noiseless copy of x: the limit is set by the first latent's noise s₁."),
                    Mistake.of(Math.log(1 + 1 / (s[0] * s[0])), "The ½ in front of the log is missing."),
                    Mistake.of(0.5 * Math.log(1 / (s[0] * s[0])), "The ratio is Σ₁₁/s₁² = (1 + s₁²)/s₁²: the 1 + is missing."),
                    Mistake.of(0.5 * Math.log(1 + 1 / s[0]), "s₁ enters as its variance s₁²."),
            };
        }
    }
}
