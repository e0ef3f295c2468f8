package lecture7.compute;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;

/** Bulk copies between contiguous ND4J arrays (off-heap) and Java arrays: memcpy speed, no per-element JNI. */
public final class OffHeap {
    private OffHeap() {}

    public static void check(INDArray a) {
        if (a.ordering() != 'c' || a.elementWiseStride() != 1 || a.isView() && a.length() != a.data().length() - a.offset() && !contiguous(a))
            throw new IllegalStateException("internal: array " + java.util.Arrays.toString(a.shape()) + " is not contiguous");
    }

    public static boolean contiguous(INDArray a) {
        long[] st = a.stride(), sh = a.shape();
        long expect = 1;
        for (int i = sh.length - 1; i >= 0; i--) {
            if (sh[i] != 1 && st[i] != expect) return false;
            expect *= sh[i];
        }
        return true;
    }

    /** Copies the first {@code dst.length} elements of contiguous {@code a} into {@code dst}. */
    public static void get(INDArray a, float[] dst) {
        FloatBuffer b = a.data().asNioFloat();
        b.position((int) a.offset());
        b.get(dst, 0, dst.length);
    }

    /** Copies the first {@code len} elements of contiguous {@code a} into {@code dst}. */
    public static void get(INDArray a, float[] dst, int len) {
        FloatBuffer b = a.data().asNioFloat();
        b.position((int) a.offset());
        b.get(dst, 0, len);
    }

    public static void put(float[] src, INDArray a, int len) {
        FloatBuffer b = a.data().asNioFloat();
        b.position((int) a.offset());
        b.put(src, 0, len);
    }

    public static void put(float[] src, INDArray a) {
        FloatBuffer b = a.data().asNioFloat();
        b.position((int) a.offset());
        b.put(src, 0, src.length);
    }

    /** The raw bits of the first {@code dst.length} floats of contiguous float32 {@code a}. */
    public static void getBits(INDArray a, int[] dst) {
        IntBuffer b = ints(a);
        b.get(dst, 0, dst.length);
    }

    /** Writes {@code src} as the raw bits of the first {@code src.length} floats of contiguous float32 {@code a}. */
    public static void putBits(int[] src, INDArray a) {
        IntBuffer b = ints(a);
        b.put(src, 0, src.length);
    }

    private static IntBuffer ints(INDArray a) {
        if (a.dataType() != DataType.FLOAT) throw new IllegalStateException("internal: float32 array expected, got " + a.dataType());
        IntBuffer b = a.data().asNio().order(ByteOrder.nativeOrder()).asIntBuffer();
        b.position((int) a.offset());
        return b;
    }

    public static void get(INDArray a, double[] dst) {
        if (a.dataType() == DataType.DOUBLE) {
            DoubleBuffer b = a.data().asNioDouble();
            b.position((int) a.offset());
            b.get(dst, 0, dst.length);
        } else {
            float[] f = new float[dst.length];
            get(a, f);
            for (int i = 0; i < f.length; i++) dst[i] = f[i];
        }
    }

    public static void put(double[] src, INDArray a) {
        if (a.dataType() == DataType.DOUBLE) {
            DoubleBuffer b = a.data().asNioDouble();
            b.position((int) a.offset());
            b.put(src, 0, src.length);
        } else {
            float[] f = new float[src.length];
            for (int i = 0; i < f.length; i++) f[i] = (float) src[i];
            put(f, a);
        }
    }

    /** Copies rows {@code idx} of contiguous {@code [N, D]} source into contiguous {@code [idx.length, D]} dst. */
    public static void gatherRows(INDArray src, int[] idx, int from, int to, INDArray dst) {
        gatherRows(src, idx, from, to, dst, 0);
    }

    /** As {@link #gatherRows(INDArray, int[], int, int, INDArray)}, writing from row {@code dstRow} of dst on. */
    public static void gatherRows(INDArray src, int[] idx, int from, int to, INDArray dst, int dstRow) {
        int d = (int) src.columns();
        long so = src.offset(), dOff = dst.offset() + (long) dstRow * d;
        if (src.dataType() == DataType.FLOAT) {
            FloatBuffer s = src.data().asNioFloat(), t = dst.data().asNioFloat();
            for (int r = from; r < to; r++) {
                long start = so + (long) idx[r] * d;
                s.limit((int) (start + d)).position((int) start);
                t.position((int) (dOff + (long) (r - from) * d));
                t.put(s);
            }
        } else {
            DoubleBuffer s = src.data().asNioDouble(), t = dst.data().asNioDouble();
            for (int r = from; r < to; r++) {
                long start = so + (long) idx[r] * d;
                s.limit((int) (start + d)).position((int) start);
                t.position((int) (dOff + (long) (r - from) * d));
                t.put(s);
            }
        }
    }
}
