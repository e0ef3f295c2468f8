package lecture7.mmd;

import lecture7.compute.Inputs;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mutual information of jointly Gaussian variables in closed form (slide "Testing independence":
 * I = D_KL(p(x, y) ‖ p(x)p(y)), in nats):
 * <pre>
 *   I(X; Y) = ½ ln( det Σ_XX · det Σ_YY / det Σ ),   bivariate: I = −½ ln(1 − ρ²).
 * </pre>
 * Applied to a sample's covariance ({@link #plugIn}) it measures only linear dependence: for y = x² + noise
 * with symmetric x, ρ ≈ 0 and the Gaussian MI ≈ 0 although Y depends on X, which HSIC detects.
 */
public final class GaussianMi {
    private GaussianMi() {}

    /** I = −½ ln(1 − ρ²) nats for a bivariate Gaussian with correlation ρ ∈ (−1, 1). */
    public static double bivariate(double rho) {
        if (!(rho > -1 && rho < 1)) throw new IllegalArgumentException("correlation must be in (−1, 1), got " + rho);
        // I = −½ ln(1 − ρ²)
        return -0.5 * Math.log1p(-rho * rho);
    }

    /**
     * I(X; Y) in nats for a Gaussian with covariance {@code cov} over (X, Y), X being the first {@code dx}
     * coordinates: ½ ln(det Σ_XX det Σ_YY / det Σ).
     */
    public static double ofCovariance(double[][] cov, int dx) {
        int d = cov.length;
        if (dx < 1 || dx >= d) throw new IllegalArgumentException("dx = " + dx + " must split " + d + " coordinates into two non-empty groups");
        for (double[] row : cov)
            if (row.length != d) throw new IllegalArgumentException("covariance must be square " + d + "×" + d);
        double[][] xx = block(cov, 0, dx), yy = block(cov, dx, d);
        // I = ½ (ln det Σ_XX + ln det Σ_YY − ln det Σ)
        return 0.5 * (logDet(xx) + logDet(yy) - logDet(cov));
    }

    /** Gaussian MI of the sample covariance of paired x ({@code [n, dx]}) and y ({@code [n, dy]}), nats. */
    public static double plugIn(INDArray x, INDArray y) {
        x = Inputs.batch("x", x, 3);
        y = Inputs.batch("y", y, 3);
        if (x.rows() != y.rows()) throw new IllegalArgumentException("x has " + x.rows() + " points but y has " + y.rows());
        int n = (int) x.rows(), dx = (int) x.columns(), d = dx + (int) y.columns();
        double[] a = Inputs.doubles(x), b = Inputs.doubles(y);
        double[][] z = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dx; j++) z[i][j] = a[i * dx + j];
            for (int j = dx; j < d; j++) z[i][j] = b[i * (d - dx) + j - dx];
        }
        double[] mean = new double[d];
        for (double[] r : z) for (int j = 0; j < d; j++) mean[j] += r[j] / n;
        double[][] cov = new double[d][d];
        for (double[] r : z)
            for (int i = 0; i < d; i++)
                for (int j = 0; j < d; j++) cov[i][j] += (r[i] - mean[i]) * (r[j] - mean[j]) / (n - 1);
        return ofCovariance(cov, dx);
    }

    private static double[][] block(double[][] a, int from, int to) {
        double[][] b = new double[to - from][to - from];
        for (int i = from; i < to; i++)
            for (int j = from; j < to; j++) b[i - from][j - from] = a[i][j];
        return b;
    }

    /** ln det of a symmetric positive-definite matrix via Cholesky: 2 Σ ln L_ii. */
    static double logDet(double[][] a) {
        int d = a.length;
        double[][] l = new double[d][d];
        double s = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double v = a[i][j];
                for (int k = 0; k < j; k++) v -= l[i][k] * l[j][k];
                if (i == j) {
                    if (!(v > 0)) throw new IllegalArgumentException("covariance is not positive definite (pivot " + v + " at " + i + ")");
                    l[i][i] = Math.sqrt(v);
                    s += Math.log(l[i][i]);
                } else l[i][j] = v / l[j][j];
            }
        }
        return 2 * s;
    }
}
