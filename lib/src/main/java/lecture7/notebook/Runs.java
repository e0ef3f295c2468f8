package lecture7.notebook;

import lecture7.vae.History;
import lecture7.vae.Objective;
import lecture7.vae.TrainConfig;
import lecture7.vae.Trainer;
import lecture7.vae.Vae;
import lecture7.vae.VaeConfig;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Train one model in one call, as the Part 3 notebooks do for every objective: one progress bar updated in place
 * ({@link Progress}), then one summary line. The per-epoch losses are kept by name ({@link #history}) for a table
 * ({@code lecture7.viz.VaeFigures.historyTable}) or a plot ({@code lossCurve}).
 */
public final class Runs {
    private Runs() {}

    private static final Map<String, History> HISTORIES = Collections.synchronizedMap(new LinkedHashMap<>());

    /**
     * A new VAE of {@code config} trained with {@code objective} on the rows of {@code x}, shown as one progress bar
     * and a summary line "name: E epochs in m:ss; last epoch loss = rec + reg nats".
     */
    public static Vae fit(String name, VaeConfig config, Objective objective, TrainConfig train, INDArray x) {
        Vae vae = new Vae(config);
        History h = new Trainer(vae, objective, train).listener(Progress.bar(name)).fit(x);
        HISTORIES.put(name, h);
        return vae;
    }

    /** The losses of the last run called {@code name}, per epoch and per batch. */
    public static History history(String name) {
        History h = HISTORIES.get(name);
        if (h == null) throw new IllegalArgumentException("no run called '" + name + "' yet; runs so far: " + HISTORIES.keySet());
        return h;
    }
}
