package lecture7.data;

import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reader for the original dSprites file {@code dsprites_ndarray_co1sh3sc6or40x32y32_64x64.npz}
 * (Matthey et al. 2017, github.com/deepmind/dsprites-dataset), for users who have it: the kit never
 * downloads it and works without it through the {@link Sprites} generator.
 *
 * <p>The file is a zip of NumPy {@code .npy} arrays: {@code imgs} {@code [737280, 64, 64]} uint8 and
 * {@code latents_classes} {@code [737280, 6]} int64 (colour, shape, scale, orientation, posX, posY).
 * {@link #sample} streams through {@code imgs} once and keeps only the requested rows, so memory stays
 * at {@code n} images, not 737 280.
 */
public final class DSpritesFile {
    private DSpritesFile() {}

    /** The file's name in {@code DataFolder.path()/dsprites/}. */
    public static final String NAME = "dsprites_ndarray_co1sh3sc6or40x32y32_64x64.npz";

    /** {@code DataFolder.path()/dsprites/} + {@link #NAME}. */
    public static Path defaultPath() {
        return DataFolder.path().resolve("dsprites").resolve(NAME);
    }

    /** Whether the original file is present at {@link #defaultPath()}. */
    public static boolean available() {
        return Files.isRegularFile(defaultPath());
    }

    /**
     * {@code n} images drawn uniformly (with replacement, seeded, same draws as
     * {@code Sprites.dsprites().sample(n, seed)}) from the file, with their factor classes.
     */
    public static SpriteSet sample(Path npz, int n, long seed) {
        if (n > 200_000) throw new IllegalArgumentException("n = " + n + " sprites would need "
                + (n * 4096L * 4 >> 20) + " MB; ask for at most 200 000");
        Sprites grid = Sprites.dsprites();
        long[] idx = grid.sampleIndices(n, seed);
        return read(npz, idx, grid);
    }

    /** The images at the given row indices of the file (any order, repeats allowed). */
    public static SpriteSet read(Path npz, long[] rows, Sprites grid) {
        if (!Files.isRegularFile(npz))
            throw new DataFileException("dSprites file " + npz + " not found; the kit works without it (use Sprites.dsprites())."
                    + " To use the original, download " + NAME + " from github.com/deepmind/dsprites-dataset into "
                    + npz.getParent(), null);
        long[] order = Arrays.stream(rows).sorted().distinct().toArray();
        try (ZipFile zip = new ZipFile(npz.toFile())) {
            // latents_classes: [N, 6] int64 → keep rows, drop the colour column
            Npy cls = open(zip, "latents_classes.npy", npz);
            if (!cls.descr.equals("<i8") || cls.shape.length != 2 || cls.shape[1] != 6)
                throw bad(npz, "latents_classes has dtype " + cls.descr + " shape " + Arrays.toString(cls.shape) + ", expected <i8 [N, 6]");
            long nFile = cls.shape[0];
            if (order.length > 0 && (order[0] < 0 || order[order.length - 1] >= nFile))
                throw new IllegalArgumentException("row indices must lie in 0.." + (nFile - 1));
            int[][] classesSorted = new int[order.length][5];
            byte[] row = new byte[48];
            long at = 0;
            for (int k = 0; k < order.length; k++) {
                cls.skip((order[k] - at) * 48);
                cls.readFully(row);
                at = order[k] + 1;
                ByteBuffer bb = ByteBuffer.wrap(row).order(ByteOrder.LITTLE_ENDIAN);
                bb.getLong();
                for (int j = 0; j < 5; j++) classesSorted[k][j] = (int) bb.getLong();
                grid.check(SpriteFactors.of(classesSorted[k]));
            }
            cls.in.close();
            // imgs: [N, 64, 64] uint8 (0/1)
            Npy img = open(zip, "imgs.npy", npz);
            int d = grid.dim();
            if (!img.descr.equals("|u1") || img.shape.length != 3 || img.shape[0] != nFile || img.shape[1] * img.shape[2] != d)
                throw bad(npz, "imgs has dtype " + img.descr + " shape " + Arrays.toString(img.shape) + ", expected |u1 [" + nFile + ", "
                        + grid.size() + ", " + grid.size() + "]");
            float[][] pxSorted = new float[order.length][d];
            byte[] buf = new byte[d];
            at = 0;
            for (int k = 0; k < order.length; k++) {
                img.skip((order[k] - at) * d);
                img.readFully(buf);
                at = order[k] + 1;
                for (int p = 0; p < d; p++) pxSorted[k][p] = buf[p] != 0 ? 1f : 0f;
            }
            img.in.close();
            // back to the caller's order
            float[] px = new float[rows.length * d];
            int[][] fac = new int[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                int k = Arrays.binarySearch(order, rows[i]);
                System.arraycopy(pxSorted[k], 0, px, i * d, d);
                fac[i] = classesSorted[k].clone();
            }
            return new SpriteSet(grid, Nd4j.create(px, new long[]{rows.length, d}, 'c'), fac);
        } catch (EOFException e) {
            throw bad(npz, "file ends early (truncated download?)");
        } catch (IOException e) {
            throw bad(npz, "cannot be read as a zip of .npy arrays: " + e.getMessage());
        }
    }

    private static DataFileException bad(Path npz, String problem) {
        return new DataFileException("dSprites file " + npz + ": " + problem
                + ". Download " + NAME + " again from github.com/deepmind/dsprites-dataset", null);
    }

    /** An open {@code .npy} entry positioned at its first data byte. */
    private record Npy(DataInputStream in, String descr, long[] shape) {
        void skip(long bytes) throws IOException {
            while (bytes > 0) {
                long s = in.skip(bytes);
                if (s <= 0) {
                    if (in.read() < 0) throw new EOFException();
                    s = 1;
                }
                bytes -= s;
            }
        }

        void readFully(byte[] b) throws IOException {
            in.readFully(b);
        }
    }

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** Opens {@code name} in the zip and parses the NPY header (format versions 1–3). */
    private static Npy open(ZipFile zip, String name, Path npz) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) throw bad(npz, "has no array " + name);
        InputStream raw = zip.getInputStream(e);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
        byte[] magic = new byte[8];
        in.readFully(magic);
        if ((magic[0] & 0xFF) != 0x93 || !new String(magic, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY"))
            throw bad(npz, name + " is not a .npy array");
        int major = magic[6];
        long headerLen;
        if (major == 1) headerLen = (in.readUnsignedByte()) | (in.readUnsignedByte() << 8);
        else {
            byte[] b = new byte[4];
            in.readFully(b);
            headerLen = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
        }
        byte[] h = new byte[(int) headerLen];
        in.readFully(h);
        String header = new String(h, StandardCharsets.ISO_8859_1);
        Matcher md = DESCR.matcher(header), mf = FORTRAN.matcher(header), ms = SHAPE.matcher(header);
        if (!md.find() || !mf.find() || !ms.find()) throw bad(npz, name + " has an unreadable header: " + header.trim());
        if (mf.group(1).equals("True")) throw bad(npz, name + " is stored in Fortran order; expected C order");
        long[] shape = Arrays.stream(ms.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        return new Npy(in, md.group(1), shape);
    }
}
