package lecture7.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A positive-definite kernel κ(x, y) = ⟨φ(x), φ(y)⟩_ℋ evaluated on batches (slide "the kernel trick").
 *
 * <p>Inputs are {@code [n, d]} arrays, one point per row, FLOAT or DOUBLE; results have the wider of the
 * two types. Use {@link Gram#sum} or the estimators in {@code lecture7.mmd} for large batches: they work in
 * tiles and never hold an n×m matrix.
 */
public sealed interface Kernel permits DistanceKernel, DotKernel {

    /** Gram matrix K_ij = κ(x_i, y_j): {@code [n, d] × [m, d] → [n, m]}. */
    INDArray gram(INDArray x, INDArray y);

    /** Kernel of paired rows, κ(x_i, y_i): {@code [n, d] × [n, d] → [n]}. */
    INDArray paired(INDArray x, INDArray y);

    /** κ(a, b) for two points given as plain arrays (for explanations and tests). */
    double value(double[] a, double[] b);

    /** A short name with parameters, e.g. {@code "RBF(γ=0.5)"}, for legends and tables. */
    String name();
}
