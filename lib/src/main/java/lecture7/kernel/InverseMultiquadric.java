package lecture7.kernel;

import lecture7.compute.Fmt;
import lecture7.compute.Inputs;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The inverse multiquadric kernel κ(x, y) = (1 + ‖x − y‖²/c²)^(−β). Characteristic, with heavier tails than
 * the RBF kernel, so it keeps a gradient for far-apart samples; β = 1 with C = c² is the form C/(C + ‖x − y‖²)
 * used by Wasserstein auto-encoders and MMD-VAEs (Tolstikhin et al. 2018; Zhao et al. 2019).
 *
 * @param c    length scale c &gt; 0, in the units of x
 * @param beta exponent β &gt; 0
 */
public record InverseMultiquadric(double c, double beta) implements DistanceKernel {
    public InverseMultiquadric {
        Inputs.positive("inverse multiquadric length scale c", c);
        Inputs.positive("inverse multiquadric exponent β", beta);
    }

    /** κ(x, y) = (1 + ‖x − y‖²/c²)^(−1/2). */
    public static InverseMultiquadric of(double c) {
        return new InverseMultiquadric(c, 0.5);
    }

    @Override
    public double scale() {
        return 1 / (c * c);
    }

    @Override
    public INDArray applyInPlace(INDArray a) {
        // κ = (1 + max(r²/c², 0))^(−β)
        Transforms.max(a, 0.0, false);
        a.addi(1.0);
        return Transforms.pow(a, -beta, false);
    }

    @Override
    public double ofSquaredDistance(double r2) {
        return Math.pow(1 + Math.max(r2, 0) / (c * c), -beta);
    }

    @Override
    public String name() {
        return "IMQ(c=" + Fmt.g(c) + ", β=" + Fmt.g(beta) + ")";
    }
}
