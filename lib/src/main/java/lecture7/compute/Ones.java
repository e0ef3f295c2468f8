package lecture7.compute;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.Map;

/** Cached arrays of ones (to sum with BLAS dot, {@code Σ v = v · 1}) and a fast Σ ln v. */
public final class Ones {
    private Ones() {}

    private static final Map<String, INDArray> CACHE = new HashMap<>();
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);

    /**
     * Σ_i ln v_i for a contiguous array with 1 ≤ v_i ≤ 2 (as 1 + e^{−|θ|}), in double precision:
     * ln Π over blocks of 256 (a block's product is at most 2²⁵⁶, far inside double's range), so one logarithm
     * per block instead of one per element — ND4J's element-wise ln is the slowest step of the BCE otherwise.
     */
    public static double sumOfLogs(INDArray v) {
        int n = (int) v.length();
        double total = 0;
        if (v.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT) {
            float[] a = SCRATCH.get();
            if (a.length < n) {
                a = new float[n];
                SCRATCH.set(a);
            }
            OffHeap.get(v, a, n);
            for (int start = 0; start < n; start += 256) {
                int end = Math.min(n, start + 256);
                double p0 = 1, p1 = 1, p2 = 1, p3 = 1;
                int i = start;
                for (; i + 3 < end; i += 4) {
                    p0 *= a[i];
                    p1 *= a[i + 1];
                    p2 *= a[i + 2];
                    p3 *= a[i + 3];
                }
                for (; i < end; i++) p0 *= a[i];
                total += Math.log(p0 * p1 * p2 * p3);
            }
        } else {
            double[] a = new double[n];
            OffHeap.get(v, a);
            for (double x : a) total += Math.log(x);
        }
        return total;
    }

    /** A contiguous array of ones with a's type and shape (shared: never write to it). */
    public static synchronized INDArray like(INDArray a) {
        String key = a.dataType() + java.util.Arrays.toString(a.shape());
        INDArray o = CACHE.get(key);
        if (o == null) {
            if (CACHE.size() > 16) CACHE.clear();
            o = Nd4j.ones(a.dataType(), a.shape());
            CACHE.put(key, o);
        }
        return o;
    }
}
