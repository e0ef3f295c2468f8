package lecture7.vae;

import lecture7.infotheory.FactorInformation;
import lecture7.infotheory.GaussianCodes;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * The slides' annealing story, recorded during training ("beginning: very strict bottleneck, only encode the
 * most important factor; end: very large bottleneck, encode all remaining factors"; Burgess et al. 2018, §4–5):
 * every {@code every} steps, the KL of each latent, E_x KL(q(z_j|x) ‖ N(0, 1)), on a fixed set of images, and —
 * when the true factors are known — each latent's mutual information with each factor, I(z_j; v_k) under the
 * sampled posterior ({@link FactorInformation}; never more than that latent's KL). With annealed β or a rising capacity C(t) the latents
 * switch on one at a time, and the MI rows say which factor each one took.
 *
 * <p>Use as a {@link TrainingListener}; read {@link #records()} after training. The schedule value of the
 * objective (β(t) of an {@link AnnealedBetaVae}, C(t) of a {@link CapacityObjective}) is recorded with each
 * step, so a figure can draw C(t) over the total KL.
 */
public final class LatentTracker implements TrainingListener {
    /**
     * The state after {@code step} updates.
     *
     * @param step       updates made (0 = before training)
     * @param perDimKl   {@code [M]} E_x KL(q(z_j|x) ‖ N(0, 1)), nats (mean over the tracked images)
     * @param factorMi   {@code [K][M]} I(z_j; v_k) in nats under the sampled posterior ({@link FactorInformation}), or
     *                   null when no factors were given
     * @param schedule   β(t) or C(t) of the objective at this step, NaN for an objective without a schedule
     */
    public record Record(long step, double[] perDimKl, double[][] factorMi, double schedule) {
        /** Σ_j KL_j: the closed-form average KL of the tracked images, nats. */
        public double totalKl() {
            double s = 0;
            for (double v : perDimKl) s += v;
            return s;
        }
    }

    private final Vae vae;
    private final Objective objective;
    private final INDArray x;
    private final int[][] factors;
    private final long every;
    private final List<Record> records = new ArrayList<>();

    /**
     * Records once now (step 0) and then after every {@code every} updates.
     *
     * @param x       the images to encode at each record, {@code [n, D]} (a few thousand are plenty)
     * @param factors {@code [n][K]} true factor classes of those images, or null (no MI)
     * @param every   steps between records, ≥ 1
     */
    public LatentTracker(Vae vae, Objective objective, INDArray x, int[][] factors, long every) {
        if (vae == null || objective == null) throw new IllegalArgumentException("vae and objective must not be null");
        if (every < 1) throw new IllegalArgumentException("steps between records must be ≥ 1, got " + every);
        vae.checkX(x, "tracked images");
        if (factors != null && factors.length != x.rows())
            throw new IllegalArgumentException(x.rows() + " tracked images but " + factors.length + " factor rows");
        if (factors != null && x.rows() < 2) throw new IllegalArgumentException("MI with the factors needs at least 2 images");
        this.vae = vae;
        this.objective = objective;
        this.x = x;
        this.factors = factors;
        this.every = every;
        record(0);
    }

    @Override
    public void onBatch(int epoch, int batch, int batches, long step, Loss loss) {
        long done = step + 1;
        if (done % every == 0) record(done);
    }

    /** Records the state now, as after {@code step} updates. */
    public Record record(long step) {
        Encoding q = vae.encode(x);
        GaussianCodes codes = new GaussianCodes(q.mu(), q.logStd());
        double[] kl = codes.perDimKl();
        double[][] mi = factors == null ? null : FactorInformation.of(codes, factors).byFactor();
        Record r = new Record(step, kl, mi, scheduleValue(objective));
        records.add(r);
        return r;
    }

    /** β(t) of an {@link AnnealedBetaVae}, C(t) of a {@link CapacityObjective}, NaN otherwise. */
    static double scheduleValue(Objective o) {
        if (o instanceof AnnealedBetaVae a) return a.currentBeta();
        if (o instanceof CapacityObjective c) return c.currentCapacity();
        return Double.NaN;
    }

    /** The records so far, in step order. */
    public List<Record> records() {
        return List.copyOf(records);
    }
}
