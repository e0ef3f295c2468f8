package lecture7.compute;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.Map;

/**
 * Reusable off-heap work matrices, one per purpose and thread. Fresh ND4J memory is expensive where page faults
 * are (a 16 MB {@code Nd4j.createUninitialized} took 48 ms on the 2-core bench VM, against 0.8 ms to fill it
 * once touched), so code that runs many times — the permutation test inside a rejection-rate loop, say — asks
 * here for its large buffers instead of allocating them per call. A buffer grows to the largest size asked
 * for and lives as long as its thread; callers bound their sizes (e.g. {@code PermutationTest.MAX_W_ENTRIES}).
 */
public final class Scratch {
    private Scratch() {}

    private static final ThreadLocal<Map<String, INDArray>> BUFFERS = ThreadLocal.withInitial(HashMap::new);

    /**
     * A contiguous {@code [rows, cols]} matrix of {@code type} whose contents are undefined. It stays valid
     * until the next call with the same purpose on this thread; do not close it.
     */
    public static INDArray matrix(String purpose, DataType type, long rows, long cols) {
        long need = Math.multiplyExact(rows, cols);
        if (rows < 1 || cols < 1) throw new IllegalArgumentException("scratch matrix must be at least 1×1, got " + rows + "×" + cols);
        String key = purpose + "/" + type;
        Map<String, INDArray> map = BUFFERS.get();
        INDArray flat = map.get(key);
        if (flat == null || flat.length() < need) {
            if (flat != null) flat.close();
            flat = Nd4j.createUninitialized(type, need);
            map.put(key, flat);
        }
        DataBuffer buf = flat.data();
        return Nd4j.create(buf, new long[]{rows, cols}, new long[]{cols, 1}, 0, 'c');
    }
}
