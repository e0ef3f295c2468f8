"""Reference values of the exercise and homework checks, computed independently of the Java solutions.

Closed forms are cross-checked here by numerical integration (scipy.integrate.quad) or by a large Monte Carlo
sample, so a check never compares a solution with itself. Running this file writes `check-values.json` beside it:
for each check id the values its `Check` call must expect (and the wrong answers its `Mistake`s name).
`environment/tests/test_notebook_sources.py` compares every `Check` in notebooks/exercises and notebooks/homework
with that file, so a value edited in Jupyter that drifts from the reference fails `environment/kit test`.

Instructor tool (needs numpy and scipy: Debian's python3-numpy, python3-scipy); CI reads only the JSON.
    python3 environment/reference/golden.py          # rewrites check-values.json
"""
import json
import math
import sys
from pathlib import Path

import numpy as np
from scipy import integrate, stats

LN2PI = math.log(2 * math.pi)


def close(a, b, tol=1e-8):
    assert abs(a - b) <= tol * max(1, abs(b)), (a, b)
    return b


def kl_numeric(m1, s1, m2, s2):
    """KL(N(m1, s1²) ‖ N(m2, s2²)) by quadrature."""
    f = lambda z: stats.norm.pdf(z, m1, s1) * (stats.norm.logpdf(z, m1, s1) - stats.norm.logpdf(z, m2, s2))
    return integrate.quad(f, m1 - 14 * s1, m1 + 14 * s1, epsabs=1e-13, epsrel=1e-13, limit=400)[0]


def kl_std(mu, log_std):
    return 0.5 * (mu * mu + math.exp(2 * log_std) - 2 * log_std - 1)


# ---- E1: ELBO -------------------------------------------------------------------------------------------------
E1_KL_CASES = [(0.0, 0.0), (1.5, 0.0), (0.0, math.log(2)), (-0.7, -1.2)]
E1_KL = [close(kl_std(m, l), kl_numeric(m, math.exp(l), 0, 1), 1e-9) for m, l in E1_KL_CASES]

E1_MU = [[0.5, -1.0, 0.0], [2.0, 0.3, -0.4]]
E1_LOGSTD = [[0.0, -0.5, 0.2], [-1.0, 0.1, 0.0]]
E1_KLSUM = [sum(kl_numeric(m, math.exp(l), 0, 1) for m, l in zip(mr, lr)) for mr, lr in zip(E1_MU, E1_LOGSTD)]

# linear-Gaussian model p(z) = N(0,1), p(x|z) = N(z, s²); q(z) = N(m, v)
E1_S, E1_X, E1_M, E1_V = 0.5, 1.2, 0.6, 0.3
E1_LOGP = stats.norm.logpdf(E1_X, 0, math.sqrt(1 + E1_S ** 2))


def _elbo_integrand(z):
    return (stats.norm.logpdf(E1_X, z, E1_S) + stats.norm.logpdf(z, 0, 1)
            - stats.norm.logpdf(z, E1_M, math.sqrt(E1_V)))


_q = lambda z: stats.norm.pdf(z, E1_M, math.sqrt(E1_V))
E1_ELBO = integrate.quad(lambda z: _q(z) * _elbo_integrand(z), -10, 10, epsabs=1e-13, limit=400)[0]
_post_m, _post_v = E1_X / (1 + E1_S ** 2), E1_S ** 2 / (1 + E1_S ** 2)
E1_KL_POST = kl_numeric(E1_M, math.sqrt(E1_V), _post_m, math.sqrt(_post_v))
close(E1_LOGP - E1_ELBO, E1_KL_POST, 1e-9)  # the ELBO identity
# the identity at its optimum: the ELBO of q = p(z|x), by quadrature, equals ln p(x) (the gap is 0)
_qpost = lambda z: stats.norm.pdf(z, _post_m, math.sqrt(_post_v))
E1_ELBO_POST = integrate.quad(lambda z: _qpost(z) * (stats.norm.logpdf(E1_X, z, E1_S) + stats.norm.logpdf(z, 0, 1)
                                                      - stats.norm.logpdf(z, _post_m, math.sqrt(_post_v))),
                              -10, 10, epsabs=1e-13, limit=400)[0]
close(E1_ELBO_POST, E1_LOGP, 1e-9)
_var = integrate.quad(lambda z: _q(z) * (_elbo_integrand(z) - E1_ELBO) ** 2, -10, 10, limit=400)[0]
E1_MC_N = 10000
E1_MC_SE = math.sqrt(_var / E1_MC_N)

# ---- E2: VAE --------------------------------------------------------------------------------------------------
E2_MU = np.array([[0.1, -0.3], [1.0, 0.0]])
E2_LOGSTD = np.array([[0.0, -1.0], [0.5, -0.2]])
E2_EPS = np.array([[1.0, 0.5], [-2.0, 1.5]])
E2_Z = (E2_MU + np.exp(E2_LOGSTD) * E2_EPS).tolist()

E2_X = [0.2, 0.9, 0.5, 0.0]
E2_XHAT = [0.3, 0.7, 0.5, 0.1]
E2_PMU = [0.4, -0.2]
E2_PLOGSTD = [-0.3, 0.1]
E2_PZ = [0.1, 0.05]


def _neg_elbo(sd_of, recon):
    kl = sum(stats.norm.logpdf(z, m, sd_of(l)) - stats.norm.logpdf(z, 0, 1)
             for z, m, l in zip(E2_PZ, E2_PMU, E2_PLOGSTD))
    return -(recon - kl)


_loglik = sum(stats.norm.logpdf(x, xh, 1) for x, xh in zip(E2_X, E2_XHAT))
_mse = sum((x - xh) ** 2 for x, xh in zip(E2_X, E2_XHAT)) / len(E2_X)
E2_NEG_ELBO = _neg_elbo(math.exp, _loglik)
E2_BUGGY = _neg_elbo(lambda l: math.exp(0.5 * l), _mse)          # the slide's port as given
E2_ONLY_SIGN_FIXED = _neg_elbo(lambda l: math.exp(0.5 * l), _loglik)
E2_ONLY_STD_FIXED = _neg_elbo(math.exp, _mse)
E2_NO_CONST = _neg_elbo(math.exp, _loglik + len(E2_X) / 2 * LN2PI)

E2_GRAD_POINTS = [(0.8, -0.4), (-1.2, 0.3)]


def _fd(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)


E2_GRAD = []
for m, l in E2_GRAD_POINTS:
    E2_GRAD.append(_fd(lambda t: kl_std(t, l), m))
    E2_GRAD.append(_fd(lambda t: kl_std(m, t), l))

E2_H = np.arange(1, 13, dtype=float).reshape(2, 6)

# ---- E3: MMD --------------------------------------------------------------------------------------------------
E3_IMQ_CASES = [([0, 0], [0, 0], 1.0), ([1, 0], [0, 0], 1.0), ([1, 2], [-1, 0.5], 2.0), ([0.3, -0.3], [0.3, 0.4], 0.5)]
E3_IMQ = [c / math.sqrt(c * c + sum((a - b) ** 2 for a, b in zip(x, y))) for x, y, c in E3_IMQ_CASES]
E3_GX = np.array([[0, 0], [1, 0], [0, 2.0]])
E3_GY = np.array([[1, 1], [-1, 0.0]])
E3_SIGMA = 1.5
E3_GRAM = [[math.exp(-np.sum((a - b) ** 2) / (2 * E3_SIGMA ** 2)) for b in E3_GY] for a in E3_GX]

k1 = lambda a, b: math.exp(-(a - b) ** 2 / 2)
E3_X4, E3_Y4 = [0.0, 1.0], [1.0, 3.0]
_kxx = sum(k1(a, b) for i, a in enumerate(E3_X4) for j, b in enumerate(E3_X4) if i != j) / 2
_kyy = sum(k1(a, b) for i, a in enumerate(E3_Y4) for j, b in enumerate(E3_Y4) if i != j) / 2
_kxy = sum(k1(a, b) for a in E3_X4 for b in E3_Y4) / 4
E3_MMD4 = _kxx + _kyy - 2 * _kxy
E3_MMD4_BIASED = (sum(k1(a, b) for a in E3_X4 for b in E3_X4) / 4 + sum(k1(a, b) for a in E3_Y4 for b in E3_Y4) / 4
                  - 2 * _kxy)
E3_MMD4_NO2 = _kxx + _kyy - _kxy
E3_PHI = [math.exp(-1 * 0.25) * math.sqrt((2 * 1) ** k / math.factorial(k)) * 0.5 ** k for k in range(4)]
E3_TAYLOR_PAIRS = [(0.0, 0.0), (0.5, -0.3), (1.0, 2.0), (-1.5, 1.5)]
E3_TAYLOR_K = [math.exp(-0.7 * (x - y) ** 2) for x, y in E3_TAYLOR_PAIRS]  # γ = 0.7

# ---- E4: decomposition ----------------------------------------------------------------------------------------
E4_RHOS = [0.0, 0.5, -0.9, 0.99]


def tc_numeric(rho, n=2_000_000, seed=1):
    """TC of a standard bivariate normal by Monte Carlo: E[ln p(z1,z2) − ln p(z1) − ln p(z2)]."""
    rng = np.random.default_rng(seed)
    z = rng.multivariate_normal([0, 0], [[1, rho], [rho, 1]], size=n)
    lj = stats.multivariate_normal([0, 0], [[1, rho], [rho, 1]]).logpdf(z)
    d = lj - stats.norm.logpdf(z[:, 0]) - stats.norm.logpdf(z[:, 1])
    return d.mean(), d.std() / math.sqrt(n)


E4_TC = []
for r in E4_RHOS:
    exact = -0.5 * math.log(1 - r * r)
    if 0 < abs(r) < 0.95:
        est, se = tc_numeric(r)
        assert abs(est - exact) < 4 * se + 1e-12, (r, est, exact, se)
    E4_TC.append(exact)

E4_CMAX, E4_T, E4_GAMMA = 25.0, 10000, 1000.0
E4_STEPS = [0, 2500, 10000, 20000]
E4_CAP = [min(E4_CMAX, E4_CMAX * s / E4_T) for s in E4_STEPS]
E4_PEN_CASES = [(30.0, 25.0), (3.0, 6.25), (6.25, 6.25)]
E4_PEN = [E4_GAMMA * abs(k - c) for k, c in E4_PEN_CASES]

E4_A, E4_S = np.array([1.0, 0.5]), np.array([0.5, 0.8])
_sig = np.outer(E4_A, E4_A) + np.diag(E4_S ** 2)
E4_MI = 0.5 * math.log(np.linalg.det(_sig)) - 0.5 * math.log(np.prod(E4_S ** 2))
E4_TCD = 0.5 * math.log(_sig[0, 0] * _sig[1, 1]) - 0.5 * math.log(np.linalg.det(_sig))
E4_DIMKL = sum(kl_numeric(0, math.sqrt(_sig[j, j]), 0, 1) for j in range(2))
# E_x KL(N(a x, diag s²) ‖ N(0, I)) with x ~ N(0,1), by quadrature over x
E4_TOTAL = integrate.quad(lambda x: stats.norm.pdf(x) * sum(kl_numeric(a * x, s, 0, 1) for a, s in zip(E4_A, E4_S)),
                          -9, 9, limit=200, epsabs=1e-10)[0]
close(E4_MI + E4_TCD + E4_DIMKL, E4_TOTAL, 1e-7)  # the slide's decomposition

# ---- H1: linear-time MMD --------------------------------------------------------------------------------------
H1_X = [0.13, -0.52, 1.41, 0.27, -1.05, 0.66, -0.18, 0.94]
H1_Y = [1.32, 0.45, 2.08, 0.71, 1.69, -0.11, 1.25, 0.88]
_k = lambda a, b: math.exp(-(a - b) ** 2 / 2)  # σ = 1
_m = len(H1_X)
H1_QUAD = (sum(_k(a, b) for i, a in enumerate(H1_X) for j, b in enumerate(H1_X) if i != j) / (_m * (_m - 1))
           + sum(_k(a, b) for i, a in enumerate(H1_Y) for j, b in enumerate(H1_Y) if i != j) / (_m * (_m - 1))
           - 2 * sum(_k(a, b) for a in H1_X for b in H1_Y) / (_m * _m))
_h = [_k(H1_X[2 * i], H1_X[2 * i + 1]) + _k(H1_Y[2 * i], H1_Y[2 * i + 1])
      - _k(H1_X[2 * i], H1_Y[2 * i + 1]) - _k(H1_X[2 * i + 1], H1_Y[2 * i]) for i in range(_m // 2)]
H1_LIN = float(np.mean(_h))
H1_LIN_Z = H1_LIN / (np.std(_h, ddof=1) / math.sqrt(len(_h)))
H1_LIN_P = float(stats.norm.sf(H1_LIN_Z))

# ---- H2: decomposition by sampling ------------------------------------------------------------------------------
H2_XS = [-1.3, -0.4, 0.2, 0.9, 1.6]
H2_Z = [0.5, 0.1]


def _log_qz(z):
    comps = [sum(stats.norm.logpdf(zj, a * x, s) for zj, a, s in zip(z, E4_A, E4_S)) for x in H2_XS]
    return float(np.logaddexp.reduce(comps) - math.log(len(H2_XS)))


H2_LOGQZ = _log_qz(H2_Z)
H2_BETA = 4.0
H2_BVAE = H2_BETA * (E4_MI + E4_TCD + E4_DIMKL)
H2_BTC = E4_MI + H2_BETA * E4_TCD + E4_DIMKL
H2_TC_LIMIT = 0.5 * math.log(1 + 1 / E4_S[0] ** 2)

H2_TS = [0.0, 0.5, 2.0, 10.0]


def _tc_of_t(t):
    """TC of q(z) when a = (1, t): ½ ln(Σ₁₁ Σ₂₂ / det Σ) with Σ = a aᵀ + diag(s²), by numpy's determinant."""
    a = np.array([1.0, t])
    sig = np.outer(a, a) + np.diag(E4_S ** 2)
    return 0.5 * math.log(sig[0, 0] * sig[1, 1] / np.linalg.det(sig))


H2_TC_CURVE = [_tc_of_t(t) for t in H2_TS]
close(H2_TC_CURVE[1], E4_TCD, 1e-12)  # t = 0.5 is Exercise 4.3's a
close(_tc_of_t(1e6), H2_TC_LIMIT, 1e-9)
H1_ALPHA = 0.05  # the tests' level: the linear-time test's size must be α (a design value, not a computation)


def _flat(v):
    return [float(x) for x in np.asarray(v, dtype=float).ravel()]


# check id → (expected values, wrong answers named by Mistake.of in the same order, how the values were computed)
CHECKS = {
    'E1-kl': (E1_KL, [], 'quadrature of q ln(q/p), equal to the closed form to 1e-9'),
    'E1-klsum': (E1_KLSUM, [], 'sum over dimensions of quadrature KLs'),
    'E1-logp': ([E1_LOGP], [], 'scipy.stats log-density of N(0, 1 + s²)'),
    'E1-elbo': ([E1_ELBO], [], 'quadrature of E_q[ln p(x,z) − ln q(z)]'),
    'E1-gap': ([E1_KL_POST], [], 'quadrature KL(q ‖ p(z|x)); ln p(x) − ELBO agrees to 1e-9'),
    'E1-identity': ([E1_ELBO_POST], [], 'quadrature of the ELBO at q = p(z|x); equals the log-density ln p(x) to 1e-9'),
    'E1-mc': ([E1_ELBO, E1_MC_SE], [], 'quadrature ELBO and the sd of its integrand under q / √n'),
    'E2-reparam': (_flat(E2_Z), [], 'numpy μ + exp(ln σ)·ε'),
    'E2-port': ([E2_NEG_ELBO], [E2_BUGGY, E2_ONLY_SIGN_FIXED, E2_ONLY_STD_FIXED, E2_NO_CONST],
                'scipy.stats log-densities; each mistake is the same formula with one bug left in'),
    'E2-gradkl': (E2_GRAD, [], 'central differences (step 1e-5) of the closed-form KL'),
    'E2-split-mu': (_flat(E2_H[:, :3]), [], 'numpy column slice'),
    'E2-split-logstd': (_flat(E2_H[:, 3:]), [], 'numpy column slice'),
    'E3-imq': (E3_IMQ, [], 'direct formula c / √(c² + ‖x − y‖²)'),
    'E3-gram': (_flat(E3_GRAM), [], 'direct double sums'),
    'E3-mmd4': ([E3_MMD4], [E3_MMD4_BIASED, E3_MMD4_NO2], 'direct sums; mistakes: biased estimate, no factor 2'),
    'E3-taylor-phi': (E3_PHI, [], 'direct formula of the Taylor features'),
    'E3-taylor-kernel': (E3_TAYLOR_K, [], 'the kernel itself, exp(−0.7 (x − y)²)'),
    'E4-capacity': (E4_CAP, [], 'C(t) = min(C_max, C_max t / T)'),
    'E4-penalty': (E4_PEN, [], 'γ |KL − C|'),
    'E4-mi': ([E4_MI], [], 'numpy determinants'),
    'E4-tc-decomp': ([E4_TCD], [], 'numpy determinants'),
    'E4-dimkl': ([E4_DIMKL], [], 'quadrature KLs; MI + TC + dim-KL equals E_x KL by quadrature'),
    'E4-sum': ([E4_TOTAL], [], 'quadrature over x of E_x KL(N(a x, diag s²) ‖ N(0, I)); equals MI + TC + dim-KL to 1e-7'),
    'H1a': ([H1_QUAD], [], 'direct double sums'),
    'H1b': ([H1_LIN], [], 'direct double sums'),
    'H1c': ([H1_LIN_Z], [], 'numpy, sd with ddof = 1'),
    'H1d': ([H1_ALPHA], [], 'the level α of the test'),
    'H2a': ([H2_LOGQZ], [], 'numpy logaddexp over scipy log-densities'),
    'H2b': ([E4_TCD], [], 'numpy determinants (Exercise 4.3)'),
    'H2c-betavae': ([H2_BVAE], [], 'β (I + TC + dim-KL) from the closed-form parts'),
    'H2c': ([H2_BTC], [], 'I + β TC + dim-KL from the closed-form parts'),
    'H2d-curve': (H2_TC_CURVE, [], 'numpy determinants'),
    'H2d': ([H2_TC_LIMIT], [], '½ ln(1 + 1/s₁²), checked against t = 10⁶'),
}


def main(out=Path(__file__).with_name('check-values.json')):
    data = {'about': 'Written by environment/reference/golden.py; do not edit by hand.',
            'checks': {k: {'expected': _flat(v), 'mistakes': _flat(m), 'provenance': p}
                       for k, (v, m, p) in CHECKS.items()}}
    Path(out).write_text(json.dumps(data, indent=1, ensure_ascii=False) + '\n', encoding='utf-8')
    print(f'wrote {out} ({len(CHECKS)} checks)')


if __name__ == '__main__':
    main(*sys.argv[1:])
