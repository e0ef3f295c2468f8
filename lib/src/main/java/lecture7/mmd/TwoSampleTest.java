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

    /** The smallest p-value B permutations can give, 1/(B + 1): a test at this floor rejected as strongly as it can. */
    public double pValueFloor() {
        return 1.0 / (permutations() + 1);
    }

    /** Whether p is at its floor 1/(B + 1): the observed statistic exceeded every permuted one. */
    public boolean atFloor() {
        return pValue <= pValueFloor() * (1 + 1e-9);
    }

    /**
     * The p-value as a reader needs it: "p = 0.231", or at the floor "p = 0.005, the smallest p-value 200
     * permutations can give (1/201)" — a p-value at the floor says only "at most this".
     */
    public String pText() {
        return atFloor()
                ? String.format(java.util.Locale.ROOT, "p = %.3f, the smallest p-value %d permutations can give (1/%d)", pValue,
                permutations(), permutations() + 1)
                : String.format(java.util.Locale.ROOT, "p = %.3f", pValue);
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
