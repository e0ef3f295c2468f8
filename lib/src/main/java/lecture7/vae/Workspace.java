package lecture7.vae;

import lecture7.compute.OffHeap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The arrays of one batch size n, allocated once and reused by every pass of that size: the networks'
 * activations and gradients as ND4J arrays ({@code [n, H]}, {@code [n, 2M]}, {@code [n, D]}), and the latent part
 * (μ, ln σ, σ, ε, z and their gradients, n·M numbers each) on the heap, with ND4J copies for objectives that
 * read ND4J arrays.
 */
final class Workspace {
    final int n;
    /** Encoder hidden, encoder output [μ | ln σ], decoder hidden, decoder output θ. */
    final INDArray h1, e, h2, o;
    /** ∂/∂θ (also the rows of x in the importance sampler), scratch of θ's shape, the backward pass's gradients, a column of ones. */
    final INDArray dO, work, dH2, dE, dH1, ones;
    final INDArray muNd, lsNd, stdNd, epsNd, zNd, dMuNd, dLsNd, dZNd;
    final double[] eHeap, mu, ls, std, eps, z, dMu, dLs, dZ;
    final Latents latents;
    final LatentGradients latentGrads;

    Workspace(VaeConfig config, int n) {
        this.n = n;
        int d = config.inputDim(), h = config.hidden(), m = config.latent();
        DataType t = config.dtype();
        h1 = Nd4j.create(t, n, h);
        e = Nd4j.create(t, n, 2 * m);
        h2 = Nd4j.create(t, n, h);
        o = Nd4j.create(t, n, d);
        dO = Nd4j.create(t, n, d);
        work = Nd4j.create(t, n, d);
        dH2 = Nd4j.create(t, n, h);
        dE = Nd4j.create(t, n, 2 * m);
        dH1 = Nd4j.create(t, n, h);
        ones = Nd4j.ones(t, n, 1);
        muNd = Nd4j.create(t, n, m);
        lsNd = Nd4j.create(t, n, m);
        stdNd = Nd4j.create(t, n, m);
        epsNd = Nd4j.create(t, n, m);
        zNd = Nd4j.create(t, n, m);
        dMuNd = Nd4j.create(t, n, m);
        dLsNd = Nd4j.create(t, n, m);
        dZNd = Nd4j.create(t, n, m);
        eHeap = new double[n * 2 * m];
        mu = new double[n * m];
        ls = new double[n * m];
        std = new double[n * m];
        eps = new double[n * m];
        z = new double[n * m];
        dMu = new double[n * m];
        dLs = new double[n * m];
        dZ = new double[n * m];
        latents = new Latents(muNd, lsNd, stdNd, epsNd, zNd);
        latentGrads = new LatentGradients(dMuNd, dLsNd, dZNd);
    }

    /** Frees the ND4J arrays now (not at some later garbage collection); the workspace must not be used again. */
    void close() {
        for (INDArray a : new INDArray[]{h1, e, h2, o, dO, work, dH2, dE, dH1, ones, muNd, lsNd, stdNd, epsNd, zNd, dMuNd, dLsNd, dZNd})
            a.close();
    }

    /** Copies μ, ln σ, σ, ε to their ND4J arrays for an objective that reads ND4J arrays (z is there already). */
    void latentsToNd4j() {
        OffHeap.put(mu, muNd);
        OffHeap.put(ls, lsNd);
        OffHeap.put(std, stdNd);
        OffHeap.put(eps, epsNd);
    }
}
