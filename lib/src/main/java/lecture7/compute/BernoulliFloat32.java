package lecture7.compute;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code lecture7.vae.Likelihood.BERNOULLI} in float32, the VAE's hot path: one SIMD pass over the off-heap arrays when the JVM
 * has the vector API, else ND4J's sigmoid and Java loops over heap copies. See {@code lecture7.vae.Likelihood.BERNOULLI} for the
 * formulas.
 */
public final class BernoulliFloat32 {
    private BernoulliFloat32() {}

    private static final ThreadLocal<float[][]> scratch = ThreadLocal.withInitial(() -> new float[4][0]);

    /**
     * −Σ ln p(x|θ) over a float32 batch, and {@code scale ·} ∂/∂θ into dTheta (if not null); {@code work} is
     * scratch of θ's shape. With {@code vector}, {@link VectorMath#bernoulli} does everything in one SIMD pass over
     * the off-heap arrays (no copies).
     * Without: ND4J computes s = sigmoid(θ) (one native pass), then Java loops write the gradient s − x (a loop
     * the JIT vectorises) and accumulate the three sums in double. With u = e^{−|θ|}, max(s, 1 − s) = 1/(1 + u),
     * so ln(1 + u) = −ln max(s, 1 − s), summed as the logarithm of block products (one logarithm per 256 pixels;
     * each factor lies in [½, 1]). Float rounding is that of the direct form: there 1 + u rounds to 1 for
     * u &lt; 6·10⁻⁸, here s or 1 − s does.
     */
    public static double negLogLikelihood(INDArray x, INDArray theta, INDArray dTheta, double scale, INDArray work, boolean vector) {
        int n = (int) theta.length();
        if (vector) {
            OffHeap.check(theta);
            OffHeap.check(x);
            if (dTheta != null) OffHeap.check(dTheta);
            return VectorMath.bernoulli(theta.data().asNio(), 4 * (int) theta.offset(), x.data().asNio(), 4 * (int) x.offset(),
                    dTheta == null ? null : dTheta.data().asNio(), dTheta == null ? 0 : 4 * (int) dTheta.offset(), (float) scale, n);
        }
        float[][] a = sigmoidOnHeap(x, theta, work, n);
        if (dTheta != null) {
            // ∂/∂θ = sigmoid(θ) − x, times scale
            float[] xs = a[1], sg = a[2], d = a[3];
            float sc = (float) scale;
            for (int i = 0; i < n; i++) d[i] = (sg[i] - xs[i]) * sc;
            OffHeap.put(d, dTheta, n);
        }
        return scalarSum(a, 0, n);
    }

    /**
     * −Σ_pixels ln p(x_r|θ_r) of every row r of a float32 {@code [n, D]} batch into {@code out}, with the same two
     * paths as {@link #negLogLikelihood} (θ is not changed; {@code work} is scratch of θ's shape).
     */
    public static void rowNegLogLikelihoods(INDArray x, INDArray theta, INDArray work, double[] out, boolean vector) {
        int rows = (int) theta.rows(), d = (int) theta.columns();
        if (vector) {
            OffHeap.check(theta);
            OffHeap.check(x);
            java.nio.ByteBuffer t = theta.data().asNio(), xb = x.data().asNio();
            int tAt = 4 * (int) theta.offset(), xAt = 4 * (int) x.offset();
            for (int r = 0; r < rows; r++) out[r] = VectorMath.bernoulli(t, tAt + 4 * r * d, xb, xAt + 4 * r * d, null, 0, 1f, d);
            return;
        }
        float[][] a = sigmoidOnHeap(x, theta, work, rows * d);
        for (int r = 0; r < rows; r++) out[r] = scalarSum(a, r * d, (r + 1) * d);
    }

    /** Heap copies {θ, x, sigmoid(θ), gradient scratch} of the first n elements; ND4J computes the sigmoid in one native pass. */
    private static float[][] sigmoidOnHeap(INDArray x, INDArray theta, INDArray work, int n) {
        float[][] a = scratch.get();
        if (a[0].length < n) {
            a = new float[][]{new float[n], new float[n], new float[n], new float[n]};
            scratch.set(a);
        }
        Nd4j.getExecutioner().exec(new Sigmoid(theta, work));
        OffHeap.get(theta, a[0], n);
        OffHeap.get(x, a[1], n);
        OffHeap.get(work, a[2], n);
        return a;
    }

    /** Σ over [from, to) of max(θ, 0) − xθ + ln(1 + e^{−|θ|}) from the heap copies, ln(1 + u) as block products. */
    private static double scalarSum(float[][] a, int from, int to) {
        float[] t = a[0], xs = a[1], sg = a[2];
        double relu = 0, xTheta = 0, soft = 0;
        for (int start = from; start < to; start += 256) {
            int end = Math.min(to, start + 256);
            double r = 0, xt = 0, p = 1;
            for (int i = start; i < end; i++) {
                float ti = t[i], si = sg[i];
                r += Math.max(ti, 0f);
                xt += xs[i] * ti;
                // 1/(1 + e^{−|θ|}) = max(s, 1 − s)
                p *= Math.max(si, 1f - si);
            }
            relu += r;
            xTheta += xt;
            // Σ ln(1 + u) over the block = −ln Π max(s, 1 − s), Π ≥ 2⁻²⁵⁶
            soft -= Math.log(p);
        }
        // −ln p(x|θ) = Σ max(θ, 0) − xθ + ln(1 + e^{−|θ|})
        return relu - xTheta + soft;
    }
}
