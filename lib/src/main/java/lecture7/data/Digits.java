package lecture7.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;

/**
 * A set of labelled grey-scale images, such as MNIST digits.
 *
 * @param images {@code [n, rows·cols]} FLOAT, pixel intensities scaled to [0, 1]
 * @param labels {@code n} class labels (0–9 for MNIST)
 * @param rows   image height in pixels
 * @param cols   image width in pixels
 */
public record Digits(INDArray images, int[] labels, int rows, int cols) {
    public Digits {
        if (images.rank() != 2 || images.rows() != labels.length || images.columns() != (long) rows * cols)
            throw new IllegalArgumentException("images " + Arrays.toString(images.shape()) + " do not match "
                    + labels.length + " labels of " + rows + "×" + cols + " images");
    }

    /** MNIST-sized digits (28×28). */
    public Digits(INDArray images, int[] labels) {
        this(images, labels, 28, 28);
    }

    /** Number of images. */
    public int n() {
        return labels.length;
    }

    /** Pixels per image, D = rows·cols. */
    public int dim() {
        return rows * cols;
    }

    /** The first {@code k} images (all if k ≥ n). */
    public Digits head(int k) {
        return batch(0, Math.min(k, n()));
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive), as a view of the same pixels. */
    public Digits batch(int from, int to) {
        if (from < 0 || to > n() || from > to)
            throw new IllegalArgumentException("batch [" + from + ", " + to + ") outside 0.." + n());
        return new Digits(images.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()),
                Arrays.copyOfRange(labels, from, to), rows, cols);
    }

    /** Only the images whose label is one of {@code classes}, in their original order. */
    public Digits only(int... classes) {
        boolean[] keep = new boolean[256];
        for (int c : classes) keep[c] = true;
        return select(Arrays.stream(indices()).filter(i -> keep[labels[i]]).toArray());
    }

    /** The images at the given row indices, in that order. */
    public Digits select(int... rowsToKeep) {
        int[] l = new int[rowsToKeep.length];
        for (int i = 0; i < l.length; i++) l[i] = labels[rowsToKeep[i]];
        INDArray x = rowsToKeep.length == 0 ? Nd4j.create(images.dataType(), 0, dim())
                : images.getRows(rowsToKeep);
        return new Digits(x, l, rows, cols);
    }

    private int[] indices() {
        int[] idx = new int[n()];
        Arrays.setAll(idx, i -> i);
        return idx;
    }

    @Override
    public String toString() {
        return "Digits[n=" + n() + ", " + rows + "×" + cols + "]";
    }
}
