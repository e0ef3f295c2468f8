package lecture7.infotheory;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The entropy of the images of a data set in which every row is equally likely (a grid of factor settings drawn
 * uniformly), computed exactly from the factor → image map: rows with identical pixels are one image x, and
 * <pre>
 *   H(x) = − Σ_x p(x) ln p(x),   p(x) = (number of rows showing x) / N
 * </pre>
 * This is what bounds every code's information about the image, I(x; z) ≤ H(x). It equals ln(number of distinct
 * images) only when every image is shown by equally many rows; when several factor settings draw the same image
 * (a small square at two nearby positions) H(x) is smaller.
 *
 * @param settings rows N (factor settings)
 * @param distinct distinct images among them
 * @param nats     H(x) in nats
 */
public record ImageEntropy(int settings, int distinct, double nats) {

    /** ln(distinct images), the entropy if the distinct images were equally likely (≥ {@link #nats()}). */
    public double uniformNats() {
        return Math.log(distinct);
    }

    /** H(x) of the rows of {@code images} ({@code [N, D]}, each row one equally likely factor setting). */
    public static ImageEntropy of(INDArray images) {
        if (images.rank() != 2 || images.rows() < 1)
            throw new IllegalArgumentException("images must be [N, D] with N ≥ 1, got " + Arrays.toString(images.shape()));
        int n = (int) images.rows(), d = (int) images.columns();
        float[] px = images.castTo(DataType.FLOAT).dup('c').data().asFloat();
        Map<Row, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) counts.merge(new Row(Arrays.copyOfRange(px, i * d, (i + 1) * d)), 1, Integer::sum);
        // summed in the order of the counts, not of the map: a HashMap's order within a crowded bucket follows the
        // JVM's identity hashes, which made the last digits of H(x) differ from run to run
        int[] sorted = counts.values().stream().mapToInt(Integer::intValue).sorted().toArray();
        double h = 0;
        for (int c : sorted) {
            double p = (double) c / n;
            h -= p * Math.log(p);   // H = − Σ p ln p
        }
        return new ImageEntropy(n, counts.size(), h + 0.0);
    }

    /** Pixels compared by value (exact equality of the rendered floats). */
    private record Row(float[] px) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Row r && Arrays.equals(px, r.px);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(px);
        }
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "H(x) = %.3f nats (%d settings onto %d distinct images; ln %d = %.3f)",
                nats, settings, distinct, distinct, uniformNats());
    }
}
