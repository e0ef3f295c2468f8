package lecture7.kernel;

import lecture7.compute.Inputs;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A kernel that depends on the inner product xᵀy only (linear, polynomial): κ(x, y) = f(xᵀy). */
public sealed interface DotKernel extends Kernel permits Linear, Polynomial {

    /** Turns the inner products xᵀy into κ in place and returns the same array. */
    INDArray applyInPlace(INDArray dot);

    /** f(t) for one inner product t = xᵀy. */
    double ofDot(double t);

    @Override
    default INDArray gram(INDArray x, INDArray y) {
        return Gram.matrix(this, x, y);
    }

    @Override
    default INDArray paired(INDArray x, INDArray y) {
        Inputs.Pair p = Inputs.paired(x, y);
        INDArray prod = p.x().mul(p.y());
        INDArray dot = prod.sum(1);
        prod.close();
        return applyInPlace(dot);
    }

    @Override
    default double value(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("points have " + a.length + " and " + b.length + " coordinates");
        double t = 0;
        for (int i = 0; i < a.length; i++) t += a[i] * b[i];
        return ofDot(t);
    }
}
