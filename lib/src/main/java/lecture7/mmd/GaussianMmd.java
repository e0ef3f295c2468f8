package lecture7.mmd;

import lecture7.compute.Inputs;
import lecture7.kernel.Rbf;

/**
 * Closed-form MMD² between isotropic Gaussians P = N(μ_P, s_P² I) and Q = N(μ_Q, s_Q² I) in d dimensions under
 * the RBF kernel κ = exp(−γ‖x − y‖²): the ground truth for the estimators.
 *
 * <p>For independent X ~ N(μ_a, s_a² I), X' ~ N(μ_b, s_b² I), X − X' ~ N(Δ, v I) with Δ = μ_a − μ_b,
 * v = s_a² + s_b², and the Gaussian integral gives
 * <pre>
 *   E exp(−γ‖X − X'‖²) = (1 + 2γv)^(−d/2) · exp(−γ‖Δ‖² / (1 + 2γv)),
 *   MMD² = E κ(X, X') + E κ(Y, Y') − 2 E κ(X, Y).
 * </pre>
 */
public final class GaussianMmd {
    private GaussianMmd() {}

    /** E κ(X, X') for X ~ N(μ_a, s_a² I), X' ~ N(μ_b, s_b² I) independent. */
    public static double expectedKernel(Rbf k, double[] muA, double sA, double[] muB, double sB) {
        if (muA.length != muB.length) throw new IllegalArgumentException("means have " + muA.length + " and " + muB.length + " coordinates");
        Inputs.positive("standard deviation", sA);
        Inputs.positive("standard deviation", sB);
        int d = muA.length;
        double v = sA * sA + sB * sB, delta2 = 0;
        for (int i = 0; i < d; i++) delta2 += (muA[i] - muB[i]) * (muA[i] - muB[i]);
        double a = 1 + 2 * k.gamma() * v;
        // (1 + 2γv)^(−d/2) · exp(−γ‖Δ‖²/(1 + 2γv))
        return Math.pow(a, -d / 2.0) * Math.exp(-k.gamma() * delta2 / a);
    }

    /** MMD²(N(μ_P, s_P² I), N(μ_Q, s_Q² I)) under the RBF kernel. */
    public static double rbf(Rbf k, double[] muP, double sP, double[] muQ, double sQ) {
        // MMD² = E κ(X,X') + E κ(Y,Y') − 2 E κ(X,Y)
        return expectedKernel(k, muP, sP, muP, sP) + expectedKernel(k, muQ, sQ, muQ, sQ)
                - 2 * expectedKernel(k, muP, sP, muQ, sQ);
    }
}
