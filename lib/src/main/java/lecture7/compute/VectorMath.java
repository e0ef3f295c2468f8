package lecture7.compute;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The float32 loops of a training step written with the JDK's vector API ({@code jdk.incubator.vector}). With the
 * API's own EXP and LOG the Bernoulli loss went from 0.25 s to 0.05 s per MNIST epoch on the bench machine, where
 * ND4J's element-wise exp and sigmoid are scalar loops over libm; with the kit's own (below) a VAE epoch is as fast
 * as the scalar path (README, Benchmarks) — to be made faster again.
 *
 * <p>Same seed, same numbers: the API's own {@code lanewise(EXP)} and {@code lanewise(LOG)} give different last
 * bits before and after the JIT compiles the loop (a per-lane Java fallback, then Intel's SVML stubs), and when
 * that happens depends on timing — 107 of 50 176 gradient entries differed between a first and a warmed-up call,
 * and trainings with the same seed ended with different weights. So e^x and ln(1 + u) are written here with
 * IEEE operations only (+, ×, fma, ÷, bit shifts: {@link #expNonPositive}, {@link #log1pUnit}), and lane sums
 * are added in lane order ({@link #sumLanes}); the result is the same whichever way the JVM runs the loop.
 *
 * <p>The module is an incubator module: a JVM started with {@code --add-modules jdk.incubator.vector} (the kit's
 * kernel, tests and benchmarks are) uses this class; any other JVM gets the scalar code in {@link BernoulliFloat32},
 * which gives the same numbers to float rounding (a test compares both). Never touch this class without
 * checking {@link VectorSupport#available()} first: loading it fails when the module is absent.
 */
public final class VectorMath {
    private VectorMath() {}

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** Lane sums are moved to double every BLOCK elements, so float accumulates at most BLOCK / lanes terms. */
    private static final int BLOCK = 1024;

    /**
     * Bernoulli negative log-likelihood with logits θ over n pixels, and its gradient, reading θ and x and
     * writing d where they lie (native-order floats in ND4J's off-heap buffers, from the given byte offsets):
     * <pre>
     *   −ln p(x|θ) = Σ max(θ, 0) − xθ + ln(1 + e^{−|θ|}),   d = scale · (sigmoid(θ) − x),
     *   sigmoid(θ) = (θ &gt; 0 ? 1 : u) / (1 + u),   u = e^{−|θ|}
     * </pre>
     *
     * @param d receives the gradient, or null
     * @return the loss in nats, summed over the n pixels
     */
    public static double bernoulli(ByteBuffer t, int tAt, ByteBuffer x, int xAt, ByteBuffer d, int dAt, float scale, int n) {
        ByteOrder o = ByteOrder.nativeOrder();
        double relu = 0, xTheta = 0, soft = 0;
        for (int start = 0; start < n; start += BLOCK) {
            int end = Math.min(n, start + BLOCK), vecEnd = start + F.loopBound(end - start), i = start;
            FloatVector r = FloatVector.zero(F), q = FloatVector.zero(F), l = FloatVector.zero(F);
            for (; i < vecEnd; i += F.length()) {
                FloatVector tv = FloatVector.fromByteBuffer(F, t, tAt + 4 * i, o), xv = FloatVector.fromByteBuffer(F, x, xAt + 4 * i, o);
                FloatVector u = expNonPositive(tv.abs().neg()), onePlusU = u.add(1f);
                if (d != null) {
                    FloatVector sig = u.blend(1f, tv.compare(VectorOperators.GT, 0f)).div(onePlusU);
                    sig.sub(xv).mul(scale).intoByteBuffer(d, dAt + 4 * i, o);
                }
                r = r.add(tv.max(0f));
                q = q.add(xv.mul(tv));
                l = l.add(log1pUnit(u));
            }
            relu += sumLanes(r);
            xTheta += sumLanes(q);
            soft += sumLanes(l);
            for (; i < end; i++) { // the tail, one pixel at a time
                float ti = t.order(o).getFloat(tAt + 4 * i), xi = x.order(o).getFloat(xAt + 4 * i), u = (float) Math.exp(-Math.abs(ti));
                relu += Math.max(ti, 0f);
                xTheta += xi * ti;
                soft += Math.log1p(u);
                if (d != null) d.order(o).putFloat(dAt + 4 * i, ((ti > 0f ? 1f : u) / (1f + u) - xi) * scale);
            }
        }
        return relu - xTheta + soft;
    }

    /** Σ of the lanes, first to last (reduceLanes(ADD) may add them in another order once compiled). */
    static float sumLanes(FloatVector v) {
        float s = 0f;
        for (int k = 0; k < v.length(); k++) s += v.lane(k);
        return s;
    }

    private static final float LOG2E = 1.44269504088896341f, LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
    /** 1.5·2²³: (t + ROUND) − ROUND rounds t to the nearest integer (ties to even) for |t| &lt; 2²². */
    private static final float ROUND = 12582912f;
    /** Below this e^x is under FLT_MIN (2⁻¹²⁶); the result is 0 there, as Math.exp's rounded to float is or nearly. */
    private static final float EXP_MIN = -87.33f;

    /**
     * e^x for x ≤ 0 in float (Cephes' expf): x = k·ln 2 + r with k = round(x·log₂e), |r| ≤ ½ ln 2 (ln 2 in two parts,
     * so r is exact), e^r = 1 + r + r²·P(r) with P of degree 5, times 2^k built in the exponent bits. Within 2 ulp of
     * e^x for EXP_MIN ≤ x ≤ 0 (VectorMathTest), 0 below.
     */
    static FloatVector expNonPositive(FloatVector x) {
        FloatVector xc = x.max(EXP_MIN);
        FloatVector k = xc.mul(LOG2E).add(ROUND).sub(ROUND);
        FloatVector r = k.fma(FloatVector.broadcast(F, -LN2_HI), xc);
        r = k.fma(FloatVector.broadcast(F, -LN2_LO), r);
        FloatVector p = r.fma(1.9875691500e-4f, 1.3981999507e-3f);
        p = p.fma(r, FloatVector.broadcast(F, 8.3334519073e-3f));
        p = p.fma(r, FloatVector.broadcast(F, 4.1665795894e-2f));
        p = p.fma(r, FloatVector.broadcast(F, 1.6666665459e-1f));
        p = p.fma(r, FloatVector.broadcast(F, 5.0000001201e-1f));
        FloatVector y = p.mul(r.mul(r)).add(r).add(1f);
        IntVector bits = ((IntVector) k.convert(VectorOperators.F2I, 0)).add(127).lanewise(VectorOperators.LSHL, 23);
        return y.mul(bits.reinterpretAsFloats()).blend(0f, x.compare(VectorOperators.LT, EXP_MIN));
    }

    /**
     * ln(1 + u) for 0 ≤ u ≤ 1 in float: with s = u/(2 + u) ∈ [0, ⅓], ln(1 + u) = 2 atanh s = 2(s + s³/3 + … + s¹³/13);
     * the first omitted term, 2s¹⁵/15 ≤ 2s·(1/9)⁷/15, is below 2⁻²⁶ of the result (≥ 2s). Rounding: 2 + u and the
     * division put ≤ 2·2⁻²⁴ of relative error into s, the series in fma ≤ ½·2⁻²⁴, the last product 2⁻²⁴ — within
     * 4 ulp (VectorMathTest; 2.6 ulp the worst of 200 001 points). The loss sums these in double; the gradient does
     * not use them.
     */
    static FloatVector log1pUnit(FloatVector u) {
        FloatVector s = u.div(u.add(2f)), s2 = s.mul(s);
        FloatVector p = s2.fma(2f / 13, 2f / 11);
        p = p.fma(s2, FloatVector.broadcast(F, 2f / 9));
        p = p.fma(s2, FloatVector.broadcast(F, 2f / 7));
        p = p.fma(s2, FloatVector.broadcast(F, 2f / 5));
        p = p.fma(s2, FloatVector.broadcast(F, 2f / 3));
        p = p.fma(s2, FloatVector.broadcast(F, 2f));
        return p.mul(s);
    }

    /** {@link #expNonPositive} (which = 0) or {@link #log1pUnit} (which = 1) over an array, for the tests. */
    static float[] apply(int which, float[] in) {
        int lanes = F.length(), n = in.length, padded = (n + lanes - 1) / lanes * lanes;
        float[] a = java.util.Arrays.copyOf(in, padded), out = new float[padded];
        for (int i = 0; i < padded; i += lanes) {
            FloatVector v = FloatVector.fromArray(F, a, i);
            (which == 0 ? expNonPositive(v) : log1pUnit(v)).intoArray(out, i);
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /**
     * One Adam update of n float32 parameters in place, θ and g read straight from their off-heap buffers (no copies),
     * the moments on the heap; the same operations in the same order as {@link Adam}'s scalar loop, so the result
     * is bit for bit the same:
     * <pre>
     *   m ← β₁ m + (1 − β₁) g,   v ← β₂ v + (1 − β₂) g²,   θ ← θ − (lr/(1 − β₁ᵗ)) m / (√v / √(1 − β₂ᵗ) + ε)
     * </pre>
     *
     * @param p, g    buffers holding θ and g as native-order floats from byte offsets pAt, gAt
     * @param step    lr/(1 − β₁ᵗ);  inv = 1/√(1 − β₂ᵗ)
     */
    public static void adam(ByteBuffer p, int pAt, ByteBuffer g, int gAt, float[] m, float[] v, int n,
                     float b1, float c1, float b2, float c2, float step, float inv, float eps) {
        ByteOrder o = ByteOrder.nativeOrder();
        int vecEnd = F.loopBound(n), i = 0;
        for (; i < vecEnd; i += F.length()) {
            FloatVector gv = FloatVector.fromByteBuffer(F, g, gAt + 4 * i, o);
            FloatVector mv = FloatVector.fromArray(F, m, i).mul(b1).add(gv.mul(c1));
            FloatVector vv = FloatVector.fromArray(F, v, i).mul(b2).add(gv.mul(c2).mul(gv));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            FloatVector pv = FloatVector.fromByteBuffer(F, p, pAt + 4 * i, o);
            pv.sub(mv.mul(step).div(vv.lanewise(VectorOperators.SQRT).mul(inv).add(eps))).intoByteBuffer(p, pAt + 4 * i, o);
        }
        for (; i < n; i++) {
            float gi = g.getFloat(gAt + 4 * i), mi = b1 * m[i] + c1 * gi, vi = b2 * v[i] + c2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            p.putFloat(pAt + 4 * i, p.getFloat(pAt + 4 * i) - step * mi / ((float) Math.sqrt(vi) * inv + eps));
        }
    }
}
