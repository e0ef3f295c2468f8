/**
 * Part 1 of the lecture, "VAE implementation": the slide's variational auto-encoder, trained on MNIST.
 *
 * <h2>Model (slides "Vanilla VAE", Kingma &amp; Welling 2014)</h2>
 * <pre>
 *   encoder  x → Linear(D, 300) → ReLU → Linear(300, 2M) → (μ, ln σ)
 *   sample   z = μ + σ ⊙ ε,  ε ~ N(0, I)
 *   decoder  z → Linear(M, 300) → ReLU → Linear(300, D) → θ(z)
 *   ELBO ≈ ln p(x | θ(z)) − [ln N(z | μ, σ²) − ln N(z | 0, I)]     (single sample, slide)
 *        = E_q ln p(x|z) − KL(q(z|x) ‖ N(0, I))                     (analytic KL)
 * </pre>
 * {@link lecture7.vae.Vae} holds all weights in one flat array; forward and backward are written by hand as
 * matrix products ({@code lecture7.compute.Gemm}). {@link lecture7.vae.Trainer} runs shuffled mini-batches with Adam, calls
 * {@link lecture7.vae.TrainingListener}s and returns a {@link lecture7.vae.History}; non-finite losses stop
 * training and keep the last good parameters. {@link lecture7.vae.Vae#logLikelihood} gives the
 * importance-weighted estimate of ln p(x) (Burda et al. 2016) so that ELBO ≤ ln p(x) can be seen.
 *
 * <h2>Extension points (for β-VAE, MMD-VAE, β-TCVAE — Part 3)</h2>
 * <ul>
 *   <li><b>{@link lecture7.vae.Objective}</b> — the loss is always {@code −ln p(x|z) + R}. An objective
 *       receives the batch's {@link lecture7.vae.Latents} (μ, ln σ, σ, ε and z = μ + σ ⊙ ε, each
 *       {@code [n, M]}), returns R in nats per example (batch mean) and <i>adds</i> ∂R/∂μ, ∂R/∂ln σ, ∂R/∂z
 *       into {@link lecture7.vae.LatentGradients}, treating μ, ln σ and z as independent inputs. The VAE
 *       then applies the chain rule through the reparameterisation (dμ += dz, d ln σ += dz ⊙ σ ⊙ ε) and
 *       backpropagates into the encoder. Examples: β-VAE returns β·KL with β-scaled gradients; MMD-VAE
 *       computes MMD(z, z_prior) and fills only dz; β-TCVAE uses μ, ln σ and z of the whole batch.
 *       {@link lecture7.vae.Objective#ANALYTIC_KL} and {@link lecture7.vae.Objective#SINGLE_SAMPLE_KL} are the
 *       plain VAE's two estimators of the KL.</li>
 *   <li><b>{@link lecture7.vae.Likelihood}</b> — the decoder's observation model p(x | θ): Bernoulli logits
 *       (stable BCE) or the slide's unit-variance Gaussian. A new one implements the summed negative
 *       log-likelihood and its gradient w.r.t. the decoder output θ.</li>
 *   <li><b>{@link lecture7.vae.PixelAutoregression}</b> — a strong decoder for Part 3's slide "Uninformative latent
 *       code": with {@code VaeConfig.pixelWindow() > 0} the Bernoulli logit of pixel d adds a masked linear map of
 *       the pixels before it, θ_d = MLP(z)_d + Σ_{j&lt;d} x_j W_jd (teacher-forced training, exact ln p(x|z),
 *       pixel-by-pixel {@link lecture7.vae.Vae#generate}). Trained with the ELBO its KL collapses to zero.</li>
 *   <li><b>{@link lecture7.vae.Mlp}</b> — encoder and decoder networks with {@code forward} and
 *       {@code backward}; {@link lecture7.vae.Vae#encode}, {@link lecture7.vae.Vae#decode},
 *       {@link lecture7.vae.Vae#decodeMean}, {@link lecture7.vae.Vae#sample} and
 *       {@link lecture7.vae.Vae#posteriorSamples} are the user-facing entry points.</li>
 * </ul>
 *
 * <h2>Speed (one MNIST epoch on one thread, against {@code environment/bench/vae_torch.py})</h2>
 * The five large matrix products per step go straight to the OpenBLAS that ND4J loads ({@link lecture7.compute.Gemm};
 * {@code Nd4j.gemm} copies row-major operands first). Everything else was measured against ND4J's element-wise
 * ops, whose per-call overhead and unvectorised exp/ln/√ dominated the step: the latent part (n·M numbers) and
 * the ReLU masks (on bit patterns, so the JIT vectorises them) run as single Java passes over bulk copies
 * ({@link lecture7.compute.OffHeap}); the Bernoulli loss and Adam run as SIMD loops over the off-heap arrays with
 * the JDK's vector API ({@link lecture7.compute.VectorMath}, when the JVM has {@code jdk.incubator.vector}; scalar
 * fallbacks otherwise). On the bench machine (Zen 4, OpenBLAS SkylakeX kernels) the products are about 70 %
 * of an epoch. Randomness comes from {@code java.util.Random}, whose sequence is fixed by the JDK: same seed,
 * same losses, in every JVM.
 *
 * Shapes are row-major {@code [batch, features]}; all losses are in nats per image.
 */
package lecture7.vae;
