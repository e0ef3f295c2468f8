package lecture7.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.*;

class SpritesTest {
    private final Sprites ds = Sprites.dsprites();

    /** Centre of mass {x, y} of an image in pixel units (pixel centres at i + 0.5), y down. */
    private static double[] centroid(float[] px, int size) {
        double m = 0, x = 0, y = 0;
        for (int r = 0; r < size; r++)
            for (int c = 0; c < size; c++) {
                double v = px[r * size + c];
                m += v;
                x += v * (c + 0.5);
                y += v * (r + 0.5);
            }
        return new double[]{x / m, y / m, m};
    }

    private float[] render(Sprites g, SpriteFactors f) {
        float[] px = new float[g.dim()];
        g.render(f, px, 0);
        return px;
    }

    @Test
    void gridHasTheDspritesSizeAndIndexRoundTrips() {
        assertEquals(737_280L, ds.count());
        assertEquals(new SpriteFactors(0, 0, 0, 0, 0), ds.factors(0));
        assertEquals(new SpriteFactors(2, 5, 39, 31, 31), ds.factors(737_279));
        // dSprites' latents_bases: posY fastest, then posX (×32), orientation (×1024), scale (×40 960), shape (×245 760)
        assertEquals(new SpriteFactors(1, 2, 3, 4, 5), ds.factors(245_760 + 2 * 40_960 + 3 * 1024 + 4 * 32 + 5));
        java.util.Random rng = new java.util.Random(1);
        for (int t = 0; t < 1000; t++) {
            long i = (long) (rng.nextDouble() * ds.count());
            assertEquals(i, ds.index(ds.factors(i)));
        }
    }

    @Test
    void centreOfMassMovesWithPosXAndPosY() {
        for (int shape = 0; shape < 3; shape++) {
            double prev = -1;
            for (int x = 0; x < 32; x++) {
                SpriteFactors f = new SpriteFactors(shape, 5, 0, x, 10);
                double[] cm = centroid(render(ds, f), 64);
                double[] c = ds.centre(f);
                assertTrue(cm[0] > prev, "centroid must move right with posX (shape " + shape + ", posX " + x + ")");
                prev = cm[0];
                if (shape < 2) assertEquals(c[0], cm[0], 0.5, "symmetric shapes are centred on the factor position");
                assertEquals(c[1], centroid(render(ds, f), 64)[1], shape < 2 ? 0.5 : 2.0);
            }
            prev = -1;
            for (int y = 0; y < 32; y++) {
                double cy = centroid(render(ds, new SpriteFactors(shape, 3, 7, 20, y)), 64)[1];
                assertTrue(cy > prev, "centroid must move down with posY");
                prev = cy;
            }
        }
    }

    @Test
    void areaGrowsWithScaleLikeScaleSquared() {
        for (int shape = 0; shape < 3; shape++) {
            double a0 = centroid(render(ds, new SpriteFactors(shape, 0, 0, 16, 16)), 64)[2];
            double prev = a0;
            for (int s = 1; s < 6; s++) {
                double a = centroid(render(ds, new SpriteFactors(shape, s, 0, 16, 16)), 64)[2];
                assertTrue(a > prev);
                prev = a;
            }
            // scale 1 vs 0.5: area ratio 4 up to pixelisation
            assertEquals(4.0, prev / a0, 0.6);
        }
        // square of half-side 0.68·0.18·64 px: area (2·7.83)² ≈ 245 px²
        double sq = centroid(render(ds, new SpriteFactors(0, 5, 0, 16, 16)), 64)[2];
        assertEquals(Math.pow(2 * 0.68 * 0.18 * 64, 2), sq, 25);
    }

    @Test
    void ellipseAxisTurnsWithOrientation() {
        for (int k = 0; k < 40; k += 3) {
            float[] px = render(ds, new SpriteFactors(1, 5, k, 16, 16));
            double[] cm = centroid(px, 64);
            double sxx = 0, syy = 0, sxy = 0;
            for (int r = 0; r < 64; r++)
                for (int c = 0; c < 64; c++) {
                    if (px[r * 64 + c] == 0) continue;
                    double dx = c + 0.5 - cm[0], dy = -(r + 0.5 - cm[1]); // maths coordinates, y up
                    sxx += dx * dx;
                    syy += dy * dy;
                    sxy += dx * dy;
                }
            double axis = 0.5 * Math.atan2(2 * sxy, sxx - syy);          // principal axis angle, mod π
            double want = ds.orientationValue(k);
            double diff = Math.IEEEremainder(axis - want, Math.PI);
            assertEquals(0, diff, Math.toRadians(4), "ellipse axis at orientation class " + k);
        }
    }

    @Test
    void imagesAreBinaryAndStayInsideTheFrame() {
        SpriteSet s = ds.sample(300, 3);
        float[] px = s.images().data().asFloat();
        for (int i = 0; i < s.n(); i++)
            for (int r = 0; r < 64; r++)
                for (int c = 0; c < 64; c++) {
                    float v = px[i * 4096 + r * 64 + c];
                    assertTrue(v == 0f || v == 1f);
                    if (r == 0 || c == 0 || r == 63 || c == 63) assertEquals(0f, v, "ink on the border of image " + i);
                }
        assertTrue(s.images().sumNumber().doubleValue() > 300 * 20);
    }

    @Test
    void sampleIsSeededAndBatchesStreamTheSameImages() {
        Sprites g = Sprites.small();
        SpriteSet a = g.sample(50, 7), b = g.sample(50, 7), c = g.sample(50, 8);
        assertEquals(a.images(), b.images());
        assertArrayEquals(a.factors(), b.factors());
        assertNotEquals(a.images(), c.images());
        int from = 0, batches = 0;
        for (SpriteSet batch : g.batches(50, 16, 7)) {
            assertEquals(a.batch(from, from + batch.n()).images(), batch.images());
            assertArrayEquals(Arrays.copyOfRange(a.factors(), from, from + batch.n()), batch.factors());
            from += batch.n();
            batches++;
        }
        assertEquals(50, from);
        assertEquals(4, batches);
        // each factor level shows up
        SpriteSet all = g.all();
        assertEquals(g.count(), all.n());
        for (int k = 0; k < 5; k++) assertEquals(g.levels()[k] - 1, Arrays.stream(all.factor(k)).max().getAsInt());
    }

    @Test
    void asymmetricGridHasItsOwnLevelsAndSpansCentredOnTheMiddle() {
        Sprites g = Sprites.asymmetric(32, 6, 16, 8, 0.5, 0.25);
        assertEquals(6 * 16 * 8, g.count());
        assertArrayEquals(new int[]{1, 6, 1, 16, 8}, g.levels());
        for (long i = 0; i < g.count(); i++) assertEquals(i, g.index(g.factors(i)));
        // centre x runs over the middle half of [0.2, 0.8]·32 = [6.4, 25.6] px: [11.2, 20.8]; y over the middle quarter: [13.6, 18.4]
        assertEquals(11.2, g.centre(new SpriteFactors(0, 0, 0, 0, 0))[0], 1e-12);
        assertEquals(20.8, g.centre(new SpriteFactors(0, 0, 0, 15, 0))[0], 1e-12);
        assertEquals(13.6, g.centre(new SpriteFactors(0, 0, 0, 0, 0))[1], 1e-12);
        assertEquals(18.4, g.centre(new SpriteFactors(0, 0, 0, 0, 7))[1], 1e-12);
        // the 5-argument grid is dSprites' geometry: spans 1, as many y levels as x levels
        Sprites d = new Sprites(32, 1, 6, 1, 16);
        assertEquals(new Sprites(32, 1, 6, 1, 16, 16, 1.0, 1.0), d);
        assertEquals(6.4, d.centre(new SpriteFactors(0, 0, 0, 0, 0))[0], 1e-12);
        // neighbouring positions 0.32 px apart can render the same pixels: distinct images ≤ factor combinations,
        // and a grid whose positions are whole pixels apart has every image distinct
        long distinct = g.distinctImages();
        assertTrue(distinct > g.count() / 2 && distinct <= g.count(), distinct + " distinct of " + g.count());
        Sprites coarse = Sprites.asymmetric(32, 2, 4, 2, 1.0, 0.5);   // x steps of 6.4 px, y steps of 9.6 px
        assertEquals(coarse.count(), coarse.distinctImages());
        assertThrows(IllegalArgumentException.class, () -> Sprites.asymmetric(32, 6, 16, 8, 0, 0.25));
        assertThrows(IllegalArgumentException.class, () -> Sprites.asymmetric(32, 6, 16, 8, 0.5, 1.5));
    }

    @Test
    void badInputGivesClearErrors() {
        var e = assertThrows(IllegalArgumentException.class, () -> ds.index(new SpriteFactors(0, 6, 0, 0, 0)));
        assertTrue(e.getMessage().contains("scale class 6 is out of range"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ds.image(new SpriteFactors(0, 0, 0, 32, 0)));
        assertTrue(e.getMessage().contains("posX"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SpriteFactors(-1, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ds.factors(737_280));
        assertThrows(IllegalArgumentException.class, () -> new Sprites(64, 4, 6, 40, 32));
        e = assertThrows(IllegalArgumentException.class, () -> ds.batches(10, 64, 1));
        assertTrue(e.getMessage().contains("smaller than the batch"), e.getMessage());
        assertThrows(IllegalArgumentException.class, ds::all);
    }

    // ---- the .npz reader, on a tiny file written here by the NPY format spec (numpy.org/neps/nep-0001) ----

    private static byte[] npy(String descr, long[] shape, byte[] data) {
        String dims = Arrays.stream(shape).mapToObj(Long::toString).reduce((x, y) -> x + ", " + y).orElse("") + (shape.length == 1 ? "," : "");
        StringBuilder h = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims + "), }");
        while ((10 + h.length() + 1) % 64 != 0) h.append(' ');
        h.append('\n');
        byte[] hb = h.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(10 + hb.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) hb.length).put(hb).put(data);
        return b.array();
    }

    private Path writeNpz(Path dir, SpriteFactors[] fs, boolean truncate) throws IOException {
        int n = fs.length;
        ByteBuffer cls = ByteBuffer.allocate(n * 48).order(ByteOrder.LITTLE_ENDIAN);
        byte[] imgs = new byte[n * 4096];
        for (int i = 0; i < n; i++) {
            cls.putLong(0);
            for (int v : fs[i].toArray()) cls.putLong(v);
            float[] px = render(ds, fs[i]);
            for (int p = 0; p < 4096; p++) imgs[i * 4096 + p] = (byte) (px[p] > 0 ? 1 : 0);
        }
        if (truncate) imgs = Arrays.copyOf(imgs, imgs.length - 100);
        Path f = dir.resolve(DSpritesFile.NAME);
        try (OutputStream os = Files.newOutputStream(f); ZipOutputStream z = new ZipOutputStream(os)) {
            z.putNextEntry(new ZipEntry("latents_classes.npy"));
            z.write(npy("<i8", new long[]{n, 6}, cls.array()));
            z.putNextEntry(new ZipEntry("imgs.npy"));
            z.write(npy("|u1", new long[]{n, 64, 64}, imgs));
            z.closeEntry();
        }
        return f;
    }

    @Test
    void npzReaderReturnsTheRequestedRows(@TempDir Path dir) throws IOException {
        SpriteFactors[] fs = {new SpriteFactors(0, 1, 2, 3, 4), new SpriteFactors(2, 5, 39, 31, 0),
                new SpriteFactors(1, 0, 10, 16, 16), new SpriteFactors(2, 3, 5, 7, 30)};
        Path f = writeNpz(dir, fs, false);
        SpriteSet s = DSpritesFile.read(f, new long[]{3, 1, 3}, ds);
        assertEquals(3, s.n());
        assertArrayEquals(fs[3].toArray(), s.factors()[0]);
        assertArrayEquals(fs[1].toArray(), s.factors()[1]);
        INDArray want = ds.image(fs[3]);
        assertEquals(want, s.images().getRow(0).reshape(1, 4096));
        assertEquals(want, s.images().getRow(2).reshape(1, 4096));
        assertEquals(ds.image(fs[1]), s.images().getRow(1).reshape(1, 4096));
    }

    @Test
    void npzReaderNamesTheProblem(@TempDir Path dir) throws IOException {
        SpriteFactors[] fs = {new SpriteFactors(0, 1, 2, 3, 4), new SpriteFactors(1, 1, 1, 1, 1)};
        Path f = writeNpz(dir, fs, true);
        var e = assertThrows(DataFileException.class, () -> DSpritesFile.read(f, new long[]{1}, ds));
        assertTrue(e.getMessage().contains("ends early"), e.getMessage());
        var missing = assertThrows(DataFileException.class, () -> DSpritesFile.read(dir.resolve("nope.npz"), new long[]{0}, ds));
        assertTrue(missing.getMessage().contains("not found"), missing.getMessage());
    }
}
