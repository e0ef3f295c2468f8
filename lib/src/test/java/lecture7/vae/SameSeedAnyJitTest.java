package lecture7.vae;

import lecture7.compute.VectorSupport;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Same seed, same numbers, however the JVM compiles the training loop: a short float32 Bernoulli training gives the
 * same weights (bit for bit) in this JVM — where the loops are soon compiled by C2, SIMD intrinsics included — and in
 * a child JVM that only interprets ({@code -Xint}), where the vector API runs its Java fallback. With the vector
 * API's own EXP and LOG the two differed (checked: this test fails on that loop; their last bits depend on which code
 * runs, and when C2 takes over depends on timing), and so did trainings with one seed.
 */
class SameSeedAnyJitTest {

    /** The weights after 10 epochs of a small VAE on seeded binary images, as a SHA-256 of their bits. */
    static String trainedWeights() {
        Random r = new Random(5);
        float[] pix = new float[512 * 64];
        // 8 prototypes with 5 % of pixels flipped: the decoder grows large logits (|θ| up to ~10), where the
        // Bernoulli loop's exponentials differ between the two ways of running it
        boolean[][] proto = new boolean[8][64];
        for (boolean[] p : proto) for (int j = 0; j < 64; j++) p[j] = r.nextBoolean();
        for (int i = 0; i < 512; i++)
            for (int j = 0; j < 64; j++) pix[i * 64 + j] = proto[i % 8][j] ^ (r.nextFloat() < 0.05f) ? 1f : 0f;
        INDArray x = Nd4j.createFromArray(pix).reshape(512, 64).castTo(DataType.FLOAT);
        Vae vae = new Vae(new VaeConfig(64, 32, 4, Likelihood.BERNOULLI, DataType.FLOAT, 9));
        new Trainer(vae, Objective.ANALYTIC_KL, new TrainConfig(10, 32, 1e-2, 9)).fit(x);
        return CheckpointFixtures.sha(vae.params());
    }

    public static void main(String[] args) {
        System.out.println("weights " + trainedWeights());
    }

    @Test
    void sameWeightsCompiledAndInterpreted() throws Exception {
        assumeTrue(VectorSupport.available(), "runs in the surefire execution that has the vector module");
        for (int k = 0; k < 3; k++) trainedWeights();   // warm-up: by now the loops run as C2 code
        String here = trainedWeights();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-Xint",
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), SameSeedAnyJitTest.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("weights " + here), "compiled (this JVM): " + here + "\ninterpreted:\n" + out);
    }
}
