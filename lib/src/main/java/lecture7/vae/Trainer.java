package lecture7.vae;

import lecture7.compute.OffHeap;
import lecture7.compute.Adam;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * Mini-batch training of a {@link Vae} with Adam: shuffle, and for each batch compute loss and gradient,
 * call the listeners, update. The Adam state persists across {@link #fit} calls, so a notebook can train on
 * in several cells.
 *
 * <p>Listeners may read the VAE but must not change its parameters during {@code fit} (Adam keeps its own copy
 * between steps). A non-finite loss or gradient stops training with a message in {@link History#stopReason()}; the update
 * of that batch is not applied, so the VAE keeps the last good parameters. An interrupt of the training thread
 * (Jupyter's Kernel → Interrupt) stops it the same way before the next batch, keeping the parameters of the last
 * completed step; the thread stays interrupted, so the caller sees it too.
 */
public final class Trainer {
    /**
     * How a batch's gradient is computed, as text for caches of trained models (lecture7.notebook.ModelCache): a
     * model trained another way has other weights for the same seed.
     */
    public static final String GRADIENT = "data-parallel: shards of ≥ " + Shards.SHARD_ROWS + " rows, at most "
            + Shards.MAX_SHARDS + ", gradients summed in shard order";

    private final Vae vae;
    private final Objective objective;
    private final TrainConfig config;
    private final Adam adam;
    private final java.util.Random rng;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private INDArray validation;
    private long step;
    private int epochsDone;

    public Trainer(Vae vae, Objective objective, TrainConfig config) {
        if (vae == null || objective == null || config == null) throw new IllegalArgumentException("vae, objective and config must not be null");
        this.vae = vae;
        this.objective = objective;
        this.config = config;
        adam = new Adam(vae.numParams(), vae.config().dtype(), config.learningRate(), 0.9, 0.999, 1e-8);
        rng = new java.util.Random(config.seed());
    }

    /** Adds a listener (progress display, history plots, snapshots). */
    public Trainer listener(TrainingListener l) {
        listeners.add(l);
        return this;
    }

    /** A data set on which the loss is evaluated after every epoch ({@code [n, D]}). */
    public Trainer validation(INDArray x) {
        vae.checkX(x, "validation data");
        validation = x;
        return this;
    }

    /** Updates made so far. */
    public long steps() {
        return step;
    }

    /**
     * Trains {@code config.epochs()} epochs on the rows of {@code data} ({@code [n, D]}). Each batch's gradient is
     * computed shard by shard on {@code lecture7.compute.Parallel}'s threads: the same seed gives the same weights on
     * any number of threads. Running out of memory raises an {@link OutOfMemoryError} that says so in plain words.
     */
    public History fit(INDArray data) {
        try {
            return fitEpochs(data);
        } catch (OutOfMemoryError e) {
            throw lecture7.compute.Memory.outOfMemory("training the VAE", e);
        }
    }

    private History fitEpochs(INDArray data) {
        vae.checkX(data, "training data");
        adam.resync(); // the parameters may have been changed since the last fit (checkpoint, copyParamsFrom)
        int n = (int) data.rows(), bs = Math.min(config.batchSize(), n);
        int batches = (n + bs - 1) / bs;
        int epochs = config.epochs();
        double[] batchLoss = new double[epochs * batches];
        double[] tl = new double[epochs], rl = new double[epochs], gl = new double[epochs], vl = new double[epochs], sec = new double[epochs];
        java.util.Arrays.fill(vl, Double.NaN);
        boolean direct = data.ordering() == 'c' && OffHeap.contiguous(data);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        INDArray full = Nd4j.create(data.dataType(), bs, data.columns());
        INDArray last = n % bs == 0 ? full : Nd4j.create(data.dataType(), n % bs, data.columns());
        int done = 0, nb = 0;
        String stop = null;
        for (TrainingListener l : listeners) l.onStart(epochsDone, epochs, batches);
        for (int ep = 0; ep < epochs && stop == null; ep++) {
            long t0 = System.nanoTime();
            shuffle(perm);
            double sumT = 0, sumR = 0, sumG = 0;
            int seen = 0;
            for (int b = 0; b < batches; b++) {
                if (Thread.currentThread().isInterrupted()) { // checked, not cleared: the kernel ends the cell too
                    stop = String.format("interrupted before epoch %d, batch %d (step %d) — the VAE keeps the parameters "
                            + "of the last completed step", epochsDone + ep + 1, b + 1, step);
                    break;
                }
                int from = b * bs, to = Math.min(n, from + bs);
                INDArray x = to - from == bs ? full : last;
                if (direct) gather(data, perm, from, to, x);
                else Nd4j.pullRows(data, x, 1, java.util.Arrays.copyOfRange(perm, from, to));
                // the gradient in its shards' parts: Adam adds them in shard order as it updates (one pass over them)
                Loss loss = vae.computeGradientInParts(x, objective, rng);
                adam.loadGradient(vae.gradientParts());
                // a NaN or ±∞ in any layer's output gradient reaches that layer's bias gradient (1ᵀ·dOut)
                double biasSum = 0;
                for (long[] r : vae.biasRanges()) biasSum += adam.gradientSum(r[0], r[1]);
                if (!loss.isFinite() || !Double.isFinite(biasSum)) {
                    stop = String.format("epoch %d, batch %d (step %d): %s, bias-gradient sum %s — the update was not applied, "
                            + "the VAE keeps the parameters of the last good step; try a smaller learning rate",
                            epochsDone + ep + 1, b + 1, step, loss, biasSum);
                    break;
                }
                adam.step(vae.params());
                step++;
                batchLoss[nb++] = loss.total();
                int k = to - from;
                sumT += loss.total() * k;
                sumR += loss.reconstruction() * k;
                sumG += loss.regularizer() * k;
                seen += k;
                for (TrainingListener l : listeners) l.onBatch(epochsDone + ep, b, batches, step - 1, loss);
            }
            if (stop != null) break;
            sec[ep] = (System.nanoTime() - t0) / 1e9;
            tl[ep] = sumT / seen;
            rl[ep] = sumR / seen;
            gl[ep] = sumG / seen;
            Loss val = null;
            if (validation != null) {
                val = vae.evaluate(validation, objective, config.seed() + 1000 + epochsDone + ep);
                vl[ep] = val.total();
            }
            done++;
            for (TrainingListener l : listeners) l.onEpoch(epochsDone + ep, epochsDone + epochs, new Loss(tl[ep], rl[ep], gl[ep]), val, sec[ep]);
        }
        epochsDone += done;
        if (stop != null) for (TrainingListener l : listeners) l.onStop(stop);
        return new History(java.util.Arrays.copyOf(batchLoss, nb), java.util.Arrays.copyOf(tl, done), java.util.Arrays.copyOf(rl, done),
                java.util.Arrays.copyOf(gl, done), java.util.Arrays.copyOf(vl, done), java.util.Arrays.copyOf(sec, done), stop);
    }

    /** Rows perm[from..to) of data into x, in {@link #GATHER_PIECES} pieces on the pool's threads (a copy: same bits). */
    private static void gather(INDArray data, int[] perm, int from, int to, INDArray x) {
        int rows = to - from;
        lecture7.compute.Parallel.forEach(GATHER_PIECES, q -> {
            int a = q * rows / GATHER_PIECES, b = (q + 1) * rows / GATHER_PIECES;
            OffHeap.gatherRows(data, perm, from + a, from + b, x, a);
        });
    }

    private static final int GATHER_PIECES = 4;

    private void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
