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

    /**
     * The witness function of MMD at the points t ({@code [T, d]}): the direction in the RKHS along which the two
     * mean embeddings differ, evaluated pointwise (Gretton et al. 2012, §2.3):
     * <pre>
     *   f(t) = (1/n) Σ_i κ(x_i, t) − (1/m) Σ_j κ(y_j, t),
     * </pre>
     * positive where P puts more mass than Q (as seen through κ), negative where Q does; MMD²_V = (1/n) Σ_i f(x_i)
     * − (1/m) Σ_j f(y_j).
     */
    public static double[] witness(Kernel k, INDArray x, INDArray y, INDArray t) {
        Inputs.Pair p = Inputs.two(x, y, 1);
        INDArray tt = Inputs.batch("t", t, 1);
        if (tt.columns() != p.x().columns())
            throw new IllegalArgumentException("t has " + tt.columns() + " columns but the samples have " + p.x().columns());
        double[] kx = Inputs.doubles(Gram.matrix(k, tt, p.x())), ky = Inputs.doubles(Gram.matrix(k, tt, p.y()));
        int nt = (int) tt.rows(), n = (int) p.x().rows(), m = (int) p.y().rows();
        double[] f = new double[nt];
        for (int a = 0; a < nt; a++) {
            double sx = 0, sy = 0;
            for (int i = 0; i < n; i++) sx += kx[a * n + i];
            for (int j = 0; j < m; j++) sy += ky[a * m + j];
            // f(t) = mean_i κ(x_i, t) − mean_j κ(y_j, t)
            f[a] = sx / n - sy / m;
        }
        return f;
    }

    /**
     * The test-power criterion of a kernel for equal sample sizes n = m (Gretton et al. 2012b, "Optimal kernel choice
     * for large-scale two-sample tests"; Sutherland et al. 2017, eq. 5; Liu et al. 2020, eq. 5). With
     * H_ij = κ(x_i, x_j) + κ(y_i, y_j) − κ(x_i, y_j) − κ(x_j, y_i):
     * <pre>
     *   MMD²_U = 1/(n(n−1)) Σ_{i≠j} H_ij                                  (Gretton et al. 2012, eq. 3)
     *   σ̂²_H1 = 4/n³ Σ_i (Σ_j H_ij)² − 4/n⁴ (Σ_ij H_ij)²                    (plug-in variance, √n·MMD²_U ≈ N(·, σ²_H1))
     *   ratio  = MMD²_U / σ̂_H1
     * </pre>
     * The asymptotic power of the test at a fixed level grows with the ratio, so the bandwidth that maximises it is the
     * one that makes the test most likely to detect the difference — not the one that maximises MMD² itself, whose
     * scale changes with the kernel. Choose the kernel on one half of the data and test on the other.
     *
     * @return {value = ratio, standardError = σ̂_H1} with the statistic MMD²_U in {@link PowerRatio#mmd2}
     * @throws IllegalArgumentException if n ≠ m or n &lt; 4
     */
    public static PowerRatio powerRatio(Kernel k, INDArray x, INDArray y) {
        Inputs.Pair p = Inputs.two(x, y, 4);
        int n = (int) p.x().rows();
        if (p.y().rows() != n)
            throw new IllegalArgumentException("the power criterion pairs x_i with y_i: x has " + n + " points but y has "
                    + p.y().rows() + "; use equally many");
        double[] kxx = Inputs.doubles(Gram.matrix(k, p.x(), p.x())), kyy = Inputs.doubles(Gram.matrix(k, p.y(), p.y()));
        double[] kxy = Inputs.doubles(Gram.matrix(k, p.x(), p.y()));
        double total = 0, offDiagonal = 0, rowSquares = 0;
        for (int i = 0; i < n; i++) {
            double row = 0;
            for (int j = 0; j < n; j++) {
                // H_ij = κ(x_i,x_j) + κ(y_i,y_j) − κ(x_i,y_j) − κ(x_j,y_i)
                double h = kxx[i * n + j] + kyy[i * n + j] - kxy[i * n + j] - kxy[j * n + i];
                row += h;
                if (i != j) offDiagonal += h;
            }
            total += row;
            rowSquares += row * row;
        }
        double mmd2 = offDiagonal / ((double) n * (n - 1));
        // σ̂²_H1 = 4/n³ Σ_i (Σ_j H_ij)² − 4/n⁴ (Σ_ij H_ij)²
        double var = 4 * rowSquares / Math.pow(n, 3) - 4 * total * total / Math.pow(n, 4);
        double sd = Math.sqrt(Math.max(var, 0));
        return new PowerRatio(mmd2, sd, sd > 0 ? mmd2 / sd : Double.NaN);
    }

    /**
     * The power criterion of a kernel: {@code ratio = mmd2 / sigmaH1} (NaN when σ̂_H1 = 0, e.g. identical samples).
     *
     * @param mmd2    MMD²_U over i ≠ j
     * @param sigmaH1 σ̂_H1, the plug-in standard deviation of √n · MMD²_U under H1
     * @param ratio   MMD²_U / σ̂_H1
     */
    public record PowerRatio(double mmd2, double sigmaH1, double ratio) {}
}
