package lecture7.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/** The IDX reader on small hand-built files: one good pair and each way a file can be bad. */
class IdxReaderTest {
    @TempDir Path dir;

    /** 3 images of 2×2 with pixels 0, 51, 255, …; labels 7, 0, 9. */
    private static final byte[] PIXELS = {0, 51, (byte) 255, 102, 1, 2, 3, 4, (byte) 200, 0, 0, (byte) 255};
    private static final byte[] LABELS = {7, 0, 9};

    private static byte[] imageFile(int magic, int n, int rows, int cols, byte[] pixels) {
        ByteBuffer b = ByteBuffer.allocate(16 + pixels.length);
        b.putInt(magic).putInt(n).putInt(rows).putInt(cols).put(pixels);
        return b.array();
    }

    private static byte[] labelFile(int magic, int n, byte[] labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(magic).putInt(n).put(labels);
        return b.array();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private Digits goodPair(int limit) throws IOException {
        Path img = write("x-images-idx3-ubyte", imageFile(2051, 3, 2, 2, PIXELS));
        Path lab = write("x-labels-idx1-ubyte", labelFile(2049, 3, LABELS));
        return Mnist.fromIdx(img, lab, limit, "fetch-cmd");
    }

    @Test
    void readsPixelsScaledToUnitIntervalAndLabels() throws IOException {
        Digits d = goodPair(0);
        assertEquals(3, d.n());
        assertEquals(4, d.dim());
        assertArrayEquals(new int[]{7, 0, 9}, d.labels());
        // byte / 255, computed by hand: 51/255 = 0.2, 102/255 = 0.4, 200/255 ≈ 0.784314
        assertEquals(0.2f, d.images().getFloat(0, 1), 1e-7);
        assertEquals(1.0f, d.images().getFloat(0, 2), 0);
        assertEquals(0.4f, d.images().getFloat(0, 3), 1e-7);
        assertEquals(200 / 255f, d.images().getFloat(2, 0), 0);
        assertEquals(1.0f, d.images().getFloat(2, 3), 0);
    }

    @Test
    void everyByteValueIsScaledTheSameAcrossTheBlocksOfTheCopy() {
        // more pixels than one block of the off-heap copy (65 536), so that a block boundary falls inside an image
        int n = 100, d = 784;
        byte[] px = new byte[n * d];
        for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 7 + i / 1000);
        org.nd4j.linalg.api.ndarray.INDArray x = Mnist.scaled(px, n, d);
        assertArrayEquals(new long[]{n, d}, x.shape());
        float[] got = x.data().asFloat();
        for (int i = 0; i < px.length; i++)
            assertEquals(Float.floatToIntBits((px[i] & 0xFF) / 255f), Float.floatToIntBits(got[i]), "pixel " + i);
        assertEquals(256, java.util.stream.IntStream.range(0, px.length).map(i -> px[i] & 0xFF).distinct().count());
    }

    @Test
    void limitReadsOnlyTheFirstImages() throws IOException {
        Digits d = goodPair(2);
        assertEquals(2, d.n());
        assertArrayEquals(new int[]{7, 0}, d.labels());
        assertEquals(1, d.only(0).n());
        assertEquals(3 / 255f, d.only(0).images().getFloat(0, 2), 0);
    }

    @Test
    void missingFileNamesTheFetchCommand() {
        var e = assertThrows(DataFileException.class,
                () -> Mnist.fromIdx(dir.resolve("nope-images"), dir.resolve("nope-labels"), 0, "data/fetch-mnist.sh"));
        assertTrue(e.getMessage().contains("nope-images is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("data/fetch-mnist.sh"), e.getMessage());
    }

    @Test
    void wrongMagicNumberIsReported() throws IOException {
        Path img = write("a-images", labelFile(2049, 3, LABELS)); // a label file where images are expected
        var e = assertThrows(DataFileException.class, () -> Idx.readImages(img, 0, "fix"));
        assertTrue(e.getMessage().contains("magic number 0x00000801, expected 0x00000803"), e.getMessage());
    }

    @Test
    void truncatedImageFileIsReported() throws IOException {
        byte[] whole = imageFile(2051, 3, 2, 2, PIXELS);
        Path img = write("t-images", Arrays.copyOf(whole, whole.length - 5));
        var e = assertThrows(DataFileException.class, () -> Idx.readImages(img, 0, "fix"));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        Path stub = write("s-images", new byte[]{0, 0, 8});
        assertThrows(DataFileException.class, () -> Idx.readImages(stub, 0, "fix"));
    }

    @Test
    void truncatedLabelFileIsReported() throws IOException {
        Path lab = write("t-labels", labelFile(2049, 5, LABELS)); // promises 5, holds 3
        var e = assertThrows(DataFileException.class, () -> Idx.readLabels(lab, 0, "fix"));
        assertTrue(e.getMessage().contains("promises 5 labels"), e.getMessage());
    }

    @Test
    void imageAndLabelCountsMustAgree() throws IOException {
        Path img = write("c-images", imageFile(2051, 3, 2, 2, PIXELS));
        Path lab = write("c-labels", labelFile(2049, 2, new byte[]{1, 2}));
        var e = assertThrows(DataFileException.class, () -> Mnist.fromIdx(img, lab, 0, "fix"));
        assertTrue(e.getMessage().contains("3 images but"), e.getMessage());
    }

    @Test
    void checksumMismatchIsReportedWithTheFetchCommand() throws IOException {
        Path mnist = Files.createDirectories(dir.resolve("mnist"));
        Files.write(mnist.resolve("train-images-idx3-ubyte"), imageFile(2051, 3, 2, 2, PIXELS));
        Files.write(mnist.resolve("train-labels-idx1-ubyte"), labelFile(2049, 3, LABELS));
        String goodImg = Mnist.sha256(mnist.resolve("train-images-idx3-ubyte"));
        String goodLab = Mnist.sha256(mnist.resolve("train-labels-idx1-ubyte"));
        Files.writeString(dir.resolve("mnist.sha256"),
                goodImg + "  train-images-idx3-ubyte\n" + goodLab + "  train-labels-idx1-ubyte\n");
        assertEquals(3, Mnist.load(mnist, "train", 0).n()); // verifies

        byte[] tampered = imageFile(2051, 3, 2, 2, PIXELS);
        tampered[20] ^= 1;
        Files.write(mnist.resolve("train-images-idx3-ubyte"), tampered);
        var e = assertThrows(DataFileException.class, () -> Mnist.load(mnist, "train", 0));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        assertEquals(Mnist.FETCH, e.fixCommand());
    }

    @Test
    void sha256MatchesAKnownVector() throws IOException {
        // SHA-256("abc") from FIPS 180-2, appendix B.1
        Path f = write("abc", "abc".getBytes());
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Mnist.sha256(f));
    }
}
