package lecture7.vae;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Checkpoints written by an earlier version of the kit (format versions 1 and 2, committed in
 * {@code src/test/resources/checkpoints/} with the outputs that version computed; see {@link CheckpointFixtures})
 * load to bit-identical parameters, give the same encodings, means, samples, loss and gradient, and are written
 * back byte for byte.
 */
class CheckpointCompatibilityTest {

    @Test
    void oldCheckpointsLoadToTheSameModel() throws IOException {
        for (Map.Entry<String, VaeConfig> e : CheckpointFixtures.configs().entrySet()) {
            String name = e.getKey();
            Path file = CheckpointFixtures.dir().resolve(name + ".ckpt");
            Properties expected = new Properties();
            try (Reader r = Files.newBufferedReader(CheckpointFixtures.dir().resolve(name + ".properties"))) {
                expected.load(r);
            }
            Vae vae = Vae.load(file);
            assertEquals(e.getValue(), vae.config(), name + ": config");
            Map<String, String> now = CheckpointFixtures.outputs(vae);
            // the float32 Bernoulli loss has two fast paths (SIMD with the vector module, scalar without) that agree
            // to float rounding, not bit for bit. The fixtures were written with the module when its loop used the
            // vector API's own e^x and ln, whose last bits changed with JIT timing; the loop now uses the kit's own
            // (compute.VectorMath, same bits however the JVM runs it), so float32 losses and gradients agree with
            // the fixtures to float rounding. Gradients against the definition: VaeGradientTest, VectorMathTest.
            boolean exactLoss = vae.config().dtype() == DataType.DOUBLE;
            for (String key : new String[]{"params", "encode.mu", "encode.logStd", "decodeMean", "generate"})
                assertEquals(expected.getProperty(key), now.get(key), name + ": " + key);
            for (String key : new String[]{"loss.reconstruction", "loss.regularizer"}) {
                double want = Double.longBitsToDouble(Long.parseUnsignedLong(expected.getProperty(key), 16));
                double got = Double.longBitsToDouble(Long.parseUnsignedLong(now.get(key), 16));
                assertEquals(want, got, exactLoss ? 0 : 1e-5 * Math.abs(want), name + ": " + key);
            }
            if (exactLoss) assertEquals(expected.getProperty("gradient"), now.get("gradient"), name + ": gradient");
            // ln p(x) per image: the per-row sums of −ln p(x|z) are now taken in double by the likelihood's own
            // row method (they were float32 matrix-vector products), so the last float digits may differ
            double[] want = parse(expected.getProperty("logLikelihood")), got = parse(now.get("logLikelihood"));
            assertArrayEquals(want, got, 1e-4, name + ": importance-sampled ln p(x)");

            Path again = Files.createTempFile("ckpt", ".ckpt");
            try {
                vae.save(again);
                assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again), name + ": written back byte for byte");
            } finally {
                Files.deleteIfExists(again);
            }
        }
    }

    private static double[] parse(String csv) {
        String[] p = csv.split(",");
        double[] v = new double[p.length];
        for (int i = 0; i < p.length; i++) v[i] = Double.parseDouble(p[i]);
        return v;
    }
}
