package lecture7.compute;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.ByteOrder;

/**
 * Adam (Kingma &amp; Ba 2015) on the VAE's flat parameter array, with PyTorch's bias correction:
 * <pre>
 *   m ← β₁ m + (1 − β₁) g,   v ← β₂ v + (1 − β₂) g²
 *   θ ← θ − lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)
 * </pre>
 * The update runs as one Java loop over heap copies of θ and g (bulk-copied from and to ND4J's off-heap
 * arrays), or, in float32 when the JVM has the vector API, as one SIMD loop over θ and g where they lie
 * ({@link VectorMath#adam}: no copies, bit-identical steps). On the CPU backend this measured about ten times faster than ND4J's fused {@code AdamUpdater},
 * whose element-wise square root is not vectorised; the unit test checks both give the same steps.
 * Moments that decay below 1e-30 are flushed to zero now and then: subnormal floats are very slow on x86.
 * The gradient may come in parts (the shards of a data-parallel batch): the update adds them as it reads them.
 */
public final class Adam {
    private static final int FLUSH_EVERY = 100;
    private final double lr, beta1, beta2, eps;
    private final boolean dbl;
    private float[] pf, gf, mf, vf;
    private double[] pd, gd, md, vd;
    private long t;

    public Adam(long size, DataType type, double lr, double beta1, double beta2, double eps) {
        this(size, type, lr, beta1, beta2, eps, VectorSupport.available());
    }

    /** With {@code inPlace} (needs {@link VectorSupport#available()}), float32 updates run in place off-heap. */
    public Adam(long size, DataType type, double lr, double beta1, double beta2, double eps, boolean inPlace) {
        this.inPlace = inPlace && type != DataType.DOUBLE;
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        int n = Math.toIntExact(size);
        dbl = type == DataType.DOUBLE;
        if (dbl) {
            pd = new double[n]; gd = new double[n]; md = new double[n]; vd = new double[n];
        } else {
            mf = new float[n];
            vf = new float[n];
            if (!inPlace) {
                pf = new float[n];
                gf = new float[n];
            }
        }
    }

    /** Steps taken. */
    public long steps() {
        return t;
    }

    private boolean synced;

    /** Forget the heap copy of θ: the next {@link #step} reads θ from the ND4J array again (call when θ may have changed outside). */
    public void resync() {
        synced = false;
    }

    /** With the vector API, float32 updates read θ and g in place off-heap (see {@link VectorMath#adam}). */
    private final boolean inPlace;
    private INDArray[] loaded;
    private float[] partF;
    private double[] partD;

    /**
     * Elements per task of the parallel update ({@link Parallel}): a multiple of every vector length. Each element
     * is updated on its own, so the split never changes the result.
     */
    static final int CHUNK = 1 << 15;

    /**
     * Takes the gradient for {@link #gradientSum} and the next {@link #step}: one array, or the parts of a batch's
     * gradient (its shards), added left to right when the step reads them — g = (g₀ + g₁) + … — with the sum stored
     * in the first part. A heap copy, unless updates run in place.
     */
    public void loadGradient(INDArray... grads) {
        if (grads.length == 0) throw new IllegalArgumentException("no gradient");
        loaded = grads;
        if (dbl) {
            OffHeap.get(grads[0], gd);
            if (grads.length > 1) {
                if (partD == null) partD = new double[gd.length];
                for (int s = 1; s < grads.length; s++) {
                    OffHeap.get(grads[s], partD);
                    for (int i = 0; i < gd.length; i++) gd[i] += partD[i];
                }
                OffHeap.put(gd, grads[0]);
            }
        } else if (!inPlace) {
            OffHeap.get(grads[0], gf);
            if (grads.length > 1) {
                if (partF == null) partF = new float[gf.length];
                for (int s = 1; s < grads.length; s++) {
                    OffHeap.get(grads[s], partF);
                    for (int i = 0; i < gf.length; i++) gf[i] += partF[i];
                }
                OffHeap.put(gf, grads[0]);
            }
        }
    }

    /** Σ of the loaded gradient over [from, from + len) (a NaN or ±∞ anywhere in it shows up here). */
    public double gradientSum(long from, long len) {
        double s = 0;
        if (!dbl && inPlace) {
            java.nio.FloatBuffer[] b = new java.nio.FloatBuffer[loaded.length];
            for (int k = 0; k < b.length; k++) b[k] = loaded[k].data().asNioFloat();
            for (long i = from; i < from + len; i++) {
                float g = b[0].get((int) (loaded[0].offset() + i));
                for (int k = 1; k < b.length; k++) g += b[k].get((int) (loaded[k].offset() + i));
                s += g;
            }
            return s;
        }
        for (int i = (int) from; i < from + len; i++) s += dbl ? gd[i] : gf[i];
        return s;
    }

    /** One update of {@code params} (contiguous {@code [1, P]}) from {@code grads}. */
    public void step(INDArray params, INDArray grads) {
        loadGradient(grads);
        step(params);
    }

    /**
     * One update of {@code params} with the gradient given to {@link #loadGradient}, in chunks of {@link #CHUNK}
     * elements on {@link Parallel}'s threads. θ is read from the ND4J array only after {@link #resync} (or the first
     * time); between updates the heap copy is the master.
     */
    public void step(INDArray params) {
        t++;
        double bc1 = 1 - Math.pow(beta1, t), bc2 = Math.sqrt(1 - Math.pow(beta2, t));
        double stepSize = lr / bc1;
        int n = md != null ? md.length : mf.length, chunks = (n + CHUNK - 1) / CHUNK;
        if (dbl) {
            if (!synced) OffHeap.get(params, pd);
            Parallel.forEach(chunks, c -> {
                for (int i = c * CHUNK, end = Math.min(n, i + CHUNK); i < end; i++) {
                    double g = gd[i];
                    double m = beta1 * md[i] + (1 - beta1) * g, v = beta2 * vd[i] + (1 - beta2) * g * g;
                    md[i] = m;
                    vd[i] = v;
                    pd[i] -= stepSize * m / (Math.sqrt(v) / bc2 + eps);
                }
            });
            OffHeap.put(pd, params);
        } else if (inPlace) {
            float b1 = (float) beta1, b2 = (float) beta2, c1 = (float) (1 - beta1), c2 = (float) (1 - beta2);
            float s = (float) stepSize, inv = (float) (1 / bc2), e = (float) eps;
            OffHeap.check(params);
            java.nio.ByteBuffer p = params.data().asNio().order(ByteOrder.nativeOrder());
            int pAt = 4 * (int) params.offset();
            java.nio.ByteBuffer[] g = new java.nio.ByteBuffer[loaded.length];
            int[] gAt = new int[loaded.length];
            for (int k = 0; k < g.length; k++) {
                OffHeap.check(loaded[k]);
                g[k] = loaded[k].data().asNio().order(ByteOrder.nativeOrder());
                gAt[k] = 4 * (int) loaded[k].offset();
            }
            Parallel.forEach(chunks, c -> VectorMath.adam(p, pAt, g, gAt, mf, vf, c * CHUNK, Math.min(n, (c + 1) * CHUNK),
                    b1, c1, b2, c2, s, inv, e));
            if (t % FLUSH_EVERY == 0) flush();
        } else {
            if (!synced) OffHeap.get(params, pf);
            float b1 = (float) beta1, b2 = (float) beta2, c1 = (float) (1 - beta1), c2 = (float) (1 - beta2);
            float s = (float) stepSize, inv = (float) (1 / bc2), e = (float) eps;
            float[] p = pf, g = gf, mm = mf, vv = vf;
            Parallel.forEach(chunks, c -> {
                for (int i = c * CHUNK, end = Math.min(n, i + CHUNK); i < end; i++) {
                    float gi = g[i];
                    float m = b1 * mm[i] + c1 * gi, v = b2 * vv[i] + c2 * gi * gi;
                    mm[i] = m;
                    vv[i] = v;
                    p[i] -= s * m / ((float) Math.sqrt(v) * inv + e);
                }
            });
            OffHeap.put(pf, params);
            if (t % FLUSH_EVERY == 0) flush();
        }
        synced = true;
    }

    private void flush() {
        for (float[] a : new float[][]{mf, vf})
            for (int i = 0; i < a.length; i++) if (Math.abs(a[i]) < 1e-30f) a[i] = 0f;
    }
}
