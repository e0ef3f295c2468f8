/**
 * The lecture's recap (slides "Recap" and "Variational inference for latent variable models"): the identity
 * <pre>
 *   ln p(x) = ELBO(q) + KL(q(z|x) ‖ p(z|x)),   ELBO(q) = E_q[ln p(x|z)] − KL(q(z|x) ‖ p(z))
 * </pre>
 * made exact on two latent-variable models in which every term has a closed form:
 * <ul>
 *   <li>{@link lecture7.elbo.LinearGaussianModel}: z ~ N(0, I), x | z ~ N(Wz + b, σ²I) (probabilistic PCA,
 *       Tipping &amp; Bishop 1999), with a Gaussian q ({@link lecture7.elbo.Gaussian});</li>
 *   <li>{@link lecture7.elbo.MixtureModel}: a finite mixture with discrete z and a categorical q.</li>
 * </ul>
 * For a given q each model returns the closed-form {@link lecture7.elbo.ElboParts} (reconstruction, KL to the
 * prior, ELBO, KL to the posterior, ln p(x)), Monte Carlo ELBO estimates with standard errors
 * ({@link lecture7.elbo.McEstimate}), the importance-weighted bound (Burda et al. 2016) that shows Jensen's gap
 * closing, and the reparameterised and score-function (REINFORCE) gradient estimators of the ELBO
 * ({@link lecture7.elbo.GradientEstimate}) so their variances can be compared (Kingma &amp; Welling 2014, §2.4).
 *
 * <p>All quantities are in nats, computed in double precision with plain JDK arithmetic (the models are small).
 */
package lecture7.elbo;
