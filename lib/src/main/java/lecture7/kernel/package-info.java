/**
 * Kernels for comparing distributions (Lecture 7, Part 2, slides "Maximum mean discrepancy" and "the
 * kernel trick").
 *
 * <p>A {@link lecture7.kernel.Kernel} evaluates κ(x, y) = ⟨φ(x), φ(y)⟩ on whole batches ({@code [n, d]}
 * arrays): Gram matrices go through one GEMM, ‖x‖² + ‖y‖² − 2xyᵀ clipped at 0 ({@link lecture7.kernel.Gram}).
 * The kernels are the RBF/Gaussian ({@link lecture7.kernel.Rbf}), Laplace, inverse multiquadric, polynomial and
 * linear kernels; {@link lecture7.kernel.Bandwidth} chooses the RBF bandwidth by the median heuristic.
 *
 * <p>Explicit feature maps make the slides' argument exact: the first moments ({@link
 * lecture7.kernel.MonomialFeatures}: x, x², x³, …), the polynomial kernel's finite map ({@link
 * lecture7.kernel.PolynomialFeatures}) and the truncated Taylor map of the 1-D RBF kernel ({@link
 * lecture7.kernel.TaylorRbfFeatures}),
 * φ(x) = e^{−γx²}[1, √(2γ/1!)·x, √((2γ)²/2!)·x², …], with its truncation error.
 *
 * <p>Reference: Gretton et al., "A kernel two-sample test", JMLR 13 (2012) 723–773.
 */
package lecture7.kernel;
