package lecture7.bench;

import lecture7.data.Digits;
import lecture7.data.Mnist;
import lecture7.vae.Objective;
import lecture7.vae.Loss;
import lecture7.vae.TrainConfig;
import lecture7.vae.Trainer;
import lecture7.vae.Vae;
import lecture7.vae.VaeConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One MNIST epoch of the lecture's VAE, trained exactly like its PyTorch peer {@code environment/bench/vae_torch.py}: D=784 → 300 →
 * 2M, M → 300 → 784, float32, Bernoulli decoder (BCE with logits, summed, / batch), analytic KL, Adam 1e-3,
 * shuffled batches. Prints progress on stderr and ONE JSON line on stdout:
 * {@code {"epoch_s": best epoch seconds, "test_neg_elbo": nats/image on the 10 000 test images, "n_train": …}}.
 *
 * <p>Before the timed epochs a throwaway model trains 300 batches so that the JIT has compiled the loop.
 *
 * <p>Usage: {@code VaeBench DATA_DIR [--latent 16] [--epochs 1] [--batch 128] [--limit N]} where DATA_DIR holds
 * the MNIST IDX files. Run with {@code OMP_NUM_THREADS=1} to compare with PyTorch on one thread.
 */
public final class VaeBench {
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: VaeBench DATA_DIR [--latent 16] [--epochs 1] [--batch 128] [--limit N]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int latent = 16, epochs = 1, batch = 128, limit = 0, threads = 0;
        for (int i = 1; i < args.length; i += 2) {
            if (i + 1 >= args.length) throw new IllegalArgumentException("missing value after " + args[i]);
            int v = Integer.parseInt(args[i + 1]);
            switch (args[i]) {
                case "--latent" -> latent = v;
                case "--epochs" -> epochs = v;
                case "--batch" -> batch = v;
                case "--limit" -> limit = v;
                case "--threads" -> threads = v;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (threads > 0) lecture7.compute.Parallel.setThreads(threads);
        Digits train = Mnist.fromIdx(dir.resolve("train-images-idx3-ubyte"), dir.resolve("train-labels-idx1-ubyte"), limit, Mnist.FETCH);
        Digits test = Mnist.fromIdx(dir.resolve("t10k-images-idx3-ubyte"), dir.resolve("t10k-labels-idx1-ubyte"), 0, Mnist.FETCH);
        // JIT warm-up on a throwaway model (the JVM compiles the hot loop after a few hundred steps; PyTorch has
        // no such phase), so the timed epoch measures steady-state training of a fresh model.
        Vae warm = new Vae(VaeConfig.mnist(latent, 1));
        new Trainer(warm, Objective.ANALYTIC_KL, new TrainConfig(1, batch, 1e-3, 1)).fit(train.head(Math.min(train.n(), 300 * batch)).images());
        Vae vae = new Vae(VaeConfig.mnist(latent, 0));
        Trainer trainer = new Trainer(vae, Objective.ANALYTIC_KL, new TrainConfig(1, batch, 1e-3, 0));
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        double best = Double.POSITIVE_INFINITY, bestCpu = Double.POSITIVE_INFINITY;
        for (int e = 0; e < epochs; e++) {
            long t0 = System.nanoTime(), c0 = os.getProcessCpuTime();
            var h = trainer.fit(train.images());
            double s = (System.nanoTime() - t0) / 1e9;
            best = Math.min(best, s);
            bestCpu = Math.min(bestCpu, (os.getProcessCpuTime() - c0) / 1e9);
            System.err.printf(Locale.ROOT, "epoch %d: %.3f s, train loss %.3f%n", e + 1, s, h.finalLoss());
            if (h.stopped()) throw new IllegalStateException(h.stopReason());
        }
        Loss testLoss = vae.evaluate(test.images(), Objective.ANALYTIC_KL, 0);
        // epoch_cpu_s: CPU time of the process during the epoch (less sensitive than wall time to other load)
        // params_crc: CRC-32 of the trained parameters' float bits (same seed → same bits on any number of threads)
        float[] w = vae.params().castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(4 * w.length);
        for (float f : w) bytes.putInt(Float.floatToRawIntBits(f));
        crc.update(bytes.array());
        System.out.printf(Locale.ROOT, "{\"epoch_s\": %.4f, \"test_neg_elbo\": %.3f, \"n_train\": %d, \"peak_rss_mb\": %d, \"epoch_cpu_s\": %.4f, "
                        + "\"threads\": %d, \"shards\": %d, \"params_crc\": \"%08x\"}%n",
                best, testLoss.total(), train.n(), peakRssMb(), bestCpu, lecture7.compute.Parallel.threads(),
                Math.min(8, Math.max(1, batch / 64)), crc.getValue());
    }

    private static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status")))
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        } catch (Exception ignored) {
            // not Linux
        }
        return -1;
    }
}
