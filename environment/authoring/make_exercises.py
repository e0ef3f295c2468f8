#!/usr/bin/python3
"""Writes notebooks/exercises/E1..E4 (the source notebooks with the instructor's solutions marked).

Golden values come from golden.py (independent numerics); solutions sit between // BEGIN SOLUTION and
// END SOLUTION so that environment/editions.py can make the student edition.
    usage: /usr/bin/python3 environment/authoring/make_exercises.py
"""
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import golden as g  # noqa: E402
from nbwrite import code, md, write  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / 'notebooks' / 'exercises'


def J(x):
    return repr(float(x))


def jarr(xs):
    return 'new double[]{' + ', '.join(J(x) for x in xs) + '}'


def jmat(rows):
    return 'new double[][]{' + ', '.join('{' + ', '.join(J(x) for x in r) + '}' for r in rows) + '}'


def jstr(xs):
    return 'new String[]{' + ', '.join('"' + s + '"' for s in xs) + '}'


IMPORTS = code('''
import lecture7.notebook.*;
import lecture7.viz.*;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
''')

HOWTO = md('''
**How the exercises work.** Each exercise has a task, a cell for you to fill (look for `// YOUR CODE HERE`) and
a check cell. Run your cell, then the check: it prints ✔ or ✘ with an explanation (your value against the
expected one with the tolerance, a wrong shape, a likely sign error or factor of 2). A check that says
*not answered yet* is waiting for you to replace the placeholder `Exercise.todo()` / `throw Exercise.notAnswered();`.
Checks never stop the notebook; change your code and run the cell and its check again.
''')


def e1():
    cases = g.E1_KL_CASES
    labels = [f"μ = {m:g}, ln σ = {l:.4g}" for m, l in cases]
    cells = [md('''
# Exercises 1 — the ELBO

Lecture 7, recap and *variational inference for latent variable models*: for any $q(\\mathbf z|\\mathbf x)$,

$$\\ln p_\\theta(\\mathbf x) = \\underbrace{\\mathbb E_{q}[\\ln p_\\theta(\\mathbf x|\\mathbf z)] - D_{KL}(q(\\mathbf z|\\mathbf x)\\,\\|\\,p(\\mathbf z))}_{\\text{ELBO}} + D_{KL}(q(\\mathbf z|\\mathbf x)\\,\\|\\,p_\\theta(\\mathbf z|\\mathbf x)).$$

These exercises make each term concrete: the Gaussian KL that every VAE computes, its batched form, and the
identity itself on a model where everything is known in closed form. All quantities are in nats.
'''), HOWTO, IMPORTS,
        md('''
## Exercise 1.1 — derive and code the Gaussian KL

The VAE's encoder outputs a mean $\\mu$ and a log standard deviation $\\ln\\sigma$ per latent dimension, and the
prior is $\\mathcal N(0, 1)$. Derive $D_{KL}(\\mathcal N(\\mu,\\sigma^2)\\,\\|\\,\\mathcal N(0,1))$ from
$D_{KL}(q\\|p)=\\mathbb E_q[\\ln q - \\ln p]$ (write your derivation in the cell below), then code it.

*Derivation:*
<!-- BEGIN SOLUTION -->
$\\ln q(z) - \\ln p(z) = -\\ln\\sigma - \\frac{(z-\\mu)^2}{2\\sigma^2} + \\frac{z^2}{2}$. Under $q$,
$\\mathbb E[(z-\\mu)^2] = \\sigma^2$ and $\\mathbb E[z^2] = \\mu^2 + \\sigma^2$, so
$D_{KL} = \\tfrac12\\left(\\mu^2 + \\sigma^2 - 2\\ln\\sigma - 1\\right)$.
<!-- END SOLUTION -->
'''),
        code('''
/** KL(N(μ, σ²) ‖ N(0, 1)) in nats, with σ = exp(logStd). */
double klToStandardNormal(double mu, double logStd) {
    // BEGIN SOLUTION
    double var = Math.exp(2 * logStd);
    // KL = ½ (μ² + σ² − 2 ln σ − 1)
    return 0.5 * (mu * mu + var - 2 * logStd - 1);
    // END SOLUTION
}
'''),
        code(f'''
// expected values: numerical integration of q ln(q/p) (environment/authoring/golden.py)
double[] e11Mu = {jarr(m for m, _ in cases)}, e11LogStd = {jarr(l for _, l in cases)};
Check.cases("E1-kl", {jstr(labels)},
        i -> klToStandardNormal(e11Mu[i], e11LogStd[i]), {jarr(g.E1_KL)}, 1e-9);
'''),
        code(f'''
{{ display(ExerciseFigures.yoursVsExpected("KL(N(μ, 1) ‖ N(0, 1)) as the mean moves", "μ", "KL (nats)",
        ExerciseFigures.grid(-2, 2, 81), m -> klToStandardNormal(m, 0.0),
        new double[]{{0.0, 1.5, -1.5}}, new double[]{{{J(g.E1_KL[0])}, {J(g.E1_KL[1])}, {J(g.E1_KL[1])}}})); }}
'''),
        md('''
## Exercise 1.2 — the batched KL term

In a VAE the encoder returns `mu` and `logStd` as `[batch, M]` arrays and the prior factorises over the $M$
latent dimensions, so the KL term of each example is a sum over dimensions:
$D_{KL} = \\sum_{j=1}^{M} \\tfrac12(\\mu_j^2 + \\sigma_j^2 - 2\\ln\\sigma_j - 1)$.
Write it with ND4J array operations (no loops): the result has shape `[batch]`.
'''),
        code('''
/** Per-example KL(q(z|x) ‖ N(0, I)) in nats: mu, logStd [batch, M] → [batch]. */
INDArray klPerExample(INDArray mu, INDArray logStd) {
    // BEGIN SOLUTION
    INDArray var = Transforms.exp(logStd.mul(2));
    // ½ Σ_j (μ_j² + σ_j² − 2 ln σ_j − 1)
    return mu.mul(mu).add(var).sub(logStd.mul(2)).sub(1.0).sum(1).mul(0.5);
    // END SOLUTION
}
'''),
        code(f'''
INDArray e12Mu = Nd4j.createFromArray({jmat(g.E1_MU)});
INDArray e12LogStd = Nd4j.createFromArray({jmat(g.E1_LOGSTD)});
// expected: sum over dimensions of the quadrature KLs (golden.py)
Check.array("E1-klsum", () -> klPerExample(e12Mu, e12LogStd), Nd4j.createFromArray({jarr(g.E1_KLSUM)}), 1e-9);
'''),
        md(f'''
## Exercise 1.3 — the ELBO identity on a model you can solve

Take the linear-Gaussian model $p(z) = \\mathcal N(0, 1)$, $p(x|z) = \\mathcal N(z, s^2)$ with $s = {g.E1_S}$,
observe $x = {g.E1_X}$, and pick the (not optimal) variational posterior $q(z) = \\mathcal N(m, v)$ with
$m = {g.E1_M}$, $v = {g.E1_V}$. Everything is Gaussian, so compute in closed form:

1. the evidence $\\ln p(x)$ (hint: $x = z + s\\,\\varepsilon$ is a sum of independent Gaussians);
2. the ELBO $\\mathbb E_q[\\ln \\mathcal N(x; z, s^2)] - D_{{KL}}(\\mathcal N(m, v)\\,\\|\\,\\mathcal N(0,1))$
   (hint: $\\mathbb E_q[(x - z)^2] = (x - m)^2 + v$);
3. the gap $D_{{KL}}(q\\,\\|\\,p(z|x))$, with the exact posterior $p(z|x) = \\mathcal N\\big(\\tfrac{{x}}{{1+s^2}}, \\tfrac{{s^2}}{{1+s^2}}\\big)$
   and $D_{{KL}}(\\mathcal N(m_1, v_1)\\|\\mathcal N(m_2, v_2)) = \\tfrac12\\big(\\ln\\tfrac{{v_2}}{{v_1}} + \\tfrac{{v_1 + (m_1 - m_2)^2}}{{v_2}} - 1\\big)$.

The checks compare with numerical integration; the last one verifies the identity with *your* numbers.
'''),
        code(f'''
double s13 = {J(g.E1_S)}, x13 = {J(g.E1_X)}, m13 = {J(g.E1_M)}, v13 = {J(g.E1_V)};
// BEGIN SOLUTION: double logEvidence = Exercise.todo();
// ln p(x) = ln N(x; 0, 1 + s²)
double logEvidence = -0.5 * Math.log(2 * Math.PI * (1 + s13 * s13)) - x13 * x13 / (2 * (1 + s13 * s13));
// END SOLUTION
// BEGIN SOLUTION: double elbo13 = Exercise.todo();
// E_q[ln N(x; z, s²)] = −½ ln(2π s²) − ((x − m)² + v) / (2 s²)
double expectedLogLik = -0.5 * Math.log(2 * Math.PI * s13 * s13) - ((x13 - m13) * (x13 - m13) + v13) / (2 * s13 * s13);
// KL(N(m, v) ‖ N(0, 1)) = ½ (m² + v − ln v − 1)
double elbo13 = expectedLogLik - 0.5 * (m13 * m13 + v13 - Math.log(v13) - 1);
// END SOLUTION
// BEGIN SOLUTION: double gap13 = Exercise.todo();
double postMean = x13 / (1 + s13 * s13), postVar = s13 * s13 / (1 + s13 * s13);
double gap13 = 0.5 * (Math.log(postVar / v13) + (v13 + (m13 - postMean) * (m13 - postMean)) / postVar - 1);
// END SOLUTION
'''),
        code(f'''
// expected: scipy's log-density and quadrature of E_q[ln p(x,z) − ln q(z)] and of the KL (golden.py)
Check.value("E1-logp", logEvidence, {J(g.E1_LOGP)}, 1e-9);
Check.value("E1-elbo", elbo13, {J(g.E1_ELBO)}, 1e-8);
Check.value("E1-gap", gap13, {J(g.E1_KL_POST)}, 1e-8);
Check.that("E1-identity", Math.abs(logEvidence - elbo13 - gap13) < 1e-8 && gap13 >= 0,
        "ln p(x) = ELBO + KL(q ‖ p(z|x)) holds with your three numbers, and the gap is ≥ 0",
        "Your numbers do not satisfy the identity: recompute the term whose own check failed above.");
'''),
        md(f'''
## Exercise 1.4 — the ELBO by Monte Carlo, with the reparameterisation

A VAE never has the ELBO in closed form: it estimates it from samples $z = m + \\sqrt v\\,\\varepsilon$,
$\\varepsilon \\sim \\mathcal N(0,1)$. Estimate the ELBO of Exercise 1.3 as the average of
$\\ln \\mathcal N(x; z, s^2) + \\ln \\mathcal N(z; 0, 1) - \\ln \\mathcal N(z; m, v)$ over $n = {g.E1_MC_N}$
samples drawn with `new Random(7)` (`rng.nextGaussian()`). The check accepts any estimate within 4 standard
errors of the exact value.
'''),
        code(f'''
int n14 = {g.E1_MC_N};
Random rng14 = new Random(7);
// BEGIN SOLUTION: double elboMc = Exercise.todo();
double sum14 = 0;
for (int i = 0; i < n14; i++) {{
    double z = m13 + Math.sqrt(v13) * rng14.nextGaussian();
    double logLik = -0.5 * Math.log(2 * Math.PI * s13 * s13) - (x13 - z) * (x13 - z) / (2 * s13 * s13);
    double logPrior = -0.5 * Math.log(2 * Math.PI) - z * z / 2;
    double logQ = -0.5 * Math.log(2 * Math.PI * v13) - (z - m13) * (z - m13) / (2 * v13);
    sum14 += logLik + logPrior - logQ;
}}
double elboMc = sum14 / n14;
// END SOLUTION
'''),
        code(f'''
// standard error: sd of the integrand under q (quadrature, golden.py) / √n
Check.estimate("E1-mc", elboMc, {J(g.E1_ELBO)}, {J(g.E1_MC_SE)});
'''),
    ]
    return write(OUT / 'E1-elbo.ipynb', cells, 'Exercises 1 — the ELBO')


def e2():
    cells = [md('''
# Exercises 2 — the VAE

Lecture 7, part one: the encoder outputs $\\mu(\\mathbf x)$ and $\\ln\\sigma(\\mathbf x)$, the reparameterisation
$\\mathbf z = \\mu + \\sigma\\cdot\\varepsilon$ makes the sample differentiable, and the single-sample ELBO is

$$\\text{ELBO} = \\underbrace{\\ln\\mathcal N(\\mathbf x\\,|\\,\\theta(\\mathbf z), 1)}_{\\text{RE}} - \\underbrace{[\\ln\\mathcal N(\\mathbf z\\,|\\,\\mu, \\sigma^2) - \\ln\\mathcal N(\\mathbf z\\,|\\,0, 1)]}_{\\text{KL}}.$$
'''), HOWTO, IMPORTS,
        md('''
## Exercise 2.1 — the reparameterisation trick

Write $\\mathbf z = \\mu + \\exp(\\ln\\sigma)\\odot\\varepsilon$ for `[batch, M]` arrays (the slide's `reparameterize`).
'''),
        code('''
/** z = μ + σ ⊙ ε with σ = exp(logStd); all [batch, M]. */
INDArray reparameterize(INDArray mu, INDArray logStd, INDArray eps) {
    // BEGIN SOLUTION
    return mu.add(Transforms.exp(logStd).mul(eps));
    // END SOLUTION
}
'''),
        code(f'''
INDArray e21Mu = Nd4j.createFromArray({jmat(g.E2_MU)});
INDArray e21LogStd = Nd4j.createFromArray({jmat(g.E2_LOGSTD)});
INDArray e21Eps = Nd4j.createFromArray({jmat(g.E2_EPS)});
Check.array("E2-reparam", () -> reparameterize(e21Mu, e21LogStd, e21Eps), Nd4j.createFromArray({jmat(g.E2_Z)}), 1e-12);
'''),
        md('''
## Exercise 2.2 — fix the slide's PyTorch port

The slide's `forward` reads `log_var = x[:, 1, :]` but then uses `log_std`, and its loss is

```python
RE = nn.loss.mse(x, x_hat)
KL = log_normal(z, mu, log_std) - log_normal(z, 0, 1)
return -(RE - KL)
```

A literal port to Java is below. It runs, and it is wrong twice: the reconstruction term must be the
log-likelihood $\\ln\\mathcal N(\\mathbf x\\,|\\,\\hat{\\mathbf x}, I)$ (a mean squared *error* is a loss, so `-(RE - KL)`
rewards bad reconstructions), and the second half of the encoder output is $\\ln\\sigma$, not $\\ln\\sigma^2$.
Write `negElbo`, the loss to minimise, $-\\text{ELBO}$ in nats for one example, with all constants
($\\ln\\mathcal N(x|\\mu,\\sigma^2) = -\\tfrac12\\ln 2\\pi - \\ln\\sigma - \\tfrac{(x-\\mu)^2}{2\\sigma^2}$).
'''),
        code('''
/** ln N(v | mean, sd²) summed over the entries (nats). */
double logNormal(double[] v, double[] mean, double[] sd) {
    double s = 0;
    for (int i = 0; i < v.length; i++)
        s += -0.5 * Math.log(2 * Math.PI) - Math.log(sd[i]) - (v[i] - mean[i]) * (v[i] - mean[i]) / (2 * sd[i] * sd[i]);
    return s;
}

/** The slide's loss, ported literally (two bugs). */
double negElboSlide(double[] x, double[] xHat, double[] mu, double[] logVarOrStd, double[] z) {
    double re = 0;                                  // RE = nn.loss.mse(x, x_hat)
    for (int i = 0; i < x.length; i++) re += (x[i] - xHat[i]) * (x[i] - xHat[i]) / x.length;
    double[] sd = new double[mu.length], zeros = new double[mu.length], ones = new double[mu.length];
    for (int j = 0; j < mu.length; j++) { sd[j] = Math.exp(0.5 * logVarOrStd[j]); ones[j] = 1; }
    double kl = logNormal(z, mu, sd) - logNormal(z, zeros, ones);
    return -(re - kl);
}
'''),
        code('''
/** −ELBO (nats) of one example: decoder N(x̂, I), encoder N(μ, σ²) with σ = exp(logStd), prior N(0, I). */
double negElbo(double[] x, double[] xHat, double[] mu, double[] logStd, double[] z) {
    // BEGIN SOLUTION
    double[] sd = new double[mu.length], zeros = new double[mu.length], ones = new double[mu.length];
    double[] unit = new double[x.length];
    for (int j = 0; j < mu.length; j++) { sd[j] = Math.exp(logStd[j]); ones[j] = 1; }
    for (int i = 0; i < x.length; i++) unit[i] = 1;
    // RE = ln N(x | x̂, I)
    double re = logNormal(x, xHat, unit);
    // single-sample KL = ln N(z | μ, σ²) − ln N(z | 0, I)
    double kl = logNormal(z, mu, sd) - logNormal(z, zeros, ones);
    return -(re - kl);
    // END SOLUTION
}
'''),
        code(f'''
double[] e22X = {jarr(g.E2_X)}, e22XHat = {jarr(g.E2_XHAT)};
double[] e22Mu = {jarr(g.E2_PMU)}, e22LogStd = {jarr(g.E2_PLOGSTD)}, e22Z = {jarr(g.E2_PZ)};
System.out.println("the slide's port gives " + negElboSlide(e22X, e22XHat, e22Mu, e22LogStd, e22Z));
// expected: scipy.stats log-densities (golden.py); each mistake is the same formula with a bug left in
Check.value("E2-port", () -> negElbo(e22X, e22XHat, e22Mu, e22LogStd, e22Z), {J(g.E2_NEG_ELBO)}, 1e-9,
        Mistake.of({J(g.E2_BUGGY)}, "That is still the slide's port: both bugs are in."),
        Mistake.of({J(g.E2_ONLY_SIGN_FIXED)}, "The reconstruction term is right now; σ is still exp(½·logStd) (the log-variance reading)."),
        Mistake.of({J(g.E2_ONLY_STD_FIXED)}, "σ = exp(logStd) is right now; the reconstruction term is still the MSE, not ln N(x | x̂, I)."),
        Mistake.of({J(g.E2_NO_CONST)}, "Right up to the constant D/2·ln 2π of the decoder: harmless for gradients, but −ELBO in nats includes it."));
'''),
        md('''
## Exercise 2.3 — the gradient of the KL term

The kit's VAE is trained with a hand-written backward pass. Differentiate the closed-form KL
$\\tfrac12(\\mu^2 + e^{2\\ln\\sigma} - 2\\ln\\sigma - 1)$ with respect to $\\mu$ and to $\\ln\\sigma$
(the parameters the encoder outputs). The check compares with central finite differences.
'''),
        code('''
/** ∂KL/∂μ for KL(N(μ, σ²) ‖ N(0, 1)). */
double dKlDMu(double mu, double logStd) {
    // BEGIN SOLUTION
    return mu;
    // END SOLUTION
}

/** ∂KL/∂(ln σ) for KL(N(μ, σ²) ‖ N(0, 1)). */
double dKlDLogStd(double mu, double logStd) {
    // BEGIN SOLUTION
    // ∂/∂ln σ ½(e^{2 ln σ} − 2 ln σ) = σ² − 1
    return Math.exp(2 * logStd) - 1;
    // END SOLUTION
}
'''),
        code(f'''
double[][] e23Points = {jmat(g.E2_GRAD_POINTS)};
// expected: central differences (step 1e-5) of the closed-form KL (golden.py)
Check.cases("E2-gradkl", {jstr([f"∂/∂{w} at μ = {m:g}, ln σ = {l:g}" for m, l in g.E2_GRAD_POINTS for w in ("μ", "ln σ")])},
        i -> i % 2 == 0 ? dKlDMu(e23Points[i / 2][0], e23Points[i / 2][1]) : dKlDLogStd(e23Points[i / 2][0], e23Points[i / 2][1]),
        {jarr(g.E2_GRAD)}, 1e-8);
'''),
        md('''
## Exercise 2.4 — split the encoder output

The encoder's last layer is `Linear(300, 2M)`; the slide reshapes it with `.view(-1, 2, M)` and takes
`x[:, 0, :]` as $\\mu$ and `x[:, 1, :]` as $\\ln\\sigma$. Which columns of the `[batch, 2M]` output are which?
Return `{mu, logStd}`, each `[batch, M]`.
'''),
        code('''
/** Splits the encoder output h [batch, 2M] into {μ, ln σ}, each [batch, M], as the slide's view(-1, 2, M). */
INDArray[] splitEncoderOutput(INDArray h, int M) {
    // BEGIN SOLUTION
    // view(-1, 2, M): row b = [μ_1..μ_M, lnσ_1..lnσ_M]
    INDArray mu = h.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, M)).dup();
    INDArray logStd = h.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(M, 2 * M)).dup();
    return new INDArray[]{mu, logStd};
    // END SOLUTION
}
'''),
        code(f'''
INDArray e24H = Nd4j.createFromArray({jmat(g.E2_H.tolist())});
Check.array("E2-split-mu", () -> splitEncoderOutput(e24H, 3)[0], Nd4j.createFromArray({jmat(g.E2_H[:, :3].tolist())}), 1e-12);
Check.array("E2-split-logstd", () -> splitEncoderOutput(e24H, 3)[1], Nd4j.createFromArray({jmat(g.E2_H[:, 3:].tolist())}), 1e-12);
'''),
    ]
    return write(OUT / 'E2-vae.ipynb', cells, 'Exercises 2 — the VAE')


def e3():
    imq_labels = [f"x = {x}, y = {y}, c = {c:g}" for x, y, c in g.E3_IMQ_CASES]
    pairs = g.E3_TAYLOR_PAIRS
    cells = [md('''
# Exercises 3 — maximum mean discrepancy

Lecture 7, part two: with a kernel $\\kappa(x, y) = \\langle\\varphi(x), \\varphi(y)\\rangle_{\\mathcal H}$,

$$\\text{MMD}^2(P, Q) = \\mathbb E_{X,X'\\sim P}\\,\\kappa(X,X') + \\mathbb E_{Y,Y'\\sim Q}\\,\\kappa(Y,Y') - 2\\,\\mathbb E_{X\\sim P, Y\\sim Q}\\,\\kappa(X,Y).$$
'''), HOWTO, IMPORTS,
        md('''
## Exercise 3.1 — the inverse multiquadric kernel

MMD-VAEs (InfoVAE, WAE) often use the inverse multiquadric (IMQ) kernel, whose heavy tails keep gradients alive
when $q(\\mathbf z)$ and $p(\\mathbf z)$ are far apart:
$\\kappa(\\mathbf x, \\mathbf y) = \\dfrac{c}{\\sqrt{c^2 + \\|\\mathbf x - \\mathbf y\\|^2}}$ (so $\\kappa(\\mathbf x, \\mathbf x) = 1$).
'''),
        code('''
/** IMQ kernel c / √(c² + ‖x − y‖²). */
double imq(double[] x, double[] y, double c) {
    // BEGIN SOLUTION
    double d2 = 0;
    for (int i = 0; i < x.length; i++) d2 += (x[i] - y[i]) * (x[i] - y[i]);
    return c / Math.sqrt(c * c + d2);
    // END SOLUTION
}
'''),
        code(f'''
double[][] e31X = {jmat([x for x, _, _ in g.E3_IMQ_CASES])}, e31Y = {jmat([y for _, y, _ in g.E3_IMQ_CASES])};
double[] e31C = {jarr(c for _, _, c in g.E3_IMQ_CASES)};
Check.cases("E3-imq", {jstr(imq_labels)}, i -> imq(e31X[i], e31Y[i], e31C[i]), {jarr(g.E3_IMQ)}, 1e-12);
'''),
        md('''
## Exercise 3.2 — a Gaussian (RBF) Gram matrix

For samples $X$ `[n, d]` and $Y$ `[m, d]`, the Gram matrix is $K_{ij} = \\exp\\!\\big(-\\|x_i - y_j\\|^2 / (2\\sigma^2)\\big)$,
shape `[n, m]`. Write it with array operations, using $\\|x - y\\|^2 = x^\\top x + y^\\top y - 2 x^\\top y$ (the slide's
identity), e.g. `Nd4j.gemm(X, Y, false, true)` for all $x_i^\\top y_j$.
'''),
        code('''
/** K[i][j] = exp(−‖x_i − y_j‖² / (2σ²)); X [n, d], Y [m, d] → [n, m]. */
INDArray rbfGram(INDArray X, INDArray Y, double sigma) {
    // BEGIN SOLUTION
    INDArray xx = X.mul(X).sum(1).reshape(X.rows(), 1);
    INDArray yy = Y.mul(Y).sum(1).reshape(1, Y.rows());
    // ‖x − y‖² = xᵀx + yᵀy − 2 xᵀy
    INDArray d2 = Nd4j.gemm(X, Y, false, true).mul(-2).addColumnVector(xx).addRowVector(yy);
    return Transforms.exp(d2.mul(-1.0 / (2 * sigma * sigma)));
    // END SOLUTION
}
'''),
        code(f'''
INDArray e32X = Nd4j.createFromArray({jmat(g.E3_GX.tolist())}), e32Y = Nd4j.createFromArray({jmat(g.E3_GY.tolist())});
Check.array("E3-gram", () -> rbfGram(e32X, e32Y, {J(g.E3_SIGMA)}), Nd4j.createFromArray({jmat(g.E3_GRAM)}), 1e-12);
'''),
        md(f'''
## Exercise 3.3 — the unbiased MMD² by hand, on four points

$X = \\{{{g.E3_X4[0]:g}, {g.E3_X4[1]:g}\\}}$ from $P$ and $Y = \\{{{g.E3_Y4[0]:g}, {g.E3_Y4[1]:g}\\}}$ from $Q$, Gaussian kernel
$\\kappa(a, b) = e^{{-(a-b)^2/2}}$. The slide's estimator keeps the $i = j$ terms $\\kappa(x_i, x_i) = 1$ (a biased
V-statistic); the **unbiased** estimator leaves them out:

$$\\widehat{{\\text{{MMD}}}}^2_u = \\frac{{1}}{{m(m-1)}}\\sum_{{i\\ne j}}\\kappa(x_i,x_j) + \\frac{{1}}{{m(m-1)}}\\sum_{{i\\ne j}}\\kappa(y_i,y_j) - \\frac{{2}}{{m^2}}\\sum_{{i,j}}\\kappa(x_i,y_j).$$

Work it out with pencil and `Math.exp` (no loops needed), and look at its sign.
'''),
        code('''
// BEGIN SOLUTION: double mmd2Unbiased = Exercise.todo();
double kappa01 = Math.exp(-0.5), kappa13 = Math.exp(-2), kappa03 = Math.exp(-4.5), kappa11 = 1;
// each off-diagonal pair appears twice (i, j) and (j, i): 2κ / (2·1)
double mmd2Unbiased = kappa01 + kappa13 - 2 * (kappa01 + kappa03 + kappa11 + kappa13) / 4;
// END SOLUTION
'''),
        code(f'''
// expected: direct sums in golden.py; the mistakes are the biased estimate and a forgotten factor 2
Check.value("E3-mmd4", mmd2Unbiased, {J(g.E3_MMD4)}, 1e-9,
        Mistake.of({J(g.E3_MMD4_BIASED)}, "That is the biased estimate (the slide's formula): leave out the i = j terms κ(x_i, x_i) = 1 and divide by m(m−1)."),
        Mistake.of({J(g.E3_MMD4_NO2)}, "The cross term needs the factor 2: −2/m² Σ κ(x_i, y_j)."));
System.out.println("Negative? The unbiased estimate can be: MMD² itself is ≥ 0, its unbiased estimate fluctuates around it.");
'''),
        md('''
## Exercise 3.4 — the RBF kernel's infinite feature map

The slide expands $e^{-\\gamma(x_i - x_j)^2} = \\varphi(x_i)^\\top\\varphi(x_j)$ with
$\\varphi(x) = e^{-\\gamma x^2}\\big[1, \\sqrt{\\tfrac{2\\gamma}{1!}}\\,x, \\sqrt{\\tfrac{(2\\gamma)^2}{2!}}\\,x^2, \\dots\\big]^\\top$.
Write the first $K$ features. The checks look at $\\varphi(0.5)$ for $\\gamma = 1$, $K = 4$, and at how well
$K = 30$ features reproduce the kernel with $\\gamma = 0.7$.
'''),
        code('''
/** The first K Taylor features of the 1-D RBF kernel exp(−γ (x − y)²). */
double[] taylorFeatures(double x, double gamma, int K) {
    // BEGIN SOLUTION
    double[] phi = new double[K];
    double term = Math.exp(-gamma * x * x);          // k = 0
    for (int k = 0; k < K; k++) {
        phi[k] = term;
        // φ_{k+1} = φ_k · √(2γ / (k+1)) · x
        term *= Math.sqrt(2 * gamma / (k + 1)) * x;
    }
    return phi;
    // END SOLUTION
}
'''),
        code(f'''
double e34Dot(double[] a, double[] b) {{ double s = 0; for (int i = 0; i < a.length; i++) s += a[i] * b[i]; return s; }}
double[][] e34Pairs = {jmat(pairs)};
Check.array("E3-taylor-phi", () -> Nd4j.createFromArray(taylorFeatures(0.5, 1.0, 4)), Nd4j.createFromArray({jarr(g.E3_PHI)}), 1e-12);
// expected: the kernel itself, exp(−0.7 (x − y)²)
Check.cases("E3-taylor-kernel", {jstr([f"x = {x:g}, y = {y:g}" for x, y in pairs])},
        i -> e34Dot(taylorFeatures(e34Pairs[i][0], 0.7, 30), taylorFeatures(e34Pairs[i][1], 0.7, 30)), {jarr(g.E3_TAYLOR_K)}, 1e-9);
'''),
        code('''
{
    Map<String, java.util.function.DoubleUnaryOperator> curves = new LinkedHashMap<>();
    for (int K : new int[]{1, 2, 4, 8})
        curves.put("K = " + K, t -> e34Dot(taylorFeatures(t, 0.7, K), taylorFeatures(0.0, 0.7, K)));
    double[] px = ExerciseFigures.grid(-3, 3, 13), py = new double[px.length];
    for (int i = 0; i < px.length; i++) py[i] = Math.exp(-0.7 * px[i] * px[i]);
    display(ExerciseFigures.curves("Taylor features: φ_K(x)ᵀφ_K(0) approaches exp(−0.7 x²)", "x", "kernel value",
            ExerciseFigures.grid(-3, 3, 121), curves, px, py));
}
'''),
    ]
    return write(OUT / 'E3-mmd.ipynb', cells, 'Exercises 3 — maximum mean discrepancy')


def e4():
    cells = [md('''
# Exercises 4 — MMD-VAE, β-VAE and the KL decomposition

Lecture 7, part three: averaged over the data, the VAE's KL term splits into three parts,

$$\\mathbb E_{\\mathbf x}\\,D_{KL}(q(\\mathbf z|\\mathbf x)\\,\\|\\,p(\\mathbf z)) = I(\\mathbf z; \\mathbf x) + \\underbrace{D_{KL}\\big(q(\\mathbf z)\\,\\|\\,\\textstyle\\prod_j q(z_j)\\big)}_{\\text{total correlation}} + \\sum_j D_{KL}(q(z_j)\\,\\|\\,p(z_j)),$$

and a β-VAE weights all three by β; Burgess et al. (2018) instead steer the KL towards a growing capacity $C$.
'''), HOWTO, IMPORTS,
        md('''
## Exercise 4.1 — total correlation of a correlated Gaussian

For $\\mathbf z = (z_1, z_2) \\sim \\mathcal N\\big(0, \\begin{pmatrix}1 & \\rho\\\\ \\rho & 1\\end{pmatrix}\\big)$, the marginals
are $\\mathcal N(0,1)$. Compute $\\text{TC}(\\mathbf z) = D_{KL}(q(z_1, z_2)\\,\\|\\,q(z_1)q(z_2))$ in closed form, in nats
(hint: for Gaussians, $D_{KL}(\\mathcal N(0,\\Sigma_1)\\|\\mathcal N(0,\\Sigma_2)) = \\tfrac12(\\operatorname{tr}\\Sigma_2^{-1}\\Sigma_1 - d + \\ln\\tfrac{\\det\\Sigma_2}{\\det\\Sigma_1})$).
'''),
        code('''
/** TC of a 2-D standard Gaussian with correlation rho (nats). */
double totalCorrelation(double rho) {
    // BEGIN SOLUTION
    // tr(Σ₂⁻¹Σ₁) = 2 = d, det Σ₁ = 1 − ρ², det Σ₂ = 1  ⇒  TC = −½ ln(1 − ρ²)
    return -0.5 * Math.log(1 - rho * rho);
    // END SOLUTION
}
'''),
        code(f'''
// expected: −½ ln(1 − ρ²), confirmed by a 2·10⁶-sample Monte Carlo estimate for ρ = 0.5, −0.9 (golden.py)
Check.function("E4-tc", "ρ", {jarr(g.E4_RHOS)}, rho -> totalCorrelation(rho), rho -> -0.5 * Math.log(1 - rho * rho), 1e-12);
{{ display(ExerciseFigures.yoursVsExpected("Total correlation of a 2-D Gaussian", "correlation ρ", "TC (nats)",
        ExerciseFigures.grid(-0.95, 0.95, 77), rho -> totalCorrelation(rho), {jarr(g.E4_RHOS[:3])}, {jarr(g.E4_TC[:3])})); }}
'''),
        md(f'''
## Exercise 4.2 — the capacity schedule

Burgess et al. (2018) train with $\\text{{RE}} - \\gamma\\,|D_{{KL}} - C|$ and raise the capacity $C$ linearly from 0 to
$C_{{max}}$ over $T$ steps, then hold it: start with a strict bottleneck that only admits the most important factor,
end with room for all. Write the schedule $C(t)$ and the penalty $\\gamma|D_{{KL}} - C|$
(the checks use $C_{{max}} = {g.E4_CMAX:g}$ nats, $T = {g.E4_T}$, $\\gamma = {g.E4_GAMMA:g}$).
'''),
        code('''
/** C(step): linear from 0 to cMax over rampSteps steps, then cMax (nats). */
double capacity(long step, double cMax, long rampSteps) {
    // BEGIN SOLUTION
    return Math.min(cMax, cMax * step / (double) rampSteps);
    // END SOLUTION
}

/** γ |KL − C|: the capacity penalty added to the loss. */
double capacityPenalty(double kl, double c, double gamma) {
    // BEGIN SOLUTION
    return gamma * Math.abs(kl - c);
    // END SOLUTION
}
'''),
        code(f'''
long[] e42Steps = {{{', '.join(str(s) for s in g.E4_STEPS)}}};
Check.cases("E4-capacity", {jstr([f"step {s}" for s in g.E4_STEPS])}, i -> capacity(e42Steps[i], {J(g.E4_CMAX)}, {g.E4_T}), {jarr(g.E4_CAP)}, 1e-12);
double[][] e42Pen = {jmat(g.E4_PEN_CASES)};
Check.cases("E4-penalty", {jstr([f"KL = {k:g}, C = {c:g}" for k, c in g.E4_PEN_CASES])},
        i -> capacityPenalty(e42Pen[i][0], e42Pen[i][1], {J(g.E4_GAMMA)}), {jarr(g.E4_PEN)}, 1e-12);
'''),
        md(f'''
## Exercise 4.3 — the three parts of the KL, in closed form

A 1-D data factor $x \\sim \\mathcal N(0, 1)$ is encoded into two latents, $q(\\mathbf z|x) = \\mathcal N(\\mathbf a x, \\operatorname{{diag}}(\\mathbf s^2))$
with $\\mathbf a = ({g.E4_A[0]:g}, {g.E4_A[1]:g})$ and $\\mathbf s = ({g.E4_S[0]:g}, {g.E4_S[1]:g})$. Then the aggregate posterior is
$q(\\mathbf z) = \\mathcal N(0, \\Sigma)$ with $\\Sigma = \\mathbf a\\mathbf a^\\top + \\operatorname{{diag}}(\\mathbf s^2)$. Compute

* $I(\\mathbf z; x) = h(\\mathbf z) - h(\\mathbf z|x) = \\tfrac12\\ln\\det\\Sigma - \\tfrac12\\ln(s_1^2 s_2^2)$,
* $\\text{{TC}} = \\tfrac12\\ln(\\Sigma_{{11}}\\Sigma_{{22}}) - \\tfrac12\\ln\\det\\Sigma$,
* the dimension-wise KL $\\sum_j D_{{KL}}(\\mathcal N(0,\\Sigma_{{jj}})\\,\\|\\,\\mathcal N(0,1)) = \\sum_j \\tfrac12(\\Sigma_{{jj}} - \\ln\\Sigma_{{jj}} - 1)$,

and see that they add up to the average KL of the VAE, $\\sum_j\\tfrac12(a_j^2 + s_j^2 - 2\\ln s_j - 1)$.
'''),
        code(f'''
double[] a43 = {jarr(g.E4_A)}, s43 = {jarr(g.E4_S)};
double sigma11 = a43[0] * a43[0] + s43[0] * s43[0], sigma22 = a43[1] * a43[1] + s43[1] * s43[1], sigma12 = a43[0] * a43[1];
double detSigma = sigma11 * sigma22 - sigma12 * sigma12;
// BEGIN SOLUTION: double mutualInfo = Exercise.todo();
double mutualInfo = 0.5 * Math.log(detSigma) - 0.5 * Math.log(s43[0] * s43[0] * s43[1] * s43[1]);
// END SOLUTION
// BEGIN SOLUTION: double tc43 = Exercise.todo();
double tc43 = 0.5 * Math.log(sigma11 * sigma22) - 0.5 * Math.log(detSigma);
// END SOLUTION
// BEGIN SOLUTION: double dimKl = Exercise.todo();
double dimKl = 0.5 * (sigma11 - Math.log(sigma11) - 1) + 0.5 * (sigma22 - Math.log(sigma22) - 1);
// END SOLUTION
'''),
        code(f'''
// expected: numpy determinants and quadrature KLs (golden.py); their sum matches E_x KL by quadrature
Check.value("E4-mi", mutualInfo, {J(g.E4_MI)}, 1e-9);
Check.value("E4-tc-decomp", tc43, {J(g.E4_TCD)}, 1e-9);
Check.value("E4-dimkl", dimKl, {J(g.E4_DIMKL)}, 1e-9);
double avgKl = 0;
for (int j = 0; j < 2; j++) avgKl += 0.5 * (a43[j] * a43[j] + s43[j] * s43[j] - 2 * Math.log(s43[j]) - 1);
Check.value("E4-sum", mutualInfo + tc43 + dimKl, avgKl, 1e-9);
'''),
    ]
    return write(OUT / 'E4-decomposition.ipynb', cells, 'Exercises 4 — MMD-VAE, β-VAE and the KL decomposition')


if __name__ == '__main__':
    for f in (e1, e2, e3, e4):
        print('wrote', f())
