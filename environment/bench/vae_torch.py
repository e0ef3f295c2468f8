#!/usr/bin/env python3
"""The kit's PyTorch peer of one MNIST epoch of the lecture's VAE (CPU), for `environment/kit bench`.

The same model and training as lecture7.bench.VaeBench: encoder 784 -> 300 -> 2M (mu, log sigma), decoder
M -> 300 -> 784 Bernoulli logits, float32, loss = (BCE with logits summed + analytic KL) / batch, Adam 1e-3,
batch 128, shuffled. Written the way PyTorch runs it fastest on a CPU: the whole training set as one float32
tensor, batches by index_select into a reused buffer, fused BCE-with-logits, Adam's multi-tensor (foreach)
update, gradients set to None instead of zeroed, and the better of the thread counts tried (--threads).
PyTorch's own threads (torch.set_num_threads) are not its BLAS's: OpenBLAS takes its thread count from
OPENBLAS_NUM_THREADS (else OMP_NUM_THREADS) when it loads, so environment/bench.sh runs this script once per BLAS
thread count and keeps the best pair (on the 2-core machine: 1 PyTorch thread with 2 BLAS threads, by far).

Usage: vae_torch.py DATA_DIR [--latent 16] [--epochs 2] [--batch 128] [--threads 1,2] [--limit N]
Prints one JSON line: {"epoch_s": best epoch time, "threads": its thread count, "blas_threads": BLAS threads,
"test_neg_elbo": nats/image, ...}
DATA_DIR holds the uncompressed MNIST IDX files (train-images-idx3-ubyte, t10k-images-idx3-ubyte).
"""
import argparse
import json
import struct
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from blas import blas_threads


def read_idx_images(path):
    with open(path, "rb") as f:
        magic, n, rows, cols = struct.unpack(">IIII", f.read(16))
        if magic != 2051:
            raise SystemExit(f"{path}: not an IDX image file (magic {magic})")
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(n, rows * cols)


class VAE(nn.Module):
    """x -> 300 -> (mu, log sigma); z -> 300 -> logits, as on the lecture slide (PyTorch's default init)."""

    def __init__(self, d=784, h=300, m=16):
        super().__init__()
        self.enc = nn.Sequential(nn.Linear(d, h), nn.ReLU(), nn.Linear(h, 2 * m))
        self.dec = nn.Sequential(nn.Linear(m, h), nn.ReLU(), nn.Linear(h, d))

    def neg_elbo(self, x):
        mu, log_std = self.enc(x).chunk(2, dim=1)
        z = torch.addcmul(mu, torch.randn_like(mu), log_std.exp())  # z = mu + eps * sigma
        rec = F.binary_cross_entropy_with_logits(self.dec(z), x, reduction="sum")
        # KL(q(z|x) || N(0, I)) = 1/2 sum(mu^2 + sigma^2 - 2 ln sigma - 1)
        kl = 0.5 * (mu.square() + (2 * log_std).exp() - 2 * log_std - 1).sum()
        return (rec + kl) / x.shape[0]


def train(data, test, threads, args):
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = VAE(m=args.latent)
    try:
        opt = torch.optim.Adam(model.parameters(), lr=1e-3, foreach=True)
    except TypeError:  # PyTorch before 1.12 has no foreach flag (its Adam is single-tensor)
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    n, bs = data.shape[0], args.batch
    buf = torch.empty(bs, data.shape[1])
    best = float("inf")
    for _ in range(args.epochs):
        t0 = time.perf_counter()
        perm = torch.randperm(n)
        for i in range(0, n, bs):
            idx = perm[i:i + bs]
            x = torch.index_select(data, 0, idx, out=buf[:idx.shape[0]])
            loss = model.neg_elbo(x)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        best = min(best, time.perf_counter() - t0)
    with torch.inference_mode():
        test_loss = float(model.neg_elbo(test))
    return best, test_loss


def main():
    p = argparse.ArgumentParser()
    p.add_argument("data_dir")
    p.add_argument("--latent", type=int, default=16)
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--threads", default="1,2", help="thread counts to try; the faster counts")
    p.add_argument("--limit", type=int, default=0, help="use only the first N training images")
    args = p.parse_args()
    load = lambda name: torch.from_numpy(read_idx_images(f"{args.data_dir}/{name}").astype(np.float32) / 255.0)
    data, test = load("train-images-idx3-ubyte"), load("t10k-images-idx3-ubyte")
    if args.limit:
        data = data[:args.limit].contiguous()
    results = {t: train(data, test, t, args) for t in map(int, args.threads.split(","))}
    threads = min(results, key=lambda t: results[t][0])
    epoch_s, test_loss = results[threads]
    print(json.dumps({"blas_threads": blas_threads(), "epoch_s": round(epoch_s, 4), "threads": threads, "test_neg_elbo": round(test_loss, 3),
                      "n_train": int(data.shape[0]), "torch": torch.__version__,
                      "all": {t: round(r[0], 4) for t, r in results.items()}}))


if __name__ == "__main__":
    main()
