package lecture7.mmd;

import lecture7.kernel.FeatureMap;
import lecture7.kernel.Gram;
import lecture7.compute.Inputs;
import lecture7.kernel.Kernel;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Estimators of the squared maximum mean discrepancy between samples x ~ P ({@code [n, d]}) and
 * y ~ Q ({@code [m, d]}) (slide "Maximum mean discrepancy"; Gretton et al. 2012, Lemma 6 and §6):
 * <pre>
 *   MMD²(P, Q) = ‖E φ(X) − E φ(Y)‖²_ℋ = E κ(X, X') + E κ(Y, Y') − 2 E κ(X, Y).
 * </pre>
 * All sums run in tiles through GEMM ({@link Gram}) and are accumulated in double, so n = m = 10 000 needs a
 * few MiB besides the data. Results are in the kernel's units (dimensionless for RBF, Laplace, IMQ).
 */
public final class Mmd {
    private Mmd() {}

    /**
     * The biased estimator (V-statistic), the slide's formula; ≥ 0, and 0 for identical samples:
     * MMD²_V = 1/n² Σ_ij κ(x_i, x_j) + 1/m² Σ_ij κ(y_i, y_j) − 2/(nm) Σ_ij κ(x_i, y_j).
     */
    public static double biased(Kernel k, INDArray x, INDArray y) {
        Inputs.Pair p = Inputs.two(x, y, 1);
        double n = p.x().rows(), m = p.y().rows();
        double[] s = blockSums(k, p.x(), p.y());
        double sxx = s[0], syy = s[1], sxy = s[2];
        // MMD²_V = Sxx/n² + Syy/m² − 2 Sxy/(nm)
        return sxx / (n * n) + syy / (m * m) - 2 * sxy / (n * m);
    }

    /**
     * The unbiased estimator (U-statistic; can be negative): the within-sample sums leave out i = j,
     * MMD²_U = 1/(n(n−1)) Σ_{i≠j} κ(x_i, x_j) + 1/(m(m−1)) Σ_{i≠j} κ(y_i, y_j) − 2/(nm) Σ_ij κ(x_i, y_j).
     *
     * @throws IllegalArgumentException if n &lt; 2 or m &lt; 2
     */
    public static double unbiased(Kernel k, INDArray x, INDArray y) {
        Inputs.Pair p = Inputs.two(x, y, 2);
        double n = p.x().rows(), m = p.y().rows();
        double[] s = blockSums(k, p.x(), p.y());
        double sxx = s[0] - s[3], syy = s[1] - s[4], sxy = s[2];
        // MMD²_U = Σ_{i≠j} κ(x_i,x_j)/(n(n−1)) + Σ_{i≠j} κ(y_i,y_j)/(m(m−1)) − 2 Σ κ(x_i,y_j)/(nm)
        return sxx / (n * (n - 1)) + syy / (m * (m - 1)) - 2 * sxy / (n * m);
    }

    /** Up to this many points in all, the joint Gram matrix is formed once and its blocks summed directly. */
    static final int SMALL = 2048;

    /**
     * Σ K_xx, Σ K_yy, Σ K_xy, tr K_xx, tr K_yy in double. Small samples: one joint Gram matrix of z = [x; y]
     * (one GEMM, few ND4J calls); large ones: tiled sums, never more than a tile in memory.
     */
    static double[] blockSums(Kernel k, INDArray x, INDArray y) {
        int n = (int) x.rows(), m = (int) y.rows(), size = n + m;
        if (size > SMALL)
            return new double[]{Gram.sumSymmetric(k, x), Gram.sumSymmetric(k, y), Gram.sum(k, x, y),
                    Gram.trace(k, x), Gram.trace(k, y)};
        INDArray z = org.nd4j.linalg.factory.Nd4j.vstack(x, y), g = k.gram(z, z);
        double[] v = Inputs.doubles(g);
        z.close();
        g.close();
        double[] s = new double[5];
        for (int i = 0; i < size; i++) {
            int row = i * size;
            for (int j = 0; j < size; j++) {
                double e = v[row + j];
                if (i < n) s[j < n ? 0 : 2] += e;
                else if (j >= n) s[1] += e;
            }
            s[i < n ? 3 : 4] += v[row + i];
        }
        return s;
    }

    /** An estimate with its standard error. */
    public record Estimate(double value, double standardError) {}

    /**
     * The linear-time estimator (Gretton et al. 2012, §6): for the ⌊n/2⌋ disjoint pairs of points,
     * h_i = κ(x_{2i}, x_{2i+1}) + κ(y_{2i}, y_{2i+1}) − κ(x_{2i}, y_{2i+1}) − κ(x_{2i+1}, y_{2i}),
     * MMD²_l = mean(h_i); unbiased, O(n) kernel evaluations, standard error sd(h)/√⌊n/2⌋.
     *
     * @throws IllegalArgumentException if n ≠ m (take the first min(n, m) of each) or n &lt; 4
     */
    public static Estimate linearTime(Kernel k, INDArray x, INDArray y) {
        Inputs.Pair p = Inputs.two(x, y, 4);
        if (p.x().rows() != p.y().rows())
            throw new IllegalArgumentException("the linear-time estimator pairs x_i with y_i: x has " + p.x().rows()
                    + " points but y has " + p.y().rows() + "; use equally many (e.g. the first min(n, m))");
        int pairs = (int) (p.x().rows() / 2);
        INDArray x0 = rows(p.x(), 0, pairs), x1 = rows(p.x(), 1, pairs);
        INDArray y0 = rows(p.y(), 0, pairs), y1 = rows(p.y(), 1, pairs);
        double[] kxx = Inputs.doubles(k.paired(x0, x1)), kyy = Inputs.doubles(k.paired(y0, y1));
        double[] kxy = Inputs.doubles(k.paired(x0, y1)), kyx = Inputs.doubles(k.paired(x1, y0));
        double sum = 0, sum2 = 0;
        for (int i = 0; i < pairs; i++) {
            // h_i = κ(x, x') + κ(y, y') − κ(x, y') − κ(x', y)
            double h = kxx[i] + kyy[i] - kxy[i] - kyx[i];
            sum += h;
            sum2 += h * h;
        }
        double mean = sum / pairs, var = pairs > 1 ? (sum2 - pairs * mean * mean) / (pairs - 1) : Double.NaN;
        return new Estimate(mean, Math.sqrt(Math.max(var, 0) / pairs));
    }

    /** Rows start, start + 2, start + 4, … ({@code count} of them). */
    private static INDArray rows(INDArray a, int start, int count) {
        int[] idx = new int[count];
        for (int i = 0; i < count; i++) idx[i] = start + 2 * i;
        return a.getRows(idx);
    }

    /**
     * MMD² as the distance of explicit feature means (slide "Maximum mean discrepancy"):
     * ‖(1/n) Σ_i φ(x_i) − (1/m) Σ_j φ(y_j)‖². Equals {@link #biased} for the kernel κ = φᵀφ.
     */
    public static double fromFeatures(FeatureMap phi, INDArray x, INDArray y) {
        double[] diff = featureMeanDifference(phi, x, y);
        double s = 0;
        for (double v : diff) s += v * v;
        return s;
    }

    /** The feature means (1/n) Σ_i φ(x_i), in double. */
    public static double[] featureMean(FeatureMap phi, INDArray x) {
        x = Inputs.batch("x", x, 1);
        INDArray f = phi.map(x);
        double[] v = Inputs.doubles(f);
        int n = (int) f.rows(), dim = (int) f.columns();
        f.close();
        double[] mean = new double[dim];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < dim; j++) mean[j] += v[i * dim + j];
        for (int j = 0; j < dim; j++) mean[j] /= n;
        return mean;
    }

    /** mean φ(x) − mean φ(y), one entry per feature. */
    public static double[] featureMeanDifference(FeatureMap phi, INDArray x, INDArray y) {
        Inputs.Pair p = Inputs.two(x, y, 1);
        double[] a = featureMean(phi, p.x()), b = featureMean(phi, p.y());
        for (int j = 0; j < a.length; j++) a[j] -= b[j];
        return a;
    }
}
