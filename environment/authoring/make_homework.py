#!/usr/bin/python3
"""Writes notebooks/homework/H1, H2 (source notebooks, solutions marked; parts graded by lecture7.notebook.Homework).
    usage: /usr/bin/python3 environment/authoring/make_homework.py
"""
import math
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import golden as g  # noqa: E402
from make_exercises import J, jarr, jstr  # noqa: E402
from nbwrite import code, md, write  # noqa: E402

OUT = Path(__file__).resolve().parents[2] / 'notebooks' / 'homework'
IMPORTS = code('''
import lecture7.notebook.*;
import java.util.Random;
''')


def h1():
    cells = [md('''
# Homework 1 — the linear-time MMD test against the quadratic one, at equal compute

Gretton et al. (2012, §6) propose a **linear-time** MMD estimator: split the samples into pairs
$(x_{2i-1}, x_{2i})$, $(y_{2i-1}, y_{2i})$ and average
$h_i = \\kappa(x_{2i-1},x_{2i}) + \\kappa(y_{2i-1},y_{2i}) - \\kappa(x_{2i-1},y_{2i}) - \\kappa(x_{2i},y_{2i-1})$.
It throws information away, but it costs $O(m)$ kernel evaluations instead of $O(m^2)$, and its null distribution
is simply Gaussian. Which test finds a mean shift more often when both get the **same number of kernel
evaluations**? Kernel throughout: $\\kappa(a,b) = e^{-(a-b)^2/(2\\sigma^2)}$ with $\\sigma = 1$, 1-D data.

Grading: each part's check gives its points; the last cell adds them up.
'''), IMPORTS, code('''
Homework hw1 = new Homework("H1 linear-time vs quadratic-time MMD");
hw1.part("H1a", 2, "unbiased quadratic-time MMD²");
hw1.part("H1b", 2, "linear-time MMD²");
hw1.part("H1c", 2, "linear-time test statistic");
hw1.part("H1d", 2, "size of the linear-time test under H0");
hw1.part("H1e", 2, "power at equal compute");
'''),
        md('## (a) The unbiased quadratic-time MMD² (2 points)'),
        code('''
double rbf(double a, double b, double sigma) { return Math.exp(-(a - b) * (a - b) / (2 * sigma * sigma)); }

/** Unbiased MMD²_u of 1-D samples x, y (same size m). */
double mmd2Unbiased(double[] x, double[] y, double sigma) {
    // BEGIN SOLUTION
    int m = x.length;
    double kxx = 0, kyy = 0, kxy = 0;
    for (int i = 0; i < m; i++)
        for (int j = 0; j < m; j++) {
            if (i != j) { kxx += rbf(x[i], x[j], sigma); kyy += rbf(y[i], y[j], sigma); }
            kxy += rbf(x[i], y[j], sigma);
        }
    // 1/(m(m−1)) Σ_{i≠j} k(x_i,x_j) + 1/(m(m−1)) Σ_{i≠j} k(y_i,y_j) − 2/m² Σ k(x_i,y_j)
    return (kxx + kyy) / (m * (m - 1.0)) - 2 * kxy / ((double) m * m);
    // END SOLUTION
}
'''),
        code(f'''
double[] hx = {jarr(g.H1_X)}, hy = {jarr(g.H1_Y)};
// expected: direct double sums in environment/authoring/golden.py
Check.value("H1a", () -> mmd2Unbiased(hx, hy, 1.0), {J(g.H1_QUAD)}, 1e-12);
'''),
        md('## (b) The linear-time MMD² (2 points)\n\nAverage $h_i$ over the $m/2$ disjoint pairs, in the order given.'),
        code('''
/** h_i of pair i: κ(x_{2i},x_{2i+1}) + κ(y_{2i},y_{2i+1}) − κ(x_{2i},y_{2i+1}) − κ(x_{2i+1},y_{2i}) (0-based). */
double[] linearTerms(double[] x, double[] y, double sigma) {
    // BEGIN SOLUTION
    double[] h = new double[x.length / 2];
    for (int i = 0; i < h.length; i++) {
        double x1 = x[2 * i], x2 = x[2 * i + 1], y1 = y[2 * i], y2 = y[2 * i + 1];
        h[i] = rbf(x1, x2, sigma) + rbf(y1, y2, sigma) - rbf(x1, y2, sigma) - rbf(x2, y1, sigma);
    }
    return h;
    // END SOLUTION
}

double mean(double[] v) { double s = 0; for (double e : v) s += e; return s / v.length; }
'''),
        code(f'''
Check.value("H1b", () -> mean(linearTerms(hx, hy, 1.0)), {J(g.H1_LIN)}, 1e-12);
'''),
        md('''
## (c) The test statistic (2 points)

Under $H_0$ the $h_i$ are i.i.d. with mean 0, so $z = \\bar h / (s_h/\\sqrt{m/2})$ (with $s_h$ the sample standard
deviation, divisor $m/2 - 1$) is approximately $\\mathcal N(0,1)$: reject at level 5% when $z > 1.645$.
'''),
        code('''
/** z = mean(h) / (sd(h) / √(m/2)) of the linear-time test. */
double linearZ(double[] x, double[] y, double sigma) {
    // BEGIN SOLUTION
    double[] h = linearTerms(x, y, sigma);
    double mu = mean(h), ss = 0;
    for (double e : h) ss += (e - mu) * (e - mu);
    return mu / (Math.sqrt(ss / (h.length - 1)) / Math.sqrt(h.length));
    // END SOLUTION
}
'''),
        code(f'''
// expected: numpy with ddof=1 (golden.py); this small sample does not reject
Check.value("H1c", () -> linearZ(hx, hy, 1.0), {J(g.H1_LIN_Z)}, 1e-9);
'''),
        md('''
## (d) The size of the linear-time test (2 points)

Draw both samples from $\\mathcal N(0,1)$ ($H_0$ true), $m = 2000$, and count how often the test rejects over
$R$ repetitions. The check accepts a rejection rate within 4 standard errors of $\\alpha = 0.05$.
'''),
        code('''
int reps = Kit.pick(200, 60);
Random rngH0 = new Random(11);
// BEGIN SOLUTION: double sizeLinear = Exercise.todo();
int rejections = 0;
for (int r = 0; r < reps; r++) {
    double[] a = new double[2000], b = new double[2000];
    for (int i = 0; i < a.length; i++) { a[i] = rngH0.nextGaussian(); b[i] = rngH0.nextGaussian(); }
    if (linearZ(a, b, 1.0) > 1.645) rejections++;
}
double sizeLinear = rejections / (double) reps;
// END SOLUTION
'''),
        code('''
Check.estimate("H1d", sizeLinear, 0.05, Math.sqrt(0.05 * 0.95 / reps));
'''),
        md('''
## (e) Power at equal compute (2 points)

Now $Y \\sim \\mathcal N(\\delta, 1)$ with $\\delta = 0.5$. The quadratic test on $n = 30$ points per sample uses
the $(2n)^2 = 3600$ entries of the pooled Gram matrix (computed once; its null distribution by 200 permutations
of the pooled sample). Give the linear test the same number of kernel evaluations: 4 per pair, so
$m = 2n^2 = 1800$ points per sample. Estimate both powers over the same $R$ repetitions.
'''),
        code('''
Random rngH1 = new Random(12);
int nQuad = 30, mLin = 2 * nQuad * nQuad, perms = 200;
// BEGIN SOLUTION: double powerQuad = Exercise.todo(), powerLin = Exercise.todo();
int rejQ = 0, rejL = 0;
for (int r = 0; r < reps; r++) {
    double[] pooled = new double[2 * nQuad];
    for (int i = 0; i < pooled.length; i++) pooled[i] = rngH1.nextGaussian() + (i < nQuad ? 0 : 0.5);
    double[][] K = new double[pooled.length][pooled.length];
    for (int i = 0; i < pooled.length; i++) for (int j = 0; j < pooled.length; j++) K[i][j] = rbf(pooled[i], pooled[j], 1.0);
    int[] idx = new int[pooled.length];
    for (int i = 0; i < idx.length; i++) idx[i] = i;
    java.util.function.ToDoubleFunction<int[]> stat = p -> {
        double kxx = 0, kyy = 0, kxy = 0;
        for (int i = 0; i < nQuad; i++) for (int j = 0; j < nQuad; j++) {
            if (i != j) { kxx += K[p[i]][p[j]]; kyy += K[p[nQuad + i]][p[nQuad + j]]; }
            kxy += K[p[i]][p[nQuad + j]];
        }
        return (kxx + kyy) / (nQuad * (nQuad - 1.0)) - 2 * kxy / (nQuad * (double) nQuad);
    };
    double observed = stat.applyAsDouble(idx);
    int atLeast = 0;
    for (int b = 0; b < perms; b++) {
        for (int i = idx.length - 1; i > 0; i--) { int j = rngH1.nextInt(i + 1); int t = idx[i]; idx[i] = idx[j]; idx[j] = t; }
        if (stat.applyAsDouble(idx) >= observed) atLeast++;
    }
    if ((1.0 + atLeast) / (1.0 + perms) <= 0.05) rejQ++;
    double[] a = new double[mLin], c = new double[mLin];
    for (int i = 0; i < mLin; i++) { a[i] = rngH1.nextGaussian(); c[i] = rngH1.nextGaussian() + 0.5; }
    if (linearZ(a, c, 1.0) > 1.645) rejL++;
}
double powerQuad = rejQ / (double) reps, powerLin = rejL / (double) reps;
// END SOLUTION
System.out.printf("power at δ = 0.5, %d kernel evaluations each: quadratic (n = %d) %.2f, linear (m = %d) %.2f%n",
        4 * nQuad * nQuad, nQuad, powerQuad, mLin, powerLin);
'''),
        code('''
Check.that("H1e", powerQuad > 0.3 && powerLin > 0.3 && powerQuad <= 1 && powerLin <= 1,
        "both tests detect the shift δ = 0.5 far more often than α = 5% (power > 0.3)",
        "A power near 0.05 means the test ignores the shift: are Y's samples shifted by δ? Is the p-value ≤ α the rejection rule?");
'''),
        md('''
**To write up (not graded):** which test wins at equal compute here, and why does discarding most pairs not
ruin the linear statistic? (Its variance shrinks like $1/m$, and $m = 2n^2$.) When would you still prefer the
quadratic test? (Few samples, expensive data, or a need for exact permutation p-values.)
'''),
        code('hw1.report();'),
    ]
    return write(OUT / 'H1-linear-time-mmd.ipynb', cells, 'Homework 1 — linear-time vs quadratic-time MMD')


def h2():
    s1, s2 = g.E4_S
    ts = [0.0, 0.5, 2.0, 10.0]
    tc_t = []
    for t in ts:
        sig = np.array([[1 + s1 ** 2, t], [t, t * t + s2 ** 2]])
        tc_t.append(0.5 * math.log(sig[0, 0] * sig[1, 1] / np.linalg.det(sig)))
    cells = [md(f'''
# Homework 2 — the KL decomposition by sampling, and what β-TCVAE changes

Take the encoder population of Exercise 4.3: a data factor $x \\sim \\mathcal N(0,1)$, two latents
$q(\\mathbf z|x) = \\mathcal N(\\mathbf a x, \\operatorname{{diag}}(\\mathbf s^2))$ with $\\mathbf a = ({g.E4_A[0]:g}, {g.E4_A[1]:g})$,
$\\mathbf s = ({s1:g}, {s2:g})$. In a real VAE $q(\\mathbf z) = \\frac1N\\sum_n q(\\mathbf z|x_n)$ has no closed form, and
the total correlation must be estimated from samples (Chen et al. 2018). Here you can check the estimate
against the closed form $\\text{{TC}} = {g.E4_TCD:.6f}$ nats from Exercise 4.3.
'''), IMPORTS, code('''
Homework hw2 = new Homework("H2 KL decomposition by sampling");
hw2.part("H2a", 2, "log q(z) of the aggregate posterior");
hw2.part("H2b", 3, "total correlation by sampling");
hw2.part("H2c", 2, "β-VAE and β-TCVAE penalties");
hw2.part("H2d", 3, "TC of an entangled second latent");
double[] aH2 = {jarr(g.E4_A)}, sH2 = {jarr(g.E4_S)};
'''.replace('{jarr(g.E4_A)}', jarr(g.E4_A)).replace('{jarr(g.E4_S)}', jarr(g.E4_S))),
        md('''
## (a) log q(z) of the aggregate posterior (2 points)

$\\ln q(\\mathbf z) = \\ln\\frac1N\\sum_n q(\\mathbf z|x_n)$: compute it with the log-sum-exp trick
($\\ln\\sum_n e^{\\ell_n} = \\ell_{max} + \\ln\\sum_n e^{\\ell_n - \\ell_{max}}$), and, for part (b), the marginal
$\\ln q(z_j) = \\ln\\frac1N\\sum_n \\mathcal N(z_j; a_j x_n, s_j^2)$ of one dimension.
'''),
        code('''
double logNormal1(double v, double mean, double sd) { return -0.5 * Math.log(2 * Math.PI) - Math.log(sd) - (v - mean) * (v - mean) / (2 * sd * sd); }

/** ln q(z) (dims = {0, 1}) or ln q(z_j) (dims = {j}) of the aggregate posterior over the data xs. */
double logAggregate(double[] z, double[] xs, int... dims) {
    // BEGIN SOLUTION
    double[] l = new double[xs.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int n = 0; n < xs.length; n++) {
        for (int j : dims) l[n] += logNormal1(z[j], aH2[j] * xs[n], sH2[j]);
        max = Math.max(max, l[n]);
    }
    double s = 0;
    for (double e : l) s += Math.exp(e - max);
    // ln (1/N) Σ_n e^{ℓ_n} = ℓ_max + ln Σ_n e^{ℓ_n − ℓ_max} − ln N
    return max + Math.log(s) - Math.log(xs.length);
    // END SOLUTION
}
'''),
        code(f'''
// expected: numpy logaddexp over scipy log-densities (golden.py)
Check.value("H2a", () -> logAggregate({jarr(g.H2_Z)}, {jarr(g.H2_XS)}, 0, 1), {J(g.H2_LOGQZ)}, 1e-12);
'''),
        md('''
## (b) Total correlation by sampling (3 points)

Draw $N$ data points $x_n$, then $M$ samples $\\mathbf z_i$ from $q(\\mathbf z)$ (pick $n$ uniformly, then
$\\mathbf z \\sim q(\\mathbf z|x_n)$), and average $\\ln q(\\mathbf z_i) - \\sum_j \\ln q(z_{ij})$. The check accepts
$\\pm 0.03$ nats around the closed form (Monte Carlo noise and the finite-$N$ mixture).
'''),
        code('''
int nData = Kit.pick(2000, 500), nSamples = Kit.pick(2000, 500);
Random rngH2 = new Random(21);
double[] xsH2 = new double[nData];
for (int n = 0; n < nData; n++) xsH2[n] = rngH2.nextGaussian();
// BEGIN SOLUTION: double tcEstimate = Exercise.todo();
double sumTc = 0;
for (int i = 0; i < nSamples; i++) {
    double x = xsH2[rngH2.nextInt(nData)];
    double[] z = {aH2[0] * x + sH2[0] * rngH2.nextGaussian(), aH2[1] * x + sH2[1] * rngH2.nextGaussian()};
    // ln q(z) − Σ_j ln q(z_j)
    sumTc += logAggregate(z, xsH2, 0, 1) - logAggregate(z, xsH2, 0) - logAggregate(z, xsH2, 1);
}
double tcEstimate = sumTc / nSamples;
// END SOLUTION
System.out.println("TC estimate " + tcEstimate + " nats");
'''),
        code(f'''
Check.value("H2b", tcEstimate, {J(g.E4_TCD)}, 0.03);
'''),
        md(f'''
## (c) What β-TCVAE changes (2 points)

With the closed-form parts of Exercise 4.3 ($I = {g.E4_MI:.6f}$, TC $= {g.E4_TCD:.6f}$, dimension-wise KL $= {g.E4_DIMKL:.6f}$ nats)
and $\\beta = {g.H2_BETA:g}$: the β-VAE penalty is $\\beta(I + \\text{{TC}} + \\text{{KL}}_{{dim}})$; β-TCVAE (Chen et al. 2018)
puts β on the total correlation only: $I + \\beta\\,\\text{{TC}} + \\text{{KL}}_{{dim}}$.
'''),
        code(f'''
double miH2 = {J(g.E4_MI)}, tcH2 = {J(g.E4_TCD)}, dimKlH2 = {J(g.E4_DIMKL)}, betaH2 = {J(g.H2_BETA)};
// BEGIN SOLUTION: double penaltyBetaVae = Exercise.todo(), penaltyBetaTc = Exercise.todo();
double penaltyBetaVae = betaH2 * (miH2 + tcH2 + dimKlH2);
double penaltyBetaTc = miH2 + betaH2 * tcH2 + dimKlH2;
// END SOLUTION
'''),
        code(f'''
Check.value("H2c-betavae", penaltyBetaVae, {J(g.H2_BVAE)}, 1e-9);
Check.value("H2c", penaltyBetaTc, {J(g.H2_BTC)}, 1e-9);
'''),
        md(f'''
## (d) An entangled second latent (3 points)

Let the second latent encode the *same* factor more and more strongly: $\\mathbf a = (1, t)$. Write TC as a
function of $t$ (the aggregate covariance is $\\Sigma = \\mathbf a\\mathbf a^\\top + \\operatorname{{diag}}(\\mathbf s^2)$), and find its limit
as $t \\to \\infty$ in closed form. This is the redundancy that β-TCVAE's β·TC term penalises.
'''),
        code('''
/** TC (nats) of q(z) when a = (1, t). */
double tcOfT(double t) {
    // BEGIN SOLUTION
    double v11 = 1 + sH2[0] * sH2[0], v22 = t * t + sH2[1] * sH2[1], v12 = t;
    return 0.5 * Math.log(v11 * v22 / (v11 * v22 - v12 * v12));
    // END SOLUTION
}
// BEGIN SOLUTION: double tcLimit = Exercise.todo();
// t → ∞: ρ² → 1 / (1 + s₁²), TC → ½ ln(1 + 1/s₁²)
double tcLimit = 0.5 * Math.log(1 + 1 / (sH2[0] * sH2[0]));
// END SOLUTION
'''),
        code(f'''
// expected: numpy determinants (golden.py)
double[] tsH2 = {jarr(ts)};
Check.cases("H2d-curve", {jstr([f"t = {t:g}" for t in ts])}, i -> tcOfT(tsH2[i]), {jarr(tc_t)}, 1e-12);
Check.value("H2d", tcLimit, {J(g.H2_TC_LIMIT)}, 1e-9);
'''),
        code('hw2.report();'),
    ]
    return write(OUT / 'H2-decomposition-by-sampling.ipynb', cells, 'Homework 2 — KL decomposition by sampling')


if __name__ == '__main__':
    for f in (h1, h2):
        print('wrote', f())
