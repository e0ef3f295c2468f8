package lecture7.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;

/**
 * A set of sprite images with their true factors.
 *
 * @param grid    the factor grid the images come from (levels of each factor, image size)
 * @param images  {@code [n, size²]} FLOAT, 0/1 pixels, row-major with y down
 * @param factors {@code n} rows of {@code [shape, scale, orientation, posX, posY]} class indices
 */
public record SpriteSet(Sprites grid, INDArray images, int[][] factors) {
    public SpriteSet {
        if (images.rank() != 2 || images.rows() != factors.length || images.columns() != grid.dim())
            throw new IllegalArgumentException("images " + Arrays.toString(images.shape()) + " do not match "
                    + factors.length + " factor rows of " + grid.size() + "×" + grid.size() + " sprites");
    }

    /** Number of images. */
    public int n() {
        return factors.length;
    }

    /** Pixels per image. */
    public int dim() {
        return grid.dim();
    }

    /** The class of factor {@code k} (index into {@link SpriteFactors#NAMES}) for every image. */
    public int[] factor(int k) {
        if (k < 0 || k >= 5) throw new IllegalArgumentException("factor index " + k + " outside 0..4 " + Arrays.toString(SpriteFactors.NAMES));
        int[] c = new int[n()];
        for (int i = 0; i < c.length; i++) c[i] = factors[i][k];
        return c;
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive), as a view of the same pixels. */
    public SpriteSet batch(int from, int to) {
        if (from < 0 || to > n() || from > to)
            throw new IllegalArgumentException("batch [" + from + ", " + to + ") outside 0.." + n());
        return new SpriteSet(grid, images.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()),
                Arrays.copyOfRange(factors, from, to));
    }

    /** The first {@code k} images (all if k ≥ n). */
    public SpriteSet head(int k) {
        return batch(0, Math.min(k, n()));
    }

    @Override
    public String toString() {
        return "SpriteSet[n=" + n() + ", " + grid.size() + "×" + grid.size() + ", grid " + grid + "]";
    }
}
