package lecture7.mmd;

/**
 * Result of a permutation test of independence H₀: p(x, y) = p(x)p(y).
 *
 * @param statistic      the observed HSIC_b
 * @param pValue         (1 + #{b : null_b ≥ observed}) / (1 + B), in (0, 1]
 * @param nullStatistics HSIC_b with y's rows permuted (pairing broken)
 */
public record IndependenceTest(double statistic, double pValue, double[] nullStatistics) {
    public IndependenceTest {
        if (!(pValue > 0 && pValue <= 1)) throw new IllegalArgumentException("p-value must be in (0, 1], got " + pValue);
        if (nullStatistics == null || nullStatistics.length == 0)
            throw new IllegalArgumentException("need at least one null statistic");
    }

    /** True when independence is rejected at level α: p ≤ α. */
    public boolean rejects(double alpha) {
        return pValue <= alpha;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "IndependenceTest[HSIC=%.6g, p=%.4g, B=%d]", statistic, pValue,
                nullStatistics.length);
    }
}
