package lecture7.kernel;

import lecture7.compute.Inputs;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A kernel that depends on ‖x − y‖² only (RBF, Laplace, inverse multiquadric): κ(x, y) = f(s·‖x − y‖²).
 *
 * <p>The scale s is folded into the GEMM that computes the squared distances ({@link Gram}), so the
 * kernel applies f to s·‖x − y‖² in place: for the RBF kernel s = −γ and f = exp.
 */
public sealed interface DistanceKernel extends Kernel permits Rbf, Laplace, InverseMultiquadric {

    /** The factor s multiplying ‖x − y‖² before {@link #applyInPlace}. */
    double scale();

    /**
     * Turns s·‖x − y‖² into κ in place and returns the same array. The argument is first clipped to the
     * sign of s (rounding in ‖x‖² + ‖y‖² − 2xᵀy can make a squared distance slightly negative).
     */
    INDArray applyInPlace(INDArray scaledSquaredDistance);

    /**
     * True when f is not smooth at r = 0 (Laplace: √r²), so the rounding of ‖x‖² + ‖y‖² − 2xᵀy (absolute
     * error ≈ ε‖x‖², amplified by the square root to ≈ √ε‖x‖) matters: distances are then formed
     * coordinate by coordinate as Σ_k (x_k − y_k)², O(n·m·d) instead of one GEMM.
     */
    default boolean exactDistances() {
        return false;
    }

    /** f(s·r²) for one squared distance r² (the scalar form of {@link #applyInPlace}). */
    double ofSquaredDistance(double r2);

    @Override
    default INDArray gram(INDArray x, INDArray y) {
        return Gram.matrix(this, x, y);
    }

    @Override
    default INDArray paired(INDArray x, INDArray y) {
        Inputs.Pair p = Inputs.paired(x, y);
        // ‖x_i − y_i‖² row by row, then s·r² and f in place
        INDArray diff = p.x().sub(p.y());
        INDArray r2 = diff.muli(diff).sum(1);
        diff.close();
        return applyInPlace(r2.muli(scale()));
    }

    @Override
    default double value(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("points have " + a.length + " and " + b.length + " coordinates");
        double r2 = 0;
        for (int i = 0; i < a.length; i++) r2 += (a[i] - b[i]) * (a[i] - b[i]);
        return ofSquaredDistance(r2);
    }
}
