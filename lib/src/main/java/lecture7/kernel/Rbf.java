package lecture7.kernel;

import lecture7.compute.Fmt;
import lecture7.compute.Inputs;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The RBF (Gaussian) kernel κ(x, y) = exp(−γ‖x − y‖²) = exp(−‖x − y‖² / (2σ²)), γ = 1/(2σ²).
 *
 * <p>Characteristic: MMD with this kernel is zero only for equal distributions (Gretton et al. 2012,
 * Thm 5). In 1-D its feature map is the Taylor map of {@link TaylorRbfFeatures} (slide "the kernel trick").
 *
 * @param gamma γ &gt; 0, in 1/(units of x)²
 */
public record Rbf(double gamma) implements DistanceKernel {
    public Rbf {
        Inputs.positive("RBF γ", gamma);
    }

    /** κ(x, y) = exp(−γ‖x − y‖²). */
    public static Rbf ofGamma(double gamma) {
        return new Rbf(gamma);
    }

    /** κ(x, y) = exp(−‖x − y‖² / (2σ²)), i.e. γ = 1/(2σ²); σ in the units of x. */
    public static Rbf ofBandwidth(double sigma) {
        Inputs.positive("RBF bandwidth σ", sigma);
        return new Rbf(1 / (2 * sigma * sigma));
    }

    /** The bandwidth σ = 1/√(2γ). */
    public double bandwidth() {
        return 1 / Math.sqrt(2 * gamma);
    }

    @Override
    public double scale() {
        return -gamma;
    }

    @Override
    public INDArray applyInPlace(INDArray a) {
        // κ = exp(min(−γ r², 0)): a rounded r² < 0 must not give κ > 1
        Transforms.min(a, 0.0, false);
        return Transforms.exp(a, false);
    }

    @Override
    public double ofSquaredDistance(double r2) {
        return Math.exp(-gamma * Math.max(r2, 0));
    }

    @Override
    public String name() {
        return "RBF(γ=" + Fmt.g(gamma) + ")";
    }
}
