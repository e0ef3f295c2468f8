package lecture7.vae;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The encoder's q(z|x) = N(μ, diag σ²) for each row of a batch.
 *
 * @param mu     {@code [n, M]}
 * @param logStd {@code [n, M]} ln σ
 */
public record Encoding(INDArray mu, INDArray logStd) {
    /** σ = exp(ln σ), {@code [n, M]} (a new array). */
    public INDArray std() {
        return Transforms.exp(logStd, true);
    }

    /** Number of rows n. */
    public int n() {
        return (int) mu.rows();
    }
}
