package lecture7.kernel;

import lecture7.compute.Inputs;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The first moments as features, φ(x) = [x, x², …, x^K] for each coordinate (slides "two Gaussians with
 * different means": feature x; "same mean, different variances": feature x²; "Gaussian and Laplacian":
 * higher orders). Their feature means are the sample moments E[x^k].
 *
 * @param order K ≥ 1
 */
public record MonomialFeatures(int order) implements FeatureMap {
    public MonomialFeatures {
        if (order < 1) throw new IllegalArgumentException("order must be ≥ 1, got " + order);
    }

    @Override
    public INDArray map(INDArray x) {
        x = Inputs.batch("x", x, 0);
        int n = (int) x.rows(), d = (int) x.columns();
        double[] in = Inputs.doubles(x), out = new double[n * d * order];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) {
                double v = in[i * d + j], p = 1;
                // column j·K + (k − 1) holds x_j^k
                for (int k = 1; k <= order; k++) {
                    p *= v;
                    out[(i * d + j) * order + (k - 1)] = p;
                }
            }
        return Nd4j.create(out, new long[]{n, (long) d * order}, DataType.DOUBLE).castTo(x.dataType());
    }

    @Override
    public String name() {
        return "moments x…x^" + order;
    }
}
