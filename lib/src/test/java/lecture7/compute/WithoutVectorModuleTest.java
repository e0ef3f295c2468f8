package lecture7.compute;

import lecture7.vae.History;
import lecture7.vae.Likelihood;
import lecture7.vae.Objective;
import lecture7.vae.TrainConfig;
import lecture7.vae.Trainer;
import lecture7.vae.Vae;
import lecture7.vae.VaeConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The library in a JVM without {@code --add-modules jdk.incubator.vector}, as a plain {@code java -cp} program or
 * another Jupyter kernel runs it: the availability check answers false without loading {@link VectorMath}, and a
 * float32 VAE trains on the scalar loops (Adam's and the Bernoulli loss's).
 */
class WithoutVectorModuleTest {

    /** The child program: trains a small float32 Bernoulli VAE and prints "vector=… first=… last=…". */
    public static void main(String[] args) {
        VaeConfig c = new VaeConfig(64, 32, 2, Likelihood.BERNOULLI, DataType.FLOAT, 1);
        Random r = new Random(2);
        float[][] x = new float[512][64];
        for (float[] row : x) {
            int kind = r.nextInt(2); // two kinds of images: left or right half mostly on
            for (int k = 0; k < 64; k++) row[k] = r.nextDouble() < ((k % 8 < 4) == (kind == 0) ? 0.9 : 0.1) ? 1f : 0f;
        }
        Vae vae = new Vae(c);
        History h = new Trainer(vae, Objective.ANALYTIC_KL, new TrainConfig(5, 64, 3e-3, 3)).fit(Nd4j.createFromArray(x));
        System.out.printf(Locale.ROOT, "vector=%s first=%.6f last=%.6f stopped=%s%n", VectorSupport.available(), h.trainLoss()[0], h.finalLoss(), h.stopped());
    }

    @Test
    void aPlainJavaProgramTrainsTheVaeOnTheScalarLoops() throws IOException, InterruptedException {
        // in the surefire run without the module every test already is such a program
        assumeTrue(VectorSupport.available(), "this JVM runs without the vector module already");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", WithoutVectorModuleTest.class.getName()));
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "the child JVM did not finish");
        assertEquals(0, p.exitValue(), "java -cp without the vector module failed:\n" + out);
        String line = out.lines().filter(l -> l.startsWith("vector=")).findFirst().orElseThrow(() -> new AssertionError("no result line in:\n" + out));
        assertTrue(line.startsWith("vector=false "), "the child JVM has no vector module, so the check must say false: " + line);
        String[] f = line.split("[ =]");
        double first = Double.parseDouble(f[3]), last = Double.parseDouble(f[5]);
        assertTrue(last < first - 1, "the loss went from " + first + " to " + last + " nats");
        assertEquals("false", f[7], line);
    }
}
