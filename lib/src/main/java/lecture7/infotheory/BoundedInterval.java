package lecture7.infotheory;

import java.util.Locale;

/**
 * An interval (or a point) for a quantity that cannot leave a known range, as the tables print it: the ends are
 * clipped to the range and a clipped end says why. The KL decomposition's parts have such ranges whatever the
 * estimate: a total correlation and a dimension-wise KL are KL divergences, so ≥ 0; a mutual information is ≥ 0 and,
 * where the data set is scored in full, at most the data's entropy H(x) ({@link ImageEntropy}). A Monte Carlo
 * estimate ± 2 standard errors, or an estimate near 0, may fall outside; printed as it is it would say the quantity
 * "may be −0.03", which no model can reach.
 *
 * <p>Text: "0.07–0.19"; "0.00 (TC cannot be negative)–0.19"; a point "0.07", or, clipped (short, for a table cell),
 * "0.00 (estimate −0.02; TC ≥ 0)"; an MI "5.90–6.04 (MI cannot exceed H(x))" when the upper end was clipped.
 *
 * @param quantity    what it bounds, e.g. "TC"
 * @param lo          lower end after clipping, nats
 * @param hi          upper end after clipping, nats (≥ lo)
 * @param floor       the smallest value the quantity can take (0)
 * @param ceiling     the largest (H(x), or +∞)
 * @param ceilingName the ceiling's name in the text, e.g. "H(x)"
 * @param rawLo       the lower end before clipping
 * @param rawHi       the upper end before clipping
 */
public record BoundedInterval(String quantity, double lo, double hi, double floor, double ceiling, String ceilingName,
                              double rawLo, double rawHi) {

    /** Ends closer than this (nats) print as one number. */
    public static final double POINT = 0.005;

    public BoundedInterval {
        if (!(lo <= hi)) throw new IllegalArgumentException(quantity + ": interval " + lo + "–" + hi + " is empty");
        if (lo < floor || hi > ceiling) throw new IllegalArgumentException(quantity + ": interval outside its range");
    }

    /**
     * [lo, hi] clipped to [floor, ceiling]. Both ends are moved into the range (an estimate of −0.02 for a TC
     * becomes the point 0); the raw ends are kept for the text.
     */
    public static BoundedInterval of(String quantity, double lo, double hi, double floor, double ceiling, String ceilingName) {
        if (Double.isNaN(lo) || Double.isNaN(hi)) throw new IllegalArgumentException(quantity + ": interval end is NaN");
        if (lo > hi) throw new IllegalArgumentException(quantity + ": lower end " + lo + " above upper end " + hi);
        if (!(floor <= ceiling)) throw new IllegalArgumentException(quantity + ": range " + floor + "–" + ceiling + " is empty");
        return new BoundedInterval(quantity, clip(lo, floor, ceiling), clip(hi, floor, ceiling), floor, ceiling, ceilingName, lo, hi);
    }

    /** A total correlation: ≥ 0, no ceiling. */
    public static BoundedInterval tc(double lo, double hi) {
        return of("TC", lo, hi, 0, Double.POSITIVE_INFINITY, null);
    }

    /** A dimension-wise KL: ≥ 0, no ceiling. */
    public static BoundedInterval dimKl(double lo, double hi) {
        return of("dim-wise KL", lo, hi, 0, Double.POSITIVE_INFINITY, null);
    }

    /** A mutual information I(x; z): ≥ 0 and ≤ {@code entropy} (H(x); +∞ where the data bound nothing). */
    public static BoundedInterval mi(double lo, double hi, double entropy) {
        return of("MI", lo, hi, 0, entropy, "H(x)");
    }

    private static double clip(double v, double floor, double ceiling) {
        return Math.max(floor, Math.min(ceiling, v));
    }

    /** Whether the interval is one number at the printed precision. */
    public boolean point() {
        return hi - lo < POINT;
    }

    /** Whether an end was moved into the range. */
    public boolean clipped() {
        return lowClipped() || highClipped();
    }

    /** Whether the lower end was moved up to the floor by more than the printed precision. */
    public boolean lowClipped() {
        return rawLo < floor && !KlDecomposition.nats(rawLo).equals(KlDecomposition.nats(floor));
    }

    /** Whether the upper end was moved down to the ceiling by more than the printed precision. */
    public boolean highClipped() {
        return rawHi > ceiling && !KlDecomposition.nats(rawHi).equals(KlDecomposition.nats(ceiling));
    }

    /**
     * The interval as the results file records it: {"what", "quantity", "lo", "hi", "raw_lo", "raw_hi", "ceiling"}
     * (ceiling null when there is none), for environment/check_results.py to check against the quantity's range.
     */
    public java.util.Map<String, Object> record(String what) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("what", what);
        m.put("quantity", quantity);
        m.put("lo", lo);
        m.put("hi", hi);
        m.put("raw_lo", rawLo);
        m.put("raw_hi", rawHi);
        m.put("ceiling", Double.isInfinite(ceiling) ? null : ceiling);
        m.put("text", text());
        return m;
    }

    private String floorReason() {
        return quantity + " cannot be negative";
    }

    private String ceilingReason() {
        return quantity + " cannot exceed " + ceilingName;
    }

    /** The interval as a table prints it, the reason beside any clipped end. */
    public String text() {
        if (point()) {
            if (!clipped()) return KlDecomposition.nats(hi);
            // short, for a table cell: "0.00 (estimate −0.02; TC ≥ 0)"
            String est = rawLo == rawHi ? "estimate " + signed(rawHi) : "estimate " + signed(rawLo) + "–" + signed(rawHi);
            return KlDecomposition.nats(hi) + " (" + est + "; " + quantity + (lowClipped() ? " ≥ " + KlDecomposition.nats(floor).replace(".00", "")
                    : " ≤ " + ceilingName) + ")";
        }
        String a = KlDecomposition.nats(lo) + (lowClipped() ? " (" + floorReason() + ")" : "");
        String b = KlDecomposition.nats(hi) + (highClipped() ? " (" + ceilingReason() + ")" : "");
        return a + "–" + b;
    }

    /** "−0.02" with a true minus sign. */
    private static String signed(double v) {
        String s = KlDecomposition.nats(v);
        return s.startsWith("-") ? "−" + s.substring(1) : s;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s", quantity, text());
    }
}
