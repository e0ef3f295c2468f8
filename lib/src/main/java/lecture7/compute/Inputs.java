package lecture7.compute;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * Checks on the batches handed to kernels and estimators, with messages in the caller's terms, so that a
 * wrong shape or a NaN is reported instead of turning into a silently wrong number.
 */
public final class Inputs {
    private Inputs() {}

    /** Two batches brought to a common floating type. */
    public record Pair(INDArray x, INDArray y) {}

    /**
     * Checks that {@code a} is a finite {@code [n, d]} batch with n ≥ {@code minRows}; a vector of length n
     * is read as n points in 1-D. Integer arrays are converted to DOUBLE.
     *
     * @param name the argument's name in messages ("x", "y", "z")
     */
    public static INDArray batch(String name, INDArray a, int minRows) {
        if (a == null) throw new IllegalArgumentException(name + " is null");
        if (a.isVector() && a.rank() == 1) a = a.reshape(a.length(), 1);
        if (a.rank() != 2)
            throw new IllegalArgumentException(name + " has shape " + Arrays.toString(a.shape())
                    + "; expected [n, d], one point per row");
        if (a.rows() < minRows)
            throw new IllegalArgumentException(name + " has " + a.rows() + " points; at least " + minRows + " needed");
        if (a.columns() < 1) throw new IllegalArgumentException(name + " has 0 columns (points of dimension 0)");
        if (!a.dataType().isFPType()) a = a.castTo(DataType.DOUBLE);
        if (a.rows() > 0) requireFinite(name, a);
        return a;
    }

    /** Throws, naming the first bad row, unless every entry of {@code a} is a finite number. */
    public static void requireFinite(String name, INDArray a) {
        if (finite(a)) return;
        String where = "";
        if (a.rank() == 2)
            for (long r = 0; r < a.rows(); r++)
                if (!finite(a.getRow(r))) {
                    where = " (first in row " + r + " of " + a.rows() + ")";
                    break;
                }
        throw new IllegalArgumentException(name + " contains NaN or infinite values" + (where.isEmpty() ? " (shape " + Arrays.toString(a.shape()) + ")" : where));
    }

    /** Two batches of the same dimension d (n and m may differ), in the wider of their floating types. */
    public static Pair two(INDArray x, INDArray y, int minRows) {
        x = batch("x", x, minRows);
        y = batch("y", y, minRows);
        if (x.columns() != y.columns())
            throw new IllegalArgumentException("x has points of dimension " + x.columns() + " but y of dimension "
                    + y.columns() + "; both samples must live in the same space");
        return common(x, y);
    }

    /** Two batches with the same number of rows and columns (paired points). */
    public static Pair paired(INDArray x, INDArray y) {
        Pair p = two(x, y, 1);
        if (p.x().rows() != p.y().rows())
            throw new IllegalArgumentException("x has " + p.x().rows() + " points but y has " + p.y().rows()
                    + "; paired evaluation needs the same number");
        return p;
    }

    /** Both in DOUBLE if either is, else both as they are. */
    static Pair common(INDArray x, INDArray y) {
        if (x.dataType() == y.dataType()) return new Pair(x, y);
        DataType t = (x.dataType() == DataType.DOUBLE || y.dataType() == DataType.DOUBLE) ? DataType.DOUBLE : DataType.FLOAT;
        return new Pair(x.dataType() == t ? x : x.castTo(t), y.dataType() == t ? y : y.castTo(t));
    }

    /** True when every entry is a finite number (one pass; NaN and ±∞ make the sum non-finite). */
    public static boolean finite(INDArray a) {
        // Σ|a| is finite ⇔ no NaN, no ±∞ (barring overflow of a huge finite sum, which we also refuse)
        return Double.isFinite(a.norm1Number().doubleValue());
    }

    /** Checks that a kernel parameter is a finite positive number. */
    public static double positive(String what, double v) {
        if (!(v > 0) || !Double.isFinite(v))
            throw new IllegalArgumentException(what + " must be a finite number > 0, got " + v);
        return v;
    }

    /** The entries of any array as a row-major double[] (a copy; works for matrices and views alike). */
    public static double[] doubles(INDArray a) {
        try (var d = a.castTo(DataType.DOUBLE).dup('c')) {
            return d.data().asDouble();
        }
    }
}
