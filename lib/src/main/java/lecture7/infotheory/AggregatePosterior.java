package lecture7.infotheory;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The aggregate posterior of a data set, q(z) = (1/N) Σ_n q(z|x_n), and its marginals q(z_j), as exact
 * mixtures of the N Gaussian posteriors: the "full-data" estimator of Chen et al. (2018, §4.1 and their
 * {@code elbo_decomposition}). For the empirical data distribution these densities are exact, not
 * estimates; only the outer expectation over z ~ q(z, x) is Monte Carlo.
 *
 * <p>All N×(rows of z) log densities come from matrix products, never per-pair loops:
 * <pre>
 *   ln q(z_i|x_n) = Σ_j [ −½ z_ij²/σ_nj² + z_ij μ_nj/σ_nj² − ½ μ_nj²/σ_nj² − ln σ_nj ] − (M/2) ln 2π
 *                 = (z∘z)·Aᵀ + z·Bᵀ + c,   A = −½/σ², B = μ/σ²,  c_n = Σ_j(−½ μ²/σ² − ln σ) − (M/2) ln 2π
 * </pre>
 * and each marginal the same with one dimension: {@code [z_j², z_j, 1]·[A_j, B_j, c_j]ᵀ}. The rows of z are
 * The expanded quadratic costs precision when z²/σ² or μ²/σ² is huge (absolute error ≈ 1e-16·(z² + μ²)/σ²
 * per term): harmless for a KL-trained encoder, but an MMD-VAE encoder, whose σ nothing holds up, can reach
 * σ ≈ e⁻²⁵ and turn the products into noise (I(x;z) came out as −0.9 ± 25 nats, above ln N on other seeds).
 * When that bound exceeds {@value #MAX_EXPANSION_ERROR} nats the densities are summed pair by pair instead,
 * as (z − μ)/σ, exactly ({@link #logDensitiesDirect}). The rows of z are
 * processed in blocks so that a block's {@code [rows, N]} matrix stays under {@value #BLOCK_DOUBLES} doubles
 * (32 MB), whatever N is.
 */
public final class AggregatePosterior {
    /** Largest {@code rows × N} block held at once. */
    public static final int BLOCK_DOUBLES = 1 << 22;
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    /** Largest tolerated rounding error of the expanded quadratic, nats per log density. */
    static final double MAX_EXPANSION_ERROR = 1e-6;

    private final int n, d;
    private final INDArray a, b, c;   // [N, M], [N, M], [1, N]
    private final INDArray[] w;       // per dimension j: [N, 3] = [A_j, B_j, c_j]
    private final double[] muH, lsH, invSigma;  // μ, ln σ, 1/σ on the heap, row-major [N·M] (the direct path)
    private final double maxMu2, maxPrec;

    /** The mixture of the N posteriors in {@code codes}. */
    public AggregatePosterior(GaussianCodes codes) {
        this.n = codes.n();
        this.d = codes.dims();
        INDArray mu = codes.mu(), ls = codes.logSigma();
        INDArray prec = Transforms.exp(ls.mul(-2.0), false);                 // 1/σ²
        this.a = prec.mul(-0.5);                                             // A = −½/σ²
        this.b = mu.mul(prec);                                               // B = μ/σ²
        INDArray cPerDim = mu.mul(mu).muli(prec).muli(-0.5).subi(ls);        // −½ μ²/σ² − ln σ
        this.c = cPerDim.sum(1).subi(0.5 * d * LOG_2PI).reshape(1, n);
        this.w = new INDArray[d];
        for (int j = 0; j < d; j++) {
            INDArray wj = Nd4j.create(DataType.DOUBLE, n, 3);
            wj.putColumn(0, a.getColumn(j));
            wj.putColumn(1, b.getColumn(j));
            wj.putColumn(2, cPerDim.getColumn(j).sub(0.5 * LOG_2PI));
            w[j] = wj;
        }
        muH = mu.data().asDouble();
        lsH = ls.data().asDouble();
        invSigma = new double[lsH.length];
        double mm = 0, mp = 0;
        for (int i = 0; i < muH.length; i++) {
            invSigma[i] = Math.exp(-lsH[i]);
            mm = Math.max(mm, muH[i] * muH[i]);
            mp = Math.max(mp, Math.exp(-2 * lsH[i]));
        }
        maxMu2 = mm;
        maxPrec = mp;
    }

    /**
     * Whether the expanded quadratic is accurate for points with max z² = {@code maxZ2}: its rounding error,
     * ≈ 2.2e-16 · M · (max z² + max μ²) · max 1/σ², stays below {@value #MAX_EXPANSION_ERROR} nats.
     */
    boolean expansionIsAccurate(double maxZ2) {
        return 2.2e-16 * d * (maxZ2 + maxMu2) * maxPrec < MAX_EXPANSION_ERROR;
    }

    /** Number of mixture components N. */
    public int n() {
        return n;
    }

    /**
     * ln q(z_i) and ln q(z_ij) for every row of {@code z}, in nats.
     *
     * @param z {@code [R, M]} points
     * @return {@code [0]} = {@code [R]} ln q(z_i), {@code [1..M]} = {@code [R]} ln q(z_ij) for dimension j
     */
    public double[][] logDensities(INDArray z) {
        return logDensities(z, BLOCK_DOUBLES / n);
    }

    /** As {@link #logDensities(INDArray)} with at most {@code blockRows} rows of z per block. */
    double[][] logDensities(INDArray z, int blockRows) {
        if (z.rank() != 2 || z.columns() != d)
            throw new IllegalArgumentException("z has shape " + java.util.Arrays.toString(z.shape()) + ", the codes have M = " + d);
        z = z.castTo(DataType.DOUBLE);
        double maxZ2 = Math.max(z.maxNumber().doubleValue() * z.maxNumber().doubleValue(), z.minNumber().doubleValue() * z.minNumber().doubleValue());
        if (!expansionIsAccurate(maxZ2)) return logDensitiesDirect(z);
        int rows = (int) z.rows();
        int block = Math.max(1, Math.min(rows, blockRows));
        double[][] out = new double[d + 1][rows];
        double logN = Math.log(n);
        INDArray buf = Nd4j.create(DataType.DOUBLE, block, n);
        for (int from = 0; from < rows; from += block) {
            int to = Math.min(rows, from + block), r = to - from;
            INDArray zb = z.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).dup('c');
            INDArray l = r == block ? buf : Nd4j.create(DataType.DOUBLE, r, n);
            // joint: ln q(z_i|x_n) = (z∘z)·Aᵀ + z·Bᵀ + c
            Nd4j.gemm(zb.mul(zb), a, l, false, true, 1.0, 0.0);
            Nd4j.gemm(zb, b, l, false, true, 1.0, 1.0);
            l.addiRowVector(c);
            // ln q(z_i) = logsumexp_n ln q(z_i|x_n) − ln N
            logSumExpRows(l, out[0], from, logN);
            for (int j = 0; j < d; j++) {
                INDArray u = Nd4j.create(DataType.DOUBLE, r, 3);
                INDArray zj = zb.getColumn(j);
                u.putColumn(0, zj.mul(zj));
                u.putColumn(1, zj);
                u.getColumn(2).assign(1.0);
                // ln q(z_ij|x_n) = [z_ij², z_ij, 1]·[A_nj, B_nj, c_nj]ᵀ ;  ln q(z_ij) = logsumexp_n − ln N
                Nd4j.gemm(u, w[j], l, false, true, 1.0, 0.0);
                logSumExpRows(l, out[j + 1], from, logN);
            }
        }
        return out;
    }

    /**
     * The same densities pair by pair, each term from the standardised distance (no cancellation), with a
     * streaming log-sum-exp over the N components; rows of z split over the available cores. O(R·N·M) exps.
     */
    double[][] logDensitiesDirect(INDArray z) {
        int rows = (int) z.rows();
        double[] zz = z.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[][] out = new double[d + 1][rows];
        double logN = Math.log(n), halfLog2Pi = 0.5 * LOG_2PI;
        java.util.stream.IntStream.range(0, rows).parallel().forEach(i -> {
            double[] max = new double[d + 1], sum = new double[d + 1], t = new double[d + 1];
            java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
            for (int k = 0; k < n; k++) {
                t[0] = 0;
                for (int j = 0; j < d; j++) {
                    // ln N(z_ij | μ_kj, σ_kj²) = −½ ((z_ij − μ_kj)/σ_kj)² − ln σ_kj − ½ ln 2π
                    double u = (zz[i * d + j] - muH[k * d + j]) * invSigma[k * d + j];
                    t[j + 1] = -0.5 * u * u - lsH[k * d + j] - halfLog2Pi;
                    t[0] += t[j + 1];
                }
                // streaming log-sum-exp over k: (max, Σ exp(· − max)) rescaled when the maximum moves
                for (int p = 0; p <= d; p++) {
                    if (t[p] > max[p]) {
                        sum[p] = sum[p] * Math.exp(max[p] - t[p]) + 1;
                        max[p] = t[p];
                    } else {
                        sum[p] += Math.exp(t[p] - max[p]);
                    }
                }
            }
            // ln q(z_i) = logsumexp_k ln q(z_i|x_k) − ln N, and the same per dimension
            for (int p = 0; p <= d; p++) out[p][i] = max[p] + Math.log(sum[p]) - logN;
        });
        return out;
    }

    /**
     * out[from + i] = ln Σ_n exp(l[i, n]) − shift, stably (row maximum subtracted first). One fused pass per
     * row over the block's memory (max, then Σ exp), rows split over the available cores.
     */
    private static void logSumExpRows(INDArray l, double[] out, int from, double shift) {
        java.nio.DoubleBuffer buf = l.data().asNioDouble();
        int rows = (int) l.rows(), cols = (int) l.columns();
        java.util.stream.IntStream.range(0, rows).parallel().forEach(i -> {
            int base = i * cols;
            double m = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < cols; k++) m = Math.max(m, buf.get(base + k));
            double s = 0;
            for (int k = 0; k < cols; k++) s += Math.exp(buf.get(base + k) - m);
            out[from + i] = m + Math.log(s) - shift;
        });
    }
}
