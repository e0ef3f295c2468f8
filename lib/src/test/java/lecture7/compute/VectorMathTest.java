package lecture7.compute;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The SIMD loops against the definitions, for lengths around every multiple of every lane count a CPU may have
 * (2, 4, 8, 16 floats) and around the 1024-element blocks, so that the vector body, the one-at-a-time tail and the
 * block boundaries all run whatever the CPU. This JVM uses its preferred width (16 floats with AVX-512, 8 with AVX2);
 * {@link #narrowerVectorWidthsInAChildJvm} runs the same checks again in JVMs limited to 8-, 16- and 32-byte vectors
 * ({@code -XX:MaxVectorSize}), the widths of most student laptops and of ARM.
 */
class VectorMathTest {
    /** float32 unit roundoff, 2⁻²⁴. */
    private static final double U = 0x1p-24;

    /** n = kL − 1, kL, kL + 1 for k = 1, 2, 3 and L = 2, 4, 8, 16, and around the blocks of 1024 and 2048. */
    static int[] lengths() {
        TreeSet<Integer> s = new TreeSet<>();
        for (int lanes : new int[]{2, 4, 8, 16})
            for (int k = 1; k <= 3; k++) for (int e = -1; e <= 1; e++) s.add(k * lanes + e);
        for (int b : new int[]{1024, 2048}) for (int e : new int[]{-17, -1, 0, 1, 7, 16, 17}) s.add(b + e);
        s.add(784);
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    private static ByteBuffer floats(float[] v) {
        ByteBuffer b = ByteBuffer.allocateDirect(4 * v.length + 64).order(ByteOrder.nativeOrder());
        for (int i = 0; i < v.length; i++) b.putFloat(4 * i, v[i]);
        return b;
    }

    /**
     * Checks {@link VectorMath#bernoulli} and {@link VectorMath#adam} for every length in {@link #lengths()}, against
     * the definitions written out here; returns the failures (empty when all agree).
     *
     * <p>Tolerances. Gradient: d = scale·(s − x) with s, x ∈ [0, 1] takes u = e^{−|θ|} ({@link VectorMath#expNonPositive}, within 2 ulp),
     * 1 + u, one division, one subtraction and one product in float, each rounding by ≤ 2⁻²⁴ of a value ≤ 2; so
     * |d − d_exact| ≤ 8·2⁻²⁴·|scale|. Loss: each lane adds k = ⌈min(n, 1024)/L⌉ float terms before moving to double
     * (per-term error of the sum ≤ k·2⁻²⁴ of Σ|term|), the lane reduction adds L − 1 more, each term carries ≤ 3
     * roundings of its own; with |term| ≤ |θ| + |xθ| + ln 2 the bound is (k + L + 3)·2⁻²⁴·Σ(2|θ| + 1).
     * Adam: the vector loop does the scalar loop's operations in the same order, so the two agree bit for bit.
     */
    static List<String> check() {
        List<String> fail = new ArrayList<>();
        int lanes = Lanes.preferred();
        for (int n : lengths()) {
            Random r = new Random(n);
            float[] t = new float[n], x = new float[n];
            for (int i = 0; i < n; i++) {
                t[i] = (float) (6 * r.nextGaussian());
                x[i] = r.nextFloat();
            }
            t[0] = 0f;
            if (n > 2) t[n - 2] = -120f; // e^{−|θ|} underflows to 0 in float: s = 0 exactly
            t[n - 1] = 90f;              // and s = 1 exactly, in the last (tail) element
            float scale = 0.75f;
            ByteBuffer tb = floats(t), xb = floats(x), db = floats(new float[n]);
            double got = VectorMath.bernoulli(tb, 0, xb, 0, db, 0, scale, n);
            double want = 0, size = 0;
            for (int i = 0; i < n; i++) {
                double ti = t[i], xi = x[i];
                // −ln p(x|θ) = softplus(θ) − xθ = max(θ, 0) + ln(1 + e^{−|θ|}) − xθ
                want += Math.max(ti, 0) + Math.log1p(Math.exp(-Math.abs(ti))) - xi * ti;
                size += 2 * Math.abs(ti) + 1;
                // ∂/∂θ = scale · (sigmoid(θ) − x)
                double dWant = scale * (1 / (1 + Math.exp(-ti)) - xi), dGot = db.getFloat(4 * i);
                if (!(Math.abs(dGot - dWant) <= 8 * U * scale)) {
                    fail.add("n=" + n + ", L=" + lanes + ": gradient at " + i + " is " + dGot + ", definition " + dWant);
                    break;
                }
            }
            int k = (Math.min(n, 1024) + lanes - 1) / lanes;
            double tol = (k + lanes + 3) * U * size;
            if (!(Math.abs(got - want) <= tol))
                fail.add("n=" + n + ", L=" + lanes + ": loss " + got + ", definition " + want + " (tolerance " + tol + ")");
            // the value without a gradient is the same number
            double noGrad = VectorMath.bernoulli(tb, 0, xb, 0, null, 0, 1f, n);
            if (noGrad != got) fail.add("n=" + n + ": loss without gradient " + noGrad + " ≠ " + got);
            // at a byte offset (a view into a larger buffer), the same numbers
            float[] t2 = new float[n + 3], x2 = new float[n + 5];
            System.arraycopy(t, 0, t2, 3, n);
            System.arraycopy(x, 0, x2, 5, n);
            ByteBuffer d2 = floats(new float[n + 1]);
            double off = VectorMath.bernoulli(floats(t2), 12, floats(x2), 20, d2, 4, scale, n);
            if (off != got) fail.add("n=" + n + ": loss at byte offsets " + off + " ≠ " + got);
            for (int i = 0; i < n; i++)
                if (d2.getFloat(4 + 4 * i) != db.getFloat(4 * i)) {
                    fail.add("n=" + n + ": gradient at byte offsets differs at " + i);
                    break;
                }
            fail.addAll(checkAdam(n, r));
        }
        return fail;
    }

    /** Three steps of {@link VectorMath#adam} against the scalar update written out here, bit for bit. */
    private static List<String> checkAdam(int n, Random r) {
        float b1 = 0.9f, b2 = 0.999f, c1 = 1 - b1, c2 = 1 - b2, eps = 1e-8f;
        float[] p = new float[n], m = new float[n], v = new float[n], pm = new float[n], mm = new float[n], vm = new float[n];
        for (int i = 0; i < n; i++) p[i] = pm[i] = (float) r.nextGaussian();
        ByteBuffer pb = floats(p);
        for (int step = 1; step <= 3; step++) {
            float[] g = new float[n];
            for (int i = 0; i < n; i++) g[i] = (float) r.nextGaussian();
            float lrStep = (float) (1e-2 / (1 - Math.pow(b1, step))), inv = (float) (1 / Math.sqrt(1 - Math.pow(b2, step)));
            VectorMath.adam(pb, 0, floats(g), 0, mm, vm, n, b1, c1, b2, c2, lrStep, inv, eps);
            for (int i = 0; i < n; i++) {
                // m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²,  θ ← θ − step·m/(√v·inv + ε)
                m[i] = b1 * m[i] + c1 * g[i];
                v[i] = b2 * v[i] + c2 * g[i] * g[i];
                p[i] = p[i] - lrStep * m[i] / ((float) Math.sqrt(v[i]) * inv + eps);
            }
        }
        for (int i = 0; i < n; i++)
            if (Float.floatToIntBits(pb.getFloat(4 * i)) != Float.floatToIntBits(p[i]) || mm[i] != m[i] || vm[i] != v[i])
                return List.of("n=" + n + ": Adam differs from the scalar update at " + i + ": " + pb.getFloat(4 * i) + " vs " + p[i]);
        return List.of();
    }

    /** The preferred float species' lane count; its own class, so that this test class loads without the module. */
    private static final class Lanes {
        static int preferred() {
            return jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length();
        }
    }

    @Test
    void vectorLoopsMatchTheDefinitionsAtEveryLength() {
        assumeTrue(VectorSupport.available(), "the SIMD loops need --add-modules jdk.incubator.vector (the default surefire run has it)");
        List<String> fail = check();
        assertTrue(fail.isEmpty(), String.join("\n", fail));
    }

    /** ulps between a float result and the exact value (in units of the float spacing at the exact value). */
    static double ulps(float got, double exact) {
        return exact == 0 ? (got == 0 ? 0 : Double.POSITIVE_INFINITY) : Math.abs(got - exact) / Math.ulp((float) exact);
    }

    @Test
    void ownExpWithinTwoUlpsAndLog1pWithinFour() {
        assumeTrue(VectorSupport.available(), "the SIMD loops need --add-modules jdk.incubator.vector (the default surefire run has it)");
        int n = 200_001;
        float[] x = new float[n], u = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = -87.33f * i / (n - 1);   // e^x on [−87.33, 0], both ends included
            u[i] = (float) i / (n - 1);     // ln(1 + u) on [0, 1]
        }
        float[] e = VectorMath.apply(0, x), l = VectorMath.apply(1, u);
        double worstE = 0, worstL = 0;
        for (int i = 0; i < n; i++) {
            worstE = Math.max(worstE, ulps(e[i], Math.exp(x[i])));
            worstL = Math.max(worstL, ulps(l[i], Math.log1p(u[i])));
        }
        assertTrue(worstE <= 2, "e^x: " + worstE + " ulp");
        assertTrue(worstL <= 4, "ln(1 + u): " + worstL + " ulp");
        // below e^{−87.33} (under FLT_MIN): 0, as the loss's definition rounds it
        assertEquals(0f, VectorMath.apply(0, new float[]{-120f, -1000f, Float.NEGATIVE_INFINITY})[1]);
        assertEquals(1f, VectorMath.apply(0, new float[]{0f})[0]);
        assertEquals(0f, VectorMath.apply(1, new float[]{0f})[0]);
    }

    /** Loss and gradient bits of one fixed Bernoulli step (n = 50 176, θ ~ 4·N(0, 1), x ~ U(0, 1)), as one text. */
    static String fingerprint() {
        int n = 784 * 64;
        Random r = new Random(1);
        float[] t = new float[n], x = new float[n];
        for (int i = 0; i < n; i++) {
            t[i] = (float) (4 * r.nextGaussian());
            x[i] = r.nextFloat();
        }
        ByteBuffer tb = floats(t), xb = floats(x), db = floats(new float[n]);
        double loss = VectorMath.bernoulli(tb, 0, xb, 0, db, 0, 1f, n);
        int[] bits = new int[n];
        for (int i = 0; i < n; i++) bits[i] = Float.floatToRawIntBits(db.getFloat(4 * i));
        return "loss " + Double.doubleToRawLongBits(loss) + " gradient " + java.util.Arrays.hashCode(bits);
    }

    /**
     * Same seed, same numbers: the loop gives the same bits interpreted (-Xint: the vector API's Java fallback)
     * and compiled (here, after warm-up: C2's SIMD code). With the API's own EXP/LOG it did not (107 of 50 176
     * gradient entries differed), so trainings with one seed ended differently depending on JIT timing.
     */
    @Test
    void sameBitsInterpretedAndCompiled() throws IOException, InterruptedException {
        assumeTrue(VectorSupport.available(), "runs in the surefire execution that has the vector module");
        for (int k = 0; k < 3000; k++) fingerprint();          // warm-up: the loop is compiled by now
        String compiled = fingerprint();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-Xint",
                "-cp", System.getProperty("java.class.path"), VectorMathTest.class.getName(), "fingerprint")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains(compiled), "compiled: " + compiled + "\ninterpreted:\n" + out);
    }

    /** Entry point of the child JVMs: prints the lane count, the failures, and exits 1 if there are any. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("fingerprint")) {
            System.out.println(fingerprint());
            return;
        }
        List<String> fail = check();
        System.out.println("lanes " + Lanes.preferred());
        fail.forEach(System.out::println);
        System.exit(fail.isEmpty() ? 0 : 1);
    }

    @Test
    void narrowerVectorWidthsInAChildJvm() throws IOException, InterruptedException {
        // once is enough: the surefire execution without the vector module skips this
        assumeTrue(VectorSupport.available(), "runs in the surefire execution that has the vector module");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int bytes : new int[]{8, 16, 32}) {
            Process p = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-XX:MaxVectorSize=" + bytes,
                    "-cp", System.getProperty("java.class.path"), VectorMathTest.class.getName())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
            assertEquals(0, p.exitValue(), "MaxVectorSize=" + bytes + ":\n" + out);
            assertTrue(out.contains("lanes " + bytes / 4), "expected " + bytes / 4 + " float lanes:\n" + out);
        }
    }

    /**
     * Once compiled the loops run as SIMD code, not as the vector API's per-lane Java fallback. The fallback allocates
     * an array for every vector operation (about 250 bytes per pixel in {@link VectorMath#bernoulli}); the compiled
     * loops allocate nothing per vector (three boxed lane sums per block of 1 024 pixels: well under a byte per
     * pixel). A JDK that does not compile one of the operations for the CPU's vector width shows here, in bytes
     * rather than seconds: JDK 17 does not compile {@code convert(F2I)} for 512-bit vectors, and with it the Bernoulli
     * loop ran five times slower (README, Benchmarks). Timing lives in {@code environment/kit bench}; the compile
     * may take a while on a busy machine, so the test waits up to two minutes for the allocation to drop.
     */
    @Test
    void compiledLoopsAllocateNothingPerVector() {
        assumeTrue(VectorSupport.available(), "runs in the surefire execution that has the vector module");
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        int n = 784 * 32;
        Random r = new Random(3);
        float[] t = new float[n], x = new float[n], g = new float[n];
        for (int i = 0; i < n; i++) {
            t[i] = (float) (4 * r.nextGaussian());
            x[i] = r.nextFloat() < 0.2f ? 1f : 0f;
            g[i] = (float) (0.01 * r.nextGaussian());
        }
        ByteBuffer tb = floats(t), xb = floats(x), db = floats(new float[n]), pb = floats(t), gb = floats(g);
        float[] m = new float[n], v = new float[n];
        long deadline = System.nanoTime() + 120_000_000_000L;
        double bernoulliBytes, adamBytes;
        do {
            for (int k = 0; k < 300; k++) { // training (with gradient) and evaluation (without), as a VAE does
                VectorMath.bernoulli(tb, 0, xb, 0, k % 4 == 3 ? null : db, 0, 0.5f, n);
                VectorMath.adam(pb, 0, gb, 0, m, v, n, 0.9f, 0.1f, 0.999f, 0.001f, 1e-3f, 1.5f, 1e-8f);
            }
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int k = 0; k < 40; k++) VectorMath.bernoulli(tb, 0, xb, 0, k % 4 == 3 ? null : db, 0, 0.5f, n);
            long mid = mx.getCurrentThreadAllocatedBytes();
            for (int k = 0; k < 40; k++) VectorMath.adam(pb, 0, gb, 0, m, v, n, 0.9f, 0.1f, 0.999f, 0.001f, 1e-3f, 1.5f, 1e-8f);
            long after = mx.getCurrentThreadAllocatedBytes();
            bernoulliBytes = (mid - before) / (40.0 * n);
            adamBytes = (after - mid) / (40.0 * n);
        } while ((bernoulliBytes >= 1 || adamBytes >= 1) && System.nanoTime() < deadline);
        assertTrue(bernoulliBytes < 1, "VectorMath.bernoulli allocates " + bernoulliBytes + " bytes per pixel once "
                + "compiled: some vector operation runs as Java code, not SIMD");
        assertTrue(adamBytes < 1, "VectorMath.adam allocates " + adamBytes + " bytes per parameter once compiled");
    }
}
