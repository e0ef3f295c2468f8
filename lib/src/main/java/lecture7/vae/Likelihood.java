package lecture7.vae;

import lecture7.compute.VectorSupport;
import lecture7.compute.BernoulliFloat32;
import lecture7.compute.Ones;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Max;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
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
     * receives {@code scale ·} ∂/∂θ of that sum. {@code work} is a scratch buffer of θ's shape, and θ itself
     * may be overwritten (the decoder does not need it after the loss). All arrays are contiguous.
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
        public String toString() {
            return "Bernoulli (logits)";
        }

        @Override
        public double negLogLikelihood(INDArray x, INDArray theta, INDArray dTheta, double scale, INDArray work) {
            if (theta.dataType() == DataType.FLOAT) return BernoulliFloat32.negLogLikelihood(x, theta, dTheta, scale, work, VectorSupport.available());
            // Sums use BLAS dot (fast, and unlike asum independent of memory alignment, so runs repeat bit for bit).
            Level1 blas = Nd4j.getBlasWrapper().level1();
            long len = theta.length();
            // step = [θ > 0];  Σ max(θ, 0) = θ · step
            INDArray step = dTheta != null ? dTheta : work;
            Nd4j.getExecutioner().exec(new Step(theta, step, 0.0));
            double relu = blas.dot(len, 1.0, theta, step);
            double xTheta = blas.dot(len, 1.0, x, theta);
            // u = e^{−|θ|} ∈ (0, 1]
            Nd4j.getExecutioner().exec(new Abs(theta, work));
            Transforms.exp(work.negi(), false);
            // sigmoid(θ) = (θ ≥ 0 ? 1 : u) / (1 + u) = max([θ > 0], u) / (1 + u), without a second exp
            if (dTheta != null) Nd4j.getExecutioner().exec(new Max(dTheta, work, dTheta));
            // θ ← 1 + u (θ is scratch from here on)
            work.addi(1.0, theta);
            if (dTheta != null) dTheta.divi(theta);
            double soft = Ones.sumOfLogs(theta);
            if (dTheta != null) {
                // ∂/∂θ = sigmoid(θ) − x, times scale
                blas.axpy(len, -1.0, x, dTheta);
                if (scale != 1) blas.scal(len, scale, dTheta);
            }
            // −ln p(x|θ) = Σ max(θ, 0) − xθ + ln(1 + e^{−|θ|})
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
        public String toString() {
            return "Gaussian N(x | θ, I)";
        }

        @Override
        public double negLogLikelihood(INDArray x, INDArray theta, INDArray dTheta, double scale, INDArray work) {
            // work = θ − x
            Nd4j.getExecutioner().exec(new SubOp(theta, x, work));
            double sq = Nd4j.getBlasWrapper().level1().nrm2(work);
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
