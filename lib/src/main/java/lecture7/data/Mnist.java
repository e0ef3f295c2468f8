package lecture7.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MNIST handwritten digits (60 000 training, 10 000 test images of 28×28), read from the uncompressed IDX
 * files that {@code data/fetch-mnist.sh} puts in {@code data/mnist/}.
 *
 * <p>Pixels are scaled to [0, 1] (byte / 255). Every load checks each file's SHA-256 against
 * {@code data/mnist.sha256}, so a corrupt download is reported instead of silently training on it.
 */
public final class Mnist {
    private Mnist() {}

    /** The command that fetches (or repairs) the files. */
    public static final String FETCH = "data/fetch-mnist.sh";

    /** All 60 000 training digits. */
    public static Digits train() {
        return train(0);
    }

    /** All 10 000 test digits. */
    public static Digits test() {
        return test(0);
    }

    /** The first {@code limit} training digits ({@code limit ≤ 0}: all). */
    public static Digits train(int limit) {
        return load(DataFolder.path().resolve("mnist"), "train", limit);
    }

    /** The first {@code limit} test digits ({@code limit ≤ 0}: all). */
    public static Digits test(int limit) {
        return load(DataFolder.path().resolve("mnist"), "t10k", limit);
    }

    /**
     * Reads {@code <prefix>-images-idx3-ubyte} and {@code <prefix>-labels-idx1-ubyte} from {@code dir},
     * after checking their SHA-256 against {@code dir/../mnist.sha256} when that file exists.
     */
    public static Digits load(Path dir, String prefix, int limit) {
        Path images = dir.resolve(prefix + "-images-idx3-ubyte"), labels = dir.resolve(prefix + "-labels-idx1-ubyte");
        Map<String, String> sums = checksums(dir.resolveSibling("mnist.sha256"));
        for (Path f : new Path[]{images, labels}) {
            if (!Files.exists(f)) throw new DataFileException(f + " is missing", FETCH);
            String expected = sums.get(f.getFileName().toString());
            if (expected != null && !expected.equals(sha256(f)))
                throw new DataFileException(f + " is corrupt: its SHA-256 differs from data/mnist.sha256; delete "
                        + dir + " and fetch again", FETCH);
        }
        return fromIdx(images, labels, limit, FETCH);
    }

    /** Reads an IDX image/label pair without checksum (for custom files and tests). */
    public static Digits fromIdx(Path images, Path labels, int limit, String fixCommand) {
        Idx.Images img = Idx.readImages(images, limit, fixCommand);
        int[] lab = Idx.readLabels(labels, limit, fixCommand);
        if (lab.length != img.n())
            throw new DataFileException(images.getFileName() + " has " + img.n() + " images but " + labels.getFileName()
                    + " has " + lab.length + " labels", fixCommand);
        return new Digits(scaled(img.pixels(), img.n(), img.rows() * img.cols()), lab, img.rows(), img.cols());
    }

    /**
     * The {@code [n, d]} float32 array x = byte / 255 ∈ [0, 1], written straight into ND4J's (off-heap) memory a block
     * at a time: a float[] of all 60 000 training images (188 MB) on the Java heap, copied once more by ND4J, did not
     * fit the kernel's 512 MiB heap (notebook 03 in full mode).
     */
    static INDArray scaled(byte[] pixels, int n, int d) {
        INDArray x = Nd4j.create(DataType.FLOAT, n, d);
        FloatBuffer out = x.data().asNioFloat();
        float[] block = new float[Math.min(pixels.length, 1 << 16)];
        for (int from = 0; from < pixels.length; from += block.length) {
            int len = Math.min(block.length, pixels.length - from);
            for (int i = 0; i < len; i++) block[i] = (pixels[from + i] & 0xFF) / 255f;
            out.put(block, 0, len);
        }
        return x;
    }

    /** Parses a {@code sha256sum} listing ({@code <hex>  <name>} per line); empty map if absent. */
    static Map<String, String> checksums(Path listing) {
        Map<String, String> map = new LinkedHashMap<>();
        if (!Files.exists(listing)) return map;
        try {
            for (String line : Files.readAllLines(listing)) {
                String[] parts = line.trim().split("\\s+\\*?", 2);
                if (parts.length == 2) map.put(parts[1].trim(), parts[0].toLowerCase());
            }
        } catch (IOException e) {
            throw new DataFileException("cannot read " + listing + ": " + e.getMessage(), "git checkout -- data/mnist.sha256");
        }
        return map;
    }

    /** SHA-256 of a file as lower-case hex. */
    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) { /* the digest sees every byte */ }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new DataFileException("cannot read " + file + ": " + e.getMessage(), FETCH);
        }
    }
}
