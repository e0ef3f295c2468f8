package lecture7.compute;

import java.util.Locale;

/** Compact number formatting for kernel names: 4 significant digits, no trailing zeros (0.5, 1000, 1.25e-05). */
public final class Fmt {
    private Fmt() {}

    public static String g(double v) {
        String s = String.format(Locale.ROOT, "%.4g", v);
        int e = s.indexOf('e');
        String mant = e < 0 ? s : s.substring(0, e), exp = e < 0 ? "" : s.substring(e);
        if (mant.contains(".")) mant = mant.replaceAll("0+$", "").replaceAll("\\.$", "");
        return mant + exp;
    }
}
