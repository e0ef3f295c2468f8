package lecture7.vae;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Checkpoint files that are not what they claim to be: an unknown version byte, bytes after the CRC, a parameter
 * count that does not fit the stored sizes. Each gets a {@link CheckpointException} that says which, before any
 * number is read. The layout (Vae#save): "L7VAE", version byte, likelihood name (UTF), D, H, M (int), dtype byte,
 * seed (long), [pixel window (int), version 2 only], parameter count (long), parameters, CRC-32 (long).
 */
class CheckpointTest {

    private static byte[] saved(Path dir, VaeConfig c) throws Exception {
        Vae vae = new Vae(c);
        Path f = dir.resolve("ok-" + c.likelihood().name() + "-" + c.dtype() + ".ckpt");
        vae.save(f);
        Vae back = Vae.load(f);
        assertEquals(c, back.config());
        assertEquals(vae.params(), back.params());
        return Files.readAllBytes(f);
    }

    /** Byte offset of the parameter count in a version-1 checkpoint whose likelihood is called {@code name}. */
    private static int countOffset(String name) {
        return 5 + 1 + 2 + name.length() + 3 * 4 + 1 + 8;
    }

    private static String loadError(Path dir, String file, byte[] bytes) throws Exception {
        Path f = dir.resolve(file);
        Files.write(f, bytes);
        return assertThrows(CheckpointException.class, () -> Vae.load(f)).getMessage();
    }

    @Test
    void versionTrailingBytesAndParameterCountAreChecked(@TempDir Path dir) throws Exception {
        VaeConfig c = VaeTrainingTest.small(3);
        byte[] ok = saved(dir, c);
        int at = countOffset("bernoulli");
        assertEquals(c.numParams(), ByteBuffer.wrap(ok, at, 8).getLong(), "the layout this test assumes");

        byte[] version = ok.clone();
        version[5] = 7;
        String e = loadError(dir, "version.ckpt", version);
        assertTrue(e.contains("checkpoint version 7") && e.contains("reads versions 1 and 2"), e);

        byte[] trailing = Arrays.copyOf(ok, ok.length + 3);
        e = loadError(dir, "trailing.ckpt", trailing);
        assertTrue(e.contains("3 unexpected trailing bytes"), e);

        byte[] count = ok.clone();
        ByteBuffer.wrap(count, at, 8).putLong(c.numParams() + 1);
        e = loadError(dir, "count.ckpt", count);
        assertTrue(e.contains("stores " + (c.numParams() + 1) + " parameters") && e.contains("need " + c.numParams())
                && e.contains("D=64, H=32, M=2"), e);

        byte[] likelihood = ok.clone();
        likelihood[8] = 'X'; // "bernoulli" → "Xernoulli"
        e = loadError(dir, "likelihood.ckpt", likelihood);
        assertTrue(e.contains("invalid header") && e.contains("unknown likelihood 'Xernoulli'"), e);

        // a single flipped bit in the parameters: the CRC
        byte[] flipped = ok.clone();
        flipped[at + 8 + 5] ^= 0x10;
        assertTrue(loadError(dir, "flipped.ckpt", flipped).contains("corrupt"));
        // a file that ends inside the parameter count
        assertTrue(loadError(dir, "short.ckpt", Arrays.copyOf(ok, at + 3)).contains("header ends early"));
    }

    @Test
    void doubleAndGaussianCheckpointsRoundTrip(@TempDir Path dir) throws Exception {
        VaeConfig c = new VaeConfig(64, 16, 3, Likelihood.GAUSSIAN, DataType.DOUBLE, 5);
        byte[] ok = saved(dir, c);
        int at = countOffset("gaussian");
        assertEquals(c.numParams(), ByteBuffer.wrap(ok, at, 8).getLong());
        // 8 bytes a parameter in double: header + 8p + CRC
        assertEquals(at + 8 + 8 * c.numParams() + 8, ok.length);
        assertEquals(1, ok[at - 9], "dtype byte 1 = DOUBLE");
    }
}
