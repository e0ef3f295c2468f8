package lecture7.vae;

import java.util.Arrays;

/**
 * The losses of a training run (nats per image).
 *
 * @param batchLoss      total loss of every batch, in order
 * @param trainLoss      mean total loss per epoch
 * @param reconstruction mean reconstruction term per epoch
 * @param regularizer    mean penalty per epoch
 * @param validation     validation loss per epoch (NaN when no validation set)
 * @param seconds        wall time per epoch
 * @param stopReason     why training stopped early, or null if it ran all epochs
 */
public record History(double[] batchLoss, double[] trainLoss, double[] reconstruction, double[] regularizer,
                      double[] validation, double[] seconds, String stopReason) {
    public History {
        int e = trainLoss.length;
        if (reconstruction.length != e || regularizer.length != e || validation.length != e || seconds.length != e)
            throw new IllegalArgumentException("per-epoch arrays differ in length");
    }

    /** Number of completed epochs. */
    public int epochs() {
        return trainLoss.length;
    }

    /** Whether training stopped before the last epoch (see {@link #stopReason()}). */
    public boolean stopped() {
        return stopReason != null;
    }

    /** The last epoch's mean training loss (NaN if no epoch completed). */
    public double finalLoss() {
        return trainLoss.length == 0 ? Double.NaN : trainLoss[trainLoss.length - 1];
    }

    /** This run followed by {@code next} (for training in several cells). */
    public History then(History next) {
        return new History(cat(batchLoss, next.batchLoss), cat(trainLoss, next.trainLoss), cat(reconstruction, next.reconstruction),
                cat(regularizer, next.regularizer), cat(validation, next.validation), cat(seconds, next.seconds), next.stopReason);
    }

    private static double[] cat(double[] a, double[] b) {
        double[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** A plain-text table, one line per epoch (the Tablesaw version is {@code lecture7.viz.VaeFigures.historyTable}). */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(String.format("%5s %12s %12s %12s %12s %8s%n", "epoch", "loss", "reconstr.", "penalty", "validation", "seconds"));
        for (int i = 0; i < epochs(); i++)
            s.append(String.format("%5d %12.3f %12.3f %12.3f %12.3f %8.2f%n", i + 1, trainLoss[i], reconstruction[i], regularizer[i], validation[i], seconds[i]));
        if (stopReason != null) s.append("stopped: ").append(stopReason).append('\n');
        return s.toString();
    }
}
