"""Hidden tests of H1 (linear-time vs quadratic-time MMD). INSTRUCTOR-ONLY.

References: plain-Python double sums of the formulas in the homework's text (Gretton et al. 2012, §2 and §6),
written from the formulas, not from the Java solutions. Inputs: random.Random(SEED), other sizes, bandwidths
and shifts than the visible checks.
"""
import math
import random

from . import Case, HiddenTest, Rerun, close, java_array, rate

SEED = 20261130


def rbf(a, b, s):
    # κ(a, b) = exp(−(a − b)² / (2σ²))
    return math.exp(-(a - b) ** 2 / (2 * s * s))


def mmd2_unbiased(x, y, s):
    # MMD²_u = 1/(m(m−1)) Σ_{i≠j} [κ(x_i,x_j) + κ(y_i,y_j)] − 2/m² Σ_{i,j} κ(x_i,y_j)
    m = len(x)
    within = sum(rbf(x[i], x[j], s) + rbf(y[i], y[j], s) for i in range(m) for j in range(m) if i != j)
    cross = sum(rbf(a, b, s) for a in x for b in y)
    return within / (m * (m - 1)) - 2 * cross / (m * m)


def linear_terms(x, y, s):
    # h_i = κ(x_{2i}, x_{2i+1}) + κ(y_{2i}, y_{2i+1}) − κ(x_{2i}, y_{2i+1}) − κ(x_{2i+1}, y_{2i})
    return [rbf(x[2 * i], x[2 * i + 1], s) + rbf(y[2 * i], y[2 * i + 1], s)
            - rbf(x[2 * i], y[2 * i + 1], s) - rbf(x[2 * i + 1], y[2 * i], s) for i in range(len(x) // 2)]


def linear_z(x, y, s):
    # z = h̄ / (s_h / √(m/2)), s_h with divisor m/2 − 1
    h = linear_terms(x, y, s)
    mu = sum(h) / len(h)
    sd = math.sqrt(sum((e - mu) ** 2 for e in h) / (len(h) - 1))
    return mu / (sd / math.sqrt(len(h)))


def samples(rng, m, shift):
    x = [round(rng.gauss(0, 1), 3) for _ in range(m)]
    y = [round(rng.gauss(shift, 1), 3) for _ in range(m)]
    return x, y


def tests(seed):
    rng = random.Random(seed)
    out = []
    cases = []
    for m, s, shift in ((7, 0.6, 0.4), (12, 1.7, 1.1), (20, 1.0, 0.0)):
        x, y = samples(rng, m, shift)
        cases.append(Case(f"mmd2Unbiased on two new samples of size {m}, σ = {s}",
                          f"mmd2Unbiased({java_array(x)}, {java_array(y)}, {s})", close(mmd2_unbiased(x, y, s), 1e-10)))
    out.append(HiddenTest("H1a", cases))

    cases = []
    x, y = samples(rng, 10, 0.7)
    cases.append(Case("linearTerms on new samples of size 10, σ = 0.8 (every h_i)",
                      f"linearTerms({java_array(x)}, {java_array(y)}, 0.8)", close(linear_terms(x, y, 0.8), 1e-10)))
    for m, s, shift in ((16, 1.3, 0.2), (30, 0.5, 1.5)):
        x, y = samples(rng, m, shift)
        cases.append(Case(f"the linear-time MMD² (mean of h) on new samples of size {m}, σ = {s}",
                          f"mean(linearTerms({java_array(x)}, {java_array(y)}, {s}))",
                          close(sum(linear_terms(x, y, s)) / (m // 2), 1e-10)))
    out.append(HiddenTest("H1b", cases))

    cases = []
    for m, s, shift in ((12, 1.0, 0.9), (24, 0.7, 0.3), (40, 2.0, -0.5)):
        x, y = samples(rng, m, shift)
        cases.append(Case(f"linearZ on new samples of size {m}, σ = {s}",
                          f"linearZ({java_array(x)}, {java_array(y)}, {s})", close(linear_z(x, y, s), 1e-9)))
    out.append(HiddenTest("H1c", cases))

    # (d) the student's cell again, with another seed and 4999 repetitions (a count no hard-coded rate such as
    # 0.05 gives). Acceptance region from the rate's binomial
    # spread (normal approximation, se = √(p(1 − p)/4999)): the correct one-sided test at z > 1.645 has size 0.050
    # (20 000 numpy runs of the same test, m = 2000), se 0.0031: [0.035, 0.070] holds it 4.9 se below and 6.4 se
    # above: a correct answer fails with probability < 1e-6. The wrong answers students write:
    #   never rejects (0)                              0 < 0.035: always fails
    #   two-sided |z| > 1.645 (size 0.102, se 0.0043)  7.4 se above 0.070: passes with probability < 1e-12
    #   z > 1.96 (size 0.0267, se 0.0023)              3.6 se below 0.035: passes with probability < 2e-4
    #   rejects when z < 1.645 (size ≈ 0.95)           always fails
    reps, h0_seed = 4999, rng.randrange(1, 2 ** 31)
    out.append(HiddenTest("H1d", [Case(f"the size of the linear-time test, re-run with another seed and {reps} repetitions",
                                       "sizeLinear", rate(reps, 0.035, 0.070))],
                          Rerun("H1d", {"int reps = Kit.pick(200, 60);": f"int reps = {reps};",
                                        "Random rngH0 = new Random(11);": f"Random rngH0 = new Random({h0_seed});"})))

    # (e) again with another seed and δ = 0.5, 401 repetitions. Powers (numpy runs of the same tests): quadratic
    # (n = 30, 200 permutations; 1000 runs) 0.36, linear (m = 1800; 4000 runs) 0.79. Acceptance: quadratic [0.20, 0.60], linear [0.60, 0.95]
    # (se at 401 runs ≤ 0.024 and 0.021: the correct powers are ≥ 5.5 se inside; < 1e-7 to fail). Wrong answers:
    #   permutation p-value counted the wrong way (#{null ≤ observed}): power 0.005        fails (0.20 is 17 se above)
    #   unequal compute: the linear test on 2·nQuad = 60 points, not 2·nQuad²: power 0.12  fails (0.60 is 15 se above)
    #   a power that never rejects (0) or always does (1)                                  fails
    reps, h1_seed = 401, rng.randrange(1, 2 ** 31)
    out.append(HiddenTest("H1e", [
        Case(f"the power of the quadratic test, re-run with another seed and {reps} repetitions", "powerQuad", rate(reps, 0.20, 0.60)),
        Case(f"the power of the linear test, re-run with another seed and {reps} repetitions", "powerLin", rate(reps, 0.60, 0.95))],
        Rerun("H1e", {"Random rngH1 = new Random(12);": f"Random rngH1 = new Random({h1_seed});"}, before=f"int reps = {reps};")))
    # ... and with no shift (δ = 0), 2999 repetitions: both are tests at level α. Sizes: quadratic 10/201 = 0.0498
    # (permutation test: exact), linear 0.047 (20 000 numpy runs, m = 1800). Acceptance [0.030, 0.072] (se ≤ 0.0040):
    # a correct answer is ≥ 4.3 se inside (fails with probability < 2e-5). Wrong answers:
    #   a two-sided linear test (size 0.098, se 0.0054)   4.9 se above 0.072: passes with probability < 1e-6
    #   powers that do not follow `delta` (0.36 and 0.79)  fail
    h0_seed, reps = rng.randrange(1, 2 ** 31), 2999
    out.append(HiddenTest("H1e", [
        Case(f"the quadratic test's rejection rate with no shift (δ = 0), {reps} repetitions", "powerQuad", rate(reps, 0.030, 0.072)),
        Case(f"the linear test's rejection rate with no shift (δ = 0), {reps} repetitions", "powerLin", rate(reps, 0.030, 0.072))],
        Rerun("H1e", {"Random rngH1 = new Random(12);": f"Random rngH1 = new Random({h0_seed});",
                      "double delta = 0.5;": "double delta = 0.0;"}, before=f"int reps = {reps};")))
    return out
