package lecture7.notebook;

import lecture7.vae.Loss;
import lecture7.vae.TrainingListener;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress display for training cells: a bar that updates in place (a carriage return redraws the line,
 * which Jupyter front-ends honour) at most every {@code refreshSeconds}, and one short line per epoch that
 * stays. In fast mode ({@link Kit#fast()}, used by CI) and when {@code KIT_PROGRESS=lines} only the epoch
 * lines are printed, so saved notebooks stay clean.
 *
 * <pre>
 *   new Trainer(vae, Objective.ANALYTIC_KL, cfg).listener(Progress.bar("VAE M=2")).fit(x);
 * </pre>
 */
public final class Progress implements TrainingListener {
    private static final int WIDTH = 24;
    private final String label;
    private final boolean inPlace;
    private final double refreshSeconds;
    private final PrintStream out;
    private long lastDraw;
    private double runningLoss = Double.NaN;

    private Progress(String label, boolean inPlace, double refreshSeconds, PrintStream out) {
        this.label = label;
        this.inPlace = inPlace;
        this.refreshSeconds = refreshSeconds;
        this.out = out;
    }

    /** The default display on {@code System.out}: in place unless in fast mode or {@code KIT_PROGRESS=lines}. */
    public static Progress bar(String label) {
        String mode = System.getenv("KIT_PROGRESS");
        boolean lines = Kit.fast() || "lines".equalsIgnoreCase(mode);
        return new Progress(label, !lines, 1.0, System.out);
    }

    /** Only one line per epoch, to {@code out}. */
    public static Progress lines(String label, PrintStream out) {
        return new Progress(label, false, 1.0, out);
    }

    @Override
    public void onBatch(int epoch, int batch, int batches, long step, Loss loss) {
        // exponential moving average of the batch loss, for a steady readout
        runningLoss = Double.isNaN(runningLoss) ? loss.total() : 0.95 * runningLoss + 0.05 * loss.total();
        if (!inPlace) return;
        long now = System.nanoTime();
        if (now - lastDraw < refreshSeconds * 1e9 && batch + 1 < batches) return;
        lastDraw = now;
        int filled = (int) Math.round(WIDTH * (batch + 1) / (double) batches);
        out.print(String.format(Locale.ROOT, "\r%s epoch %d [%s%s] %d/%d  loss %.2f nats   ", label, epoch + 1,
                "#".repeat(filled), ".".repeat(WIDTH - filled), batch + 1, batches, runningLoss));
        out.flush();
    }

    @Override
    public void onEpoch(int epoch, int epochs, Loss train, Loss validation, double seconds) {
        String val = validation == null ? "" : String.format(Locale.ROOT, ", validation %.2f", validation.total());
        out.print(String.format(Locale.ROOT, "%s%s epoch %d/%d: loss %.2f = rec %.2f + reg %.2f nats%s (%.1f s)%s%n",
                inPlace ? "\r" : "", label, epoch + 1, epochs, train.total(), train.reconstruction(), train.regularizer(), val, seconds,
                inPlace ? " ".repeat(10) : ""));
        out.flush();
    }

    @Override
    public void onStop(String reason) {
        out.println((inPlace ? "\n" : "") + label + " stopped: " + reason);
        out.flush();
    }
}
