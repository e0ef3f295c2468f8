package lecture7.vae;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.Map;

/** Cached arrays of ones, used to sum with BLAS dot ({@code Σ v = v · 1}). */
final class Ones {
    private Ones() {}

    private static final Map<String, INDArray> CACHE = new HashMap<>();

    /** A contiguous array of ones with a's type and shape (shared: never write to it). */
    static synchronized INDArray like(INDArray a) {
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
