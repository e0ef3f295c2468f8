package lecture7.compute;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The float32 loops of a training step written with the JDK's vector API ({@code jdk.incubator.vector}). The
 * Bernoulli loss and its gradient take 0.05 s per MNIST epoch here on the bench machine (AVX-512, 16 floats per
 * vector), 0.25 s as a scalar loop (ND4J's element-wise exp and sigmoid are scalar loops over libm too).
 *
 * <p>Fast only while C2 compiles every operation of the loop into SIMD code: an operation it does not compile runs
 * as the API's per-lane Java fallback, which allocates an array per operation, and the loop is five times slower.
 * Two ways that happened here, both on JDK 17: {@code convert(F2I)} on 512-bit vectors is not compiled (2^k is
 * built from the bits of k + 1.5·2²³ instead), and with every constant written as a broadcast inside the loop, C2
 * ran out of its inlining budget in some runs (the constants are vectors made once). {@code VectorMathTest} checks
 * that the compiled loops allocate nothing per vector.
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
        FloatVector vScale = FloatVector.broadcast(F, scale);
        for (int start = 0; start < n; start += BLOCK) {
            int end = Math.min(n, start + BLOCK), vecEnd = start + F.loopBound(end - start), i = start;
            FloatVector r = FloatVector.zero(F), q = FloatVector.zero(F), l = FloatVector.zero(F);
            for (; i < vecEnd; i += F.length()) {
                FloatVector tv = FloatVector.fromByteBuffer(F, t, tAt + 4 * i, o), xv = FloatVector.fromByteBuffer(F, x, xAt + 4 * i, o);
                FloatVector u = expNonPositive(tv.abs().neg()), onePlusU = u.add(V_ONE);
                if (d != null) {
                    FloatVector sig = u.blend(V_ONE, tv.compare(VectorOperators.GT, V_ZERO)).div(onePlusU);
                    sig.sub(xv).mul(vScale).intoByteBuffer(d, dAt + 4 * i, o);
                }
                r = r.add(tv.max(V_ZERO));
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

    // The constants as vectors, made once. (Written inline — x.mul(LOG2E), FloatVector.broadcast(F, c) — each
    // broadcast is another chain of calls for C2 to inline into the loop; with all of them the loop ran over C2's
    // inlining budget in some runs, and the ops left over ran as Java code: the loop took 2.4 times as long.)
    private static FloatVector c(float v) { return FloatVector.broadcast(F, v); }
    private static final FloatVector V_EXP_MIN = c(EXP_MIN), V_LOG2E = c(LOG2E), V_ROUND = c(ROUND),
            V_MINUS_LN2_HI = c(-LN2_HI), V_MINUS_LN2_LO = c(-LN2_LO), V_ZERO = c(0f), V_ONE = c(1f), V_TWO = c(2f),
            E5 = c(1.9875691500e-4f), E4 = c(1.3981999507e-3f), E3 = c(8.3334519073e-3f), E2 = c(4.1665795894e-2f),
            E1 = c(1.6666665459e-1f), E0 = c(5.0000001201e-1f),
            A13 = c(2f / 13), A11 = c(2f / 11), A9 = c(2f / 9), A7 = c(2f / 7), A5 = c(2f / 5), A3 = c(2f / 3);
    /** 127 − 0x4B400000: the exponent bias minus the bits of ROUND. */
    private static final IntVector EXP_BIAS = IntVector.broadcast(F.withLanes(int.class).check(int.class), 127 - 0x4B400000);

    /**
     * e^x for x ≤ 0 in float (Cephes' expf): x = k·ln 2 + r with k = round(x·log₂e), |r| ≤ ½ ln 2 (ln 2 in two parts,
     * so r is exact), e^r = 1 + r + r²·P(r) with P of degree 5, times 2^k built in the exponent bits. Within 2 ulp of
     * e^x for EXP_MIN ≤ x ≤ 0 (VectorMathTest), 0 below.
     */
    static FloatVector expNonPositive(FloatVector x) {
        FloatVector xc = x.max(V_EXP_MIN);
        FloatVector kr = xc.mul(V_LOG2E).add(V_ROUND), k = kr.sub(V_ROUND);
        FloatVector r = k.fma(V_MINUS_LN2_HI, xc);
        r = k.fma(V_MINUS_LN2_LO, r);
        FloatVector p = r.fma(E5, E4);
        p = p.fma(r, E3);
        p = p.fma(r, E2);
        p = p.fma(r, E1);
        p = p.fma(r, E0);
        FloatVector y = p.mul(r.mul(r)).add(r).add(V_ONE);
        // 2^k: kr's bits are those of ROUND = 1.5·2²³ (0x4B400000) plus k, so (bits − 0x4B400000 + 127) << 23 is 2^k's
        // exponent field. (Not k.convert(F2I): JDK 17 does not compile that conversion for 512-bit vectors, and the
        // whole loop then ran per lane in Java, five times slower.)
        IntVector bits = ((IntVector) kr.reinterpretAsInts()).add(EXP_BIAS).lanewise(VectorOperators.LSHL, 23);
        return y.mul(bits.reinterpretAsFloats()).blend(V_ZERO, x.compare(VectorOperators.LT, V_EXP_MIN));
    }

    /**
     * ln(1 + u) for 0 ≤ u ≤ 1 in float: with s = u/(2 + u) ∈ [0, ⅓], ln(1 + u) = 2 atanh s = 2(s + s³/3 + … + s¹³/13);
     * the first omitted term, 2s¹⁵/15 ≤ 2s·(1/9)⁷/15, is below 2⁻²⁶ of the result (≥ 2s). Rounding: 2 + u and the
     * division put ≤ 2·2⁻²⁴ of relative error into s, the series in fma ≤ ½·2⁻²⁴, the last product 2⁻²⁴ — within
     * 4 ulp (VectorMathTest; 2.6 ulp the worst of 200 001 points). The loss sums these in double; the gradient does
     * not use them.
     */
    static FloatVector log1pUnit(FloatVector u) {
        FloatVector s = u.div(u.add(V_TWO)), s2 = s.mul(s);
        FloatVector p = s2.fma(A13, A11);
        p = p.fma(s2, A9);
        p = p.fma(s2, A7);
        p = p.fma(s2, A5);
        p = p.fma(s2, A3);
        p = p.fma(s2, V_TWO);
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
        adam(p, pAt, new ByteBuffer[]{g}, new int[]{gAt}, m, v, 0, n, b1, c1, b2, c2, step, inv, eps);
    }

    /**
     * {@link #adam(ByteBuffer, int, ByteBuffer, int, float[], float[], int, float, float, float, float, float, float, float)}
     * on the elements [from, to), with the gradient given in parts (the shards of a batch) that are added first,
     * left to right, and the sum stored in the first part:
     * <pre>
     *   g = (…((g₀ + g₁) + g₂) + …) + g_{S−1}      (float additions, in part order)
     * </pre>
     * Every element is computed on its own, so any split of [0, n) into ranges gives the same bits.
     */
    public static void adam(ByteBuffer p, int pAt, ByteBuffer[] g, int[] gAt, float[] m, float[] v, int from, int to,
                     float b1, float c1, float b2, float c2, float step, float inv, float eps) {
        ByteOrder o = ByteOrder.nativeOrder();
        int parts = g.length, vecEnd = from + F.loopBound(to - from), i = from;
        ByteBuffer g0 = g[0];
        int g0At = gAt[0];
        for (; i < vecEnd; i += F.length()) {
            FloatVector gv = FloatVector.fromByteBuffer(F, g0, g0At + 4 * i, o);
            if (parts > 1) {
                for (int s = 1; s < parts; s++) gv = gv.add(FloatVector.fromByteBuffer(F, g[s], gAt[s] + 4 * i, o));
                gv.intoByteBuffer(g0, g0At + 4 * i, o);
            }
            FloatVector mv = FloatVector.fromArray(F, m, i).mul(b1).add(gv.mul(c1));
            FloatVector vv = FloatVector.fromArray(F, v, i).mul(b2).add(gv.mul(c2).mul(gv));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            FloatVector pv = FloatVector.fromByteBuffer(F, p, pAt + 4 * i, o);
            pv.sub(mv.mul(step).div(vv.lanewise(VectorOperators.SQRT).mul(inv).add(eps))).intoByteBuffer(p, pAt + 4 * i, o);
        }
        for (; i < to; i++) {
            float gi = g0.getFloat(g0At + 4 * i);
            if (parts > 1) {
                for (int s = 1; s < parts; s++) gi += g[s].getFloat(gAt[s] + 4 * i);
                g0.putFloat(g0At + 4 * i, gi);
            }
            float mi = b1 * m[i] + c1 * gi, vi = b2 * v[i] + c2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            p.putFloat(pAt + 4 * i, p.getFloat(pAt + 4 * i) - step * mi / ((float) Math.sqrt(vi) * inv + eps));
        }
    }
}
