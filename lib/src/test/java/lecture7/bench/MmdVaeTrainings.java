package lecture7.bench;

import lecture7.data.Digits;
import lecture7.data.Mnist;
import lecture7.vae.Likelihood;
import lecture7.vae.MixturePrior;
import lecture7.vae.MmdVae;
import lecture7.vae.Objective;
import lecture7.vae.TrainConfig;
import lecture7.vae.Trainer;
import lecture7.vae.Vae;
import lecture7.vae.VaeConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Locale;
import java.util.zip.CRC32;

/**
 * The nine trainings of notebook 04 (full mode: 20 000 MNIST images; the same configurations, objectives and seeds),
 * timed one by one, for before/after comparisons of the library's training speed. Prints one line per model on
 * stdout: name, seconds, CRC-32 of the trained weights' bits (same code and seed: same CRC on any thread count).
 *
 * <p>Usage: {@code MmdVaeTrainings [--epochs E] [--only SUBSTRING] [--threads T]} (E defaults to the notebook's 10).
 */
public final class MmdVaeTrainings {
    public static void main(String[] args) {
        int epochs = 10, threads = 0;
        String only = "";
        for (int i = 0; i + 1 < args.length; i += 2)
            switch (args[i]) {
                case "--epochs" -> epochs = Integer.parseInt(args[i + 1]);
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--only" -> only = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        if (threads > 0) lecture7.compute.Parallel.setThreads(threads);
        INDArray x = Mnist.train(20_000).images();
        VaeConfig ar = VaeConfig.mnistAutoregressive(8, 783, 1);
        TrainConfig trainAr = new TrainConfig(epochs, 64, 1e-2, 1);
        VaeConfig gauss = new VaeConfig(784, 300, 8, Likelihood.GAUSSIAN, DataType.FLOAT, 1);
        TrainConfig trainA = new TrainConfig(epochs, 128, 1e-3, 1);
        VaeConfig bern2 = VaeConfig.mnist(2, 2);
        double h2 = 2 * 2;
        double total = 0;
        Object[][] runs = {
                {"VAE (ELBO), AR decoder", ar, Objective.ANALYTIC_KL, trainAr},
                {"MMD-VAE λ=100, AR decoder", ar, MmdVae.of(100, MmdVae.LatentKernel.RBF, 8, 1), trainAr},
                {"VAE (ELBO)", gauss, Objective.ANALYTIC_KL, trainA},
                {"MMD-VAE λ=100", gauss, MmdVae.of(100, MmdVae.LatentKernel.RBF, 8, 1), trainA},
                {"VAE M=2", bern2, Objective.ANALYTIC_KL, trainA},
                {"MMD-VAE M=2, MMD on z", bern2, new MmdVae(1000, MmdVae.LatentKernel.RBF, h2, MmdVae.Codes.SAMPLES, 2), trainA},
                {"MMD-VAE M=2, MMD on μ(x)", bern2, new MmdVae(1000, MmdVae.LatentKernel.RBF, h2, MmdVae.Codes.MEANS, 2), trainA},
                {"VAE M=2, learned prior", bern2, new MixturePrior(10, 2, 3).objective(1e-2), trainA},
        };
        for (Object[] r : runs) {
            String name = (String) r[0];
            if (!name.contains(only)) continue;
            Vae vae = new Vae((VaeConfig) r[1]);
            long t0 = System.nanoTime();
            new Trainer(vae, (Objective) r[2], (TrainConfig) r[3]).fit(x);
            double s = (System.nanoTime() - t0) / 1e9;
            total += s;
            CRC32 crc = new CRC32();
            for (float f : vae.params().dup().data().asFloat()) {
                int b = Float.floatToRawIntBits(f);
                crc.update(new byte[]{(byte) b, (byte) (b >> 8), (byte) (b >> 16), (byte) (b >> 24)});
            }
            System.out.printf(Locale.ROOT, "%-28s %7.2f s  %08x%n", name, s, crc.getValue());
        }
        System.out.printf(Locale.ROOT, "%-28s %7.2f s%n", "total", total);
    }
}
