package lecture7.notebook;

import lecture7.viz.Show;
import lecture7.vae.Loss;
import lecture7.vae.TrainingListener;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The display of a training cell, as Keras and tqdm show one: a single progress bar updated in place while
 * the model trains, then one summary line. The per-epoch numbers are in the {@link lecture7.vae.History} that
 * {@code fit} returns (a table: {@code lecture7.viz.VaeFigures.historyTable}; a plot: {@code lossCurve}).
 *
 * <p>Under a Jupyter kernel the bar is one output (HTML {@code <progress>} with a text fallback) replaced in place
 * through its display id ({@link Show#open}), at most every {@code refreshSeconds}, so the saved notebook and its
 * HTML page hold the bar's final state. Outside a kernel the bar is a text line redrawn with a carriage return.
 * {@code KIT_PROGRESS=lines} prints one line per epoch instead (logs).
 *
 * <pre>
 *   new Trainer(vae, Objective.ANALYTIC_KL, cfg).listener(Progress.bar("VAE M=2")).fit(x);
 * </pre>
 */
public final class Progress implements TrainingListener {
    private static final int WIDTH = 30;

    private enum Mode { DISPLAY, CARRIAGE_RETURN, LINES }

    private final String label;
    private final Mode mode;
    private final double refreshSeconds;
    private final PrintStream out;
    private Show.Handle handle;
    private long start, lastDraw;
    private int firstEpoch, epochs, batches;
    private double runningLoss = Double.NaN;
    private String summary;

    private Progress(String label, Mode mode, double refreshSeconds, PrintStream out) {
        this.label = label;
        this.mode = mode;
        this.refreshSeconds = refreshSeconds;
        this.out = out;
    }

    /**
     * The default display: a bar in place in the notebook (or on the console), then a summary line;
     * one line per epoch when {@code KIT_PROGRESS=lines}.
     */
    public static Progress bar(String label) {
        if ("lines".equalsIgnoreCase(System.getenv("KIT_PROGRESS"))) return new Progress(label, Mode.LINES, 0.5, System.out);
        return new Progress(label, Show.inKernel() ? Mode.DISPLAY : Mode.CARRIAGE_RETURN, 0.5, System.out);
    }

    /** Only one line per epoch and the summary, to {@code out}. */
    public static Progress lines(String label, PrintStream out) {
        return new Progress(label, Mode.LINES, 0.5, out);
    }

    /** The summary line of the last finished {@code fit} (null before). */
    public String summary() {
        return summary;
    }

    @Override
    public void onStart(int firstEpoch, int epochs, int batches) {
        this.firstEpoch = firstEpoch;
        this.epochs = epochs;
        this.batches = batches;
        start = System.nanoTime();
        lastDraw = start;
        runningLoss = Double.NaN;
        summary = null;
        if (mode == Mode.DISPLAY) handle = Show.open(html(0, 0, 0), text(0, 0, 0));
    }

    @Override
    public void onBatch(int epoch, int batch, int batches, long step, Loss loss) {
        // exponential moving average of the batch loss, for a steady readout
        runningLoss = Double.isNaN(runningLoss) ? loss.total() : 0.95 * runningLoss + 0.05 * loss.total();
        if (mode == Mode.LINES || epochs == 0) return;
        long now = System.nanoTime();
        if (now - lastDraw < refreshSeconds * 1e9) return;
        lastDraw = now;
        draw(epoch - firstEpoch, batch + 1);
    }

    @Override
    public void onEpoch(int epoch, int epochsTotal, Loss train, Loss validation, double seconds) {
        String val = validation == null ? "" : String.format(Locale.ROOT, ", validation %.2f", validation.total());
        String line = String.format(Locale.ROOT, "loss %.2f = rec %.2f + reg %.2f nats%s", train.total(), train.reconstruction(),
                train.regularizer(), val);
        boolean last = epoch + 1 == epochsTotal;
        if (mode == Mode.LINES)
            out.print(String.format(Locale.ROOT, "%s epoch %d/%d: %s (%.1f s)%n", label, epoch + 1, epochsTotal, line, seconds));
        else if (epochs > 0) draw(epoch - firstEpoch + 1, 0);
        if (last) {
            double total = (System.nanoTime() - start) / 1e9;
            summary = String.format(Locale.ROOT, "%s: %d epoch%s in %s; last epoch %s", label, epochs, epochs == 1 ? "" : "s",
                    clock(total), line);
            if (mode == Mode.CARRIAGE_RETURN) out.print("\n");
            out.println(summary);
        }
        out.flush();
    }

    @Override
    public void onStop(String reason) {
        if (mode == Mode.CARRIAGE_RETURN) out.print("\n");
        summary = label + " stopped: " + reason;
        out.println(summary);
        out.flush();
    }

    private void draw(int epochsDone, int batchesDone) {
        if (mode == Mode.DISPLAY && handle != null) handle.update(html(epochsDone, batchesDone, elapsed()), text(epochsDone, batchesDone, elapsed()));
        else if (mode == Mode.CARRIAGE_RETURN) {
            out.print("\r" + text(epochsDone, batchesDone, elapsed()) + "   ");
            out.flush();
        }
    }

    private double elapsed() {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Fraction of this fit's batches done. */
    private double fraction(int epochsDone, int batchesDone) {
        if (epochs == 0 || batches == 0) return 0;
        return Math.min(1, (epochsDone + batchesDone / (double) batches) / epochs);
    }

    private String status(int epochsDone, int batchesDone, double seconds) {
        double f = fraction(epochsDone, batchesDone);
        int shownEpoch = Math.min(epochs, epochsDone + (batchesDone > 0 ? 1 : 0));
        String left = f > 0 && f < 1 ? ", ~" + clock(seconds * (1 - f) / f) + " left" : "";
        String loss = Double.isNaN(runningLoss) ? "" : String.format(Locale.ROOT, "  loss %.2f nats", runningLoss);
        return String.format(Locale.ROOT, "%3.0f%%  epoch %d/%d%s  (%s%s)", 100 * f, Math.max(shownEpoch, f == 0 ? 0 : 1), epochs,
                loss, clock(seconds), left);
    }

    /** {@code label [#########.........]  43%  epoch 6/12  loss 160.21 nats  (0:41, ~0:55 left)} */
    String text(int epochsDone, int batchesDone, double seconds) {
        int filled = (int) Math.round(WIDTH * fraction(epochsDone, batchesDone));
        return label + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + status(epochsDone, batchesDone, seconds);
    }

    String html(int epochsDone, int batchesDone, double seconds) {
        return String.format(Locale.ROOT, "<div class=\"kit-progress\" style=\"font-family:monospace;white-space:nowrap\">%s "
                        + "<progress value=\"%.4f\" max=\"1\" style=\"width:18em;vertical-align:middle\"></progress> %s</div>",
                Show.escape(label), fraction(epochsDone, batchesDone), Show.escape(status(epochsDone, batchesDone, seconds)));
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
