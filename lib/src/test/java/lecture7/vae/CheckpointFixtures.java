package lecture7.vae;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The small checkpoints in {@code src/test/resources/checkpoints/} and what the VAE computed from them, so that
 * checkpoints written by an earlier version of the kit are tested to load to the same parameters and outputs
 * ({@link CheckpointCompatibilityTest}).
 *
 * <p>Provenance: the files were written by this class at commit 75b87c3 (before {@code Vae} was split into
 * {@code Checkpoints}, {@code ImportanceSampling} and {@code Backprop}), with
 * {@code mvn test -Dtest=CheckpointFixtures -Dlecture7.writeFixtures=true}; regenerating them with later code
 * would test nothing, so they are never rewritten.
 */
class CheckpointFixtures {

    /** Fixture name → config: v1 Bernoulli float32, v1 Gaussian float64, v2 autoregressive float32. */
    static Map<String, VaeConfig> configs() {
        Map<String, VaeConfig> c = new LinkedHashMap<>();
        c.put("v1-bernoulli-float", new VaeConfig(12, 7, 3, Likelihood.BERNOULLI, DataType.FLOAT, 11));
        c.put("v1-gaussian-double", new VaeConfig(10, 6, 2, Likelihood.GAUSSIAN, DataType.DOUBLE, 12));
        c.put("v2-autoregressive-float", new VaeConfig(12, 7, 3, Likelihood.BERNOULLI, DataType.FLOAT, 13, 4));
        return c;
    }

    /** Binary images (Bernoulli) or standard normals (Gaussian), {@code [n, D]}, from {@code seed}. */
    static INDArray data(VaeConfig c, int n, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][c.inputDim()];
        for (double[] row : x)
            for (int k = 0; k < row.length; k++) row[k] = c.likelihood() == Likelihood.GAUSSIAN ? r.nextGaussian() : r.nextDouble() < 0.3 + 0.04 * k ? 1 : 0;
        return Nd4j.createFromArray(x).castTo(c.dtype());
    }

    /** The outputs recorded beside each checkpoint: hashes of bit patterns, and doubles as hexadecimal bits. */
    static Map<String, String> outputs(Vae vae) {
        VaeConfig c = vae.config();
        INDArray x = data(c, 5, 99);
        Map<String, String> o = new LinkedHashMap<>();
        o.put("params", sha(vae.params()));
        Encoding q = vae.encode(x);
        o.put("encode.mu", sha(q.mu()));
        o.put("encode.logStd", sha(q.logStd()));
        INDArray z = vae.prior(4, 5);
        o.put("decodeMean", sha(vae.decodeMean(z)));
        o.put("generate", sha(vae.generate(z, 6)));
        Loss l = vae.loss(x, vae.prior(5, 7), Objective.ANALYTIC_KL);
        o.put("loss.reconstruction", Long.toHexString(Double.doubleToLongBits(l.reconstruction())));
        o.put("loss.regularizer", Long.toHexString(Double.doubleToLongBits(l.regularizer())));
        Vae copy = new Vae(c);
        copy.copyParamsFrom(vae);
        copy.computeGradient(x, vae.prior(5, 8), Objective.ANALYTIC_KL);
        o.put("gradient", sha(copy.gradients()));
        LogLikelihood ll = vae.logLikelihood(x, 3, 9);
        StringBuilder s = new StringBuilder();
        for (double v : ll.perImage()) s.append(s.length() == 0 ? "" : ",").append(v);
        o.put("logLikelihood", s.toString());
        return o;
    }

    static String sha(INDArray a) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            if (a.dataType() == DataType.DOUBLE) for (double v : a.dup('c').data().asDouble()) md.update(longBytes(Double.doubleToRawLongBits(v)));
            else for (float v : a.dup('c').data().asFloat()) md.update(longBytes(Float.floatToRawIntBits(v)));
            return a.dataType() + HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) b[i] = (byte) (v >>> (8 * i));
        return b;
    }

    static Path dir() {
        Path base = Path.of(System.getProperty("basedir", "."));
        return base.resolve("src/test/resources/checkpoints");
    }

    /** Writes the fixtures (once, with the code before the split); trains each VAE a few steps so weights are not the init. */
    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "lecture7.writeFixtures", matches = "true")
    void write() throws IOException {
        Files.createDirectories(dir());
        for (Map.Entry<String, VaeConfig> e : configs().entrySet()) {
            Vae vae = new Vae(e.getValue());
            new Trainer(vae, Objective.ANALYTIC_KL, new TrainConfig(3, 8, 1e-2, 21)).fit(data(e.getValue(), 24, 1));
            vae.save(dir().resolve(e.getKey() + ".ckpt"));
            StringBuilder s = new StringBuilder("# outputs of the VAE in " + e.getKey() + ".ckpt, written by CheckpointFixtures before the Vae split\n");
            outputs(Vae.load(dir().resolve(e.getKey() + ".ckpt"))).forEach((k, v) -> s.append(k).append('=').append(v).append('\n'));
            Files.writeString(dir().resolve(e.getKey() + ".properties"), s.toString());
        }
    }
}
