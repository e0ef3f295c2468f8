package lecture7.notebook;

import lecture7.vae.History;
import lecture7.vae.Loss;
import lecture7.vae.Objective;
import lecture7.vae.TrainConfig;
import lecture7.vae.Trainer;
import lecture7.vae.TrainingListener;
import lecture7.vae.Vae;
import lecture7.vae.VaeConfig;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Locale;

/**
 * Train one model in one call, printing one line per epoch: what the Part 3 notebooks do for every objective.
 */
public final class Runs {
    private Runs() {}

    /**
     * A new VAE of {@code config} trained with {@code objective} on the rows of {@code x}; prints
     * "name · epoch e/E · loss = rec + reg · seconds" after every epoch.
     */
    public static Vae fit(String name, VaeConfig config, Objective objective, TrainConfig train, INDArray x) {
        Vae vae = new Vae(config);
        History h = new Trainer(vae, objective, train).listener(new TrainingListener() {
            @Override
            public void onEpoch(int epoch, int epochs, Loss loss, Loss validation, double seconds) {
                System.out.printf(Locale.ROOT, "%-28s epoch %2d/%d  loss %8.2f = rec %8.2f + reg %8.2f nats  (%.1f s)%n",
                        name, epoch + 1, epochs, loss.total(), loss.reconstruction(), loss.regularizer(), seconds);
            }

            @Override
            public void onStop(String reason) {
                System.out.println(name + ": stopped early — " + reason);
            }
        }).fit(x);
        if (h.stopped()) System.out.println(name + ": " + h.stopReason());
        return vae;
    }
}
