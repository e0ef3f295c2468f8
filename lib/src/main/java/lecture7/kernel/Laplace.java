package lecture7.kernel;

import lecture7.compute.Fmt;
import lecture7.compute.Inputs;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Laplace (exponential) kernel κ(x, y) = exp(−γ‖x − y‖), with the Euclidean norm so that it goes through
 * (in 1-D exp(−γ|x − y|)). Characteristic, like the RBF kernel. Its kink at x = y makes the GEMM form of
 * the distance inaccurate there, so its Gram matrices are formed coordinate by coordinate (O(n·m·d); see
 * {@link DistanceKernel#exactDistances()}).
 *
 * @param gamma γ &gt; 0, in 1/(units of x)
 */
public record Laplace(double gamma) implements DistanceKernel {
    public Laplace {
        Inputs.positive("Laplace γ", gamma);
    }

    /** κ(x, y) = exp(−‖x − y‖ / σ), γ = 1/σ. */
    public static Laplace ofBandwidth(double sigma) {
        Inputs.positive("Laplace bandwidth σ", sigma);
        return new Laplace(1 / sigma);
    }

    @Override
    public boolean exactDistances() {
        return true;
    }

    @Override
    public double scale() {
        return 1;
    }

    @Override
    public INDArray applyInPlace(INDArray a) {
        // κ = exp(−γ √max(r², 0))
        Transforms.max(a, 0.0, false);
        Transforms.sqrt(a, false);
        a.muli(-gamma);
        return Transforms.exp(a, false);
    }

    @Override
    public double ofSquaredDistance(double r2) {
        return Math.exp(-gamma * Math.sqrt(Math.max(r2, 0)));
    }

    @Override
    public String name() {
        return "Laplace(γ=" + Fmt.g(gamma) + ")";
    }
}
