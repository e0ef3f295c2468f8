package lecture7.vae;

import lecture7.compute.OffHeap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Random;

/**
 * The importance-sampled estimate of ln p(x) of a {@link Vae} (Burda et al. 2016), with q(z|x) as the proposal:
 * <pre>
 *   ln p(x) ≈ logsumexp_k [ln p(x|z_k) + ln p(z_k) − ln q(z_k|x)] − ln K,   z_k ~ q(z|x)
 * </pre>
 * a lower bound that rises with K towards ln p(x); K = 1 gives the single-sample ELBO. ln p(x|z) is the VAE's
 * {@link Likelihood#rowNegLogLikelihoods} (negated), so any likelihood is scored by its own formula.
 */
final class ImportanceSampling {
    private ImportanceSampling() {}

    /** Rows of (image, z) pairs decoded at once. */
    private static final int CHUNK = 1024;

    /** ln p(x) of each row of x ({@code [n, D]}, checked by the caller) with K draws per image from {@code seed}. */
    static LogLikelihood logLikelihood(Vae vae, INDArray x, int k, long seed) {
        if (k < 1) throw new IllegalArgumentException("K must be ≥ 1, got " + k);
        int n = (int) x.rows(), m = vae.config().latent();
        INDArray xc = Vae.contiguous(x);
        Encoding q = vae.encode(xc);
        double[] mu = q.mu().castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] ls = q.logStd().castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] logStdSum = new double[n];
        for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) logStdSum[i] += ls[i * m + j];
        Random rng = new Random(seed);
        double[] max = new double[n], acc = new double[n];
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        long total = (long) n * k;
        PixelAutoregression pixels = vae.autoregression();
        try (Vae.Chunks chunks = vae.new Chunks()) {
            for (long start = 0; start < total; start += CHUNK) {
                int c = (int) Math.min(CHUNK, total - start);
                Workspace b = chunks.workspace(c);
                int[] img = new int[c];
                double[] z = b.z, e2 = new double[c], z2 = new double[c], nll = new double[c];
                for (int r = 0; r < c; r++) {
                    int i = (int) ((start + r) / k);
                    img[r] = i;
                    for (int j = 0; j < m; j++) {
                        double e = rng.nextGaussian();
                        // z = μ + σ ε
                        double zz = mu[i * m + j] + Math.exp(ls[i * m + j]) * e;
                        z[r * m + j] = zz;
                        e2[r] += e * e;
                        z2[r] += zz * zz;
                    }
                }
                OffHeap.put(z, b.zNd);
                // the image of each row next to its z (dO is free scratch of [c, D] here)
                OffHeap.gatherRows(xc, img, 0, c, b.dO);
                vae.decoder().forward(b.zNd, b.h2, b.o, b.ones);
                if (pixels != null) pixels.forward(b.dO, b.o);
                // −ln p(x|z) of every row
                vae.config().likelihood().rowNegLogLikelihoods(b.dO, b.o, b.work, nll);
                for (int r = 0; r < c; r++) {
                    int i = img[r];
                    // ln w = ln p(x|z) + ln N(z|0,I) − ln N(z|μ,σ²) = −NLL − ½‖z‖² + Σ ln σ + ½‖ε‖²  (the ln 2π cancel)
                    double lw = -nll[r] - 0.5 * z2[r] + logStdSum[i] + 0.5 * e2[r];
                    // streaming log-sum-exp
                    if (lw > max[i]) {
                        acc[i] = acc[i] * Math.exp(max[i] - lw) + 1;
                        max[i] = lw;
                    } else {
                        acc[i] += Math.exp(lw - max[i]);
                    }
                }
            }
        }
        double[] est = new double[n];
        for (int i = 0; i < n; i++) est[i] = max[i] + Math.log(acc[i]) - Math.log(k);
        return LogLikelihood.of(est, k);
    }
}
