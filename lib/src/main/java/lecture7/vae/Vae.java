package lecture7.vae;

import lecture7.compute.OffHeap;
import lecture7.compute.Gemm;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The lecture's variational auto-encoder (slide "Vanilla VAE"), with the slide's bugs fixed:
 * <pre>
 *   encoder  x → Linear(D, 300) → ReLU → Linear(300, 2M) → (μ, ln σ)      (first M columns μ, last M ln σ)
 *   sample   z = μ + σ ⊙ ε,  ε ~ N(0, I)                                    (reparameterisation)
 *   decoder  z → Linear(M, 300) → ReLU → Linear(300, D) → θ(z)              (logits or Gaussian means)
 *   loss     −ELBO = −ln p(x | θ(z)) + KL(q(z|x) ‖ N(0, I))                 (nats per image)
 * </pre>
 * Forward and backward are written by hand with {@code Nd4j.gemm} into one flat parameter array
 * {@link #params()} and one flat gradient array {@link #gradients()} (layout: encoder W1, b1, W2, b2, then
 * decoder W3, b3, W4, b4, each row-major). Per-batch buffers are allocated once per batch size and reused.
 *
 * <p>The penalty is an {@link Objective} and the observation model a {@link Likelihood}, so β-VAE, MMD-VAE
 * and β-TCVAE reuse this class unchanged (see the package documentation). Kingma &amp; Welling 2014.
 *
 * <p>Not thread-safe: one VAE per thread.
 */
public final class Vae {
    private static final int CHUNK = 1024;
    private static final byte[] MAGIC = {'L', '7', 'V', 'A', 'E'};
    private static final byte VERSION = 1;
    /** Version 2 adds the pixel window after the seed (written only for autoregressive decoders). */
    private static final byte VERSION_AUTOREGRESSIVE = 2;

    private final VaeConfig config;
    private final int d, h, m;
    private final INDArray params, grads;
    private final Mlp encoder, decoder;
    private final PixelAutoregression pixels;
    private final Map<Integer, Buffers> buffers = new LinkedHashMap<>();

    /** A VAE with PyTorch's default initialisation of Linear layers, U(−1/√fan_in, 1/√fan_in), from {@code config.seed()}. */
    public Vae(VaeConfig config) {
        this.config = config;
        d = config.inputDim();
        h = config.hidden();
        m = config.latent();
        long p = config.numParams();
        params = Nd4j.create(config.dtype(), 1, p);
        grads = Nd4j.create(config.dtype(), 1, p);
        encoder = new Mlp(d, h, 2 * m, params, grads, 0);
        decoder = new Mlp(m, h, d, params, grads, Mlp.size(d, h, 2 * m));
        // autoregressive decoder: W after the MLPs, starting at zero (the decoder starts as the slide's)
        pixels = config.autoregressive()
                ? new PixelAutoregression(d, config.pixelWindow(), params, grads, Mlp.size(d, h, 2 * m) + Mlp.size(m, h, d)) : null;
        // java.util.Random, not ND4J's native generator: the latter gave different numbers in different JVM runs
        java.util.Random rng = new java.util.Random(config.seed());
        for (Mlp net : new Mlp[]{encoder, decoder}) {
            double b1 = 1 / Math.sqrt(net.in()), b2 = 1 / Math.sqrt(net.hidden());
            init(net.w1, b1, rng);
            init(net.b1, b1, rng);
            init(net.w2, b2, rng);
            init(net.b2, b2, rng);
        }
    }

    private static void init(INDArray view, double bound, java.util.Random rng) {
        double[] v = new double[(int) view.length()];
        for (int i = 0; i < v.length; i++) v[i] = bound * (2 * rng.nextDouble() - 1);
        OffHeap.put(v, view);
    }

    public VaeConfig config() {
        return config;
    }

    /** All weights and biases as one {@code [1, P]} array (live: an optimiser updates it in place). */
    public INDArray params() {
        return params;
    }

    /** The gradient of the last {@link #computeGradient} call, same layout as {@link #params()} (live). */
    public INDArray gradients() {
        return grads;
    }

    /** The encoder network D → H → 2M (its weight views live in {@link #params()}). */
    public Mlp encoder() {
        return encoder;
    }

    /** The decoder network M → H → D. */
    public Mlp decoder() {
        return decoder;
    }

    /** The autoregressive part of the decoder, or null for the slide's decoder (pixels independent given z). */
    public PixelAutoregression autoregression() {
        return pixels;
    }

    /** {offset, length} of the four bias blocks in {@link #params()} (b1, b2 of the encoder, b3, b4 of the decoder). */
    long[][] biasRanges() {
        long e = Mlp.size(d, h, 2 * m);
        return new long[][]{{(long) d * h, h}, {(long) d * h + h + (long) h * 2 * m, 2 * m},
                {e + (long) m * h, h}, {e + (long) m * h + h + (long) h * d, d}};
    }

    /** Number of parameters P. */
    public long numParams() {
        return params.length();
    }

    // ------------------------------------------------------------------ encode / decode / sample

    /** q(z|x) for each row: μ and ln σ, {@code [n, M]} each. x is {@code [n, D]}. */
    public Encoding encode(INDArray x) {
        checkX(x, "x");
        int n = (int) x.rows();
        INDArray mu = Nd4j.create(config.dtype(), n, m), logStd = Nd4j.create(config.dtype(), n, m);
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            Buffers b = buffers(to - from);
            encoder.forward(contiguous(rows(x, from, to)), b.h1, b.e, b.ones);
            rows(mu, from, to).assign(b.e.get(NDArrayIndex.all(), NDArrayIndex.interval(0, m)));
            rows(logStd, from, to).assign(b.e.get(NDArrayIndex.all(), NDArrayIndex.interval(m, 2 * m)));
        }
        return new Encoding(mu, logStd);
    }

    /**
     * The decoder's raw output θ(z) (logits for Bernoulli, means for Gaussian), {@code [n, D]}. z is {@code [n, M]}.
     * For an autoregressive decoder each logit also needs the previous pixels: use {@link #decode(INDArray, INDArray)}
     * or {@link #generate}.
     */
    public INDArray decode(INDArray z) {
        if (pixels != null)
            throw new IllegalStateException("this VAE's decoder is autoregressive (pixel window " + pixels.window()
                    + "): a pixel's logit needs the pixels before it; use decode(z, x) for the logits given x, or generate(z, seed) to sample");
        return mlpDecode(z);
    }

    /**
     * Teacher-forced logits of an autoregressive decoder, {@code [n, D]}: logit_d = MLP_dec(z)_d + Σ_{j&lt;d} x_j W_jd
     * (the same as {@link #decode(INDArray)} for the slide's decoder). z is {@code [n, M]}, x {@code [n, D]}.
     */
    public INDArray decode(INDArray z, INDArray x) {
        INDArray theta = mlpDecode(z);
        checkX(x, "x");
        if (x.rows() != z.rows()) throw new IllegalArgumentException("z has " + z.rows() + " rows but x has " + x.rows());
        if (pixels != null) pixels.forward(contiguous(x), theta);
        return theta;
    }

    /**
     * One draw x ~ p(x | z) per row of z ({@code [n, M]}), {@code [n, D]} pixels in {0, 1} (Bernoulli) or
     * θ(z) + N(0, I) noise (Gaussian). An autoregressive decoder draws pixel by pixel in raster order
     * ({@link PixelAutoregression#sample}); same seed, same images.
     */
    public INDArray generate(INDArray z, long seed) {
        INDArray theta = mlpDecode(z);
        int n = (int) theta.rows();
        double[][] base = theta.castTo(DataType.DOUBLE).toDoubleMatrix();
        java.util.Random rng = new java.util.Random(seed);
        double[][] x;
        if (pixels != null) {
            x = pixels.sample(base, rng);
        } else {
            x = new double[n][d];
            for (int i = 0; i < n; i++)
                for (int k = 0; k < d; k++) {
                    double t = base[i][k];
                    if (config.likelihood() == Likelihood.BERNOULLI) {
                        // x ~ Bernoulli(sigmoid(θ))
                        double p = t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
                        x[i][k] = rng.nextDouble() < p ? 1 : 0;
                    } else {
                        // x ~ N(θ, 1)
                        x[i][k] = t + rng.nextGaussian();
                    }
                }
        }
        return Nd4j.createFromArray(x).castTo(config.dtype());
    }

    private INDArray mlpDecode(INDArray z) {
        checkZ(z);
        int n = (int) z.rows();
        INDArray out = Nd4j.create(config.dtype(), n, d);
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            Buffers b = buffers(to - from);
            decoder.forward(contiguous(rows(z, from, to)), b.h2, b.o, b.ones);
            rows(out, from, to).assign(b.o);
        }
        return out;
    }

    /**
     * E[x | z]: pixel probabilities (Bernoulli) or means (Gaussian), {@code [n, D]}. For an autoregressive
     * decoder, which has no closed-form E[x|z], the deterministic pixel-by-pixel path
     * x̂_d = P(x_d = 1 | z, x̂_{&lt;d}) ({@link PixelAutoregression#meanPath}); {@link #generate} draws instead.
     */
    public INDArray decodeMean(INDArray z) {
        if (pixels == null) return config.likelihood().mean(decode(z));
        double[][] base = mlpDecode(z).castTo(DataType.DOUBLE).toDoubleMatrix();
        return Nd4j.createFromArray(pixels.meanPath(base)).castTo(config.dtype());
    }

    /** E[x | z = μ(x)]: the reconstruction of each row of x through the posterior mean, {@code [n, D]}. */
    public INDArray reconstruct(INDArray x) {
        return decodeMean(encode(x).mu());
    }

    /** One draw x' ~ p(x | z = μ(x)) for each row of x, {@code [n, D]} (pixel by pixel for an autoregressive decoder). */
    public INDArray reconstruct(INDArray x, long seed) {
        return generate(encode(x).mu(), seed);
    }

    /** n images decoded from z ~ N(0, I) (the prior) with {@link #decodeMean}, {@code [n, D]}. */
    public INDArray sample(int n, long seed) {
        if (n < 1) throw new IllegalArgumentException("number of samples must be ≥ 1, got " + n);
        return decodeMean(prior(n, seed));
    }

    /** n draws z ~ N(0, I), {@code [n, M]}. */
    public INDArray prior(int n, long seed) {
        INDArray z = Nd4j.create(config.dtype(), n, m);
        java.util.Random rng = new java.util.Random(seed);
        double[] v = new double[n * m];
        for (int i = 0; i < v.length; i++) v[i] = rng.nextGaussian();
        OffHeap.put(v, z);
        return z;
    }

    /** k draws z = μ + σ ⊙ ε from q(z|x) of a single image x ({@code [1, D]} or {@code [D]}), {@code [k, M]}. */
    public INDArray posteriorSamples(INDArray x, int k, long seed) {
        if (k < 1) throw new IllegalArgumentException("number of samples must be ≥ 1, got " + k);
        INDArray row = x.rank() == 1 ? x.reshape(1, x.length()) : x;
        if (row.rows() != 1) throw new IllegalArgumentException("posteriorSamples takes one image, got " + row.rows() + " rows");
        Encoding q = encode(row);
        INDArray eps = prior(k, seed);
        return eps.mulRowVector(q.std()).addiRowVector(q.mu());
    }

    // ------------------------------------------------------------------ loss and gradient

    /** Loss and gradient for a batch with fresh ε ~ N(0, I) from {@code rng}; the gradient lands in {@link #gradients()}. */
    public Loss computeGradient(INDArray x, Objective objective, java.util.Random rng) {
        checkX(x, "x");
        return computeGradientUnchecked(x, objective, rng);
    }

    /** As {@link #computeGradient(INDArray, Objective, java.util.Random)} for data already checked (the trainer's hot loop). */
    Loss computeGradientUnchecked(INDArray x, Objective objective, java.util.Random rng) {
        Buffers b = buffers((int) x.rows());
        for (int i = 0; i < b.eps.length; i++) b.eps[i] = rng.nextGaussian();
        return pass(x, b, objective, true);
    }

    /** Loss and gradient for a batch with a given ε ({@code [n, M]}): deterministic, for tests. */
    public Loss computeGradient(INDArray x, INDArray eps, Objective objective) {
        checkX(x, "x");
        Buffers b = buffers((int) x.rows());
        setEps(b, eps);
        return pass(x, b, objective, true);
    }

    /** The loss only, for a given ε ({@code [n, M]}). */
    public Loss loss(INDArray x, INDArray eps, Objective objective) {
        checkX(x, "x");
        Buffers b = buffers((int) x.rows());
        setEps(b, eps);
        return pass(x, b, objective, false);
    }

    private void setEps(Buffers b, INDArray eps) {
        if (eps.rank() != 2 || eps.rows() != b.n || eps.columns() != m)
            throw new IllegalArgumentException("eps has shape " + Arrays.toString(eps.shape()) + ", expected [" + b.n + ", " + m + "]");
        double[] e = eps.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        System.arraycopy(e, 0, b.eps, 0, e.length);
    }

    /**
     * The loss on a data set (nats per image), one ε per image from {@code seed}, in chunks; no gradient.
     * With {@link Objective#ANALYTIC_KL} this is the test −ELBO.
     */
    public Loss evaluate(INDArray x, Objective objective, long seed) {
        checkX(x, "x");
        java.util.Random rng = new java.util.Random(seed);
        int n = (int) x.rows();
        double tot = 0, rec = 0, reg = 0;
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            Buffers b = buffers(to - from);
            for (int i = 0; i < b.eps.length; i++) b.eps[i] = rng.nextGaussian();
            INDArray xs = rows(x, from, to);
            if (!OffHeap.contiguous(xs)) xs = xs.dup('c');
            Loss l = pass(xs, b, objective, false);
            tot += l.total() * (to - from);
            rec += l.reconstruction() * (to - from);
            reg += l.regularizer() * (to - from);
        }
        return new Loss(tot / n, rec / n, reg / n);
    }

    /**
     * Forward (and backward) pass on buffers b whose ε is filled. x is contiguous {@code [n, D]}. The small
     * latent part (n·M numbers) runs on Java arrays; built-in objectives ({@link HeapPenalty}) stay there, any
     * other objective sees the same numbers as ND4J arrays.
     */
    private Loss pass(INDArray x, Buffers b, Objective objective, boolean backward) {
        int n = b.n;
        // encoder: e = [μ | ln σ]
        encoder.forward(x, b.h1, b.e, b.ones);
        OffHeap.get(b.e, b.eHeap);
        double[] mu = b.mu, ls = b.ls, std = b.std, eps = b.eps, z = b.z;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++) {
                int k = i * m + j;
                mu[k] = b.eHeap[i * 2 * m + j];
                ls[k] = b.eHeap[i * 2 * m + m + j];
                // σ = exp(ln σ);  z = μ + σ ⊙ ε
                std[k] = Math.exp(ls[k]);
                z[k] = mu[k] + std[k] * eps[k];
            }
        OffHeap.put(z, b.zNd);
        HeapPenalty heap = objective instanceof HeapPenalty hp ? hp : null;
        if (heap == null) b.latentsToNd4j();
        // decoder: θ = dec(z)
        decoder.forward(b.zNd, b.h2, b.o, b.ones);
        // autoregressive decoder: θ += x W (teacher forcing, the true previous pixels)
        if (pixels != null) pixels.forward(x, b.o);
        // RE = −ln p(x | θ(z)) summed over pixels, averaged over the batch; dO = ∂RE/∂θ
        double rec = config.likelihood().negLogLikelihood(x, b.o, backward ? b.dO : null, 1.0 / n, b.work) / n;
        if (!backward) {
            double reg = heap != null ? heap.penalty(n, mu, ls, std, eps, z, null, null, null) : objective.penalty(b.latents, null);
            return new Loss(rec + reg, rec, reg);
        }
        decoder.backward(b.zNd, b.h2, b.dO, b.dH2, b.ones, b.dZNd);
        if (pixels != null) pixels.backward(x, b.dO);
        double reg;
        double[] dMu = b.dMu, dLs = b.dLs, dZ = b.dZ;
        if (heap != null) {
            OffHeap.get(b.dZNd, dZ);
            Arrays.fill(dMu, 0);
            Arrays.fill(dLs, 0);
            reg = heap.penalty(n, mu, ls, std, eps, z, dMu, dLs, dZ);
        } else {
            b.dMuNd.assign(0);
            b.dLsNd.assign(0);
            reg = objective.penalty(b.latents, b.latentGrads);
            OffHeap.get(b.dMuNd, dMu);
            OffHeap.get(b.dLsNd, dLs);
            OffHeap.get(b.dZNd, dZ);
        }
        // chain rule through z = μ + σ ⊙ ε:  dμ += dz,  d ln σ += dz ⊙ σ ⊙ ε
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++) {
                int k = i * m + j;
                b.eHeap[i * 2 * m + j] = dMu[k] + dZ[k];
                b.eHeap[i * 2 * m + m + j] = dLs[k] + dZ[k] * std[k] * eps[k];
            }
        OffHeap.put(b.eHeap, b.dE);
        encoder.backward(x, b.h1, b.dE, b.dH1, b.ones, null);
        return new Loss(rec + reg, rec, reg);
    }

    // ------------------------------------------------------------------ importance-sampled log-likelihood

    /**
     * Importance-sampled ln p(x) of each row of x with K samples from q(z|x) (Burda et al. 2016):
     * <pre>
     *   ln p(x) ≈ logsumexp_k [ln p(x|z_k) + ln p(z_k) − ln q(z_k|x)] − ln K
     * </pre>
     * a lower bound that rises with K towards ln p(x); K = 1 gives the single-sample ELBO.
     */
    public LogLikelihood logLikelihood(INDArray x, int k, long seed) {
        checkX(x, "x");
        if (k < 1) throw new IllegalArgumentException("K must be ≥ 1, got " + k);
        int n = (int) x.rows();
        INDArray xc = contiguous(x);
        Encoding q = encode(xc);
        double[] mu = q.mu().castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] ls = q.logStd().castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] logStdSum = new double[n];
        for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) logStdSum[i] += ls[i * m + j];
        java.util.Random rng = new java.util.Random(seed);
        double[] max = new double[n], acc = new double[n];
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        long total = (long) n * k;
        INDArray onesD = Nd4j.ones(config.dtype(), d, 1);
        for (long start = 0; start < total; start += CHUNK) {
            int c = (int) Math.min(CHUNK, total - start);
            Buffers b = buffers(c);
            int[] img = new int[c];
            double[] z = b.z, e2 = new double[c], z2 = new double[c];
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
            OffHeap.gatherRows(xc, img, 0, c, b.dO);
            decoder.forward(b.zNd, b.h2, b.o, b.ones);
            if (pixels != null) pixels.forward(b.dO, b.o);
            if (config.likelihood() == Likelihood.BERNOULLI) bernoulliRows(b.dO, b.o, b.work);
            else gaussianRows(b.dO, b.o, b.work);
            // per-row sums as one matrix-vector product: NLL = work · 1
            INDArray nll = Nd4j.create(config.dtype(), c, 1);
            Gemm.gemm(b.work, onesD, nll, false, false, 1.0, 0.0);
            double[] nllD = nll.castTo(DataType.DOUBLE).data().asDouble();
            for (int r = 0; r < c; r++) {
                int i = img[r];
                // ln w = ln p(x|z) + ln N(z|0,I) − ln N(z|μ,σ²) = −NLL − ½‖z‖² + Σ ln σ + ½‖ε‖²  (the ln 2π cancel)
                double lw = -nllD[r] - 0.5 * z2[r] + logStdSum[i] + 0.5 * e2[r];
                // streaming log-sum-exp
                if (lw > max[i]) {
                    acc[i] = acc[i] * Math.exp(max[i] - lw) + 1;
                    max[i] = lw;
                } else {
                    acc[i] += Math.exp(lw - max[i]);
                }
            }
        }
        double[] est = new double[n];
        for (int i = 0; i < n; i++) est[i] = max[i] + Math.log(acc[i]) - Math.log(k);
        return LogLikelihood.of(est, k);
    }

    /** work ← max(θ,0) − xθ + ln(1 + e^{−|θ|}) element-wise (θ is overwritten). */
    private static void bernoulliRows(INDArray x, INDArray theta, INDArray work) {
        Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.transforms.same.Abs(theta, work));
        Transforms.log1p(Transforms.exp(work.negi(), false), false);
        work.addi(Transforms.relu(theta.dup(), false));
        work.subi(theta.muli(x));
    }

    /** work ← ½ (x − θ)² + ½ ln 2π element-wise. */
    private static void gaussianRows(INDArray x, INDArray theta, INDArray work) {
        work.assign(theta).subi(x);
        work.muli(work).muli(0.5).addi(0.5 * Math.log(2 * Math.PI));
    }

    // ------------------------------------------------------------------ checkpoints

    /**
     * Writes config and parameters to {@code file} atomically (a temporary file in the same folder, then a
     * rename), with a CRC-32 so that truncated or corrupt files are detected on {@link #load}.
     */
    public void save(Path file) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeByte(pixels != null ? VERSION_AUTOREGRESSIVE : VERSION);
            out.writeUTF(config.likelihood().name());
            out.writeInt(d);
            out.writeInt(h);
            out.writeInt(m);
            out.writeByte(config.dtype() == DataType.DOUBLE ? 1 : 0);
            out.writeLong(config.seed());
            if (pixels != null) out.writeInt(config.pixelWindow());
            out.writeLong(params.length());
            if (config.dtype() == DataType.DOUBLE) for (double v : params.toDoubleVector()) out.writeDouble(v);
            else for (float v : params.toFloatVector()) out.writeFloat(v);
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
            out.flush();
            Path abs = file.toAbsolutePath();
            if (abs.getParent() != null) Files.createDirectories(abs.getParent());
            Path tmp = Files.createTempFile(abs.getParent(), abs.getFileName().toString(), ".tmp");
            try {
                Files.write(tmp, bytes.toByteArray());
                try {
                    Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new CheckpointException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a checkpoint written by {@link #save}; a missing, foreign, truncated or corrupt file raises a {@link CheckpointException}. */
    public static Vae load(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException("checkpoint " + file + " does not exist");
        } catch (IOException e) {
            throw new CheckpointException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
        ByteBuffer buf = ByteBuffer.wrap(all);
        if (all.length < MAGIC.length + 1 || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC))
            throw new CheckpointException(file + " is not a VAE checkpoint (it does not start with 'L7VAE')");
        try {
            buf.position(MAGIC.length);
            byte version = buf.get();
            if (version != VERSION && version != VERSION_AUTOREGRESSIVE)
                throw new CheckpointException(file + " has checkpoint version " + version + ", this kit reads versions " + VERSION + " and " + VERSION_AUTOREGRESSIVE);
            int nameLen = buf.getShort() & 0xFFFF;
            byte[] name = new byte[nameLen];
            buf.get(name);
            Likelihood lik = Likelihood.byName(new String(name, java.nio.charset.StandardCharsets.UTF_8));
            int dd = buf.getInt(), hh = buf.getInt(), mm = buf.getInt();
            DataType dt = buf.get() == 1 ? DataType.DOUBLE : DataType.FLOAT;
            long seed = buf.getLong();
            int window = version == VERSION_AUTOREGRESSIVE ? buf.getInt() : 0;
            long p = buf.getLong();
            VaeConfig cfg = new VaeConfig(dd, hh, mm, lik, dt, seed, window);
            if (p != cfg.numParams())
                throw new CheckpointException(file + " stores " + p + " parameters but its sizes D=" + dd + ", H=" + hh + ", M=" + mm + " need " + cfg.numParams());
            int width = dt == DataType.DOUBLE ? 8 : 4;
            long expected = buf.position() + p * width + 8;
            if (all.length < expected)
                throw new CheckpointException(file + " is truncated: " + all.length + " bytes, a checkpoint of this size has " + expected);
            if (all.length > expected)
                throw new CheckpointException(file + " has " + (all.length - expected) + " unexpected trailing bytes");
            CRC32 crc = new CRC32();
            crc.update(all, 0, (int) (expected - 8));
            if (crc.getValue() != ByteBuffer.wrap(all, (int) (expected - 8), 8).getLong())
                throw new CheckpointException(file + " is corrupt: its CRC-32 does not match its contents");
            Vae vae = new Vae(cfg);
            if (dt == DataType.DOUBLE) {
                double[] v = new double[(int) p];
                buf.asDoubleBuffer().get(v);
                vae.params.assign(Nd4j.createFromArray(v).reshape(1, p));
            } else {
                float[] v = new float[(int) p];
                buf.asFloatBuffer().get(v);
                vae.params.assign(Nd4j.createFromArray(v).reshape(1, p));
            }
            return vae;
        } catch (java.nio.BufferUnderflowException e) {
            throw new CheckpointException(file + " is truncated: its header ends early (" + all.length + " bytes)");
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file + " has an invalid header: " + e.getMessage(), e);
        }
    }

    /** Copies the parameters of {@code other} (same sizes) into this VAE. */
    public void copyParamsFrom(Vae other) {
        if (other.numParams() != numParams())
            throw new IllegalArgumentException("the other VAE has " + other.numParams() + " parameters, this one " + numParams());
        params.assign(other.params);
    }

    // ------------------------------------------------------------------ checks and buffers

    /** Throws unless x is {@code [n, D]} with n ≥ 1 and finite entries. */
    void checkX(INDArray x, String name) {
        if (x == null) throw new IllegalArgumentException(name + " is null");
        if (x.rank() != 2 || x.columns() != d)
            throw new IllegalArgumentException(name + " has shape " + Arrays.toString(x.shape()) + ", the encoder expects [n, " + d + "]"
                    + (d == 784 ? " (28×28 MNIST pixels)" : ""));
        if (x.rows() < 1) throw new IllegalArgumentException(name + " has no rows");
        if (x.dataType() != config.dtype())
            throw new IllegalArgumentException(name + " is " + x.dataType() + " but the VAE is " + config.dtype() + " (use x.castTo(DataType." + config.dtype() + "))");
        double s = x.sumNumber().doubleValue();
        if (!Double.isFinite(s)) throw new IllegalArgumentException(name + " " + Arrays.toString(x.shape()) + " contains NaN or infinite values"
                + firstBadRow(x));
    }

    private static String firstBadRow(INDArray x) {
        for (int r = 0; r < x.rows(); r++) if (!Double.isFinite(x.getRow(r).sumNumber().doubleValue())) return " (first in row " + r + ")";
        return "";
    }

    private void checkZ(INDArray z) {
        if (z == null) throw new IllegalArgumentException("z is null");
        if (z.rank() != 2 || z.columns() != m || z.rows() < 1)
            throw new IllegalArgumentException("z has shape " + Arrays.toString(z.shape()) + ", the decoder expects [n, " + m + "] (M = " + m + ")");
        if (z.dataType() != config.dtype())
            throw new IllegalArgumentException("z is " + z.dataType() + " but the VAE is " + config.dtype());
    }

    private static void checkShape(INDArray a, long[] shape, String name) {
        if (!Arrays.equals(a.shape(), shape))
            throw new IllegalArgumentException(name + " has shape " + Arrays.toString(a.shape()) + ", expected " + Arrays.toString(shape));
    }

    private static INDArray rows(INDArray a, int from, int to) {
        if (from == 0 && to == a.rows()) return a;
        return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    private static INDArray contiguous(INDArray a) {
        return OffHeap.contiguous(a) && a.ordering() == 'c' ? a : a.dup('c');
    }

    private Buffers buffers(int n) {
        Buffers b = buffers.get(n);
        if (b == null) {
            if (buffers.size() >= 4) buffers.remove(buffers.keySet().iterator().next());
            b = new Buffers(n);
            buffers.put(n, b);
        }
        return b;
    }

    /** Preallocated per-batch arrays for batch size n. */
    private final class Buffers {
        final int n;
        final INDArray h1, e, h2, o, dO, work, dH2, dE, dH1, ones;
        final INDArray muNd, lsNd, stdNd, epsNd, zNd, dMuNd, dLsNd, dZNd;
        final double[] eHeap, mu, ls, std, eps, z, dMu, dLs, dZ;
        final Latents latents;
        final LatentGradients latentGrads;

        Buffers(int n) {
            this.n = n;
            DataType t = config.dtype();
            h1 = Nd4j.create(t, n, h);
            e = Nd4j.create(t, n, 2 * m);
            h2 = Nd4j.create(t, n, h);
            o = Nd4j.create(t, n, d);
            dO = Nd4j.create(t, n, d);
            work = Nd4j.create(t, n, d);
            dH2 = Nd4j.create(t, n, h);
            dE = Nd4j.create(t, n, 2 * m);
            dH1 = Nd4j.create(t, n, h);
            ones = Nd4j.ones(t, n, 1);
            muNd = Nd4j.create(t, n, m);
            lsNd = Nd4j.create(t, n, m);
            stdNd = Nd4j.create(t, n, m);
            epsNd = Nd4j.create(t, n, m);
            zNd = Nd4j.create(t, n, m);
            dMuNd = Nd4j.create(t, n, m);
            dLsNd = Nd4j.create(t, n, m);
            dZNd = Nd4j.create(t, n, m);
            eHeap = new double[n * 2 * m];
            mu = new double[n * m];
            ls = new double[n * m];
            std = new double[n * m];
            eps = new double[n * m];
            z = new double[n * m];
            dMu = new double[n * m];
            dLs = new double[n * m];
            dZ = new double[n * m];
            latents = new Latents(muNd, lsNd, stdNd, epsNd, zNd);
            latentGrads = new LatentGradients(dMuNd, dLsNd, dZNd);
        }

        /** Copies μ, ln σ, σ, ε to their ND4J arrays for an objective that reads ND4J arrays (z is there already). */
        void latentsToNd4j() {
            OffHeap.put(mu, muNd);
            OffHeap.put(ls, lsNd);
            OffHeap.put(std, stdNd);
            OffHeap.put(eps, epsNd);
        }
    }
}
