package lecture7.kernel;

/** Log-factorials for the Taylor feature map and the multinomial coefficients, exact sums of ln k. */
final class Taylor {
    private Taylor() {}

    private static final double[] LOG_FACT = new double[1025];

    static {
        // ln k! = ln (k−1)! + ln k
        for (int k = 1; k < LOG_FACT.length; k++) LOG_FACT[k] = LOG_FACT[k - 1] + Math.log(k);
    }

    /** ln k! for 0 ≤ k ≤ 1024. */
    static double logFactorial(int k) {
        if (k < 0 || k >= LOG_FACT.length) throw new IllegalArgumentException("ln k! tabulated for 0 ≤ k ≤ 1024, got " + k);
        return LOG_FACT[k];
    }
}
