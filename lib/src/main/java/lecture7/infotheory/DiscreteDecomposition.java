package lecture7.infotheory;

import java.util.Arrays;

/**
 * The KL decomposition computed exactly, by enumeration, for a finite model: x takes N values with
 * probabilities p(x), z = (z_1, …, z_M) takes values on a finite grid, q(z|x) is any table and the prior
 * factorises, p(z) = ∏_j p_j(z_j). Every sum is explicit, so the identity of the slide
 * <pre>
 *   Σ_x p(x) KL(q(z|x) ‖ p(z)) = I_q(x; z) + KL(q(z) ‖ ∏_j q(z_j)) + Σ_j KL(q(z_j) ‖ p_j(z_j))
 * </pre>
 * holds to rounding (≈1e-15), which is the check that the Gaussian estimators cannot give. Nats; 0·ln 0 = 0.
 *
 * @param mutualInformation I_q(x; z) = Σ_x p(x) Σ_z q(z|x) ln(q(z|x)/q(z))
 * @param totalCorrelation  Σ_z q(z) ln(q(z)/∏_j q_j(z_j))
 * @param dimensionwiseKl   Σ_j Σ_{z_j} q_j(z_j) ln(q_j(z_j)/p_j(z_j))
 * @param averageKl         Σ_x p(x) Σ_z q(z|x) ln(q(z|x)/p(z)), computed directly
 */
public record DiscreteDecomposition(double mutualInformation, double totalCorrelation, double dimensionwiseKl,
                                    double averageKl) {
    private static final double TOL = 1e-9;

    /** MI + TC + dim-wise KL. */
    public double sumOfParts() {
        return mutualInformation + totalCorrelation + dimensionwiseKl;
    }

    /**
     * Exact decomposition for a joint table.
     *
     * @param px            {@code [N]} p(x), sums to 1
     * @param qzx           {@code [N][∏_j K_j]} q(z|x), each row sums to 1; z enumerated with z_1 slowest,
     *                      z_M fastest (mixed radix over {@code cardinalities})
     * @param cardinalities {@code [M]} K_j, the number of values of z_j
     * @param prior         {@code [M][K_j]} p_j(z_j), each sums to 1
     */
    public static DiscreteDecomposition of(double[] px, double[][] qzx, int[] cardinalities, double[][] prior) {
        int n = px.length, d = cardinalities.length;
        checkDistribution("p(x)", px);
        if (qzx.length != n) throw new IllegalArgumentException("q(z|x) has " + qzx.length + " rows, p(x) has " + n + " values");
        if (prior.length != d) throw new IllegalArgumentException("prior has " + prior.length + " factors, z has " + d + " dimensions");
        int size = 1;
        for (int j = 0; j < d; j++) {
            if (cardinalities[j] < 1) throw new IllegalArgumentException("z_" + (j + 1) + " needs ≥ 1 value");
            if (prior[j].length != cardinalities[j])
                throw new IllegalArgumentException("prior of z_" + (j + 1) + " has " + prior[j].length + " values, expected " + cardinalities[j]);
            checkDistribution("p(z_" + (j + 1) + ")", prior[j]);
            size = Math.multiplyExact(size, cardinalities[j]);
        }
        for (int x = 0; x < n; x++) {
            if (qzx[x].length != size)
                throw new IllegalArgumentException("q(z|x=" + x + ") has " + qzx[x].length + " values, the grid has " + size);
            checkDistribution("q(z|x=" + x + ")", qzx[x]);
        }
        // digits of every grid point, and ln p(z) = Σ_j ln p_j(z_j)
        int[][] digits = new int[size][d];
        double[] logPrior = new double[size];
        for (int zi = 0; zi < size; zi++) {
            int rest = zi;
            for (int j = d - 1; j >= 0; j--) {
                digits[zi][j] = rest % cardinalities[j];
                rest /= cardinalities[j];
            }
            double lp = 0;
            for (int j = 0; j < d; j++) lp += Math.log(prior[j][digits[zi][j]]);
            logPrior[zi] = lp;
        }
        // q(z) = Σ_x p(x) q(z|x);  q_j(z_j) = Σ_{z: z_j fixed} q(z)
        double[] qz = new double[size];
        for (int x = 0; x < n; x++) for (int zi = 0; zi < size; zi++) qz[zi] += px[x] * qzx[x][zi];
        double[][] qj = new double[d][];
        for (int j = 0; j < d; j++) qj[j] = new double[cardinalities[j]];
        for (int zi = 0; zi < size; zi++) for (int j = 0; j < d; j++) qj[j][digits[zi][j]] += qz[zi];

        double kl = 0, mi = 0;
        for (int x = 0; x < n; x++)
            for (int zi = 0; zi < size; zi++) {
                double q = qzx[x][zi];
                if (px[x] == 0 || q == 0) continue;
                if (logPrior[zi] == Double.NEGATIVE_INFINITY)
                    throw new IllegalArgumentException("q(z|x) puts mass where the prior is 0: the KL is infinite");
                // KL term: p(x) q(z|x) ln(q(z|x)/p(z));  MI term: p(x) q(z|x) ln(q(z|x)/q(z))
                kl += px[x] * q * (Math.log(q) - logPrior[zi]);
                mi += px[x] * q * (Math.log(q) - Math.log(qz[zi]));
            }
        double tc = 0;
        for (int zi = 0; zi < size; zi++) {
            if (qz[zi] == 0) continue;
            double logProd = 0;
            for (int j = 0; j < d; j++) logProd += Math.log(qj[j][digits[zi][j]]);
            // TC term: q(z) ln(q(z)/∏_j q_j(z_j))
            tc += qz[zi] * (Math.log(qz[zi]) - logProd);
        }
        double dkl = 0;
        for (int j = 0; j < d; j++)
            for (int v = 0; v < cardinalities[j]; v++)
                // dim-wise term: q_j(v) ln(q_j(v)/p_j(v))
                if (qj[j][v] > 0) dkl += qj[j][v] * (Math.log(qj[j][v]) - Math.log(prior[j][v]));
        return new DiscreteDecomposition(mi, tc, dkl, kl);
    }

    /**
     * Exact decomposition for a mean-field encoder, q(z|x) = ∏_j q_j(z_j|x), like the VAE's diagonal Gaussian.
     *
     * @param q {@code [N][M][K_j]} q_j(z_j|x)
     */
    public static DiscreteDecomposition factorized(double[] px, double[][][] q, double[][] prior) {
        int n = q.length, d = prior.length;
        int[] card = new int[d];
        for (int j = 0; j < d; j++) card[j] = prior[j].length;
        int size = Arrays.stream(card).reduce(1, Math::multiplyExact);
        double[][] table = new double[n][size];
        for (int x = 0; x < n; x++) {
            if (q[x].length != d) throw new IllegalArgumentException("q(·|x=" + x + ") has " + q[x].length + " factors, expected " + d);
            for (int zi = 0; zi < size; zi++) {
                int rest = zi;
                double p = 1;
                for (int j = d - 1; j >= 0; j--) {
                    p *= q[x][j][rest % card[j]];
                    rest /= card[j];
                }
                table[x][zi] = p;
            }
        }
        return of(px, table, card, prior);
    }

    private static void checkDistribution(String name, double[] p) {
        double s = 0;
        for (double v : p) {
            if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException(name + " has a negative or non-finite entry " + v);
            s += v;
        }
        if (Math.abs(s - 1) > TOL) throw new IllegalArgumentException(name + " sums to " + s + ", not 1");
    }
}
