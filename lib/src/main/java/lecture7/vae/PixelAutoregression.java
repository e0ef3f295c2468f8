package lecture7.vae;

import lecture7.compute.OffHeap;
import lecture7.compute.Gemm;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/**
 * The autoregressive part of a strong decoder (Part 3, slide "Uninformative latent code": a decoder flexible
 * enough to model x without z). Pixel d's Bernoulli logit is the MLP decoder's output plus a linear function
 * of the {@code w} pixels before it in raster order:
 * <pre>
 *   logit_d(z, x) = MLP_dec(z)_d + Σ_{j = max(0, d−w)}^{d−1} x_j W_{jd}
 *   p(x | z) = Π_d Bernoulli(x_d | sigmoid(logit_d(z, x_{&lt;d})))
 * </pre>
 * Without z this is a fully visible sigmoid belief network (Frey 1998), a NADE without hidden units
 * (Larochelle &amp; Murray 2011); with z it is a PixelVAE-lite (Gulrajani et al. 2017); a short window (one or two
 * rows) is the local decoder of the Variational Lossy Autoencoder (Chen et al. 2017).
 *
 * <p>Training is teacher-forced: all D logits come from the true pixels in one matrix product, {@code θ += x W}
 * with W {@code [D, D]} zero outside the band {@code d − w ≤ j < d}, and ln p(x|z) is exact (the sum of the
 * Bernoulli terms, {@link Likelihood#BERNOULLI}). The mask is kept by construction: W starts at zero and its
 * gradient is masked, so Adam never moves an entry outside the band. Sampling is sequential, pixel by pixel
 * ({@link #sample}).
 *
 * <p>W is a {@code [D, D]} view into the VAE's flat parameter array, after the decoder's b4.
 */
public final class PixelAutoregression {
    private final int d, window;
    final INDArray w, gw;
    private final INDArray mask;

    PixelAutoregression(int d, int window, INDArray params, INDArray grads, long offset) {
        if (window < 1 || window > d - 1)
            throw new IllegalArgumentException("pixel window must be between 1 and D − 1 = " + (d - 1) + ", got " + window);
        this.d = d;
        this.window = window;
        w = view(params, offset, d);
        gw = view(grads, offset, d);
        double[] m = new double[d * d];
        for (int j = 0; j < d; j++) for (int k = 0; k < d; k++) if (sees(k, j, window)) m[j * d + k] = 1;
        mask = Nd4j.create(m, new long[]{d, d}, 'c').castTo(params.dataType());
    }

    /** Number of parameters: D·D (stored dense; only the band is ever non-zero). */
    static long size(int d) {
        return (long) d * d;
    }

    /** Whether the logit of pixel {@code d} reads pixel {@code j}: d − window ≤ j &lt; d. */
    public static boolean sees(int d, int j, int window) {
        return j < d && j >= d - window;
    }

    private static INDArray view(INDArray flat, long offset, int d) {
        DataBuffer buf = flat.data();
        return Nd4j.create(buf, new long[]{d, d}, new long[]{d, 1}, offset, 'c');
    }

    /** Pixels each logit can see before it (raster order). */
    public int window() {
        return window;
    }

    /** D, pixels per image. */
    public int dim() {
        return d;
    }

    /** The weights W {@code [D, D]} (row j = the pixel read, column d = the logit written); a live view. */
    public INDArray weights() {
        return w;
    }

    /**
     * Teacher forcing: θ ← θ + x W, every logit from the true previous pixels.
     *
     * @param x     {@code [n, D]} the images themselves (contiguous)
     * @param theta {@code [n, D]} the MLP decoder's logits, updated in place
     */
    void forward(INDArray x, INDArray theta) {
        // logit_d += Σ_{j<d, j≥d−w} x_j W_jd   (W is zero outside the band)
        Gemm.gemm(x, w, theta, false, false, 1.0, 1.0);
    }

    /**
     * Overwrites the gradient view of W with the gradient of the loss whose ∂/∂θ is {@code dTheta}:
     * <pre>
     *   ∂L/∂W = (xᵀ ∂L/∂θ) ⊙ mask
     * </pre>
     * No gradient flows into x: it is data.
     */
    void backward(INDArray x, INDArray dTheta) {
        Gemm.gemm(x, dTheta, gw, true, false, 1.0, 0.0);
        gw.muli(mask);
    }

    /**
     * Ancestral sampling, one pixel after the other:
     * <pre>
     *   for d = 0 … D−1:   p_d = sigmoid(base_d + Σ_{j=d−w}^{d−1} x_j W_jd),   x_d ~ Bernoulli(p_d)
     * </pre>
     *
     * @param base {@code [n][D]} the MLP decoder's logits MLP_dec(z)
     * @param rng  source of the Bernoulli draws
     * @return {@code [n][D]} sampled pixels in {0, 1}
     */
    double[][] sample(double[][] base, Random rng) {
        if (rng == null) throw new IllegalArgumentException("rng is null");
        return run(base, rng);
    }

    /**
     * The deterministic pixel-by-pixel path: every pixel is set to its probability given z and the pixels
     * already set, x̂_d = sigmoid(base_d + Σ_{j=d−w}^{d−1} x̂_j W_jd). A noise-free picture of what z tells the
     * decoder; not E[x|z] (that would average over sampled paths and has no closed form).
     */
    double[][] meanPath(double[][] base) {
        return run(base, null);
    }

    /** The sequential loop: rng == null feeds x_d = p_d, otherwise a draw x_d ~ Bernoulli(p_d). */
    private double[][] run(double[][] base, Random rng) {
        int n = base.length;
        for (double[] row : base)
            if (row.length != d) throw new IllegalArgumentException("decoder logits have " + row.length + " columns, expected D = " + d);
        // Wᵀ on the heap, the band of each logit contiguous: wt[k][j − from] = W_jk
        double[] flat = new double[d * d];
        OffHeap.get(w, flat);
        double[][] wt = new double[d][];
        for (int k = 0; k < d; k++) {
            int from = Math.max(0, k - window);
            wt[k] = new double[k - from];
            for (int j = from; j < k; j++) wt[k][j - from] = flat[j * d + k];
        }
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            double[] xi = x[i];
            for (int k = 0; k < d; k++) {
                int from = Math.max(0, k - window);
                double[] col = wt[k];
                // logit_k = base_k + Σ_{j=k−w}^{k−1} x_j W_jk
                double logit = base[i][k];
                for (int j = 0; j < col.length; j++) logit += xi[from + j] * col[j];
                // x_k = p = sigmoid(logit), or a draw x_k ~ Bernoulli(p)
                xi[k] = rng == null ? Likelihood.BERNOULLI.pixelMean(logit) : Likelihood.BERNOULLI.sample(logit, rng);
            }
        }
        return x;
    }
}
