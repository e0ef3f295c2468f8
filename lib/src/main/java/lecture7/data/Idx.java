package lecture7.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reader for the IDX format in which MNIST is distributed (LeCun et al.): a big-endian header
 * {@code 0x00 0x00 type rank}, one 32-bit size per dimension, then the unsigned bytes.
 *
 * <p>Only unsigned-byte files ({@code type = 0x08}) are read: images have magic 2051 (rank 3),
 * labels magic 2049 (rank 1). Every problem with a file is reported as an {@link DataFileException}
 * naming the file and the command that restores it.
 */
public final class Idx {
    private Idx() {}

    /** Magic number of an unsigned-byte IDX file of rank 3 (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an unsigned-byte IDX file of rank 1 (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    /** Pixels of an IDX image file: {@code n} images of {@code rows × cols} unsigned bytes, row-major. */
    public record Images(int n, int rows, int cols, byte[] pixels) {}

    /** Reads the first {@code limit} images ({@code limit ≤ 0}: all) of an IDX image file. */
    public static Images readImages(Path file, int limit, String fixCommand) {
        ByteBuffer buf = read(file, fixCommand);
        int[] dims = header(buf, file, IMAGES_MAGIC, 3, fixCommand);
        int n = take(dims[0], limit), rows = dims[1], cols = dims[2];
        long need = 16L + (long) dims[0] * rows * cols;
        if (buf.capacity() < need)
            throw new DataFileException(file + " is truncated: header promises " + dims[0] + " images of " + rows + "×"
                    + cols + " (" + need + " bytes) but the file has " + buf.capacity() + " bytes", fixCommand);
        byte[] pixels = new byte[n * rows * cols];
        buf.position(16);
        buf.get(pixels);
        return new Images(n, rows, cols, pixels);
    }

    /** Reads the first {@code limit} labels ({@code limit ≤ 0}: all) of an IDX label file. */
    public static int[] readLabels(Path file, int limit, String fixCommand) {
        ByteBuffer buf = read(file, fixCommand);
        int[] dims = header(buf, file, LABELS_MAGIC, 1, fixCommand);
        long need = 8L + dims[0];
        if (buf.capacity() < need)
            throw new DataFileException(file + " is truncated: header promises " + dims[0] + " labels (" + need
                    + " bytes) but the file has " + buf.capacity() + " bytes", fixCommand);
        int n = take(dims[0], limit);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = buf.get(8 + i) & 0xFF;
        return labels;
    }

    private static int take(int available, int limit) {
        return limit <= 0 ? available : Math.min(available, limit);
    }

    private static ByteBuffer read(Path file, String fixCommand) {
        try {
            return ByteBuffer.wrap(Files.readAllBytes(file)); // big-endian by default, as IDX is
        } catch (NoSuchFileException e) {
            throw new DataFileException(file + " is missing", fixCommand);
        } catch (IOException e) {
            throw new DataFileException("cannot read " + file + ": " + e.getMessage(), fixCommand);
        }
    }

    private static int[] header(ByteBuffer buf, Path file, int magic, int rank, String fixCommand) {
        if (buf.capacity() < 4)
            throw new DataFileException(file + " is truncated: " + buf.capacity() + " bytes, shorter than an IDX header", fixCommand);
        int found = buf.getInt(0);
        if (found != magic)
            throw new DataFileException(String.format("%s is not an IDX %s file: magic number 0x%08X, expected 0x%08X",
                    file, rank == 3 ? "image" : "label", found, magic), fixCommand);
        if (buf.capacity() < 4 + 4 * rank)
            throw new DataFileException(file + " is truncated: " + buf.capacity() + " bytes, shorter than an IDX header", fixCommand);
        int[] dims = new int[rank];
        for (int d = 0; d < rank; d++) {
            dims[d] = buf.getInt(4 + 4 * d);
            if (dims[d] < 0) throw new DataFileException(file + " has a negative size in its header", fixCommand);
        }
        return dims;
    }
}
