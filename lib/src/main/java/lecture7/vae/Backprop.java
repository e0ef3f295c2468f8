package lecture7.vae;

import lecture7.compute.OffHeap;
import lecture7.compute.Parallel;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * The loss of a batch and its gradient with respect to every weight of a {@link Vae} (Kingma &amp; Welling 2014):
 * <pre>
 *   forward    [μ | ln σ] = enc(x),   σ = e^{ln σ},   z = μ + σ ⊙ ε,   θ = dec(z)
 *   loss       L = −ln p(x | θ) / n + R(μ, ln σ, z)                      (nats per image)
 *   backward   ∂L/∂θ from the likelihood → dec.backward → ∂L/∂z;   ∂R/∂μ, ∂R/∂ln σ, ∂R/∂z from the objective;
 *              dμ += dz,   d ln σ += dz ⊙ σ ⊙ ε    (chain rule through the reparameterisation) → enc.backward
 * </pre>
 * The networks write their gradients into the VAE's flat gradient array. The latent part (n·M numbers) runs on
 * Java arrays; built-in objectives ({@link HeapPenalty}) stay there, any other objective sees the same numbers as
 * ND4J arrays.
 */
final class Backprop {
    private Backprop() {}

    /**
     * Forward (and, with {@code backward}, backward) pass on workspace b whose ε is filled. x is contiguous
     * {@code [n, D]}, checked by the caller.
     */
    static Loss pass(Vae vae, INDArray x, Workspace b, Objective objective, boolean backward) {
        int n = b.n, m = vae.config().latent();
        Mlp encoder = vae.encoder(), decoder = vae.decoder();
        PixelAutoregression pixels = vae.autoregression();
        // encoder: e = [μ | ln σ]
        encoder.forward(x, b.h1, b.e, b.ones);
        HeapPenalty heap = latents(b, n, m, objective);
        double[] mu = b.mu, ls = b.ls, std = b.std, eps = b.eps, z = b.z;
        // decoder: θ = dec(z)
        decoder.forward(b.zNd, b.h2, b.o, b.ones);
        // autoregressive decoder: θ += x W (teacher forcing, the true previous pixels)
        if (pixels != null) pixels.forward(x, b.o);
        // RE = −ln p(x | θ(z)) summed over pixels, averaged over the batch; dO = ∂RE/∂θ
        double rec = vae.config().likelihood().negLogLikelihood(x, b.o, backward ? b.dO : null, 1.0 / n, b.work) / n;
        if (!backward) {
            double reg = heap != null ? heap.penalty(n, mu, ls, std, eps, z, null, null, null) : objective.penalty(b.latents, null);
            return new Loss(rec + reg, rec, reg);
        }
        if (pixels == null) {
            decoder.backward(b.zNd, b.h2, b.dO, b.dH2, b.ones, b.dZNd);
            double reg = penaltyAndChainRule(b, n, m, objective, heap);
            encoder.backward(x, b.h1, b.dE, b.dH1, b.ones, null);
            return new Loss(rec + reg, rec, reg);
        }
        // the pixel map's gradient and the rest of the backward pass both only read dO and write different
        // parts of the gradient: two tasks on the pool (each computes what it did in sequence: the same bits)
        double[] reg = new double[1];
        Parallel.forEach(2, t -> {
            if (t == 1) {
                pixels.backward(x, b.dO);
                return;
            }
            decoder.backward(b.zNd, b.h2, b.dO, b.dH2, b.ones, b.dZNd);
            reg[0] = penaltyAndChainRule(b, n, m, objective, heap);
            encoder.backward(x, b.h1, b.dE, b.dH1, b.ones, null);
        });
        return new Loss(rec + reg[0], rec, reg[0]);
    }

    /**
     * The same loss and gradient as {@link #pass} with backward, computed shard by shard ({@link Shards}) in three
     * parallel phases with the latent part of the whole batch between them, so that objectives whose penalty couples
     * the rows of a batch (MMD, β-TCVAE's minibatch estimate) see the whole batch:
     * <pre>
     *   phase 1 (each shard)   [μ | ln σ] rows = enc(x rows)
     *   whole batch            σ = e^{ln σ},  z = μ + σ ⊙ ε
     *   phase 2 (each shard)   θ = dec(z rows);  RE_s = −Σ ln p(x | θ);  ∂/∂θ;  dec.backward → ∂L/∂z rows, decoder gradient
     *   whole batch            RE = Σ_s RE_s / n (in shard order);  R(μ, ln σ, z) and its gradients;  chain rule
     *   phase 3 (each shard)   enc.backward → encoder gradient
     *   gradient               Σ_s in shard order ({@link Shards#reduce}), or left in the shards' buffers (without
     *                          {@code reduce}: the trainer's Adam adds them, in the same order, as it updates)
     * </pre>
     * Not for the autoregressive decoder (its caller uses {@link #pass}).
     */
    static Loss passSharded(Vae vae, INDArray x, Workspace b, Shards sh, Objective objective, boolean reduce) {
        int n = b.n, m = vae.config().latent();
        Parallel.forEach(sh.count, s -> {
            Workspace w = sh.work[s];
            sh.encoder[s].forward(sh.of(x, s), w.h1, sh.of(b.e, s), w.ones);
        });
        HeapPenalty heap = latents(b, n, m, objective);
        Likelihood likelihood = vae.config().likelihood();
        Parallel.forEach(sh.count, s -> {
            Workspace w = sh.work[s];
            INDArray xs = sh.of(x, s), zs = sh.of(b.zNd, s);
            sh.decoder[s].forward(zs, w.h2, w.o, w.ones);
            // RE_s = −ln p(x | θ(z)) summed over the shard's pixels; dO = ∂(RE/n)/∂θ
            sh.rec[s] = likelihood.negLogLikelihood(xs, w.o, w.dO, 1.0 / n, w.work);
            sh.decoder[s].backward(zs, w.h2, w.dO, w.dH2, w.ones, sh.of(b.dZNd, s));
        });
        double recSum = 0;
        for (int s = 0; s < sh.count; s++) recSum += sh.rec[s];
        double rec = recSum / n, reg = penaltyAndChainRule(b, n, m, objective, heap);
        Parallel.forEach(sh.count, s -> {
            Workspace w = sh.work[s];
            sh.encoder[s].backward(sh.of(x, s), w.h1, sh.of(b.dE, s), w.dH1, w.ones, null);
        });
        if (reduce) sh.reduce();
        return new Loss(rec + reg, rec, reg);
    }

    /**
     * The latent part of the forward pass from the encoder's output b.e = [μ | ln σ]: σ = e^{ln σ}, z = μ + σ ⊙ ε into
     * b's Java arrays (and z into b.zNd); returns the objective as a {@link HeapPenalty} when it is one, else null
     * (and the latents are copied to ND4J arrays for it).
     */
    private static HeapPenalty latents(Workspace b, int n, int m, Objective objective) {
        OffHeap.get(b.e, b.eHeap);
        double[] mu = b.mu, ls = b.ls, std = b.std, eps = b.eps, z = b.z;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++) {
                int k = i * m + j;
                mu[k] = b.eHeap[i * 2 * m + j];
                ls[k] = b.eHeap[i * 2 * m + m + j];
                // σ = exp(ln σ);  z = μ + σ ⊙ ε
                std[k] = Math.exp(ls[k]);
                z[k] = mu[k] + std[k] * eps[k];
            }
        OffHeap.put(z, b.zNd);
        HeapPenalty heap = objective instanceof HeapPenalty hp ? hp : null;
        if (heap == null) b.latentsToNd4j();
        return heap;
    }

    /**
     * The objective's penalty R(μ, ln σ, z) and its gradients, then the chain rule through the reparameterisation
     * into b.dE = [dμ | d ln σ] (b.dZNd holds ∂RE/∂z from the decoder's backward pass); returns R.
     */
    private static double penaltyAndChainRule(Workspace b, int n, int m, Objective objective, HeapPenalty heap) {
        double[] mu = b.mu, ls = b.ls, std = b.std, eps = b.eps, z = b.z;
        double reg;
        double[] dMu = b.dMu, dLs = b.dLs, dZ = b.dZ;
        if (heap != null) {
            OffHeap.get(b.dZNd, dZ);
            Arrays.fill(dMu, 0);
            Arrays.fill(dLs, 0);
            reg = heap.penalty(n, mu, ls, std, eps, z, dMu, dLs, dZ);
        } else {
            b.dMuNd.assign(0);
            b.dLsNd.assign(0);
            reg = objective.penalty(b.latents, b.latentGrads);
            OffHeap.get(b.dMuNd, dMu);
            OffHeap.get(b.dLsNd, dLs);
            OffHeap.get(b.dZNd, dZ);
        }
        // chain rule through z = μ + σ ⊙ ε:  dμ += dz,  d ln σ += dz ⊙ σ ⊙ ε
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++) {
                int k = i * m + j;
                b.eHeap[i * 2 * m + j] = dMu[k] + dZ[k];
                b.eHeap[i * 2 * m + m + j] = dLs[k] + dZ[k] * std[k] * eps[k];
            }
        OffHeap.put(b.eHeap, b.dE);
        return reg;
    }
}
