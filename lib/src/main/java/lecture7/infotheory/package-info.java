/**
 * Part 3 of the lecture, "which divergence to choose?": the decomposition of the average KL term of the ELBO
 * <pre>
 *   E_p(x)[KL(q(z|x) ‖ p(z))] = I_q(x; z) + KL(q(z) ‖ ∏_j q(z_j)) + Σ_j KL(q(z_j) ‖ p(z_j))
 *                                 mutual info   total correlation       dimension-wise KL
 * </pre>
 * (Hoffman &amp; Johnson 2016; Chen et al. 2018 "Isolating sources of disentanglement"), estimated for a
 * Gaussian encoder over a data set ({@link lecture7.infotheory.KlDecomposition}: full-data, minibatch-weighted
 * and stratified estimators), computed exactly for a finite discrete model
 * ({@link lecture7.infotheory.DiscreteDecomposition}), and the measures used beside it: per-dimension KL and
 * active units ({@link lecture7.infotheory.GaussianCodes}), and the Mutual Information Gap
 * ({@link lecture7.infotheory.Mig}); the bounds that make the estimates readable: the entropy of the images of a
 * factor grid ({@link lecture7.infotheory.ImageEntropy}, I(x; z) ≤ H(x)), what each latent knows about each factor
 * under the sampled posterior ({@link lecture7.infotheory.FactorInformation}, ≤ the latent's KL), the TC contrast of two
 * objectives over their seeds ({@link lecture7.infotheory.TcContrast}) and the TC a minibatch objective sees
 * ({@link lecture7.infotheory.MinibatchTc}). All values are in nats.
 */
package lecture7.infotheory;
