package lecture7.vae;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The gradient checks' yardstick: a central difference of the VAE's loss in one parameter. */
final class CentralDifference {
    private CentralDifference() {}

    /**
     * |fd − analytic| / max(10⁻³, |fd| + |analytic|) for parameter i of {@code vae.params()}, where
     * fd = (L(θ + h e_i) − L(θ − h e_i)) / 2h with h = 10⁻⁵ on the loss for fixed ε (double precision models).
     * h ≈ ε_machine^⅓ balances the two errors of fd: rounding of L, about 10⁻¹⁵·|L|/h = 10⁻¹⁰ (at h = 10⁻⁶ it was
     * 10⁻⁹, the whole 10⁻⁶ tolerance against the 10⁻³ floor of the denominator), and truncation, h²/6·|L‴| ≈ 10⁻¹¹.
     * The parameter is restored afterwards.
     */
    static double relativeError(Vae vae, INDArray x, INDArray eps, Objective obj, long i, double analytic) {
        INDArray p = vae.params();
        double h = 1e-5, orig = p.getDouble(0, i);
        p.putScalar(0, i, orig + h);
        double up = vae.loss(x, eps, obj).total();
        p.putScalar(0, i, orig - h);
        double down = vae.loss(x, eps, obj).total();
        p.putScalar(0, i, orig);
        double fd = (up - down) / (2 * h);
        return Math.abs(fd - analytic) / Math.max(1e-3, Math.abs(fd) + Math.abs(analytic));
    }
}
