package lecture7.vae;

import lecture7.compute.BernoulliFloat32;
import lecture7.compute.OffHeap;
import lecture7.compute.VectorSupport;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Random;

/**
 * The decoder's observation model p(x | z) = Π_pixels p(x_d | θ_d(z)), where θ is the decoder's last linear
 * layer (slide "Vanilla VAE": Bernoulli logits, or the slide's unit-variance Gaussian).
 *
 * <p>A likelihood is defined pixel by pixel — {@link #pixelNegLogLikelihood}, {@link #pixelGradient},
 * {@link #pixelMean}, {@link #sample} — and those four are all a new one has to write: training, sampling
 * ({@link Vae#generate}), reconstructions and the importance-sampled ln p(x) ({@link Vae#logLikelihood}) all go
 * through this interface. The array methods have default implementations that apply the pixel definitions over
 * heap copies (sums in double); {@link #BERNOULLI} and {@link #GAUSSIAN} override them with fast paths that the
 * tests hold to the definitions. A checkpoint stores the {@link #name()}; {@link #byName} knows the built-in ones.
 */
public interface Likelihood {
    /** Name stored in checkpoints ("bernoulli", "gaussian"). */
    String name();

    /** −ln p(x | θ) of one pixel, in nats: the definition the array methods are tested against. */
    double pixelNegLogLikelihood(double x, double theta);

    /** ∂/∂θ of {@link #pixelNegLogLikelihood}. */
    double pixelGradient(double x, double theta);

    /** E[x | θ] of one pixel: what the decoder shows. */
    double pixelMean(double theta);

    /** One draw x ~ p(x | θ) of one pixel. */
    double sample(double theta, Random rng);

    /**
     * −Σ_rows Σ_pixels ln p(x | θ), summed over the whole batch (nats). When {@code dTheta} is not null it
     * receives {@code scale ·} ∂/∂θ of that sum. {@code work} is a scratch buffer of θ's shape, and θ itself
     * may be overwritten (the decoder does not need it after the loss). All arrays are contiguous.
     *
     * @param x      {@code [n, D]} data
     * @param theta  {@code [n, D]} decoder output
     */
    default double negLogLikelihood(INDArray x, INDArray theta, INDArray dTheta, double scale, INDArray work) {
        int len = (int) theta.length();
        double[] xs = new double[len], t = new double[len];
        OffHeap.get(x, xs);
        OffHeap.get(theta, t);
        double sum = 0;
        for (int i = 0; i < len; i++) sum += pixelNegLogLikelihood(xs[i], t[i]);
        if (dTheta != null) {
            for (int i = 0; i < len; i++) t[i] = scale * pixelGradient(xs[i], t[i]);
            OffHeap.put(t, dTheta);
        }
        return sum;
    }

    /**
     * −Σ_pixels ln p(x_r | θ_r) of every row r into {@code out} (nats; the importance-sampled ln p(x) needs one
     * number per draw of z). θ may be overwritten and {@code work} is scratch of θ's shape, as in
     * {@link #negLogLikelihood}. Arrays are contiguous {@code [n, D]}, {@code out} has at least n entries.
     */
    default void rowNegLogLikelihoods(INDArray x, INDArray theta, INDArray work, double[] out) {
        int n = (int) theta.rows(), d = (int) theta.columns();
        double[] xs = new double[n * d], t = new double[n * d];
        OffHeap.get(x, xs);
        OffHeap.get(theta, t);
        for (int r = 0; r < n; r++) {
            double s = 0;
            for (int i = r * d; i < (r + 1) * d; i++) s += pixelNegLogLikelihood(xs[i], t[i]);
            out[r] = s;
        }
    }

    /** E[x | θ] element-wise, the image the decoder shows ({@code [n, D]}, a new array of θ's type). */
    default INDArray mean(INDArray theta) {
        INDArray c = theta.dup('c');
        double[] t = new double[(int) c.length()];
        OffHeap.get(c, t);
        for (int i = 0; i < t.length; i++) t[i] = pixelMean(t[i]);
        OffHeap.put(t, c);
        return c;
    }

    /**
     * Bernoulli pixels with logits θ (binary cross-entropy with logits, as in PyTorch's
     * {@code binary_cross_entropy_with_logits}), in the stable form
     * <pre>
     *   −ln p(x|θ) = softplus(θ) − xθ = max(θ, 0) − xθ + ln(1 + e^{−|θ|}),   ∂/∂θ = sigmoid(θ) − x
     * </pre>
     * Float32 batches take {@link BernoulliFloat32} (one SIMD pass with the vector API, else a scalar pass), the
     * decoder's hot path; double batches use the definition.
     */
    Likelihood BERNOULLI = new Likelihood() {
        @Override
        public String name() {
            return "bernoulli";
        }

        @Override
        public String toString() {
            return "Bernoulli (logits)";
        }

        @Override
        public double pixelNegLogLikelihood(double x, double theta) {
            // max(θ, 0) − xθ + ln(1 + e^{−|θ|})
            return Math.max(theta, 0) - x * theta + Math.log1p(Math.exp(-Math.abs(theta)));
        }

        @Override
        public double pixelGradient(double x, double theta) {
            return sigmoid(theta) - x;
        }

        @Override
        public double pixelMean(double theta) {
            return sigmoid(theta);
        }

        @Override
        public double sample(double theta, Random rng) {
            // x ~ Bernoulli(sigmoid(θ))
            return rng.nextDouble() < sigmoid(theta) ? 1 : 0;
        }

        @Override
        public double negLogLikelihood(INDArray x, INDArray theta, INDArray dTheta, double scale, INDArray work) {
            if (theta.dataType() == DataType.FLOAT)
                return BernoulliFloat32.negLogLikelihood(x, theta, dTheta, scale, work, VectorSupport.available());
            return Likelihood.super.negLogLikelihood(x, theta, dTheta, scale, work);
        }

        @Override
        public void rowNegLogLikelihoods(INDArray x, INDArray theta, INDArray work, double[] out) {
            if (theta.dataType() == DataType.FLOAT) BernoulliFloat32.rowNegLogLikelihoods(x, theta, work, out, VectorSupport.available());
            else Likelihood.super.rowNegLogLikelihoods(x, theta, work, out);
        }

        @Override
        public INDArray mean(INDArray theta) {
            return Transforms.sigmoid(theta, true);
        }
    };

    /**
     * The slide's Gaussian with unit variance, p(x|z) = N(x | θ(z), I):
     * <pre>
     *   −ln N(x|θ, 1) = ½ (x − θ)² + ½ ln 2π,   ∂/∂θ = θ − x
     * </pre>
     * (The slide's code uses an MSE, which drops the ½, the constant and the sum over pixels.) The batch sum runs
     * as one ND4J subtraction and a BLAS norm.
     */
    Likelihood GAUSSIAN = new Likelihood() {
        @Override
        public String name() {
            return "gaussian";
        }

        @Override
        public String toString() {
            return "Gaussian N(x | θ, I)";
        }

        @Override
        public double pixelNegLogLikelihood(double x, double theta) {
            double r = x - theta;
            return 0.5 * r * r + 0.5 * Math.log(2 * Math.PI);
        }

        @Override
        public double pixelGradient(double x, double theta) {
            return theta - x;
        }

        @Override
        public double pixelMean(double theta) {
            return theta;
        }

        @Override
        public double sample(double theta, Random rng) {
            // x ~ N(θ, 1)
            return theta + rng.nextGaussian();
        }

        @Override
        public double negLogLikelihood(INDArray x, INDArray theta, INDArray dTheta, double scale, INDArray work) {
            // work = θ − x;  Σ ½ (x − θ)² = ½ ‖work‖²
            Nd4j.getExecutioner().exec(new SubOp(theta, x, work));
            double norm = Nd4j.getBlasWrapper().level1().nrm2(work);
            if (dTheta != null) {
                dTheta.assign(work);
                if (scale != 1) dTheta.muli(scale);
            }
            return 0.5 * norm * norm + 0.5 * theta.length() * Math.log(2 * Math.PI);
        }

        @Override
        public INDArray mean(INDArray theta) {
            return theta.dup();
        }
    };

    /** sigmoid(θ) = 1/(1 + e^{−θ}), written so that neither branch overflows. */
    static double sigmoid(double theta) {
        return theta >= 0 ? 1 / (1 + Math.exp(-theta)) : Math.exp(theta) / (1 + Math.exp(theta));
    }

    /** The likelihood called {@code name} ("bernoulli" or "gaussian"). */
    static Likelihood byName(String name) {
        return switch (name) {
            case "bernoulli" -> BERNOULLI;
            case "gaussian" -> GAUSSIAN;
            default -> throw new IllegalArgumentException("unknown likelihood '" + name + "', expected bernoulli or gaussian");
        };
    }
}
