package lecture7.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The linear kernel κ(x, y) = xᵀy, φ(x) = x: MMD² is then ‖mean(x) − mean(y)‖² (slide "two Gaussians with different means"). */
public record Linear() implements DotKernel {
    @Override
    public INDArray applyInPlace(INDArray a) {
        return a;
    }

    @Override
    public double ofDot(double t) {
        return t;
    }

    @Override
    public String name() {
        return "Linear";
    }
}
