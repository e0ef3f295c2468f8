"""Reference rejection rates of H1's tests (sizes and powers), by simulation in numpy, independent of the Java
solutions. They set the acceptance regions of the H1(d) and H1(e) checks and the rates of the known wrong tests
that the checks recognise (lecture7.notebook.Mistakes.H1).

Setting of the homework: κ(a, b) = exp(−(a − b)²/2), X ~ N(0, 1), Y ~ N(δ, 1), level α = 0.05.
* linear-time test on m points per sample: z = h̄ / (s_h/√(m/2)) (s_h with divisor m/2 − 1), reject when z > 1.645;
* quadratic-time test on n points per sample: unbiased MMD²_u on the pooled Gram matrix, p-value
  (1 + #{B = 200 permuted statistics ≥ observed}) / (1 + B), reject when p ≤ α.

Results (printed by this script; standard error √(p(1 − p)/R)):
    linear, m = 2000, δ = 0   one-sided size 0.0505 (R = 40 000, SE 0.0011); two-sided |z| > 1.645: 0.1005
    linear, δ = 0.5           m = 1800: 0.8004 (SE 0.0020); m = 900 (half the compute): 0.5453; m = 3600: 0.973
    quadratic, δ = 0.5        n = 30: 0.3807 (R = 3000, SE 0.0089); n = 21 (half the compute): 0.2637;
                              n = 60 (four times): 0.6527; size at n = 30, δ = 0: 0.0487

    python3 environment/reference/h1_power.py [R_linear R_quadratic]     # about 10 minutes on one core
"""
import math
import sys

import numpy as np


def k(a, b):
    return np.exp(-(a - b) ** 2 / 2)


def linear_rate(rng, m, delta, reps, two_sided=False, chunk=500):
    rejections = 0
    for start in range(0, reps, chunk):
        c = min(chunk, reps - start)
        x, y = rng.standard_normal((c, m)), rng.standard_normal((c, m)) + delta
        h = k(x[:, 0::2], x[:, 1::2]) + k(y[:, 0::2], y[:, 1::2]) - k(x[:, 0::2], y[:, 1::2]) - k(x[:, 1::2], y[:, 0::2])
        z = h.mean(1) / (h.std(1, ddof=1) / math.sqrt(h.shape[1]))
        rejections += int((np.abs(z) if two_sided else z).__gt__(1.645).sum())
    return rejections / reps


def quadratic_rate(rng, n, delta, reps, perms=200):
    rejections = 0
    for _ in range(reps):
        pooled = rng.standard_normal(2 * n)
        pooled[n:] += delta
        K = k(pooled[:, None], pooled[None, :])
        idx = np.vstack([np.arange(2 * n)] + [rng.permutation(2 * n) for _ in range(perms)])
        Kp = K[idx[:, :, None], idx[:, None, :]]
        xx, yy = Kp[:, :n, :n].sum((1, 2)) - n, Kp[:, n:, n:].sum((1, 2)) - n
        stat = (xx + yy) / (n * (n - 1)) - 2 * Kp[:, :n, n:].sum((1, 2)) / (n * n)
        rejections += (1 + (stat[1:] >= stat[0]).sum()) / (1 + perms) <= 0.05
    return rejections / reps


def main(r_lin=40000, r_quad=3000):
    rng = np.random.default_rng(2026)
    print('linear size m=2000', linear_rate(rng, 2000, 0, r_lin))
    print('linear two-sided size m=2000', linear_rate(rng, 2000, 0, r_lin, True))
    for m in (1800, 900, 3600):
        print(f'linear power m={m}', linear_rate(rng, m, 0.5, r_lin))
    rng = np.random.default_rng(7)
    for n in (30, 21, 60):
        print(f'quadratic power n={n}', quadratic_rate(rng, n, 0.5, r_quad))
    print('quadratic size n=30', quadratic_rate(rng, 30, 0.0, r_quad))


if __name__ == '__main__':
    main(*map(int, sys.argv[1:]))
