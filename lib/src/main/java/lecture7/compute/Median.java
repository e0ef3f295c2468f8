package lecture7.compute;

import java.util.Arrays;

/** The median, the one definition the kit's summaries use (medians over seeds, of posterior σ's). */
public final class Median {
    private Median() {}

    /** The median of the values: the middle one of the sorted values, the mean of the two middle ones for an even count. */
    public static double of(double[] v) {
        if (v.length == 0) throw new IllegalArgumentException("median of no values");
        double[] s = v.clone();
        Arrays.sort(s);
        int h = s.length / 2;
        return s.length % 2 == 1 ? s[h] : 0.5 * (s[h - 1] + s[h]);
    }
}
