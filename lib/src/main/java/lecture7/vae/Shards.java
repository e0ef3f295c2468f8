package lecture7.vae;

import lecture7.compute.Parallel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A batch of n rows split into a fixed number of shards, for data-parallel training ({@link Backprop#passSharded}).
 * <pre>
 *   shards S(n) = min(MAX_SHARDS, max(1, ⌊n / SHARD_ROWS⌋)),   shard s = rows [⌊s·n/S⌋, ⌊(s+1)·n/S⌋)
 *   ∂L/∂w = Σ_s ∂L/∂w |_shard s      summed in the order s = 0, 1, …, S−1
 * </pre>
 * S depends on n only, never on the number of threads, and each shard has its own networks' gradient buffer, its
 * own activations and its own scratch: a shard's numbers are the same whichever thread computes it, and so is the
 * fixed-order sum. Hence a seed gives the same weights on 1, 2 or 16 threads ({@link Parallel}). Shard 0 writes
 * into the VAE's own gradient array.
 */
final class Shards {
    /**
     * Rows per shard, at least. Measured on the 2-core machine, one thread, MNIST VAE (batch 128): with shards of 32
     * rows (4 per batch) an epoch took 1.4 times the CPU time of the unsharded pass (smaller products, four gradient
     * buffers to sum); with 64 rows (2 per batch) 1.13 times.
     */
    static final int SHARD_ROWS = 64;
    /** At most this many shards (and as many threads used per pass). */
    static final int MAX_SHARDS = 8;

    final int n, count;
    final int[] from;                    // shard s = rows from[s] .. from[s+1]
    final Mlp[] encoder, decoder;        // views of the VAE's parameters, each with its own gradient buffer
    final INDArray[] grads;              // [1, P] per shard; grads[0] is the VAE's
    final Workspace[] work;              // per-shard activations and scratch
    final double[] rec;                  // per-shard −ln p(x | θ) sums
    private INDArray[][] slices;         // [slice][shard] views of grads for the reduction, one slice per thread
    // the shards' views of a batch array, made once per array (an ND4J view costs tens of µs to make)
    private final java.util.IdentityHashMap<INDArray, INDArray[]> views = new java.util.IdentityHashMap<>();

    static int count(int n) {
        return Math.min(MAX_SHARDS, Math.max(1, n / SHARD_ROWS));
    }

    Shards(Vae vae, int n) {
        this.n = n;
        count = count(n);
        VaeConfig c = vae.config();
        int d = c.inputDim(), h = c.hidden(), m = c.latent();
        from = new int[count + 1];
        for (int s = 0; s <= count; s++) from[s] = (int) ((long) s * n / count);
        encoder = new Mlp[count];
        decoder = new Mlp[count];
        grads = new INDArray[count];
        work = new Workspace[count];
        rec = new double[count];
        long p = vae.numParams();
        for (int s = 0; s < count; s++) {
            grads[s] = s == 0 ? vae.gradients() : Nd4j.create(c.dtype(), 1, p);
            encoder[s] = new Mlp(d, h, 2 * m, vae.params(), grads[s], 0);
            decoder[s] = new Mlp(m, h, d, vae.params(), grads[s], Mlp.size(d, h, 2 * m));
            work[s] = new Workspace(c, rows(s));
        }
    }

    /** The gradients cut into k slices (the sum of each parameter is the same whatever k is). */
    private INDArray[][] slices(int k) {
        if (slices == null || slices.length != k) {
            long p = grads[0].length();
            slices = new INDArray[k][count];
            for (int i = 0; i < k; i++) {
                long a = i * p / k, b = (i + 1) * p / k;
                for (int s = 0; s < count; s++) slices[i][s] = grads[s].get(NDArrayIndex.point(0), NDArrayIndex.interval(a, b));
            }
        }
        return slices;
    }

    int rows(int s) {
        return from[s + 1] - from[s];
    }

    /** Rows of shard s of a batch array {@code [n, k]} (a contiguous block). */
    INDArray of(INDArray batch, int s) {
        if (count == 1) return batch;
        INDArray[] v;
        synchronized (views) {
            v = views.get(batch);
            if (v == null) {
                if (views.size() >= 16) views.clear();   // the trainer's batches and the workspace's arrays recur
                v = new INDArray[count];
                for (int k = 0; k < count; k++) v[k] = batch.get(NDArrayIndex.interval(from[k], from[k + 1]), NDArrayIndex.all());
                views.put(batch, v);
            }
        }
        return v[s];
    }

    /** grads[0] ← grads[0] + grads[1] + … + grads[S−1], left to right, slice by slice in parallel. */
    void reduce() {
        if (count == 1) return;
        INDArray[][] sl = slices(Math.min(Parallel.threads(), MAX_SHARDS));
        Parallel.forEach(sl.length, i -> {
            INDArray[] g = sl[i];
            for (int s = 1; s < count; s++) g[0].addi(g[s]);
        });
    }
}
