#!/usr/bin/env python3
"""The kit's PyTorch peer of the MMD computations (CPU), for `environment/kit bench`.

The same problems as lecture7.bench.MmdBench, on the same input file (--input, written by
`MmdBench --write-input`: x, y and the permutations), so both sides time the same work and report the same values
(mmd_v, observed, p_value, null_mean; environment/bench.sh checks them). RBF kernel k(a, b) = exp(-gamma ||a - b||^2), gamma = 1/dim,
float32 kernels with float64 sums:
  mmd_v_s        the biased (V) MMD^2 of two samples of n points: the faster of
                   mmd_v_full_s   three full kernel matrices (one GEMM each, exp in place), and
                   mmd_v_tiled_s  1024-row tiles fused in place (never an n x n matrix);
  perm_gemm_s    a permutation test on 2n' points with all permutations as one matrix product
                 (statistic = w^T K w per permutation, w = +-1/n'), the kernel matrix computed once;
  perm_indexed_s the same test by re-indexing K's blocks per permutation (how common two-sample libraries do it),
                 timed on --indexed-perms permutations and scaled to --perms.
Each is the best over the thread counts tried (--threads); the BLAS's threads (OPENBLAS_NUM_THREADS, read when
OpenBLAS loads) are environment/bench.sh's choice, reported as blas_threads. null_agree: both permutation ways agree.

Usage: mmd_torch.py --input FILE [--threads 1,2] [--indexed-perms 10]
Prints one JSON line.
"""
import argparse
import json
import struct
import time

import torch

from blas import blas_threads


def sq_dists(a, b):
    # ||a||^2 + ||b||^2 - 2 a b^T, clipped at 0 (rounding)
    return torch.addmm((b * b).sum(1)[None, :], a, b.T, alpha=-2.0).add_((a * a).sum(1)[:, None]).clamp_min_(0.0)


def rbf(a, b, gamma):
    return sq_dists(a, b).mul_(-gamma).exp_()


def mmd_v_full(x, y, gamma):
    mean = lambda k: k.sum(dtype=torch.float64) / k.numel()
    return float(mean(rbf(x, x, gamma)) + mean(rbf(y, y, gamma)) - 2 * mean(rbf(x, y, gamma)))


def kernel_sum_tiled(a, b, gamma, tile=1024):
    total = torch.zeros((), dtype=torch.float64)
    for i in range(0, a.shape[0], tile):
        total += rbf(a[i:i + tile], b, gamma).sum(dtype=torch.float64)
    return total


def mmd_v_tiled(x, y, gamma):
    n, m = x.shape[0], y.shape[0]
    return float(kernel_sum_tiled(x, x, gamma) / n ** 2 + kernel_sum_tiled(y, y, gamma) / m ** 2
                 - 2 * kernel_sum_tiled(x, y, gamma) / (n * m))


def block_stat(k, n):
    mean = lambda b: b.sum(dtype=torch.float64) / b.numel()
    return float(mean(k[:n, :n]) + mean(k[n:, n:]) - 2 * mean(k[:n, n:]))


def perm_stats_indexed(k, n, perms):
    return torch.tensor([block_stat(k[p][:, p], n) for p in perms], dtype=torch.float64)


def perm_stats_gemm(k, n, perms):
    w = torch.full((perms.shape[0], 2 * n), -1.0 / n)
    w.scatter_(1, perms[:, :n], 1.0 / n)  # the first n of each permutation form sample X
    return ((w @ k) * w).sum(1, dtype=torch.float64)


def read_input(path):
    """x [n, dim], y [n, dim] (float32), perms [B, 2 permN] (int64) and permN from MmdBench's input file."""
    data = open(path, "rb").read()
    n, dim, perm_n, count = struct.unpack_from("<4i", data, 0)
    floats = torch.frombuffer(bytearray(data[16:16 + 8 * n * dim]), dtype=torch.float32)
    ints = torch.frombuffer(bytearray(data[16 + 8 * n * dim:]), dtype=torch.int32)
    if ints.numel() != count * 2 * perm_n:
        raise SystemExit(f"{path}: expected {count} permutations of {2 * perm_n}, found {ints.numel()} numbers")
    return floats[:n * dim].reshape(n, dim), floats[n * dim:].reshape(n, dim), ints.reshape(count, 2 * perm_n).long(), perm_n


def best_time(f, threads, repeat=2):
    best, value = float("inf"), None
    for t in threads:
        torch.set_num_threads(t)
        for _ in range(repeat):
            t0 = time.perf_counter()
            value = f()
            best = min(best, time.perf_counter() - t0)
    return best, value


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--input", required=True)
    ap.add_argument("--indexed-perms", type=int, default=10)
    ap.add_argument("--threads", default="1,2")
    a = ap.parse_args()
    threads = [int(t) for t in a.threads.split(",")]
    x, y, perms, n = read_input(a.input)
    dim, count = x.shape[1], perms.shape[0]
    gamma = 1.0 / dim
    with torch.inference_mode():
        full_s, mmd = best_time(lambda: mmd_v_full(x, y, gamma), threads)
        tiled_s, mmd_tiled = best_time(lambda: mmd_v_tiled(x, y, gamma), threads)
        if abs(mmd - mmd_tiled) > 1e-6 * max(1.0, abs(mmd)):
            raise SystemExit(f"full and tiled MMD^2 differ: {mmd} vs {mmd_tiled}")

        z = torch.cat([x[:n], y[:n]])
        k = rbf(z, z, gamma)
        observed = block_stat(k, n)
        few = perms[:a.indexed_perms]
        idx_s, null_idx = best_time(lambda: perm_stats_indexed(k, n, few), threads, repeat=1)
        idx_s *= count / few.shape[0]
        gemm_s, null_gemm = best_time(lambda: perm_stats_gemm(k, n, perms), threads)
        agree = bool(torch.allclose(null_idx, null_gemm[:few.shape[0]], rtol=1e-4, atol=1e-7))
        p_value = (1 + int((null_gemm >= observed).sum())) / (1 + count)
    print(json.dumps({"blas_threads": blas_threads(), "mmd_v_s": round(min(full_s, tiled_s), 4), "mmd_v_full_s": round(full_s, 4),
                      "mmd_v_tiled_s": round(tiled_s, 4), "mmd_v": mmd, "perm_indexed_s": round(idx_s, 4),
                      "perm_gemm_s": round(gemm_s, 4), "null_agree": agree, "p_value": p_value,
                      "observed": observed, "null_mean": float(null_gemm.mean()), "n": x.shape[0], "perm_n": n,
                      "perms": count, "dim": dim,
                      "torch": torch.__version__}))


if __name__ == "__main__":
    main()
