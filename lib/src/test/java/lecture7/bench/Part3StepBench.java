package lecture7.bench;

import lecture7.compute.Parallel;
import lecture7.data.SpriteSet;
import lecture7.data.Sprites;
import lecture7.notebook.DisentanglementStudy;
import lecture7.vae.Objective;
import lecture7.vae.TrainConfig;
import lecture7.vae.Trainer;
import lecture7.vae.Vae;

import java.util.Locale;

/**
 * Training speed of one of notebook 05's models (full-mode grid, its network, batch and Adam; analytic KL), for
 * choosing how {@code environment/kit} trains the model cache: one process on all cores or one process per core.
 * Trains a warm-up epoch, then EPOCHS epochs; prints one JSON line {@code {"threads", "steps", "seconds", "steps_per_s"}}.
 * <pre>usage: Part3StepBench [--threads T] [--epochs 2]</pre>
 */
public final class Part3StepBench {
    public static void main(String[] args) {
        int threads = 0, epochs = 2;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--epochs" -> epochs = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (threads > 0) Parallel.setThreads(threads);
        DisentanglementStudy s = new DisentanglementStudy(false);
        Sprites grid = s.grid();
        SpriteSet train = s.training(grid);
        Vae vae = new Vae(s.config(grid, 1));
        new Trainer(vae, Objective.ANALYTIC_KL, new TrainConfig(1, s.batch(), 1e-3, 1)).fit(train.images()); // JIT warm-up
        Trainer t = new Trainer(vae, Objective.ANALYTIC_KL, new TrainConfig(epochs, s.batch(), 1e-3, 2));
        long t0 = System.nanoTime();
        t.fit(train.images());
        double sec = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "{\"threads\": %d, \"steps\": %d, \"seconds\": %.3f, \"steps_per_s\": %.2f}%n",
                Parallel.threads(), t.steps(), sec, t.steps() / sec);
    }
}
