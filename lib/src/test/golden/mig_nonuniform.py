#!/usr/bin/env python3
"""Golden values for MigTest.nonUniformFactorsAreNormalisedByTheirEntropy, computed independently of the Java
library: disentanglement_lib's recipe (mig.py: np.histogram edges + np.digitize for the bins, the plug-in mutual
information of sklearn's mutual_info_score written out on the contingency table, H(v) = I(v; v), the mean over
factors of (top1 − top2)/H(v)).

Two of the three factors are NOT uniform (p = ½, ⅓, ⅙ and p = .1, .3, .4, .2), so H(v) < ln(levels): normalising by
ln(levels) instead of H(v) gives different gaps. Run with Debian's python3 (numpy 1.24):
    /usr/bin/python3 lib/src/test/golden/mig_nonuniform.py
"""
import numpy as np

n = 600
i = np.arange(n)
f0 = i % 3                                                    # uniform, 3 levels
r1 = (7 * i) % n
f1 = np.where(r1 < 300, 0, np.where(r1 < 500, 1, 2))          # p = 1/2, 1/3, 1/6
r2 = (11 * i + 5) % n
f2 = np.select([r2 < 60, r2 < 240, r2 < 480], [0, 1, 2], 3)   # p = .1, .3, .4, .2
f = np.stack([f0, f1, f2], 1)
z = np.stack([f1 + 0.3 * np.sin(1.3 * i),                     # a noisy copy of the non-uniform factor
              f2 + 0.5 * f1 + 0.05 * np.sin(2.1 * i),         # mixed
              f0 + 0.05 * np.cos(0.7 * i),                    # the uniform factor
              0.4 * np.sin(3.7 * i)], 1)                      # noise


def discretize(v, bins=20):
    return np.digitize(v, np.histogram(v, bins)[1][:-1])


def mutual_info(a, b):
    """Plug-in I(a; b) in nats from the contingency table (sklearn.metrics.mutual_info_score)."""
    _, a = np.unique(a, return_inverse=True)
    _, b = np.unique(b, return_inverse=True)
    c = np.zeros((a.max() + 1, b.max() + 1))
    np.add.at(c, (a, b), 1)
    p = c / c.sum()
    pa, pb = p.sum(1, keepdims=True), p.sum(0, keepdims=True)
    nz = p > 0
    return float((p[nz] * np.log(p[nz] / (pa @ pb)[nz])).sum())


zb = [discretize(z[:, j]) for j in range(z.shape[1])]
m = np.array([[mutual_info(zb[j], f[:, k]) for k in range(3)] for j in range(z.shape[1])])   # [latent, factor]
h = np.array([mutual_info(f[:, k], f[:, k]) for k in range(3)])
s = np.sort(m, 0)[::-1]
gaps = (s[0] - s[1]) / h
np.set_printoptions(precision=17)
print("entropy", repr(h.tolist()))
print("ln(levels)", repr(np.log([3, 3, 4]).tolist()))
print("gaps", repr(gaps.tolist()))
print("mig", repr(float(gaps.mean())))
print("mi[factor 1]", repr(m[:, 1].tolist()))
print("gaps if normalised by ln(levels)", repr(((s[0] - s[1]) / np.log([3, 3, 4])).tolist()))
