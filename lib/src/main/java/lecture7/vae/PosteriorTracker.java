package lecture7.vae;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The slides' "latent space of a VAE" story, recorded during training: at chosen steps, the posteriors
 * q(z|x_A) and q(z|x_B) of two images (a "2" and a "3" on the slides), samples from each, and what the decoder
 * makes of those samples. Early in training the two posteriors overlap, so a sample drawn for the "2" can land
 * where the "3" lives and decode to a "3"; later the regions separate.
 *
 * <p>Use as a {@link TrainingListener}; read {@link #snapshots()} after training.
 */
public final class PosteriorTracker implements TrainingListener {
    /**
     * The state at one step.
     *
     * @param step     updates made before the snapshot (0 = before training)
     * @param muA      μ(x_A) ({@code M})
     * @param stdA     σ(x_A)
     * @param muB      μ(x_B)
     * @param stdB     σ(x_B)
     * @param samplesA {@code [k, M]} draws z ~ q(z|x_A)
     * @param samplesB {@code [k, M]} draws z ~ q(z|x_B)
     * @param decodedA {@code [k, D]} E[x|z] for samplesA
     * @param decodedB {@code [k, D]} E[x|z] for samplesB
     * @param crossA   fraction of draws from q(z|x_A) at which q(z|x_B) is the larger density
     *                 (the sample "lands in B's region")
     * @param crossB   the same for draws from q(z|x_B)
     */
    public record Snapshot(long step, double[] muA, double[] stdA, double[] muB, double[] stdB, INDArray samplesA,
                           INDArray samplesB, INDArray decodedA, INDArray decodedB, double crossA, double crossB) {}

    private final Vae vae;
    private final INDArray xA, xB;
    private final long[] steps;
    private final int k;
    private final long seed;
    private final List<Snapshot> snapshots = new ArrayList<>();

    /**
     * @param xA    one image {@code [1, D]}
     * @param xB    another image {@code [1, D]}
     * @param steps the steps after which to record (0 records before the first update)
     * @param k     samples per posterior to decode
     */
    public PosteriorTracker(Vae vae, INDArray xA, INDArray xB, long[] steps, int k, long seed) {
        if (k < 1) throw new IllegalArgumentException("k must be ≥ 1, got " + k);
        this.vae = vae;
        this.xA = xA.reshape(1, xA.length());
        this.xB = xB.reshape(1, xB.length());
        this.steps = steps.clone();
        Arrays.sort(this.steps);
        this.k = k;
        this.seed = seed;
        if (this.steps.length > 0 && this.steps[0] == 0) record(0);
    }

    @Override
    public void onBatch(int epoch, int batch, int batches, long step, Loss loss) {
        long done = step + 1;
        if (Arrays.binarySearch(steps, done) >= 0) record(done);
    }

    /** Records a snapshot now. */
    public Snapshot record(long step) {
        Encoding a = vae.encode(xA), b = vae.encode(xB);
        long s = seed + 7919 * step;
        INDArray zA = vae.posteriorSamples(xA, k, s), zB = vae.posteriorSamples(xB, k, s + 1);
        double[] muA = a.mu().toDoubleVector(), sA = a.std().toDoubleVector(), muB = b.mu().toDoubleVector(), sB = b.std().toDoubleVector();
        Snapshot snap = new Snapshot(step, muA, sA, muB, sB, zA, zB, vae.decodeMean(zA), vae.decodeMean(zB),
                cross(muA, sA, muB, sB, new Random(s)), cross(muB, sB, muA, sA, new Random(s + 2)));
        snapshots.add(snap);
        return snap;
    }

    /** P_{z ~ N(μ₁, σ₁²)}[ln N(z|μ₂, σ₂²) &gt; ln N(z|μ₁, σ₁²)], by 4000 draws. */
    static double cross(double[] mu1, double[] s1, double[] mu2, double[] s2, Random rng) {
        int n = 4000, hits = 0;
        for (int i = 0; i < n; i++) {
            double l1 = 0, l2 = 0;
            for (int j = 0; j < mu1.length; j++) {
                double z = mu1[j] + s1[j] * rng.nextGaussian();
                double u1 = (z - mu1[j]) / s1[j], u2 = (z - mu2[j]) / s2[j];
                // ln N(z|μ, σ²) up to the shared constant: −ln σ − ½ ((z − μ)/σ)²
                l1 += -Math.log(s1[j]) - 0.5 * u1 * u1;
                l2 += -Math.log(s2[j]) - 0.5 * u2 * u2;
            }
            if (l2 > l1) hits++;
        }
        return hits / (double) n;
    }

    /** The snapshots so far, in step order. */
    public List<Snapshot> snapshots() {
        return List.copyOf(snapshots);
    }
}
