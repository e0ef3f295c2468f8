package lecture7.vae;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The decoder's observation model p(x | z) = p(x | θ(z)), where θ is the decoder's last linear layer.
 * Implementations compute the negative log-likelihood in nats and its gradient w.r.t. θ with whole-array
 * ND4J operations into preallocated buffers.
 */
public interface Likelihood {
    /** Name stored in checkpoints ("bernoulli", "gaussian"). */
    String name();

    /**
     * −Σ_rows Σ_pixels ln p(x | θ), summed over the whole batch (nats). When {@code dTheta} is not null it
     * receives {@code scale ·} ∂/∂θ of that sum. {@code work} is a scratch buffer of θ's shape.
     *
     * @param x      {@code [n, D]} data
     * @param theta  {@code [n, D]} decoder output
     */
    double negLogLikelihood(INDArray x, INDArray theta, INDArray dTheta, double scale, INDArray work);

    /** E[x | θ], the image the decoder shows ({@code [n, D]}, a new array). */
    INDArray mean(INDArray theta);

    /**
     * Bernoulli pixels with logits θ (binary cross-entropy with logits, as in PyTorch's
     * {@code binary_cross_entropy_with_logits}), in the stable form
     * <pre>
     *   −ln p(x|θ) = softplus(θ) − xθ = max(θ, 0) − xθ + ln(1 + e^{−|θ|}),   ∂/∂θ = sigmoid(θ) − x
     * </pre>
     */
    Likelihood BERNOULLI = new Likelihood() {
        @Override
        public String name() {
            return "bernoulli";
        }

        @Override
        public double negLogLikelihood(INDArray x, INDArray theta, INDArray dTheta, double scale, INDArray work) {
            // Σ max(θ, 0) = ½ (Σ|θ| + Σθ)
            double relu = 0.5 * (theta.norm1Number().doubleValue() + theta.sumNumber().doubleValue());
            double xTheta = Nd4j.getExecutioner().exec(new Dot(x, theta)).getDouble(0);
            // Σ ln(1 + e^{−|θ|}), in place in work
            Nd4j.getExecutioner().exec(new Abs(theta, work));
            Transforms.log1p(Transforms.exp(work.negi(), false), false);
            double soft = work.sumNumber().doubleValue();
            if (dTheta != null) {
                // ∂/∂θ = sigmoid(θ) − x
                Nd4j.getExecutioner().exec(new Sigmoid(theta, dTheta));
                dTheta.subi(x);
                if (scale != 1) dTheta.muli(scale);
            }
            return relu - xTheta + soft;
        }

        @Override
        public INDArray mean(INDArray theta) {
            return Transforms.sigmoid(theta, true);
        }
    };

    /**
     * The slide's Gaussian with unit variance, p(x|z) = N(x | θ(z), I):
     * <pre>
     *   −ln N(x|θ, I) = ½ ‖x − θ‖² + (D/2) ln 2π,   ∂/∂θ = θ − x
     * </pre>
     * (The slide's code uses an MSE, which drops the ½, the constant and the sum over pixels.)
     */
    Likelihood GAUSSIAN = new Likelihood() {
        @Override
        public String name() {
            return "gaussian";
        }

        @Override
        public double negLogLikelihood(INDArray x, INDArray theta, INDArray dTheta, double scale, INDArray work) {
            // work = θ − x
            Nd4j.getExecutioner().exec(new SubOp(theta, x, work));
            double sq = work.norm2Number().doubleValue();
            if (dTheta != null) {
                dTheta.assign(work);
                if (scale != 1) dTheta.muli(scale);
            }
            return 0.5 * sq * sq + 0.5 * theta.length() * Math.log(2 * Math.PI);
        }

        @Override
        public INDArray mean(INDArray theta) {
            return theta.dup();
        }
    };

    /** The likelihood called {@code name} ("bernoulli" or "gaussian"). */
    static Likelihood byName(String name) {
        return switch (name) {
            case "bernoulli" -> BERNOULLI;
            case "gaussian" -> GAUSSIAN;
            default -> throw new IllegalArgumentException("unknown likelihood '" + name + "', expected bernoulli or gaussian");
        };
    }
}
