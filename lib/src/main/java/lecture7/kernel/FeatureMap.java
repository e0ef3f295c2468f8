package lecture7.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An explicit feature map φ: ℝ^d → ℝ^D. The distance of feature means ‖mean φ(x) − mean φ(y)‖² is the MMD
 * of the kernel κ(x, y) = φ(x)ᵀφ(y) (slide "Maximum mean discrepancy").
 */
public interface FeatureMap {

    /** Features of each row: {@code [n, d] → [n, D]}. */
    INDArray map(INDArray x);

    /** A short name for legends and tables. */
    String name();
}
