package lecture7.mmd;

import java.util.Arrays;

/**
 * Result of a permutation two-sample test of H₀: P = Q.
 *
 * @param statistic      the observed MMD²_V of the two samples
 * @param pValue         (1 + #{b : null_b ≥ observed}) / (1 + B), in (0, 1]
 * @param nullStatistics MMD²_V of the B relabelled samples (the permutation null distribution)
 */
public record TwoSampleTest(double statistic, double pValue, double[] nullStatistics) {
    public TwoSampleTest {
        if (!(pValue > 0 && pValue <= 1)) throw new IllegalArgumentException("p-value must be in (0, 1], got " + pValue);
        if (nullStatistics == null || nullStatistics.length == 0)
            throw new IllegalArgumentException("need at least one null statistic");
    }

    /** True when H₀ is rejected at level α: p ≤ α. */
    public boolean rejects(double alpha) {
        return pValue <= alpha;
    }

    /** Number of permutations B. */
    public int permutations() {
        return nullStatistics.length;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "TwoSampleTest[MMD²=%.6g, p=%.4g, B=%d]", statistic, pValue,
                nullStatistics.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TwoSampleTest t && t.statistic == statistic && t.pValue == pValue
                && Arrays.equals(t.nullStatistics, nullStatistics);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(statistic) * 31 + Arrays.hashCode(nullStatistics);
    }
}
