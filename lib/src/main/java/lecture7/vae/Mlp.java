package lecture7.vae;

import lecture7.compute.OffHeap;
import lecture7.compute.Gemm;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The slide's two-layer network {@code Linear(in, h) → ReLU → Linear(h, out)}, used for both the encoder
 * (D → 300 → 2M) and the decoder (M → 300 → D). Weights and gradients are views into one flat parameter array
 * and one flat gradient array, so an optimiser updates all of them with one call. Layout at {@code offset}:
 * {@code W1 [in, h] · b1 [h] · W2 [h, out] · b2 [out]}, row-major; a layer computes {@code y = x W + b}.
 *
 * <p>Forward and backward are written out as gemm calls (transposes as flags, no copies; see {@link Gemm})
 * into caller-owned buffers.
 */
public final class Mlp {
    private final int in, hidden, out;
    final INDArray w1, b1, w2, b2, gw1, gb1, gw2, gb2;

    Mlp(int in, int hidden, int out, INDArray params, INDArray grads, long offset) {
        this.in = in;
        this.hidden = hidden;
        this.out = out;
        long o = offset;
        w1 = view(params, o, in, hidden);
        gw1 = view(grads, o, in, hidden);
        o += (long) in * hidden;
        b1 = view(params, o, 1, hidden);
        gb1 = view(grads, o, 1, hidden);
        o += hidden;
        w2 = view(params, o, hidden, out);
        gw2 = view(grads, o, hidden, out);
        o += (long) hidden * out;
        b2 = view(params, o, 1, out);
        gb2 = view(grads, o, 1, out);
    }

    private int[] hBits, dhBits;
    private double[] hd, dhd;

    /**
     * dh ← dh ⊙ [h &gt; 0], as one Java loop over bulk copies (two ND4J ops cost four times as much here).
     * In float32 the mask is applied to the bit patterns: for h ≥ 0 (a ReLU output, possibly −0.0),
     * {@code ((−b) & ~b) >> 31} is all ones exactly when the bits b encode h &gt; 0 (positive floats, subnormals
     * included, have positive bit patterns; +0.0 is 0 and −0.0 is Integer.MIN_VALUE), else 0. Integer operations
     * without a branch let the JIT vectorise the loop: 3–5× faster than a float comparison per element.
     */
    void reluMask(INDArray h, INDArray dh) {
        int len = (int) h.length();
        if (h.dataType() == DataType.FLOAT) {
            if (hBits == null || hBits.length != len) {
                hBits = new int[len];
                dhBits = new int[len];
            }
            OffHeap.getBits(h, hBits);
            OffHeap.getBits(dh, dhBits);
            int[] hb = hBits, db = dhBits;
            for (int i = 0; i < len; i++) {
                int b = hb[i];
                db[i] &= ((-b) & ~b) >> 31;
            }
            OffHeap.putBits(dhBits, dh);
        } else {
            if (hd == null || hd.length != len) {
                hd = new double[len];
                dhd = new double[len];
            }
            OffHeap.get(h, hd);
            OffHeap.get(dh, dhd);
            for (int i = 0; i < len; i++) dhd[i] = hd[i] > 0 ? dhd[i] : 0;
            OffHeap.put(dhd, dh);
        }
    }

    /** Number of parameters: in·h + h + h·out + out. */
    static long size(int in, int hidden, int out) {
        return (long) in * hidden + hidden + (long) hidden * out + out;
    }

    private static INDArray view(INDArray flat, long offset, int rows, int cols) {
        DataBuffer buf = flat.data();
        return Nd4j.create(buf, new long[]{rows, cols}, new long[]{cols, 1}, offset, 'c');
    }

    public int in() {
        return in;
    }

    public int hidden() {
        return hidden;
    }

    public int out() {
        return out;
    }

    /**
     * h = ReLU(x W1 + b1),  y = h W2 + b2.
     *
     * @param x {@code [n, in]}
     * @param h {@code [n, hidden]} receives the hidden activations (kept for backward)
     * @param y {@code [n, out]} receives the output
     * @param ones a column of ones {@code [n, 1]}
     */
    public void forward(INDArray x, INDArray h, INDArray y, INDArray ones) {
        // h = x W1 + 1 b1 (the bias as a rank-1 gemm update, cheaper than a broadcast op)
        Gemm.gemm(x, w1, h, false, false, 1.0, 0.0);
        Gemm.gemm(ones, b1, h, false, false, 1.0, 1.0);
        Transforms.relu(h, false);
        Gemm.gemm(h, w2, y, false, false, 1.0, 0.0);
        Gemm.gemm(ones, b2, y, false, false, 1.0, 1.0);
    }

    /**
     * Backpropagation of dL/dy. Overwrites this network's gradient views (not accumulating):
     * <pre>
     *   dW2 = hᵀ dy,   db2 = 1ᵀ dy,   dh = (dy W2ᵀ) ⊙ [h &gt; 0]
     *   dW1 = xᵀ dh,   db1 = 1ᵀ dh,   dx = dh W1ᵀ
     * </pre>
     *
     * @param x    the forward input {@code [n, in]}
     * @param h    the forward hidden activations {@code [n, hidden]}
     * @param dy   dL/dy {@code [n, out]}
     * @param dh   scratch {@code [n, hidden]}
     * @param ones a column of ones {@code [n, 1]}
     * @param dx   receives dL/dx {@code [n, in]}, or null when not needed (the encoder's input)
     */
    public void backward(INDArray x, INDArray h, INDArray dy, INDArray dh, INDArray ones, INDArray dx) {
        Gemm.gemm(h, dy, gw2, true, false, 1.0, 0.0);
        Gemm.gemm(ones, dy, gb2, true, false, 1.0, 0.0);
        Gemm.gemm(dy, w2, dh, false, true, 1.0, 0.0);
        // ReLU'(a) = [a > 0] = [h > 0]
        reluMask(h, dh);
        Gemm.gemm(x, dh, gw1, true, false, 1.0, 0.0);
        Gemm.gemm(ones, dh, gb1, true, false, 1.0, 0.0);
        if (dx != null) Gemm.gemm(dh, w1, dx, false, true, 1.0, 0.0);
    }
}
