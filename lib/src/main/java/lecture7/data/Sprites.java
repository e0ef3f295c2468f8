package lecture7.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * A dSprites-like generator (Matthey et al. 2017): binary {@code size×size} images of a square, an ellipse
 * or a heart, drawn from five independent factors on a grid — shape, scale, orientation, posX, posY — with
 * the true factor of every image known. Part 3 of the lecture uses it to measure disentanglement (MIG) and
 * to draw latent traversals.
 *
 * <p>{@link #dsprites()} is the original grid: 64×64 pixels, 3 shapes × 6 scales × 40 orientations ×
 * 32 × 32 positions = 737 280 images. Images are rendered on demand from their factors (about a
 * microsecond per image), so no 737 280-image array is ever needed: {@link #sample} draws a data set,
 * {@link #batches} streams one. Smaller grids ({@link #small()}) keep notebooks fast.
 *
 * <p>Geometry, in image units (the image is the unit square, y down): the centre runs over
 * [0.2, 0.8] in x and, by default, in y; a shape at scale s fits in a disc of radius 0.18·s around it, so every sprite
 * stays inside the frame. Scale values are 0.5 … 1 (dSprites' {@code linspace(0.5, 1, 6)});
 * orientation k is the angle 2π·k/orientations (dSprites repeats 0 and 2π, this grid does not), turning
 * the shape counter-clockwise on screen. A pixel is ink (1) when its centre lies inside the shape.
 * Note that a square looks the same every 90° and an ellipse every 180°, as in dSprites.
 *
 * <p><b>Asymmetric positions.</b> dSprites has as many posY levels as posX levels over the same range. For a
 * square, x and y are then interchangeable: any rotation of the two position latents codes the data equally
 * well, and a VAE often settles on a rotated pair (MIG near 0 on both positions). {@link #asymmetric} gives
 * posY fewer levels over a shorter range, so the two positions differ in how much they vary and a model that
 * aligns its latents with the factors is preferred (Rolinek et al. 2019: the diagonal posterior favours axes
 * along directions of different variance). The spans also set how far a sprite travels compared with its own
 * size; measured on 32×32 squares, a position range of about twice the sprite's width is coded by one latent,
 * a range of four widths is often split over two (notebook 05).
 *
 * @param size         image height and width in pixels
 * @param shapes       number of shapes used, 1–3 (square, ellipse, heart in that order)
 * @param scales       number of scale levels, ≥ 1
 * @param orientations number of orientation levels, ≥ 1
 * @param positionsX   number of posX levels, ≥ 1
 * @param positionsY   number of posY levels, ≥ 1
 * @param xSpan        the range of the centre's x as a fraction of the full range [0.2, 0.8], in (0, 1], centred on
 *                     0.5 (1 = dSprites)
 * @param ySpan        the same for y
 */
public record Sprites(int size, int shapes, int scales, int orientations, int positionsX, int positionsY, double xSpan,
                      double ySpan) {
    /** Shape names, index = {@link SpriteFactors#shape()}. */
    public static final String[] SHAPE_NAMES = {"square", "ellipse", "heart"};
    /** Centre range [MARGIN, 1 − MARGIN] and radius of the largest shape, in image units. */
    static final double MARGIN = 0.2, RADIUS = 0.18;

    public Sprites {
        if (size < 8) throw new IllegalArgumentException("sprite images need size ≥ 8 pixels, got " + size);
        if (shapes < 1 || shapes > 3) throw new IllegalArgumentException("shapes must be 1–3, got " + shapes);
        if (scales < 1 || orientations < 1 || positionsX < 1 || positionsY < 1)
            throw new IllegalArgumentException("scales, orientations and positions must be ≥ 1, got "
                    + scales + ", " + orientations + ", " + positionsX + " × " + positionsY);
        if (!(xSpan > 0 && xSpan <= 1) || !(ySpan > 0 && ySpan <= 1))
            throw new IllegalArgumentException("xSpan and ySpan must lie in (0, 1], got " + xSpan + ", " + ySpan);
    }

    /** dSprites' geometry: {@code positions} levels of posX and of posY over the same range. */
    public Sprites(int size, int shapes, int scales, int orientations, int positions) {
        this(size, shapes, scales, orientations, positions, positions, 1.0, 1.0);
    }

    /**
     * Squares only, no rotation: {@code scales} sizes, {@code positionsX} × {@code positionsY} positions over the
     * central {@code xSpan} and {@code ySpan} of dSprites' position range (notebook 05: 32×32 pixels, 6 scales,
     * 16 × 8 positions, spans ½ and ¼, so y has half the levels of x over half its range).
     */
    public static Sprites asymmetric(int size, int scales, int positionsX, int positionsY, double xSpan, double ySpan) {
        return new Sprites(size, 1, scales, 1, positionsX, positionsY, xSpan, ySpan);
    }

    /** The dSprites grid: 64×64 pixels, 3 shapes, 6 scales, 40 orientations, 32×32 positions. */
    public static Sprites dsprites() {
        return new Sprites(64, 3, 6, 40, 32);
    }

    /** A small grid for fast runs: 32×32 pixels, 3 shapes, 4 scales, 8 orientations, 12×12 positions (13 824 images). */
    public static Sprites small() {
        return new Sprites(32, 3, 4, 8, 12);
    }

    /** Pixels per image, {@code size²}. */
    public int dim() {
        return size * size;
    }

    /** Number of levels of each factor, in the order of {@link SpriteFactors#NAMES}. */
    public int[] levels() {
        return new int[]{shapes, scales, orientations, positionsX, positionsY};
    }

    /** Number of distinct images on the grid (product of the factor levels). */
    public long count() {
        return (long) shapes * scales * orientations * positionsX * positionsY;
    }

    /** Checks that every class index lies on this grid; the message names the factor. */
    public SpriteFactors check(SpriteFactors f) {
        int[] v = f.toArray(), lv = levels();
        for (int k = 0; k < 5; k++)
            if (v[k] >= lv[k])
                throw new IllegalArgumentException(SpriteFactors.NAMES[k] + " class " + v[k] + " is out of range: this grid has "
                        + lv[k] + " " + SpriteFactors.NAMES[k] + " levels (0.." + (lv[k] - 1) + ")");
        return f;
    }

    /** The factors of grid image {@code index} (shape varies slowest, posY fastest, as in dSprites). */
    public SpriteFactors factors(long index) {
        if (index < 0 || index >= count())
            throw new IllegalArgumentException("image index " + index + " outside 0.." + (count() - 1));
        int posY = (int) (index % positionsY);
        index /= positionsY;
        int posX = (int) (index % positionsX);
        index /= positionsX;
        int or = (int) (index % orientations);
        index /= orientations;
        int sc = (int) (index % scales);
        return new SpriteFactors((int) (index / scales), sc, or, posX, posY);
    }

    /** The grid index of {@code f}; inverse of {@link #factors(long)}. */
    public long index(SpriteFactors f) {
        check(f);
        return ((((long) f.shape() * scales + f.scale()) * orientations + f.orientation()) * positionsX + f.posX())
                * positionsY + f.posY();
    }

    /** Scale value of class k: 0.5 … 1 evenly spaced (1 if there is one level). */
    public double scaleValue(int k) {
        return scales == 1 ? 1.0 : 0.5 + 0.5 * k / (scales - 1);
    }

    /** Orientation value of class k in radians: 2π·k/orientations. */
    public double orientationValue(int k) {
        return 2 * Math.PI * k / orientations;
    }

    /** posX value of class k in [½ − xSpan/2, ½ + xSpan/2] (0.5 if there is one level); [0, 1] for dSprites. */
    public double positionXValue(int k) {
        return positionsX == 1 ? 0.5 : 0.5 + xSpan * ((double) k / (positionsX - 1) - 0.5);
    }

    /** posY value of class k in [½ − ySpan/2, ½ + ySpan/2] (0.5 if there is one level); [0, 1] for dSprites. */
    public double positionYValue(int k) {
        return positionsY == 1 ? 0.5 : 0.5 + ySpan * ((double) k / (positionsY - 1) - 0.5);
    }

    /** {@code [shape, scale, orientation (rad), posX, posY]} as values (dSprites' {@code latents_values}). */
    public double[] values(SpriteFactors f) {
        check(f);
        return new double[]{f.shape(), scaleValue(f.scale()), orientationValue(f.orientation()),
                positionXValue(f.posX()), positionYValue(f.posY())};
    }

    /** Centre of the sprite in pixels, {x, y} with y down: MARGIN + pos·(1 − 2·MARGIN), times size. */
    public double[] centre(SpriteFactors f) {
        check(f);
        return new double[]{size * (MARGIN + positionXValue(f.posX()) * (1 - 2 * MARGIN)),
                size * (MARGIN + positionYValue(f.posY()) * (1 - 2 * MARGIN))};
    }

    /** Renders {@code f} into {@code out[offset … offset+size²)} as 0/1 values (row-major, y down). */
    public void render(SpriteFactors f, float[] out, int offset) {
        check(f);
        java.util.Arrays.fill(out, offset, offset + dim(), 0f);
        double[] c = centre(f);
        double r = RADIUS * scaleValue(f.scale()) * size;          // radius of the enclosing disc, pixels
        double th = orientationValue(f.orientation()), cos = Math.cos(th), sin = Math.sin(th);
        int x0 = Math.max(0, (int) Math.floor(c[0] - r - 1)), x1 = Math.min(size - 1, (int) Math.ceil(c[0] + r + 1));
        int y0 = Math.max(0, (int) Math.floor(c[1] - r - 1)), y1 = Math.min(size - 1, (int) Math.ceil(c[1] + r + 1));
        for (int py = y0; py <= y1; py++) {
            // screen → maths coordinates (y up), relative to the centre, in units of the disc radius
            double dy = -(py + 0.5 - c[1]) / r;
            for (int px = x0; px <= x1; px++) {
                double dx = (px + 0.5 - c[0]) / r;
                // undo a counter-clockwise turn by θ: (u, v) = R(−θ)·(dx, dy)
                double u = cos * dx + sin * dy, v = -sin * dx + cos * dy;
                if (inside(f.shape(), u, v)) out[offset + py * size + px] = 1f;
            }
        }
    }

    /** Is (u, v) inside the canonical shape, which fits in the unit disc? */
    static boolean inside(int shape, double u, double v) {
        switch (shape) {
            case 0: { // square of half-side 0.68 (corners at radius 0.96)
                return Math.abs(u) <= 0.68 && Math.abs(v) <= 0.68;
            }
            case 1: { // ellipse with semi-axes 1 (along u) and 0.5
                return u * u + 4 * v * v <= 1;
            }
            default: { // heart (x² + y² − 1)³ − x²y³ ≤ 0, scaled by 1.25 and centred on the unit disc
                double x = 1.25 * u, y = 1.25 * v + 0.12;
                double a = x * x + y * y - 1;
                return a * a * a - x * x * y * y * y <= 0;
            }
        }
    }

    /** One image as a {@code [1, size²]} FLOAT row. */
    public INDArray image(SpriteFactors f) {
        float[] px = new float[dim()];
        render(f, px, 0);
        return Nd4j.create(px, new long[]{1, dim()}, 'c');
    }

    /** The images of the given grid indices, in that order. */
    public SpriteSet render(long[] indices) {
        float[] px = new float[Math.multiplyExact(indices.length, dim())];
        int[][] fac = new int[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            SpriteFactors f = factors(indices[i]);
            render(f, px, i * dim());
            fac[i] = f.toArray();
        }
        INDArray x = Nd4j.create(px, new long[]{indices.length, dim()}, 'c');
        return new SpriteSet(this, x, fac);
    }

    /** Every image of the grid, in index order (only for small grids: at most 200 000 images). */
    public SpriteSet all() {
        if (count() > 200_000)
            throw new IllegalArgumentException("the grid has " + count() + " images; use sample(n, seed) or batches(...) instead of all()");
        long[] idx = new long[(int) count()];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        return render(idx);
    }

    /** {@code n} images drawn uniformly (with replacement) from the grid; same seed, same images. */
    public SpriteSet sample(int n, long seed) {
        return render(sampleIndices(n, seed));
    }

    /** The grid indices {@link #sample} and {@link #batches} use: n uniform draws from a seeded {@link Random}. */
    public long[] sampleIndices(int n, long seed) {
        if (n < 1) throw new IllegalArgumentException("need at least one sprite, got n = " + n);
        Random rng = new Random(seed);
        long[] idx = new long[n];
        long c = count();
        for (int i = 0; i < n; i++) idx[i] = (long) (rng.nextDouble() * c);
        return idx;
    }

    /**
     * Streams the same {@code n} images as {@link #sample(int, long)} in batches of {@code batchSize}
     * (the last batch may be smaller), rendering each batch only when it is needed; every iteration of
     * the returned {@link Iterable} yields the same batches.
     */
    public Iterable<SpriteSet> batches(int n, int batchSize, long seed) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be ≥ 1, got " + batchSize);
        if (n < batchSize)
            throw new IllegalArgumentException("data set of " + n + " sprites is smaller than the batch size " + batchSize);
        long[] idx = sampleIndices(n, seed);
        return () -> new Iterator<>() {
            int from = 0;

            public boolean hasNext() {
                return from < n;
            }

            public SpriteSet next() {
                if (!hasNext()) throw new NoSuchElementException();
                int to = Math.min(n, from + batchSize);
                SpriteSet b = render(java.util.Arrays.copyOfRange(idx, from, to));
                from = to;
                return b;
            }
        };
    }

    /**
     * Number of distinct images of the grid (≤ {@link #count()}: neighbouring positions less than a pixel apart
     * can render the same pixels); ln of it is the entropy H(x) of the uniform grid, the most information a code
     * of these images can carry. Renders every image once (small grids only, as {@link #all()}).
     */
    public long distinctImages() {
        if (count() > 200_000) throw new IllegalArgumentException("the grid has " + count() + " images; distinctImages() is for small grids");
        java.util.Set<java.util.BitSet> seen = new java.util.HashSet<>();
        float[] px = new float[dim()];
        for (long i = 0; i < count(); i++) {
            render(factors(i), px, 0);
            java.util.BitSet ink = new java.util.BitSet(px.length);
            for (int p = 0; p < px.length; p++) if (px[p] != 0) ink.set(p);
            seen.add(ink);
        }
        return seen.size();
    }

    /** {@code [n, 5]} DOUBLE factor values of a set of factor classes (for MIG and plots). */
    public INDArray valuesOf(int[][] classes) {
        double[][] v = new double[classes.length][];
        for (int i = 0; i < v.length; i++) v[i] = values(SpriteFactors.of(classes[i]));
        return Nd4j.createFromArray(v).castTo(DataType.DOUBLE);
    }
}
