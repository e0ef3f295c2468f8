#!/usr/bin/python3
"""Writes notebooks/04-mmd-vae.ipynb and notebooks/05-disentanglement.ipynb (Part 3 of the lecture).
    usage: /usr/bin/python3 environment/authoring/make_part3_notebooks.py
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from nbwrite import code, md, write  # noqa: E402

OUT = Path(__file__).resolve().parents[2] / 'notebooks'

IMPORTS = code('''
import lecture7.data.*;
import lecture7.infotheory.*;
import lecture7.notebook.Kit;
import lecture7.vae.*;
import lecture7.viz.*;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import java.util.ArrayList;
import java.util.List;
''')


# notebook 04 also uses Part 2's estimator and test (lecture7.mmd, lecture7.kernel)
IMPORTS04 = code('''
import lecture7.data.*;
import lecture7.infotheory.*;
import lecture7.kernel.Rbf;
import lecture7.mmd.PermutationTest;
import lecture7.mmd.TwoSampleTest;
import lecture7.notebook.Kit;
import lecture7.vae.*;
import lecture7.viz.*;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import java.util.ArrayList;
import java.util.List;
''')


def nb04():
    cells = [md('''
# 04 · MMD-VAE: when the ELBO learns an uninformative code

Part 3 of the lecture. The VAE maximises the ELBO

$$\\mathbb{E}_{\\mathbf{z} \\sim q_{\\phi}(\\mathbf{z}|\\mathbf{x})} [\\log p_{\\theta}(\\mathbf{x}|\\mathbf{z})] - D_{KL} \\left( q_{\\phi}(\\mathbf{z}|\\mathbf{x}) \\,\\|\\, p_{\\lambda}(\\mathbf{z}) \\right),$$

whose KL term pulls **every** posterior $q_\\phi(\\mathbf{z}|\\mathbf{x})$ towards the prior. The slide's warning:

- $D_{KL}(q_{\\phi}(\\mathbf{z}|\\mathbf{x}) \\| p_{\\lambda}(\\mathbf{z}))$ might be too restrictive;
- if the decoder can explain $\\mathbf{x}$ without $\\mathbf{z}$, the model fails to learn a meaningful representation:
  the cheapest way to a good ELBO is $q_\\phi(\\mathbf{z}|\\mathbf{x}) = p(\\mathbf{z})$ for every $\\mathbf{x}$ — KL = 0, $\\mathbf{z}$ says nothing.

The **MMD-VAE** (InfoVAE, Zhao et al. 2019) keeps the reconstruction term but measures the distance between the
*aggregated* posterior $q_\\phi(\\mathbf{z}) = \\frac1N\\sum_n q_\\phi(\\mathbf{z}|\\mathbf{x}_n)$ and the prior with Part 2's MMD:

$$\\mathbb{E}_{\\mathbf{z} \\sim q_{\\phi}(\\mathbf{z}|\\mathbf{x})} [\\log p_{\\theta}(\\mathbf{x}|\\mathbf{z})] - \\lambda\\,\\text{MMD}^2\\left( q_{\\phi}(\\mathbf{z}) \\,\\|\\, p_{\\lambda}(\\mathbf{z}) \\right).$$

Codes of different images may sit far apart, as long as *together* they look like $\\mathcal{N}(0, I)$.
On each batch, `MmdVae` compares the batch's codes $z_1..z_n$ with $n$ fresh prior draws $y_1..y_n$:

$$\\widehat{\\text{MMD}}^2 = \\frac{1}{n^2}\\sum_{ij} k(z_i,z_j) + \\frac{1}{n^2}\\sum_{ij} k(y_i,y_j) - \\frac{2}{n^2}\\sum_{ij} k(z_i,y_j),
\\qquad k(a,b) = e^{-\\|a-b\\|^2/M}$$

and back-propagates $\\partial\\widehat{\\text{MMD}}^2/\\partial z_i$, derived by hand (see `MmdVae.mmd2`, checked
against finite differences in the tests).
'''), md('## Imports'), IMPORTS04, md('''
## Data

MNIST, pixels in $[0,1]$. Fast mode (CI) uses a few thousand images and few epochs; the full mode is what
you run (a few minutes).
'''), code('''
Digits train = Mnist.train(Kit.pick(20_000, 4_000));
Digits test = Mnist.test(Kit.pick(2_000, 500));
int epochsA = Kit.pick(10, 4);
System.out.println(train + ", " + test + ", " + epochsA + " epochs per model" + (Kit.fast() ? " (fast mode)" : ""));
'''), md('''
## A decoder that does not need $\\mathbf{z}$

The slide's warning needs a *sufficiently flexible* decoder. Here is one: an **autoregressive** Bernoulli decoder,
in which the logit of pixel $d$ sees $\\mathbf{z}$ through the lecture's MLP **and every pixel before it** (raster order)
through a masked linear map $W$:

$$p_\\theta(\\mathbf{x}|\\mathbf{z}) = \\prod_{d=1}^{784} \\text{Bernoulli}\\Big(x_d \\;\\Big|\\; \\sigma\\big(\\text{MLP}_\\theta(\\mathbf{z})_d + \\textstyle\\sum_{j<d} W_{jd}\\, x_j\\big)\\Big).$$

Without $\\mathbf{z}$ this is a fully visible sigmoid belief network (Frey 1998); with it, a small PixelVAE
(`PixelAutoregression`, `VaeConfig.mnistAutoregressive`). Training is *teacher-forced*: all 784 logits come from the
true pixels in one matrix product, and $\\ln p_\\theta(\\mathbf{x}|\\mathbf{z})$ is exact. Sampling goes pixel by pixel.

Why the ELBO now gives up on $\\mathbf{z}$: every nat the code carries about $\\mathbf{x}$ is paid for in the KL
(on average $D_{KL}(q_\\phi(\\mathbf{z}|\\mathbf{x})\\|p(\\mathbf{z})) \\ge I(\\mathbf{x};\\mathbf{z})$, notebook 05), while what the
previous pixels tell the decoder is free. When the decoder can model $\\mathbf{x}$ almost as well without $\\mathbf{z}$,
the best ELBO is reached with $q_\\phi(\\mathbf{z}|\\mathbf{x}) = p(\\mathbf{z})$ for every image: KL = 0, an uninformative code
(Bowman et al. 2016; Chen et al. 2017). The MMD-VAE pays nothing per image for information, only for the *cloud*
of codes not looking like the prior.

Both models below have the same networks (encoder 784 → 300 → 2·8, decoder MLP 8 → 300 → 784 plus the 784 × 784
masked map), seed, data and epochs. They train with Adam at $10^{-2}$ and batch 64, not the lecture's $10^{-3}$ and 128:
the autoregressive weights start at zero, and at $10^{-3}$ they are still far from fitted after 10 epochs — the
collapse then only begins (in our runs at $10^{-3}$ the VAE still had a KL of 11 nats after 10 epochs).
'''), code('''
int epochsAr = 10;
VaeConfig arConfig = VaeConfig.mnistAutoregressive(8, 783, 1);   // pixel d sees all 783 pixels before it
TrainConfig trainAr = new TrainConfig(epochsAr, 64, 1e-2, 1);
System.out.println(arConfig.numParams() + " parameters, of which " + 784 * 783 / 2 + " in the masked map");
Vae arVae = Runs.fit("VAE (ELBO), AR decoder", arConfig, Objective.ANALYTIC_KL, trainAr, train.images());
Vae arInfo = Runs.fit("MMD-VAE λ=100, AR decoder", arConfig, MmdVae.of(100, MmdVae.LatentKernel.RBF, 8, 1), trainAr, train.images());
'''), md('''
### What the ELBO sees, what the code knows, what MMD sees

On the test images, in nats per image: the ELBO's KL term; the **mutual information** $I_q(\\mathbf{x};\\mathbf{z})$, how much
the code tells about the image (full-data estimator of notebook 05; it cannot exceed $\\ln N$ for $N$ test images);
the **active units**, latents whose posterior mean $\\mu_j(\\mathbf{x})$ varies across images ($\\text{Var}_x\\,\\mu_j > 0.01$).
And Part 2's view: one code $\\mathbf{z}\\sim q_\\phi(\\mathbf{z}|\\mathbf{x})$ per test image against as many prior draws, with
$\\widehat{\\text{MMD}}^2$ and the permutation test of $H_0: q_\\phi(\\mathbf{z}) = p(\\mathbf{z})$, kernel $e^{-\\|a-b\\|^2/M}$
(the MMD-VAE's own kernel).
'''), code('''
LatentReport arVaeReport = LatentReport.of("VAE (ELBO), AR decoder", arVae, test.images(), null, 7);
LatentReport arInfoReport = LatentReport.of("MMD-VAE λ=100, AR decoder", arInfo, test.images(), null, 7);
Rbf latentKernel = Rbf.ofGamma(1.0 / 8);   // k(a, b) = exp(−‖a − b‖²/M), M = 8
INDArray priorDraws = arVae.prior(test.n(), 11).castTo(DataType.DOUBLE);
TwoSampleTest arVaeTest = PermutationTest.twoSample(latentKernel, arVaeReport.codes().sample(1, new java.util.Random(3)), priorDraws, 200, 5);
TwoSampleTest arInfoTest = PermutationTest.twoSample(latentKernel, arInfoReport.codes().sample(1, new java.util.Random(3)), priorDraws, 200, 5);
System.out.println(CollapseFigures.table("Autoregressive decoder, M = 8, test images", List.of(arVaeReport, arInfoReport),
        List.of(arVaeTest, arInfoTest)).print());
System.out.printf("I(x; z) can be at most ln N = %.2f nats with N = %d test images.%n", Math.log(test.n()), test.n());
'''), md('''
Read the table row by row. The ELBO-trained VAE has driven its KL to (almost) zero: its code carries (almost) no
information about the image and (almost) no latent is active — an uninformative code. Yet it has the **better
ELBO** (lower −ELBO): by the objective it was trained with, ignoring $\\mathbf{z}$ is the right thing to do.
The MMD-VAE, with the same decoder, keeps $I(\\mathbf{x};\\mathbf{z})$ at the estimator's ceiling $\\ln N$ — every test image
gets a code of its own — and uses $\\mathbf{z}$ to reconstruct better. Its KL column is large (narrow posteriors and
total correlation, which MMD does not charge); by the ELBO it is the worse model, by what the code knows the better one.

Both aggregated posteriors are close to the prior (small MMD²), for opposite reasons. In fast mode the
models see 4 000 images for 10 short epochs: the VAE's KL has then fallen to about 1–2 nats and is still falling
(the full run takes it below 0.01 nats, with no active unit left).
'''), code('''
INDArray priorShown = priorDraws.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, Math.min(1000, test.n())), org.nd4j.linalg.indexing.NDArrayIndex.all());
{ display(CollapseFigures.aggregatePosterior(String.format("VAE (ELBO): MMD² = %.4f, p = %.3f", arVaeTest.statistic(), arVaeTest.pValue()),
        arVaeReport, priorShown, 3));
  display(CollapseFigures.aggregatePosterior(String.format("MMD-VAE: MMD² = %.4f, p = %.3f", arInfoTest.statistic(), arInfoTest.pValue()),
        arInfoReport, priorShown, 3)); }
'''), md('''
Blue: one code per test image; orange: the posterior means $\\mu(\\mathbf{x})$; grey: the prior (each plot shows the
model's two latents with the largest KL). For the VAE the blue cloud matches the prior *because every posterior is the
prior*: the means pile up near the origin and carry (almost) nothing (in fast mode, along the one or two latents still
in use). For the MMD-VAE the means themselves spread over the prior — each image has its own place — and its posteriors
are so narrow that the blue codes hide under the orange means. Its cloud of codes still looks like $\\mathcal{N}(0, I)$
to the kernel; with this many codes the permutation test may still tell the two apart (MMD² is small, not zero).

Does $\\mathbf{z}$ carry the digit? Decode each test image's posterior mean. The autoregressive decoder has no closed-form
$\\mathbb{E}[\\mathbf{x}|\\mathbf{z}]$; `reconstruct(x)` shows the noise-free pixel-by-pixel path (each pixel set to its probability
given $\\mathbf{z}$ and the pixels before it), `reconstruct(x, seed)` one exact draw $\\mathbf{x}' \\sim p_\\theta(\\mathbf{x}|\\mathbf{z})$.
'''), code('''
INDArray firstTen = test.head(10).images();
{ display(ImageGrid.of(Nd4j.vstack(firstTen,
        arVae.reconstruct(firstTen).castTo(DataType.FLOAT), arInfo.reconstruct(firstTen).castTo(DataType.FLOAT),
        arVae.reconstruct(firstTen, 5).castTo(DataType.FLOAT), arInfo.reconstruct(firstTen, 5).castTo(DataType.FLOAT)), 28, 28, 10, 2, null,
        "digits / VAE path / MMD-VAE path / VAE draw / MMD-VAE draw (z = μ(x))"));
  display(ImageGrid.of(Nd4j.vstack(arVae.sample(10, 21).castTo(DataType.FLOAT), arInfo.sample(10, 21).castTo(DataType.FLOAT)), 28, 28, 10, 2, null,
        "from the prior z ~ N(0, I): VAE (top) / MMD-VAE (bottom)")); }
'''), md('''
The VAE's decoder draws the same faint average digit whatever $\\mathbf{z}$ it gets: the digit is not in the code, and its
draws are digit-like scribbles unrelated to the input. The MMD-VAE's decoder redraws the input's digit from $\\mathbf{z}$
alone, and its prior samples are digits. (Single draws are noisy for both: a linear autoregression over pixels is a
weak image model, but strong enough to make $\\mathbf{z}$ unnecessary for the ELBO.)

**Try:**
- `VaeConfig.mnistAutoregressive(8, 28, 1)`: pixel $d$ sees only the 28 pixels before it (one row). The decoder can no
  longer see the digit drawn so far, and the ELBO keeps some information in $\\mathbf{z}$ again (the idea of Chen et al.'s
  Variational Lossy Autoencoder). In our full-mode run: KL about 3 nats, I(x; z) about 3 nats, 4 active
  units, against < 0.01 nats and none with the full window.
- The usual remedy, KL warm-up: `new AnnealedBetaVae(new Schedule(0.001, 1, steps))` with `steps` about ⅔ of the
  training steps. It only postpones the collapse: in our full-mode run the code carried information while β was
  small, and once β reached 1 the KL fell back to about 0.01 nats by epoch 10. The collapse is the optimum of the ELBO with
  this decoder, not an accident of early training; changing the objective (MMD-VAE) is what keeps the code.

## The same pull with the slide's decoder

The slide's decoders are not autoregressive, so they cannot model $\\mathbf{x}$ without $\\mathbf{z}$ and the code cannot
collapse completely. The same pull is visible in milder form with the slide's Gaussian decoder
$p_\\theta(\\mathbf{x}|\\mathbf{z}) = \\mathcal{N}(\\mathbf{x}\\mid\\theta(\\mathbf{z}), I)$ on pixels in $[0,1]$: with unit variance, knowing
$\\mathbf{z}$ improves $\\log p(\\mathbf{x}|\\mathbf{z})$ by at most $\\tfrac12\\sum_d \\mathrm{Var}(x_d) \\approx 26$ nats per image, while every
nat of information in $\\mathbf{z}$ costs a nat of KL. The ELBO therefore keeps only a few nats in the code; the MMD penalty
does not charge per image and keeps more.

Both models: the lecture's MLP (784 → 300 → 2·8, 8 → 300 → 784), same seed, same data, same epochs, the lecture's
Adam $10^{-3}$.
'''), code('''
VaeConfig gauss = new VaeConfig(784, 300, 8, Likelihood.GAUSSIAN, DataType.FLOAT, 1);
TrainConfig trainA = new TrainConfig(epochsA, 128, 1e-3, 1);
Vae elboVae = Runs.fit("VAE (ELBO)", gauss, Objective.ANALYTIC_KL, trainA, train.images());
Vae infoVae = Runs.fit("MMD-VAE λ=100", gauss, MmdVae.of(100, MmdVae.LatentKernel.RBF, 8, 1), trainA, train.images());
'''), md('''
### One model, three views

Each trained model is now looked at through the ELBO (reconstruction + KL), through $\\text{MMD}^2(q(\\mathbf{z})\\|p(\\mathbf{z}))$,
and through the three parts of the average KL (notebook 05 explains them): the **mutual information**
$I_q(\\mathbf{x};\\mathbf{z})$ is how much the code tells about the image — the number that collapses in an
uninformative code. All on test images, in nats per image.
'''), code('''
LatentReport elboReport = LatentReport.of("VAE (ELBO)", elboVae, test.images(), null, 7);
LatentReport infoReport = LatentReport.of("MMD-VAE λ=100", infoVae, test.images(), null, 7);
System.out.println(DisentanglementTables.threeViews("Gaussian decoder N(x | θ(z), I), M = 8, test images", List.of(elboReport, infoReport)).print());
System.out.printf("I(x; z): VAE %.2f nats, MMD-VAE %.2f nats (at most ln N = %.2f)%n",
        elboReport.parts().mutualInformation(), infoReport.parts().mutualInformation(), Math.log(test.n()));
{ display(DisentanglementFigures.perDimKl("Per-latent KL: the ELBO spends few nats on z", new String[]{"VAE (ELBO)", "MMD-VAE"},
        elboReport.perDimKl(), infoReport.perDimKl())); }
'''), md('''
The MMD-VAE's code carries more information about each image (higher $I(\\mathbf{x};\\mathbf{z})$, larger per-latent KL),
while its aggregated posterior stays about as close to the prior (similar MMD²). Its KL column is larger — much of it
total correlation between latents, which MMD does not penalise: judged by the ELBO it is the worse model, judged by
what the code knows it is the better one. (In fast mode the models are barely trained and the comparison can go
either way: the MMD-VAE starts from codes that already match the prior, and needs a few epochs to make them informative.) The reconstructions show the same:
'''), code('''
INDArray firstTest = test.head(8).images();
{ display(ImageGrid.of(Nd4j.vstack(firstTest, elboVae.reconstruct(firstTest).castTo(DataType.FLOAT),
        infoVae.reconstruct(firstTest).castTo(DataType.FLOAT)), 28, 28, 8, 2, null,
        "test digits / VAE (ELBO) reconstructions / MMD-VAE reconstructions")); }
'''), md('''
## Aggregated posterior vs prior

With two latents we can look at $q_\\phi(\\mathbf{z})$ directly: one code $\\mathbf{z}\\sim q_\\phi(\\mathbf{z}|\\mathbf{x})$ per test image,
over draws of the prior. This time the decoder is Bernoulli (the usual MNIST VAE). The KL of the VAE only
pulls each posterior towards $\\mathcal{N}(0,I)$; nothing asks the *cloud* of codes to fill the prior, so it may
leave holes (where samples from the prior decode to nothing digit-like) or spill over. The MMD-VAE's penalty is
exactly "the cloud should look like the prior", measured with Part 2's MMD.
'''), code('''
VaeConfig bern2 = VaeConfig.mnist(2, 2);
Vae vae2d = Runs.fit("VAE M=2", bern2, Objective.ANALYTIC_KL, trainA, train.images());
Vae infoVae2d = Runs.fit("MMD-VAE M=2 λ=1000", bern2, MmdVae.of(1000, MmdVae.LatentKernel.RBF, 2, 2), trainA, train.images());
LatentReport vae2dReport = LatentReport.of("VAE M=2", vae2d, test.images(), null, 7);
LatentReport info2dReport = LatentReport.of("MMD-VAE M=2 λ=1000", infoVae2d, test.images(), null, 7);
INDArray prior2d = vae2d.prior(test.n(), 11);
{ display(DisentanglementFigures.aggregatePosterior(String.format("VAE: q(z) vs p(z), MMD² = %.4f", vae2dReport.mmd2()),
        vae2dReport.codes().sample(1, new java.util.Random(3)), prior2d, 0, 1));
  display(DisentanglementFigures.aggregatePosterior(String.format("MMD-VAE: q(z) vs p(z), MMD² = %.4f", info2dReport.mmd2()),
        info2dReport.codes().sample(1, new java.util.Random(3)), prior2d, 0, 1)); }
System.out.println(DisentanglementTables.threeViews("Bernoulli decoder, M = 2, test images", List.of(vae2dReport, info2dReport)).print());
'''), md('''
MMD² here is the V-statistic of the slide's estimator with the RBF kernel $e^{-\\|a-b\\|^2/M}$, on up to 2 000 codes
and as many prior draws (`LatentReport`); it is a kernel distance, not in nats, and it is small for both models
but smaller for the model trained to make it small.

**Try:** the IMQ kernel (`MmdVae.LatentKernel.IMQ`, heavier tails, used by WAE), or $\\lambda$ = 10 and 10 000:
how do I(x; z), the reconstruction and MMD² move?

Next: **05 · Disentanglement**, where the KL is split into its three parts and each part gets its own weight.
''')]
    return write(OUT / '04-mmd-vae.ipynb', cells, '04 · MMD-VAE')


def nb05():
    cells = [md('''
# 05 · The KL decomposition, β-VAE and disentanglement

The slide splits the average KL term of the ELBO into three parts:

$$\\mathbb{E}_{p(\\mathbf{x})}\\left[D_{KL}(q_\\phi(\\mathbf{z}|\\mathbf{x}) \\| p(\\mathbf{z}))\\right]
= \\underbrace{I_q(\\mathbf{x}; \\mathbf{z})}_{\\text{mutual information}}
+ \\underbrace{D_{KL}\\Big(q_\\phi(\\mathbf{z}) \\,\\Big\\|\\, \\prod_j q_\\phi(z_j)\\Big)}_{\\text{total correlation (TC)}}
+ \\underbrace{\\sum_{j} D_{KL}\\left(q_\\phi(z_j) \\| p(z_j)\\right)}_{\\text{dimension-wise KL}}$$

A **β-VAE** (Higgins et al. 2017) weights the whole KL by β > 1 — minimality, disentanglement and closeness to
the prior alike: an information bottleneck. Variants act on the parts or on the schedule:

| model | regulariser | reference |
|---|---|---|
| VAE | $D_{KL}$ | Kingma & Welling 2014 |
| β-VAE | $\\beta\\,D_{KL}$, β = 4 | Higgins et al. 2017 |
| annealed β | $\\beta(t)\\,D_{KL}$, β from 20 down to 1 ("start with very high β and slowly decrease") | the slide |
| capacity | $\\gamma\\,\\lvert D_{KL} - C(t)\\rvert$, C raised linearly from 0 | Burgess et al. 2018 |
| β-TCVAE | $\\alpha\\,I + \\beta\\,\\text{TC} + \\gamma\\sum_j D_{KL}(q(z_j)\\|p(z_j))$, α = γ = 1, β = 6 | Chen et al. 2018 |

We train all five on generated **sprites** whose true factors we know, measure the three parts, and score
disentanglement with the **Mutual Information Gap** (MIG).
'''), md('## Imports'), IMPORTS, md('''
## Sprites with known factors

`Sprites` draws dSprites-like images (Matthey et al. 2017: square / ellipse / heart, 6 scales, 40 orientations,
32 × 32 positions at 64 × 64 pixels) on demand from their factors. To train in minutes on a laptop CPU this
notebook uses a small grid — 32 × 32 pixels, squares only, no rotation, 6 scales × 32 × 32 positions in the full
mode (3 × 8 × 8 in fast mode): three factors to discover. `Sprites.dsprites()` is the original grid.
'''), code('''
Sprites grid = Kit.fast() ? new Sprites(32, 1, 3, 1, 8) : new Sprites(32, 1, 6, 1, 32);
SpriteSet spritesTrain = grid.sample(Kit.pick(10_000, 2_000), 1);
SpriteSet spritesEval = grid.all();
System.out.println(grid + ": " + grid.count() + " distinct images; training on " + spritesTrain.n() + " draws, scoring on all " + spritesEval.n());
{ display(ImageGrid.of(spritesTrain.head(16).images(), 32, 32, 8, 2, null, "16 training sprites")); }
'''), md('''
## The exact identity, first

For a finite model every sum can be written out, and the three parts add up to the average KL to rounding.
Here: 3 inputs, a two-dimensional binary code, a mean-field encoder as in the VAE, a uniform prior.
'''), code('''
DiscreteDecomposition exact = DiscreteDecomposition.factorized(new double[]{0.5, 0.3, 0.2},
        new double[][][]{{{0.9, 0.1}, {0.8, 0.2}}, {{0.2, 0.8}, {0.3, 0.7}}, {{0.5, 0.5}, {0.1, 0.9}}},
        new double[][]{{0.5, 0.5}, {0.5, 0.5}});
System.out.printf("MI %.6f + TC %.6f + dim-wise KL %.6f = %.15f%naverage KL                               = %.15f nats%n",
        exact.mutualInformation(), exact.totalCorrelation(), exact.dimensionwiseKl(), exact.sumOfParts(), exact.averageKl());
'''), md('''
For the Gaussian encoder the parts are estimated (`KlDecomposition.fullData`): draw one $\\mathbf{z}_n\\sim q(\\mathbf{z}|\\mathbf{x}_n)$
per image and evaluate $\\log q(\\mathbf{z}_n) = \\log\\frac1N\\sum_m q(\\mathbf{z}_n|\\mathbf{x}_m)$ and each $\\log q(z_{nj})$
over **all** N posteriors (matrix products, in blocks). For the data set these densities are exact; only the
average over $\\mathbf{z}$ is Monte Carlo, so the parts add up to a Monte Carlo estimate of the closed-form KL.
Training uses the same formulas on each minibatch only (`MinibatchEstimator`).

## Training the five models

Same MLP for all (1024 → 256 → 2·4, 4 → 256 → 1024, Bernoulli pixels), Adam 3e-3, batch 64.
Every model is trained with several seeds (three in the full mode, two in the fast mode): with minutes of
training, the seed moves MIG about as much as the objective does, so one seed proves nothing.
'''), code('''
int latentDim = 4, batchB = 64, epochsB = Kit.pick(10, 5), seedsB = Kit.pick(3, 2);
long stepsB = (long) epochsB * ((spritesTrain.n() + batchB - 1) / batchB);
List<LatentReport> spriteReports = new ArrayList<>();
List<Vae> firstSeedModels = new ArrayList<>();
List<String> modelNames = new ArrayList<>();
for (Part3Models.Spec spec : Part3Models.standard(stepsB, spritesTrain.n())) {
    for (int s = 1; s <= seedsB; s++) {
        VaeConfig cfg = new VaeConfig(grid.dim(), 256, latentDim, Likelihood.BERNOULLI, DataType.FLOAT, s);
        Vae v = Runs.fit(spec.name() + " s" + s, cfg, spec.make().get(), new TrainConfig(epochsB, batchB, 3e-3, s), spritesTrain.images());
        spriteReports.add(LatentReport.of(spec.name() + " seed " + s, v, spritesEval.images(), spritesEval.factors(), 5));
        if (s == 1) { firstSeedModels.add(v); modelNames.add(spec.name()); }
    }
}
'''), md('''
## The decomposition table

Nats per image on all grid images; MIG against the true factors (scale, posX, posY; shape and orientation are
constant here and left out). Reconstruction is $-\\mathbb{E}_q[\\log p(\\mathbf{x}|\\mathbf{z})]$, −ELBO = reconstruction + KL.
'''), code('''
System.out.println(DisentanglementTables.of("KL decomposition and MIG of every model and seed", spriteReports).print());
List<KlDecomposition> firstSeedParts = new ArrayList<>();
for (int i = 0; i < spriteReports.size(); i += seedsB) firstSeedParts.add(spriteReports.get(i).parts());
{ display(DisentanglementFigures.decomposition("Where the KL goes (seed 1)", modelNames, firstSeedParts)); }
'''), md('''
What to look for: β > 1 shrinks every part, the mutual information too (a tighter bottleneck, worse
reconstruction); β-TCVAE spends its penalty on the **total correlation**, which should come out lowest in
its rows, while it keeps more information than β-VAE; the capacity objective holds the KL near its final
target C. Check these against the printed numbers: they are tendencies, not guarantees.

## Mutual Information Gap

For each factor $v_k$: the gap between the two latents with the most information about it, divided by its
entropy, averaged over factors (Chen et al. 2018): 1 = every factor in exactly one latent.
'''), code('''
for (LatentReport r : spriteReports) {
    Mig mig = Mig.of(r.codes().mu(), spritesEval.factors(), Mig.DEFAULT_BINS);
    System.out.printf("%-28s MIG %.3f   gaps scale %.2f  posX %.2f  posY %.2f%n", r.model(), mig.score(), mig.gaps()[1], mig.gaps()[3], mig.gaps()[4]);
}
'''), md('''
**Does any objective beat the plain VAE?** Compare the seed ranges, not single numbers: a model counts as
clearly better only if its worst seed beats the VAE's best seed. Models trained with the same seed see the
same sprites and start from the same weights, so the paired count (above the VAE *at the same seed*) removes
the seed-to-seed spread: read both.
'''), code('''
List<MigSummary> migBySeed = new ArrayList<>();
for (int i = 0; i < spriteReports.size(); i += seedsB) {
    double[] scores = new double[seedsB];
    for (int s = 0; s < seedsB; s++) scores[s] = spriteReports.get(i + s).mig();
    migBySeed.add(new MigSummary(modelNames.get(i / seedsB), scores));
}
for (MigSummary m : migBySeed.subList(1, migBySeed.size())) System.out.println(m.describe(migBySeed.get(0)));
'''), md('''
Why is this hard? Two of the three factors, posX and posY, are interchangeable for a square, and once the
dimension-wise KL has made every marginal $q(z_j)$ Gaussian, **any rotation** of the (posX, posY) latents has
the same total correlation (an isotropic Gaussian stays one under rotation). The TC penalty then cannot tell
the axis-aligned code from one rotated by 45° — and the rotated one scores MIG ≈ 0 on both positions, since
each latent knows half of each factor. What picks the axes in practice is subtler (the diagonal posterior
and the pixel grid, Rolinek et al. 2019) and needs far more training than a notebook: Chen et al. report
MIG 0.2–0.4 for β-TCVAE against 0.05–0.1 for the VAE on dSprites after about 300 000 steps; here each model
gets `stepsB` steps (about 1 600 in the full mode). This is Locatello et al.'s (2019) point in miniature: without inductive biases,
unsupervised disentanglement is not identifiable, and small differences in MIG need several seeds before
they mean anything.
'''), md('''
## Latent traversals

Each row changes one latent from −3 to 3 with the others fixed at the code of one sprite; rows are sorted by
their KL (the top rows carry the most information). A disentangled model moves one factor per row.
'''), code('''
for (int i = 0; i < firstSeedModels.size(); i++) {
    Vae v = firstSeedModels.get(i);
    double[] kl = spriteReports.get(i * seedsB).perDimKl();
    int[] order = DisentanglementFigures.byDecreasingKl(kl);
    String[] labels = new String[order.length];
    for (int r = 0; r < order.length; r++) labels[r] = String.format("z%d %.1f", order[r], kl[order[r]]);
    INDArray z0 = v.encode(spritesEval.images().getRow(spritesEval.n() / 2).reshape(1, grid.dim())).mu();
    { display(DisentanglementFigures.traversals(zz -> v.decodeMean(zz), z0, order, DisentanglementFigures.traversalValues(8),
            32, 32, 2, labels, modelNames.get(i) + ": traversals (row label: latent, KL nats)")); }
}
'''), md('''
## One model, three views

The same trained networks judged three ways: by the ELBO, by MMD²(q(z) ‖ p(z)) (notebook 04), and by the KL
parts. The plain VAE has the best ELBO by construction; the others trade ELBO for structure in the code.
'''), code('''
System.out.println(DisentanglementTables.threeViews("Three views of every sprite model", spriteReports).print());
{ display(DisentanglementFigures.perDimKl("Per-latent KL (seed 1)", modelNames.toArray(new String[0]),
        firstSeedModels.stream().map(v -> new GaussianCodes(v.encode(spritesEval.images()).mu(), v.encode(spritesEval.images()).logStd()).perDimKl()).toArray(double[][]::new))); }
'''), md('''
**How big is the effect?** With minutes of CPU training every MIG here is small (a few hundredths to about a
tenth in our runs), and the verdicts above say whether any model's seeds clear the VAE's. A low total correlation makes
the latents statistically independent, but that alone does not make each one a single factor.

**Try:** β-TCVAE with β = 2 and 10 (`new BetaTcVae(1, β, 1, spritesTrain.n(), MinibatchEstimator.STRATIFIED)`), or
the capacity objective with a larger final C — which part of the table moves? With the full grid
(`new Sprites(32, 3, 6, 10, 16)`) shape and orientation join the factors, and disentangling them needs far
longer training than a notebook allows.
''')]
    return write(OUT / '05-disentanglement.ipynb', cells, '05 · Disentanglement')


if __name__ == '__main__':
    print(nb04())
    print(nb05())
