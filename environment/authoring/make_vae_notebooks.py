#!/usr/bin/env python3
"""Writes notebooks/01-elbo.ipynb and notebooks/02-vae.ipynb (lecture 7, recap and part 1). Run from the kit root."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from nbwrite import code, md, write  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]

# ----------------------------------------------------------------------------------------------- 01-elbo
nb01 = [
    md(r"""
# 01 · The ELBO, exactly

The lecture opens with a recap: for any distribution $q_\phi(\mathbf z|\mathbf x)$ over the latent variable,

$$\ln p_\theta(\mathbf x) = \underbrace{\mathbb E_{q_\phi(\mathbf z|\mathbf x)}[\ln p_\theta(\mathbf x|\mathbf z)] - D_{KL}\big(q_\phi(\mathbf z|\mathbf x)\,;\,p_\lambda(\mathbf z)\big)}_{\text{evidence lower bound (ELBO)}} + D_{KL}\big(q_\phi(\mathbf z|\mathbf x)\,;\,p_\theta(\mathbf z|\mathbf x)\big).$$

The slides derive it by multiplying and dividing by $q_\phi$ inside $\mathbb E_q[\ln p_\theta(\mathbf x)]$:

$$\ln p_\theta(\mathbf x) = \mathbb E_{q}\Big[\ln \tfrac{p_\theta(\mathbf x,\mathbf z)}{q_\phi(\mathbf z|\mathbf x)}\Big] + \mathbb E_{q}\Big[\ln \tfrac{q_\phi(\mathbf z|\mathbf x)}{p_\theta(\mathbf z|\mathbf x)}\Big].$$

In a VAE none of these terms is known exactly. Here we take two small models in which **every term has a closed
form**, and watch the identity hold to the last digit, Jensen's inequality at work, and why the
reparameterisation trick matters.
"""),
    md("## Imports"),
    code("""
import lecture7.elbo.ElboParts;
import lecture7.elbo.Gaussian;
import lecture7.elbo.GradientEstimate;
import lecture7.elbo.LinearGaussianModel;
import lecture7.elbo.McEstimate;
import lecture7.elbo.MixtureModel;
import lecture7.notebook.Kit;
import lecture7.viz.ElboFigures;
"""),
    md(r"""
## A model where everything is known: linear-Gaussian

$$p(\mathbf z) = \mathcal N(\mathbf 0, I_M),\qquad p(\mathbf x|\mathbf z) = \mathcal N(W\mathbf z + \mathbf b,\ \sigma^2 I_D)$$

(probabilistic PCA). Then the evidence and the posterior are Gaussian too:

$$p(\mathbf x) = \mathcal N(\mathbf b,\ WW^\top + \sigma^2 I),\qquad p(\mathbf z|\mathbf x) = \mathcal N\big(\Lambda^{-1}W^\top(\mathbf x-\mathbf b)/\sigma^2,\ \Lambda^{-1}\big),\quad \Lambda = I + W^\top W/\sigma^2 .$$

We use one latent dimension ($M = 1$) and four observed ones ($D = 4$), and draw one data point $\mathbf x$.
"""),
    code("""
LinearGaussianModel model = LinearGaussianModel.random(4, 1, 0.8, 7);
double[] x = model.sample(new java.util.Random(1));
Gaussian posterior = model.posterior(x);
System.out.println("x = " + java.util.Arrays.toString(x));
System.out.println(String.format("ln p(x) = %.6f nats", model.logEvidence(x)));
System.out.println(String.format("p(z|x) = N(%.4f, %.4f²)", posterior.mean()[0], posterior.std()[0]));
"""),
    md(r"""
## The identity as $q$ moves

Take $q(z|\mathbf x) = \mathcal N(m, s^2)$ with $s$ equal to the posterior's standard deviation and slide its
mean $m$ across the posterior. For each $q$ the library computes, each from its own closed form,

* $\mathbb E_q[\ln p(\mathbf x|z)] = -\tfrac D2\ln(2\pi\sigma^2) - \frac{\|\mathbf x - Wm - \mathbf b\|^2 + \operatorname{tr}(WSW^\top)}{2\sigma^2}$ and $D_{KL}(q\,;\,p(z)) = \tfrac12(\operatorname{tr}S + m^2 - 1 - \ln\det S)$,
* the ELBO from $\mathbb E_q[\ln p(\mathbf x,z)] + H(q)$,
* $D_{KL}(q\,;\,p(z|\mathbf x))$ between two Gaussians, and $\ln p(\mathbf x)$.

The ELBO is a lower bound that touches $\ln p(\mathbf x)$ exactly where $q$ is the posterior; the gap is the KL
to the posterior; their sum never moves.
"""),
    code("""
double s = posterior.std()[0];
int steps = 41;
double[] m = new double[steps];
ElboParts[] sweep = new ElboParts[steps];
for (int i = 0; i < steps; i++) {
    m[i] = posterior.mean()[0] - 3 + 6.0 * i / (steps - 1);
    sweep[i] = model.parts(x, Gaussian.of(m[i], s));
}
{ display(ElboFigures.identity(m, sweep, "mean m of q(z|x) = N(m, s²)  (s = posterior std)",
        "ln p(x) = ELBO(q) + KL(q ‖ p(z|x)) for every q")); }
"""),
    md("At every point of the sweep the identity holds to rounding error:"),
    code("""
double worst = 0;
for (ElboParts p : sweep) worst = Math.max(worst, Math.abs(p.identityError()));
System.out.println(String.format("largest |ELBO + KL(q‖p(z|x)) − ln p(x)| over %d choices of q: %.1e nats", steps, worst));
"""),
    md(r"""
The table shows the split of the ELBO into *reconstruction* $\mathbb E_q[\ln p(\mathbf x|z)]$ minus the
*regularisation* $D_{KL}(q\,;\,p(z))$ — the two terms a VAE trades off — for a few very different $q$:
the exact posterior, the prior itself, a shifted narrow $q$ and a far, wide one.
"""),
    code("""
Gaussian[] qs = {posterior, Gaussian.of(0, 1), Gaussian.of(posterior.mean()[0] + 1, 0.5 * s), Gaussian.of(-2, 3)};
String[] qNames = {"exact posterior", "prior N(0, 1)", "shifted, narrow", "far, wide"};
ElboParts[] rows = new ElboParts[qs.length];
for (int i = 0; i < qs.length; i++) rows[i] = model.parts(x, qs[i]);
System.out.println(ElboFigures.partsTable(qNames, rows).print());
"""),
    md(r"""
## Discrete $z$: a finite mixture

The derivation never used that $z$ is continuous. For a mixture $p(z=k) = \pi_k$,
$p(\mathbf x|z=k) = \mathcal N(\boldsymbol\mu_k, s_k^2 I)$, integrals become sums, $q$ is any categorical
distribution over the $K$ components and $p(\mathbf x) = \sum_k \pi_k\,\mathcal N(\mathbf x|\boldsymbol\mu_k, s_k^2I)$.
"""),
    code("""
MixtureModel mix = MixtureModel.random(3, 2, 2.5, 3);
double[] xm = mix.sample(new java.util.Random(5));
double[][] cats = {{1 / 3.0, 1 / 3.0, 1 / 3.0}, mix.posterior(xm), {0.8, 0.1, 0.1}, {0.05, 0.05, 0.9}};
ElboParts[] mixRows = new ElboParts[cats.length];
for (int i = 0; i < cats.length; i++) mixRows[i] = mix.parts(xm, cats[i]);
System.out.println("posterior p(z|x) = " + java.util.Arrays.toString(mix.posterior(xm)));
System.out.println(ElboFigures.partsTable(new String[]{"uniform", "exact posterior", "mostly k=0", "mostly k=2"}, mixRows).print());
"""),
    md(r"""
## Jensen's inequality

The slide's third line replaces $\ln \mathbb E_q[w]$ by $\mathbb E_q[\ln w]$ with $w = p(\mathbf x,z)/q(z|\mathbf x)$:
$\ln$ is concave, so $\mathbb E_q[\ln w] \le \ln \mathbb E_q[w] = \ln p(\mathbf x)$. Averaging $K$ weights inside the
logarithm, $\mathbb E\big[\ln \tfrac1K\sum_{k=1}^K w_k\big]$, moves from the ELBO ($K=1$) towards $\ln p(\mathbf x)$
($K\to\infty$) — the importance-weighted bound (Burda et al. 2016) that notebook 02 uses to estimate
$\ln p(\mathbf x)$ of a VAE. We use a deliberately poor $q$ (shifted and twice too wide) and repeat each
estimate many times to show its mean ± 2 SE.
"""),
    code("""
Gaussian q = Gaussian.of(posterior.mean()[0] + 0.5, 2 * s);
ElboParts pq = model.parts(x, q);
int[] ks = {1, 2, 5, 10, 30, 100, 300, 1000};
int reps = Kit.pick(300, 60);
double[] bound = new double[ks.length], boundSe = new double[ks.length];
java.util.Random rng = new java.util.Random(11);
for (int i = 0; i < ks.length; i++) {
    double[] draws = new double[reps];
    for (int r = 0; r < reps; r++) draws[r] = model.importanceWeightedBound(x, q, ks[i], rng);
    McEstimate e = McEstimate.of(draws);
    bound[i] = e.mean();
    boundSe[i] = e.standardError();
}
{ display(ElboFigures.jensen(ks, bound, boundSe, pq.elbo(), pq.logEvidence(),
        "E ln (1/K) Σ w_k climbs from the ELBO to ln p(x)")); }
System.out.println(ElboFigures.jensenTable(ks, bound, boundSe, pq.elbo(), pq.logEvidence()).print());
"""),
    md(r"""
A VAE cannot compute the ELBO in closed form; it estimates it by Monte Carlo — the slide uses a *single*
sample. The estimate is unbiased, and its standard error says how far from the truth it may be:
"""),
    code("""
McEstimate mc = model.elboMonteCarlo(x, q, 1000, new java.util.Random(2));
McEstimate mcKl = model.elboMonteCarloAnalyticKl(x, q, 1000, new java.util.Random(3));
System.out.println(String.format("closed-form ELBO               %.4f nats", pq.elbo()));
System.out.println(String.format("MC, ln p(x,z) − ln q(z)        %s   (%.1f SE from the truth)", mc, mc.zScore(pq.elbo())));
System.out.println(String.format("MC, ln p(x|z) − KL(q‖p) exact  %s   (%.1f SE from the truth)", mcKl, mcKl.zScore(pq.elbo())));
"""),
    md(r"""
## Gradients: reparameterisation vs score function

To *train* $q$ we need $\nabla_\phi\,\mathrm{ELBO}$ for $q = \mathcal N(m, s^2)$, $\phi = (m, \ln s)$. Two unbiased
Monte Carlo estimators:

* **score function** (REINFORCE): $\nabla_\phi \mathbb E_q[f] = \mathbb E_q\big[f(z)\,\nabla_\phi \ln q_\phi(z)\big]$ with
  $f = \ln p(\mathbf x,z) - \ln q(z)$ — needs only samples of $z$;
* **reparameterisation** (the VAE's trick, slide "reparameterize"): $z = m + s\,\varepsilon$, $\varepsilon\sim\mathcal N(0,1)$, so
  $\nabla_m = \nabla_z \ln p(\mathbf x,z)$ and $\nabla_{\ln s} = \nabla_z \ln p(\mathbf x,z)\,s\varepsilon + 1$.

Both average to the exact gradient (known here in closed form), but the score-function draws scatter far more —
here by about an order of magnitude, and the gap grows with the dimensions of $\mathbf x$ and $\mathbf z$.
"""),
    code("""
double[] mq = {posterior.mean()[0] + 0.5}, lnSq = {Math.log(2 * s)};
int draws = Kit.pick(20_000, 4_000);
GradientEstimate rep = model.reparameterizedGradient(x, mq, lnSq, draws, new java.util.Random(3));
GradientEstimate sf = model.scoreFunctionGradient(x, mq, lnSq, draws, new java.util.Random(4));
String[] coords = {"∂/∂m", "∂/∂ln s"};
System.out.println(ElboFigures.gradientTable(coords, model.elboGradient(x, mq, lnSq), rep, sf).print());
{ display(ElboFigures.gradientVariance(coords, rep, sf, "Variance of one gradient draw")); }
"""),
    md(r"""
**What to take away.** The ELBO is $\ln p(\mathbf x)$ minus the KL to the true posterior: maximising it over $q$
makes $q$ approach the posterior, maximising it over the model raises $\ln p(\mathbf x)$. A VAE does both at once
with an encoder for $q$, a decoder for $p(\mathbf x|\mathbf z)$ and reparameterised gradients —
**02 · The VAE** builds exactly the slide's model.
"""),
]

# ----------------------------------------------------------------------------------------------- 02-vae
SLIDE_CODE = r'''
```python
import torch.nn as nn

class VAE(nn.Module):
    def __init__(self, D, M):
        super(LinearVAE, self).__init__()          # bug 1
        self.D = D
        self.M = M
        self.enc1 = nn.Linear(in_features=self.D, out_features=300)
        self.enc2 = nn.Linear(in_features=300, out_features=self.M*2)
        self.dec1 = nn.Linear(in_features=self.M, out_features=300)
        self.dec2 = nn.Linear(in_features=300, out_features=self.D)

    def reparameterize(self, mu, log_std):
        std = torch.exp(log_std)
        eps = torch.randn_like(std)
        Z = mu + (eps * std)
        return Z

    def forward(self, x):
        # encoder
        x = nn.functional.relu(self.enc1(x))
        x = self.enc2(x).view(-1, 2, self.M)
        # get mean and log-std
        mu = x[:, 0, :]
        log_var = x[:, 1, :]                       # bug 2
        # reparameterization
        z = self.reparameterize(mu, log_std)
        # decoder
        x_hat = nn.functional.relu(self.dec1(z))
        x_hat = self.dec2(x_hat)
        return x_hat, mu, log_std

    def elbo(self, x, x_hat, z, mu, log_std):
        # reconstruction error
        RE = nn.loss.mse(x, x_hat)                 # bug 3
        # kl-regularization
        # We assume here that log_normal is implemented
        KL = log_normal(z, mu, log_std) - log_normal(z, 0, 1)
        # REMEMBER! We maximize ELBO, but optimizers minimize.
        # Therefore, we need to take the negative sign!
    return -(RE - KL)                              # bug 4
```
'''

nb02 = [
    md(r"""
# 02 · The VAE, as on the slides

Part 1 of the lecture implements a variational auto-encoder. With a Gaussian posterior and a standard Gaussian
prior, the slide approximates the expectations with a **single sample** $\mathbf z = \boldsymbol\mu(\mathbf x) + \boldsymbol\sigma(\mathbf x)\odot\boldsymbol\varepsilon$:

$$\mathrm{ELBO} = \underbrace{\ln \mathcal N(\mathbf x\,|\,\theta(\mathbf z), 1)}_{\text{RE}} - \underbrace{\big[\ln \mathcal N(\mathbf z\,|\,\boldsymbol\mu(\mathbf x), \boldsymbol\sigma^2(\mathbf x)) - \ln \mathcal N(\mathbf z\,|\,\mathbf 0, 1)\big]}_{\text{KL}}$$

This notebook shows the slide's PyTorch code and its bugs, trains the corrected model (in Java, on MNIST),
looks at its latent space, retells the slides' "2 vs 3" story with real snapshots, and checks
ELBO ≤ ln p(x) with importance sampling.
"""),
    md("## Imports"),
    code("""
import lecture7.data.Digits;
import lecture7.data.Mnist;
import lecture7.notebook.Kit;
import lecture7.notebook.Progress;
import lecture7.vae.History;
import lecture7.vae.Likelihood;
import lecture7.vae.LogLikelihood;
import lecture7.vae.Objective;
import lecture7.vae.PosteriorTracker;
import lecture7.vae.TrainConfig;
import lecture7.vae.Trainer;
import lecture7.vae.Vae;
import lecture7.vae.VaeConfig;
import lecture7.viz.VaeFigures;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
"""),
    md("## The slide's code, and what is wrong with it\n" + SLIDE_CODE + r"""
1. **`super(LinearVAE, self)`** names a class that does not exist (the class is `VAE`): a `NameError` at
   construction. Write `super().__init__()`.
2. **`log_var` vs `log_std`**: the second half of the encoder output is stored as `log_var`, but the next lines
   use `log_std` (another `NameError`). The comment, `reparameterize` ($\sigma = e^{\texttt{log\_std}}$) and the KL
   all treat it as $\ln\sigma$, so it must be named `log_std`. (Were it a log-variance, $\sigma = e^{\frac12\texttt{log\_var}}$.)
3. **`nn.loss.mse` is not the slide's RE.** It does not exist (`nn.functional.mse_loss` does) and an MSE is not
   $\ln\mathcal N(\mathbf x|\theta(\mathbf z),1) = -\tfrac12\|\mathbf x-\theta(\mathbf z)\|^2 - \tfrac D2\ln 2\pi$: it has the
   opposite sign (an error, not a log-likelihood), no $\tfrac12$, and it *averages* over the $D = 784$ pixels,
   which weakens the reconstruction term about 400-fold against the KL.
4. With RE an error, **`-(RE - KL)`** *maximises* the reconstruction error. The `return` is also outside the
   method. The loss to minimise is $-\mathrm{ELBO} = -\ln p(\mathbf x|\mathbf z) + \mathrm{KL}$, summed over pixels and
   latent dimensions and averaged over the batch.

The kit's `Vae` is the corrected model: encoder $D\to300\to2M$ split into $(\boldsymbol\mu, \ln\boldsymbol\sigma)$ as
`view(-1, 2, M)` does, decoder $M\to300\to D$, and the two likelihoods `Likelihood.GAUSSIAN` (the slide's
$\mathcal N(\mathbf x|\theta(\mathbf z), 1)$) and `Likelihood.BERNOULLI` (pixels as probabilities, $\theta$ = logits: the usual choice
for MNIST, used below). `Objective.SINGLE_SAMPLE_KL` is the slide's $\ln\mathcal N(\mathbf z|\boldsymbol\mu,\boldsymbol\sigma^2) - \ln\mathcal N(\mathbf z|0,1)$;
`Objective.ANALYTIC_KL` its expectation in closed form, $\tfrac12\sum_j(\mu_j^2+\sigma_j^2-2\ln\sigma_j-1)$, with less noise.
Forward and backward passes are written out by hand with matrix products (no autograd); the unit tests check
every gradient against finite differences.
"""),
    code("""
VaeConfig slideConfig = new VaeConfig(784, 300, 2, Likelihood.GAUSSIAN, DataType.FLOAT, 0);
System.out.println(slideConfig + "\\n  parameters: " + slideConfig.numParams());
"""),
    md(r"""
## MNIST

60 000 training and 10 000 test digits, pixels in $[0, 1]$. (In the fast mode used by the automatic tests, a
subset.)
"""),
    code("""
Digits train = Mnist.train(Kit.pick(60_000, 3_000));
Digits test = Mnist.test(Kit.pick(10_000, 1_000));
System.out.println(train + " for training, " + test + " for testing");
"""),
    md(r"""
## Training with $M = 2$

Two latent dimensions let us look at the latent space directly. Adam (learning rate $10^{-3}$), batches of
128, Bernoulli decoder, analytic KL; the loss is $-\mathrm{ELBO}$ in nats per image, evaluated on the test set after
every epoch.
"""),
    code("""
Vae vae = new Vae(VaeConfig.mnist(2, 42));
Trainer trainer = new Trainer(vae, Objective.ANALYTIC_KL, TrainConfig.of(Kit.pick(12, 2), 7))
        .validation(test.images()).listener(Progress.bar("VAE M=2"));
History history = trainer.fit(train.images());
"""),
    code("""
{ display(VaeFigures.lossCurve(history, "−ELBO during training (M = 2)")); }
System.out.println(VaeFigures.historyTable(history).print());
"""),
    md(r"""
## The latent space

Each test image's posterior mean $\boldsymbol\mu(\mathbf x)$, coloured by its digit. The KL term pulls all codes
towards $\mathcal N(\mathbf 0, I)$; the reconstruction term pushes different digits apart.
"""),
    code("""
{ display(VaeFigures.latentScatter(vae.encode(test.images()).mu(), test.labels(), "Posterior means of the test digits (M = 2)")); }
"""),
    md(r"""
## Samples from the prior, and the 2-D manifold

A VAE is a generative model: draw $\mathbf z\sim\mathcal N(\mathbf 0,I)$ and decode. With $M = 2$ we can also decode a
regular grid of $\mathbf z$ values and see how the digits morph into each other.
"""),
    code("""
{ display(VaeFigures.priorSamples(vae, 32, 8, 1, "Decoded samples z ~ N(0, I)")); }
{ display(VaeFigures.manifold(vae, 2.5, 15, "E[x | z] on a grid z₁, z₂ ∈ [−2.5, 2.5]")); }
"""),
    md("## Reconstructions and an interpolation"),
    code("""
{ display(VaeFigures.reconstructions(vae, test.images(), 10, "Test digits x and reconstructions x̂ = E[x | z = μ(x)]")); }
{ display(VaeFigures.interpolation(vae, test.images().getRow(0), test.images().getRow(1), 10,
        "From μ of test digit " + test.labels()[0] + " to μ of test digit " + test.labels()[1])); }
"""),
    md(r"""
## The slides' story: a "2" and a "3"

The slides encode one "2", sample $\mathbf z_1\sim\mathcal N(\boldsymbol\mu_1,\boldsymbol\sigma_1)$ and decode it; then a "3". Training on
the "2" again, the new sample "can happen to be close to the 3 in latent space" and — since the decoder only
knows how to map latent points to images — decodes to a **3**. After many steps the two regions separate.

We train a fresh $M=2$ VAE on the 2s and 3s of the training set and, at several steps, record the posterior
of one fixed "2" and one fixed "3" (ellipses at 1σ and 2σ), samples from each, and what those samples decode to.
"""),
    code("""
Digits twosAndThrees = train.only(2, 3);
INDArray aTwo = twosAndThrees.only(2).images().getRow(0).reshape(1, 784);
INDArray aThree = twosAndThrees.only(3).images().getRow(0).reshape(1, 784);
long[] snapshotSteps = Kit.fast() ? new long[]{0, 3, 15, 45} : new long[]{0, 5, 25, 100, 400, 1200, 2400};
Vae story = new Vae(VaeConfig.mnist(2, 3));
PosteriorTracker tracker = new PosteriorTracker(story, aTwo, aThree, snapshotSteps, 16, 5);
History storyHistory = new Trainer(story, Objective.ANALYTIC_KL, new TrainConfig(Kit.pick(14, 3), 64, 1e-3, 9))
        .listener(tracker).listener(Progress.bar("2s and 3s")).fit(twosAndThrees.images());
System.out.println(twosAndThrees + ", " + storyHistory.batchLoss().length + " steps");
"""),
    code("""
{ for (PosteriorTracker.Snapshot snap : tracker.snapshots()) display(VaeFigures.posteriorSnapshot(snap, "2", "3", 4.0)); }
"""),
    md(r"""
How often does a sample drawn for the "2" fall where the "3"'s posterior is the larger density (and vice
versa)? Early on, often: the posteriors are wide and on top of each other, and what a sample decodes to is
a matter of luck. As training proceeds the means move apart and the posteriors shrink.
"""),
    code("""
System.out.println(VaeFigures.snapshotTable(tracker.snapshots(), "2", "3").print());
"""),
    md(r"""
## ELBO ≤ ln p(x), measured

The importance-weighted estimate (Burda et al. 2016; notebook 01 showed it on a tractable model)

$$\ln p(\mathbf x) \approx \ln \frac1K\sum_{k=1}^K \frac{p(\mathbf x|\mathbf z_k)\,p(\mathbf z_k)}{q(\mathbf z_k|\mathbf x)},\qquad \mathbf z_k\sim q(\mathbf z|\mathbf x),$$

computed with a log-sum-exp, is itself a lower bound that rises with $K$ towards $\ln p(\mathbf x)$. $K=1$ is the
single-sample ELBO.
"""),
    code("""
Digits evalSet = test.head(Kit.pick(300, 40));
double testElbo = -vae.evaluate(evalSet.images(), Objective.ANALYTIC_KL, 1).total();
java.util.List<LogLikelihood> estimates = new java.util.ArrayList<>();
for (int k : new int[]{1, 10, 100, 1000}) estimates.add(vae.logLikelihood(evalSet.images(), k, 100 + k));
System.out.println(VaeFigures.likelihoodTable(testElbo, estimates).print());
"""),
    md(r"""
**What to take away.** The slide's model, once its four bugs are fixed, trains in seconds; its latent space
clusters digits although it never saw a label; the "2 vs 3" story is the KL term at work — wide, overlapping
posteriors early, separated ones later; and the ELBO it maximises sits a few nats below $\ln p(\mathbf x)$.
Part 2 asks how to compare the distribution of its samples with real MNIST.
"""),
]

if __name__ == '__main__':
    print(write(ROOT / 'notebooks' / '01-elbo.ipynb', nb01, '01 · The ELBO, exactly'))
    print(write(ROOT / 'notebooks' / '02-vae.ipynb', nb02, '02 · The VAE, as on the slides'))
