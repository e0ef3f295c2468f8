package lecture7.kernel;

import lecture7.compute.Fmt;
import lecture7.compute.Inputs;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Random;

/**
 * Choosing the RBF bandwidth σ by the median heuristic: σ = median of the pairwise distances ‖z_i − z_j‖
 * (i &lt; j) of the pooled sample z = x ∪ y (Gretton et al. 2012, §8; Garreau et al. 2017, "Large sample
 * analysis of the median heuristic").
 *
 * <p><b>Zero median.</b> With many ties (discrete or binary data such as thresholded pixels, repeated points)
 * more than half the distances can be 0, and σ = 0 would make the kernel an indicator of equality. The
 * heuristic then uses the median of the <i>non-zero</i> distances, and says so in {@link Choice#note()}. If all
 * points are identical there is no scale to read off the data: an {@link IllegalArgumentException} asks for
 * an explicit bandwidth.
 */
public final class Bandwidth {
    private Bandwidth() {}

    /** Default number of points used for the median (at most 1000²/2 distances). */
    public static final int MAX_POINTS = 1000;

    /**
     * The median-heuristic bandwidth and how it was obtained.
     *
     * @param sigma    σ &gt; 0, in the units of the data
     * @param points   how many points the distances were computed on
     * @param fallback true when the median of all distances was 0 and the non-zero ones were used
     * @param note     a sentence for the notebook
     */
    public record Choice(double sigma, int points, boolean fallback, String note) {
        public Choice {
            Inputs.positive("bandwidth σ", sigma);
        }

        /** The RBF kernel with this bandwidth, γ = 1/(2σ²). */
        public Rbf rbf() {
            return Rbf.ofBandwidth(sigma);
        }
    }

    /** Median heuristic on the pooled sample x ∪ y (at most {@link #MAX_POINTS} points, seed 0). */
    public static Choice median(INDArray x, INDArray y) {
        Inputs.Pair p = Inputs.two(x, y, 1);
        INDArray z = org.nd4j.linalg.factory.Nd4j.vstack(p.x(), p.y());
        try {
            return median(z, MAX_POINTS, 0);
        } finally {
            z.close();
        }
    }

    /**
     * Median heuristic on the rows of {@code z} ({@code [n, d]}); if n &gt; {@code maxPoints}, on a random
     * subset of {@code maxPoints} rows drawn with {@code seed}.
     *
     * @throws IllegalArgumentException if fewer than 2 points, or all points are identical
     */
    public static Choice median(INDArray z, int maxPoints, long seed) {
        z = Inputs.batch("z", z, 2);
        if (maxPoints < 2) throw new IllegalArgumentException("maxPoints must be ≥ 2, got " + maxPoints);
        int n = (int) z.rows();
        INDArray sub = z;
        if (n > maxPoints) {
            int[] idx = new int[n];
            Arrays.setAll(idx, i -> i);
            Random rng = new Random(seed);
            for (int i = 0; i < maxPoints; i++) { // partial Fisher–Yates: the first maxPoints are a uniform subset
                int j = i + rng.nextInt(n - i), t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
            sub = z.getRows(Arrays.copyOf(idx, maxPoints));
            n = maxPoints;
        }
        double[] v = Inputs.doubles(sub);
        int d = (int) sub.columns();
        if (sub != z) sub.close();
        // distances ‖z_i − z_j‖ of the pairs i < j, coordinate by coordinate in double: tied points give exactly
        // 0 whatever the summation order (the GEMM form ‖z_i‖² + ‖z_j‖² − 2z_iᵀz_j only does so by luck of rounding)
        double[] dist = new double[n * (n - 1) / 2];
        int k = 0, positive = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int c = 0, a = i * d, b = j * d; c < d; c++) {
                    double e = v[a + c] - v[b + c];
                    s += e * e;
                }
                dist[k++] = Math.sqrt(s);
                if (s > 0) positive++;
            }
        if (positive == 0)
            throw new IllegalArgumentException("all " + n + " points are identical, so the median heuristic has no "
                    + "distance to use (σ would be 0); pass a bandwidth explicitly, e.g. Rbf.ofBandwidth(1.0)");
        Arrays.sort(dist);
        double med = median(dist, 0);
        if (med > 0) return new Choice(med, n, false, "σ = median distance of " + n + " points = " + Fmt.g(med));
        double nz = median(dist, dist.length - positive);
        return new Choice(nz, n, true, "more than half of the " + dist.length + " distances are 0 (ties), so σ = median "
                + "of the " + positive + " non-zero distances = " + Fmt.g(nz));
    }

    /** Median of the sorted {@code a[from..]}. */
    private static double median(double[] a, int from) {
        int len = a.length - from, mid = from + len / 2;
        return (len % 2 == 1) ? a[mid] : 0.5 * (a[mid - 1] + a[mid]);
    }
}
