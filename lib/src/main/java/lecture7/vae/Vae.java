package lecture7.vae;

import lecture7.compute.Inputs;
import lecture7.compute.OffHeap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The lecture's variational auto-encoder (slide "Vanilla VAE"), with the slide's bugs fixed:
 * <pre>
 *   encoder  x → Linear(D, 300) → ReLU → Linear(300, 2M) → (μ, ln σ)      (first M columns μ, last M ln σ)
 *   sample   z = μ + σ ⊙ ε,  ε ~ N(0, I)                                    (reparameterisation)
 *   decoder  z → Linear(M, 300) → ReLU → Linear(300, D) → θ(z)              (logits or Gaussian means)
 *   loss     −ELBO = −ln p(x | θ(z)) + KL(q(z|x) ‖ N(0, I))                 (nats per image)
 * </pre>
 * All weights live in one flat parameter array {@link #params()} and their gradient in one flat array
 * {@link #gradients()} (layout: encoder W1, b1, W2, b2, then decoder W3, b3, W4, b4, then the autoregressive W if
 * any, each row-major); the two {@link Mlp}s are views into them. This class is the model — initialisation,
 * encoding, decoding, sampling; the hand-written backward pass is {@link Backprop}, the importance-sampled
 * ln p(x) {@link ImportanceSampling}, the file format {@link Checkpoints}. Per-batch arrays ({@link Workspace})
 * are allocated once per batch size and reused; the larger ones of an evaluation over many images (chunks of up to
 * 1 024 rows) are freed when the call returns ({@link Chunks}), so that a notebook holding many trained models does
 * not hold their evaluation arrays too.
 *
 * <p>The penalty is an {@link Objective} and the observation model a {@link Likelihood}, so β-VAE, MMD-VAE
 * and β-TCVAE reuse this class unchanged (see the package documentation). Kingma &amp; Welling 2014.
 *
 * <p>Not thread-safe: one VAE per thread.
 */
public final class Vae {
    private static final int CHUNK = 1024;
    /**
     * Workspaces of up to this many rows (training batches, a tracker's few images) are kept between calls; larger
     * ones live for one evaluation call. Measured, notebook 04 in full mode: each model kept the 1 024- and 976-row
     * workspaces of its 2 000-image evaluations (~28 MB) until the kernel stopped; freeing them lowered the kernel's
     * peak from 1.24 to 1.10 GiB (512 MiB heap), same numbers.
     */
    static final int KEEP_ROWS = 256;

    private final VaeConfig config;
    private final int d, h, m;
    private final INDArray params, grads;
    private final Mlp encoder, decoder;
    private final PixelAutoregression pixels;
    private final Map<Integer, Workspace> workspaces = new LinkedHashMap<>();
    private final Map<Integer, Shards> shards = new LinkedHashMap<>();

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
        // Random, not ND4J's native generator: the latter gave different numbers in different JVM runs
        Random rng = new Random(config.seed());
        for (Mlp net : new Mlp[]{encoder, decoder}) {
            double b1 = 1 / Math.sqrt(net.in()), b2 = 1 / Math.sqrt(net.hidden());
            init(net.w1, b1, rng);
            init(net.b1, b1, rng);
            init(net.w2, b2, rng);
            init(net.b2, b2, rng);
        }
    }

    private static void init(INDArray view, double bound, Random rng) {
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
        try (Chunks chunks = new Chunks()) {
            for (int from = 0; from < n; from += CHUNK) {
                int to = Math.min(n, from + CHUNK);
                Workspace b = chunks.workspace(to - from);
                encoder.forward(contiguous(rows(x, from, to)), b.h1, b.e, b.ones);
                rows(mu, from, to).assign(b.e.get(NDArrayIndex.all(), NDArrayIndex.interval(0, m)));
                rows(logStd, from, to).assign(b.e.get(NDArrayIndex.all(), NDArrayIndex.interval(m, 2 * m)));
            }
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
     * One draw x ~ p(x | z) per row of z ({@code [n, M]}), {@code [n, D]}, from the likelihood's
     * {@link Likelihood#sample} (pixels in {0, 1} for Bernoulli, θ(z) + N(0, I) noise for Gaussian). An autoregressive decoder draws pixel by pixel in raster order
     * ({@link PixelAutoregression#sample}); same seed, same images.
     */
    public INDArray generate(INDArray z, long seed) {
        INDArray theta = mlpDecode(z);
        int n = (int) theta.rows();
        double[][] base = theta.castTo(DataType.DOUBLE).toDoubleMatrix();
        Random rng = new Random(seed);
        double[][] x;
        if (pixels != null) {
            x = pixels.sample(base, rng);
        } else {
            // x_ik ~ p(x | θ_ik), pixel by pixel in raster order
            Likelihood lik = config.likelihood();
            x = new double[n][d];
            for (int i = 0; i < n; i++) for (int k = 0; k < d; k++) x[i][k] = lik.sample(base[i][k], rng);
        }
        return Nd4j.createFromArray(x).castTo(config.dtype());
    }

    private INDArray mlpDecode(INDArray z) {
        checkZ(z);
        int n = (int) z.rows();
        INDArray out = Nd4j.create(config.dtype(), n, d);
        try (Chunks chunks = new Chunks()) {
            for (int from = 0; from < n; from += CHUNK) {
                int to = Math.min(n, from + CHUNK);
                Workspace b = chunks.workspace(to - from);
                decoder.forward(contiguous(rows(z, from, to)), b.h2, b.o, b.ones);
                rows(out, from, to).assign(b.o);
            }
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
        Random rng = new Random(seed);
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
    public Loss computeGradient(INDArray x, Objective objective, Random rng) {
        checkX(x, "x");
        return computeGradientUnchecked(x, objective, rng);
    }

    /** As {@link #computeGradient(INDArray, Objective, Random)} for data already checked. */
    Loss computeGradientUnchecked(INDArray x, Objective objective, Random rng) {
        Workspace b = workspace((int) x.rows());
        for (int i = 0; i < b.eps.length; i++) b.eps[i] = rng.nextGaussian();
        return pass(x, b, objective, true);
    }

    /**
     * The trainer's hot loop: as {@link #computeGradientUnchecked}, but the gradient is left in parts (the shards of
     * the batch, {@link #gradientParts()}) whose sum in part order is the gradient; the optimiser adds them as it
     * updates, and stores the sum in {@link #gradients()}.
     */
    Loss computeGradientInParts(INDArray x, Objective objective, Random rng) {
        Workspace b = workspace((int) x.rows());
        for (int i = 0; i < b.eps.length; i++) b.eps[i] = rng.nextGaussian();
        if (pixels != null) {
            parts = new INDArray[]{grads};
            return Backprop.pass(this, x, b, objective, true);
        }
        Shards sh = shards(b.n);
        parts = sh.grads;
        return Backprop.passSharded(this, x, b, sh, objective, false);
    }

    private INDArray[] parts;

    /** The parts of the last {@link #computeGradientInParts} gradient (the first is {@link #gradients()}). */
    INDArray[] gradientParts() {
        return parts;
    }

    /** Loss and gradient for a batch with a given ε ({@code [n, M]}): deterministic, for tests. */
    public Loss computeGradient(INDArray x, INDArray eps, Objective objective) {
        checkX(x, "x");
        Workspace b = workspace((int) x.rows());
        setEps(b, eps);
        return pass(x, b, objective, true);
    }

    /** The loss only, for a given ε ({@code [n, M]}). */
    public Loss loss(INDArray x, INDArray eps, Objective objective) {
        checkX(x, "x");
        Workspace b = workspace((int) x.rows());
        setEps(b, eps);
        return pass(x, b, objective, false);
    }

    private void setEps(Workspace b, INDArray eps) {
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
        Random rng = new Random(seed);
        int n = (int) x.rows();
        double tot = 0, rec = 0, reg = 0;
        try (Chunks chunks = new Chunks()) {
            for (int from = 0; from < n; from += CHUNK) {
                int to = Math.min(n, from + CHUNK);
                Workspace b = chunks.workspace(to - from);
                for (int i = 0; i < b.eps.length; i++) b.eps[i] = rng.nextGaussian();
                INDArray xs = rows(x, from, to);
                if (!OffHeap.contiguous(xs)) xs = xs.dup('c');
                Loss l = pass(xs, b, objective, false);
                tot += l.total() * (to - from);
                rec += l.reconstruction() * (to - from);
                reg += l.regularizer() * (to - from);
            }
        }
        return new Loss(tot / n, rec / n, reg / n);
    }

    /**
     * A gradient pass runs shard by shard ({@link Shards}, on {@link lecture7.compute.Parallel}'s threads; the same bits
     * on any number of threads), except for the autoregressive decoder; a loss-only pass runs whole.
     */
    private Loss pass(INDArray x, Workspace b, Objective objective, boolean backward) {
        if (backward && pixels == null) return Backprop.passSharded(this, x, b, shards(b.n), objective, true);
        return Backprop.pass(this, x, b, objective, backward);
    }

    private Shards shards(int n) {
        Shards s = shards.get(n);
        if (s == null) {
            if (shards.size() >= 2) shards.remove(shards.keySet().iterator().next());
            s = new Shards(this, n);
            shards.put(n, s);
        }
        return s;
    }

    // ------------------------------------------------------------------ importance-sampled log-likelihood

    /**
     * Importance-sampled ln p(x) of each row of x with K samples from q(z|x) (Burda et al. 2016):
     * <pre>
     *   ln p(x) ≈ logsumexp_k [ln p(x|z_k) + ln p(z_k) − ln q(z_k|x)] − ln K
     * </pre>
     * a lower bound that rises with K towards ln p(x); K = 1 gives the single-sample ELBO ({@link ImportanceSampling}).
     */
    public LogLikelihood logLikelihood(INDArray x, int k, long seed) {
        checkX(x, "x");
        return ImportanceSampling.logLikelihood(this, x, k, seed);
    }

    // ------------------------------------------------------------------ checkpoints

    /**
     * Writes config and parameters to {@code file} atomically (a temporary file in the same folder, then a
     * rename), with a CRC-32 so that truncated or corrupt files are detected on {@link #load} ({@link Checkpoints}).
     */
    public void save(Path file) {
        Checkpoints.save(this, file);
    }

    /** Reads a checkpoint written by {@link #save}; a missing, foreign, truncated or corrupt file raises a {@link CheckpointException}. */
    public static Vae load(Path file) {
        return Checkpoints.load(file);
    }

    /** As {@link #load(Path)} for a VAE whose likelihood is not built in: pass it (it is found by {@link Likelihood#name()}). */
    public static Vae load(Path file, Likelihood likelihood) {
        return Checkpoints.load(file, likelihood);
    }

    /** Copies the parameters of {@code other} (same sizes) into this VAE. */
    public void copyParamsFrom(Vae other) {
        if (other.numParams() != numParams())
            throw new IllegalArgumentException("the other VAE has " + other.numParams() + " parameters, this one " + numParams());
        params.assign(other.params);
    }

    // ------------------------------------------------------------------ checks and workspaces

    /** Throws unless x is {@code [n, D]} with n ≥ 1, the VAE's dtype and finite entries. */
    void checkX(INDArray x, String name) {
        if (x == null) throw new IllegalArgumentException(name + " is null");
        if (x.rank() != 2 || x.columns() != d)
            throw new IllegalArgumentException(name + " has shape " + Arrays.toString(x.shape()) + ", the encoder expects [n, " + d + "]"
                    + (d == 784 ? " (28×28 MNIST pixels)" : ""));
        if (x.rows() < 1) throw new IllegalArgumentException(name + " has no rows");
        if (x.dataType() != config.dtype())
            throw new IllegalArgumentException(name + " is " + x.dataType() + " but the VAE is " + config.dtype() + " (use x.castTo(DataType." + config.dtype() + "))");
        Inputs.requireFinite(name, x);
    }

    private void checkZ(INDArray z) {
        if (z == null) throw new IllegalArgumentException("z is null");
        if (z.rank() != 2 || z.columns() != m || z.rows() < 1)
            throw new IllegalArgumentException("z has shape " + Arrays.toString(z.shape()) + ", the decoder expects [n, " + m + "] (M = " + m + ")");
        if (z.dataType() != config.dtype())
            throw new IllegalArgumentException("z is " + z.dataType() + " but the VAE is " + config.dtype());
    }

    private static INDArray rows(INDArray a, int from, int to) {
        if (from == 0 && to == a.rows()) return a;
        return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    static INDArray contiguous(INDArray a) {
        return OffHeap.contiguous(a) && a.ordering() == 'c' ? a : a.dup('c');
    }

    /**
     * The workspaces of one evaluation call over chunks of rows: a chunk of up to {@link #KEEP_ROWS} rows, or of a size
     * the VAE already keeps (its training batch), uses the VAE's own; a larger one gets a workspace that is reused for
     * the chunks of that size in this call and freed by {@link #close()}.
     */
    final class Chunks implements AutoCloseable {
        private final Map<Integer, Workspace> own = new LinkedHashMap<>();

        Workspace workspace(int n) {
            if (n <= KEEP_ROWS || workspaces.containsKey(n)) return Vae.this.workspace(n);
            return own.computeIfAbsent(n, k -> new Workspace(config, k));
        }

        @Override
        public void close() {
            for (Workspace b : own.values()) b.close();
            own.clear();
        }
    }

    /** Sizes (rows) of the workspaces kept between calls (tests). */
    java.util.Set<Integer> keptWorkspaces() {
        return java.util.Collections.unmodifiableSet(workspaces.keySet());
    }

    /** The workspace for batch size n (the last few sizes are kept). */
    Workspace workspace(int n) {
        Workspace b = workspaces.get(n);
        if (b == null) {
            if (workspaces.size() >= 4) workspaces.remove(workspaces.keySet().iterator().next());
            b = new Workspace(config, n);
            workspaces.put(n, b);
        }
        return b;
    }
}
