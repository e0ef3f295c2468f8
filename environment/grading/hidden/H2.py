"""Hidden tests of H2 (KL decomposition by sampling). INSTRUCTOR-ONLY.

References: plain-Python formulas from the homework's text: Gaussian log-densities with a log-sum-exp, and the
closed form TC = ½ ln(Σ₁₁Σ₂₂ / det Σ) of q(z) = N(0, Σ), Σ = a aᵀ + diag(s²) (x ~ N(0, 1)), written from the
formulas, not from the Java solutions. Inputs: random.Random(SEED).
"""
import math
import random

from . import Case, HiddenTest, Rerun, close, java_array, within

SEED = 20261201
A, S = (1.0, 0.5), (0.5, 0.8)      # the homework's aH2, sH2 (given in its locked cell)


def log_normal(v, mean, sd):
    return -0.5 * math.log(2 * math.pi) - math.log(sd) - (v - mean) ** 2 / (2 * sd * sd)


def log_aggregate(z, xs, dims, a=A, s=S):
    # ln q(z_dims) = ln (1/N) Σ_n Π_{j∈dims} N(z_j; a_j x_n, s_j²), by log-sum-exp
    ls = [sum(log_normal(z[j], a[j] * x, s[j]) for j in dims) for x in xs]
    top = max(ls)
    return top + math.log(sum(math.exp(l - top) for l in ls)) - math.log(len(xs))


def tc_closed(a, s):
    # TC = ½ ln(Σ₁₁ Σ₂₂ / det Σ),  Σ = a aᵀ + diag(s²)
    v11, v22, v12 = a[0] ** 2 + s[0] ** 2, a[1] ** 2 + s[1] ** 2, a[0] * a[1]
    return 0.5 * math.log(v11 * v22 / (v11 * v22 - v12 * v12))


def tests(seed):
    rng = random.Random(seed)
    out = []
    cases = []
    for n, dims in ((7, (0, 1)), (15, (0,)), (40, (1,))):
        xs = [round(rng.gauss(0, 1), 3) for _ in range(n)]
        z = [round(rng.gauss(0, 1.2), 3) for _ in range(2)]
        d = ", ".join(map(str, dims))
        cases.append(Case(f"logAggregate at a new z over {n} new data points, dims = {{{d}}}",
                          f"logAggregate({java_array(z)}, {java_array(xs)}, {d})", close(log_aggregate(z, xs, dims), 1e-10)))
    xs = [round(rng.gauss(0, 1), 3) for _ in range(9)]
    z = [41.5, -37.25]
    cases.append(Case("logAggregate at a z far from every data point (exp underflows without the log-sum-exp trick)",
                      f"logAggregate({java_array(z)}, {java_array(xs)}, 0, 1)", close(log_aggregate(z, xs, (0, 1)), 1e-10)))
    out.append(HiddenTest("H2a", cases))

    # (b) the student's cell again: another seed, N = M = 600, and a second latent coded 3x more strongly
    # (a = (1, 1.5)), so the TC to find is another number. Tolerance: tolerance_h2b.py (4 sd of the estimator).
    # A correct estimator (sd 0.037-0.039) is > 4 sd inside: it fails with probability < 1e-4. Wrong answers
    # (provenance_h1_h2b.py, 100 numpy runs each): the sign flipped (-0.49), z_1 and z_2 drawn from different data
    # points (-1.16, sd 0.14), a marginal left out (-1.47, sd 0.026): each at least 0.97 − 0.16 = 0.81 away, > 5 of
    # its sd: passes with probability < 1e-6.
    a_b, b_seed = (1.0, 1.5), rng.randrange(1, 2 ** 31)
    out.append(HiddenTest("H2b", [Case("the TC estimate, re-run with another seed and another encoder (a = (1, 1.5))",
                                       "tcEstimate", within(tc_closed(a_b, S), 0.16, "far from the closed-form TC"))],
                          Rerun("H2b", {"int nData = Kit.pick(2000, 500), nSamples = Kit.pick(2000, 500);":
                                        "int nData = 600, nSamples = 600;",
                                        "Random rngH2 = new Random(21);": f"Random rngH2 = new Random({b_seed});"},
                                before=f"aH2 = {java_array(a_b)};")))

    # (c) the student's cell again with other parts and another β
    mi, tc, kl = (round(rng.uniform(0.1, 2.0), 6) for _ in range(3))
    beta = rng.choice((2.5, 6.0, 10.0))
    given = "double miH2 = 0.842330666835844, tcH2 = 0.1272649325674402, dimKlH2 = 0.016695132470870892, betaH2 = 4.0;"
    out.append(HiddenTest("H2c", [
        Case(f"the β-VAE penalty for other decomposition terms and β", "penaltyBetaVae", close(beta * (mi + tc + kl), 1e-9)),
        Case(f"the β-TCVAE penalty for other decomposition terms and β", "penaltyBetaTc", close(mi + beta * tc + kl, 1e-9))],
        Rerun("H2c", {given: f"double miH2 = {mi!r}, tcH2 = {tc!r}, dimKlH2 = {kl!r}, betaH2 = {beta!r};"}, before=f"aH2 = {java_array(A)};")))

    # (d) tcOfT at new t; then the cell again with another s, where the limit ½ ln(1 + 1/s₁²) is another number
    ts = [round(rng.uniform(0.05, 0.9), 3), round(rng.uniform(1.1, 3.0), 3), round(rng.uniform(5.0, 30.0), 2)]
    cases = [Case(f"tcOfT at a new t (case {k + 1})", f"tcOfT({t!r})", close(tc_closed((1.0, t), S), 1e-10))
             for k, t in enumerate(ts)]
    out.append(HiddenTest("H2d", cases, f"sH2 = {java_array(S)};"))
    s_d = (round(rng.uniform(0.3, 0.45), 3), round(rng.uniform(0.9, 1.4), 3))
    t = round(rng.uniform(1.5, 4.0), 3)
    out.append(HiddenTest("H2d", [
        Case("tcOfT with other encoder noise s (is it written with sH2?)", f"tcOfT({t!r})", close(tc_closed((1.0, t), s_d), 1e-10)),
        Case("the limit of TC for other encoder noise s (is it written with sH2?)", "tcLimit",
             close(0.5 * math.log(1 + 1 / s_d[0] ** 2), 1e-9))],
        Rerun("H2d", {}, before=f"sH2 = {java_array(s_d)};")))
    return out
