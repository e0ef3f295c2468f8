/**
 * Maximum mean discrepancy and kernel tests (Lecture 7, Part 2: "Comparing two distributions", "Testing
 * goodness of fit", "Testing independence", "Maximum mean discrepancy").
 *
 * <p>{@link lecture7.mmd.Mmd}: MMD² = E κ(X, X') + E κ(Y, Y') − 2 E κ(X, Y) estimated by the biased
 * V-statistic (the slide's formula), the unbiased U-statistic and the linear-time estimator, and as the
 * distance of explicit feature means. {@link lecture7.mmd.PermutationTest}: the two-sample test with all
 * permutations as one matrix product. {@link lecture7.mmd.Hsic}: the Hilbert–Schmidt independence criterion
 * and its permutation test; {@link lecture7.mmd.GaussianMi}: the Gaussian closed form of
 * I = D_KL(p(x, y) ‖ p(x)p(y)) in nats. {@link lecture7.mmd.GaussianMmd}: closed-form MMD² between Gaussians
 * under the RBF kernel, the ground truth of the tests.
 *
 * <p>References: Gretton et al., "A kernel two-sample test", JMLR 13 (2012); Gretton et al., "A kernel
 * statistical test of independence", NIPS 2007.
 */
package lecture7.mmd;
