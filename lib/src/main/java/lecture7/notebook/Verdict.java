package lecture7.notebook;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntToDoubleFunction;

/**
 * Pure judgement of an exercise answer: compares it with the expected value and explains a wrong answer in the
 * student's terms. Nothing is printed here; {@link Check} prints the verdict in a notebook.
 *
 * <p>Tolerance: a value {@code a} matches {@code e} when {@code |a − e| ≤ tol · max(1, |e|)}, i.e. {@code tol}
 * is a relative tolerance for {@code |e| ≥ 1} and an absolute one below.
 *
 * <p>How a wrong answer is explained, in this order:
 * <ol>
 *   <li>a catalogued {@link Mistake} (the wrong formula recomputed on the check's own inputs, see {@link Mistakes})
 *       that the answer matches on every case/entry: its meaning, and no generic hint;</li>
 *   <li>otherwise only what is known: the relative difference (with enough digits to see it), which case or entry,
 *       which sign; "float instead of double" only when the difference is at float precision (relative ≤ 1e-5);
 *       a sign, factor-2, bits/nats or square relation only when it holds on every case and entry.</li>
 * </ol>
 */
public final class Verdict {
    private Verdict() {}

    /** Relative differences up to this size are "at float precision" (float's ε is 1.2e-7; sums lose a few digits). */
    static final double FLOAT_PRECISION = 1e-5;

    /** A mistake matches within the check's tolerance, but never tighter than this (rounding in another order). */
    static final double MISTAKE_MATCH = 1e-9;

    /** Judges a numeric answer. {@code pending} = the student-edition placeholder produced it. */
    public static CheckResult value(String id, double actual, double expected, double tol, boolean pending) {
        return value(id, actual, expected, tol, pending, new Mistake[0]);
    }

    /**
     * Judges a numeric answer; a wrong answer that matches one of the anticipated {@code mistakes} is explained by
     * that mistake's meaning.
     */
    public static CheckResult value(String id, double actual, double expected, double tol, boolean pending,
                                    Mistake... mistakes) {
        requireTolerance(tol);
        if (Double.isNaN(expected)) throw new IllegalArgumentException("expected value of " + id + " is NaN (exercise bug)");
        if ((pending && Double.isNaN(actual)) || Exercise.isTodo(actual)) return CheckResult.todo(id);
        if (Double.isNaN(actual))
            return CheckResult.fail(id, "your value is NaN, expected " + fmt(expected),
                    List.of("NaN comes from 0/0, the log or square root of a negative number, or ∞ − ∞:"
                            + " print the intermediate values of your computation."));
        if (Double.isInfinite(actual) && !Double.isInfinite(expected))
            return CheckResult.fail(id, "your value is " + fmt(actual) + ", expected " + fmt(expected),
                    List.of("An infinity comes from a division by zero, log(0) or exp of a large number"
                            + " (use log-sum-exp for sums of exponentials)."));
        if (close(actual, expected, tol))
            return CheckResult.pass(id, "correct: " + fmt(actual) + " (expected " + fmt(expected)
                    + ", tolerance " + fmt(tol) + ")");
        String[] pair = fmtPair(actual, expected);
        List<String> hints = new ArrayList<>();
        hints.add(difference(actual, expected) + "; allowed: " + fmt(tol * Math.max(1, Math.abs(expected))) + ".");
        hints.addAll(explain(new double[]{actual}, new double[]{expected}, tol, mistakes));
        return CheckResult.fail(id, "your value " + pair[0] + " differs from the expected " + pair[1], hints);
    }

    /** Judges a Monte Carlo estimate: within 4 standard errors of the exact value (no sampling hint). */
    public static CheckResult estimate(String id, double estimate, double exact, double standardError, boolean pending) {
        return estimate(id, estimate, exact, standardError, pending, null);
    }

    /**
     * Judges a Monte Carlo estimate: within 4 standard errors of the exact value. A wrong estimate within 4 standard
     * errors (its own, or the check's if larger) of a catalogued mistake gets that mistake's meaning;
     * {@code samplingHint} (null for none) is said only when no mistake matched, and only parts that sample give one.
     */
    public static CheckResult estimate(String id, double estimate, double exact, double standardError, boolean pending,
                                       String samplingHint, Mistake... mistakes) {
        if (!(standardError > 0)) throw new IllegalArgumentException("standard error must be > 0, got " + standardError);
        if ((pending && Double.isNaN(estimate)) || Exercise.isTodo(estimate)) return CheckResult.todo(id);
        if (Double.isNaN(estimate)) return value(id, estimate, exact, standardError, false);
        // z = (estimate − exact) / SE
        double z = (estimate - exact) / standardError;
        String zs = fmt(Math.abs(z)) + " standard errors (SE " + fmt(standardError) + ")";
        if (Math.abs(z) <= 4)
            return CheckResult.pass(id, "your estimate " + fmt(estimate) + " is within " + zs + " of the exact " + fmt(exact));
        List<String> hints = new ArrayList<>();
        hints.add("A correct estimator lands within 4 standard errors at all but about 1 in 16 000 seeds; yours is "
                + (z > 0 ? "above" : "below") + " the exact value by " + fmt(Math.abs(estimate - exact))
                + (exact != 0 ? " (relative " + fmt(Math.abs(estimate - exact) / Math.abs(exact)) + ")" : "") + ".");
        boolean named = false;
        for (Mistake m : mistakes)
            if (m.values().length == 1 && Math.abs(estimate - m.value()) <= 4 * Math.max(standardError, m.standardError())) {
                hints.add(m.meaning());
                named = true;
            }
        if (!named) {
            String slip = slipHint(new double[]{estimate}, new double[]{exact}, 4 * standardError / Math.max(1, Math.abs(exact)));
            if (slip != null) hints.add(slip);
            else if (samplingHint != null) hints.add(samplingHint);
        }
        return CheckResult.fail(id, "your estimate " + fmt(estimate) + " is " + zs + " away from the exact " + fmt(exact), hints);
    }

    /**
     * Judges a rate counted over {@code trials} independent repetitions (a test's size or power) whose true value
     * is {@code p}, known to within a standard error {@code pSe} (0 for a design value such as the level α).
     * It passes when the count lies in the central binomial region of probability ≥ 1 − 2·{@code tail}, taken at
     * p − 2·pSe (lower end) and p + 2·pSe (upper end). A mistake matches when the count lies in its own region.
     */
    public static CheckResult rate(String id, double rate, double p, int trials, double pSe, double tail, boolean pending,
                                   Mistake... mistakes) {
        if (trials < 1) throw new IllegalArgumentException("trials must be ≥ 1, got " + trials);
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("a rate's true value must be in [0, 1], got " + p);
        if (!(tail > 0 && tail < 0.5)) throw new IllegalArgumentException("tail probability must be in (0, 0.5), got " + tail);
        if ((pending && Double.isNaN(rate)) || Exercise.isTodo(rate)) return CheckResult.todo(id);
        if (Double.isNaN(rate) || rate < 0 || rate > 1)
            return CheckResult.fail(id, "your rate " + fmt(rate) + " is not a proportion in [0, 1]",
                    List.of("A rate is (number of rejections) / (number of repetitions)."));
        double count = rate * trials;
        long k = Math.round(count);
        if (Math.abs(count - k) > 1e-6)
            return CheckResult.fail(id, "your rate " + fmt(rate) + " is not a count over the " + trials + " repetitions",
                    List.of("Divide the number of rejections by the number of repetitions (as a double: rejections / (double) reps)."));
        int[] region = region(trials, Math.max(0, p - 2 * pSe), Math.min(1, p + 2 * pSe), tail);
        String where = k + " of " + trials;
        String accepted = region[0] + " to " + region[1] + " of " + trials + " (a correct answer lands there with probability ≥ "
                + fmt(1 - 2 * tail) + ")";
        if (k >= region[0] && k <= region[1])
            return CheckResult.pass(id, "your rate " + fmt(rate) + " (" + where + ") lies in " + accepted);
        List<String> hints = new ArrayList<>();
        hints.add("Expected about " + fmt(p) + "; your rate is " + (k < region[0] ? "below" : "above") + " the region "
                + region[0] + "…" + region[1] + ".");
        for (Mistake m : mistakes) {
            int[] r = region(trials, m.value(), m.value(), tail);
            if (k >= r[0] && k <= r[1]) hints.add(m.meaning());
        }
        return CheckResult.fail(id, "your rate " + fmt(rate) + " (" + where + ") is outside " + accepted, hints);
    }

    /**
     * The central region {lo, hi} of a Binomial(n, ·) count: lo is the largest k with P(K &lt; k) ≤ tail at {@code pLow},
     * hi the smallest k with P(K &gt; k) ≤ tail at {@code pHigh}.
     */
    static int[] region(int n, double pLow, double pHigh, double tail) {
        int lo = 0;
        double below = 0;                               // P(K < lo) at pLow
        while (lo < n && below + pmf(n, lo, pLow) <= tail) below += pmf(n, lo++, pLow);
        int hi = n;
        double above = 0;                               // P(K > hi) at pHigh
        while (hi > 0 && above + pmf(n, hi, pHigh) <= tail) above += pmf(n, hi--, pHigh);
        return new int[]{lo, hi};
    }

    // P(K = k) = C(n, k) p^k (1 − p)^(n−k), by logs
    static double pmf(int n, int k, double p) {
        if (p <= 0) return k == 0 ? 1 : 0;
        if (p >= 1) return k == n ? 1 : 0;
        double logC = lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1);
        return Math.exp(logC + k * Math.log(p) + (n - k) * Math.log1p(-p));
    }

    // ln Γ(x) by Lanczos (g = 7, 9 terms), accurate to ~1e-15 relative for x ≥ 1
    private static double lgamma(double x) {
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
                -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
        x -= 1;
        double a = c[0], t = x + 7.5;
        for (int i = 1; i < 9; i++) a += c[i] / (x + i);
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }

    /** Judges an array answer: shape first, then every entry. {@code actualShape} may be null if {@code actual} is. */
    public static CheckResult array(String id, double[] actual, long[] actualShape, double[] expected,
                                    long[] expectedShape, double tol, boolean pending, Mistake... mistakes) {
        requireTolerance(tol);
        if (expected.length != product(expectedShape))
            throw new IllegalArgumentException("expected shape " + Arrays.toString(expectedShape) + " does not hold "
                    + expected.length + " values (exercise bug)");
        if (actual == null)
            return pending ? CheckResult.todo(id)
                    : CheckResult.fail(id, "your answer is null, expected an array of shape " + shape(expectedShape),
                    List.of("Did the cell that computes it run? Does your method return the array it built?"));
        if (!Arrays.equals(actualShape, expectedShape)) {
            List<String> hints = new ArrayList<>();
            long[] rev = actualShape.clone();
            for (int i = 0; i < rev.length / 2; i++) { long t = rev[i]; rev[i] = rev[rev.length - 1 - i]; rev[rev.length - 1 - i] = t; }
            if (actualShape.length == 2 && Arrays.equals(rev, expectedShape))
                hints.add("Rows and columns are swapped: a transpose (check which side of the product is [batch, …]).");
            else if (actual.length == expected.length)
                hints.add("Same number of entries (" + expected.length + "), different layout: a missing reshape or"
                        + " an extra/missing dimension of size 1.");
            else if (actualShape.length > 0 && expectedShape.length > 0 && actualShape[0] == expectedShape[0])
                hints.add("The number of rows is right; the columns are not (summed over the wrong axis, or not summed?).");
            return CheckResult.fail(id, "your array has shape " + shape(actualShape) + ", expected "
                    + shape(expectedShape), hints);
        }
        int nan = 0, wrong = 0, worst = -1;
        double worstErr = -1;
        for (int i = 0; i < expected.length; i++) {
            double a = actual[i], e = expected[i];
            if (Double.isNaN(a)) { nan++; wrong++; worst = worst < 0 ? i : worst; worstErr = Double.POSITIVE_INFINITY; continue; }
            if (!close(a, e, tol)) {
                wrong++;
                double err = Math.abs(a - e) / Math.max(1, Math.abs(e));
                if (err > worstErr) { worstErr = err; worst = i; }
            }
        }
        if (wrong == 0)
            return CheckResult.pass(id, "correct: all " + expected.length + " entries of the " + shape(expectedShape)
                    + " array match (tolerance " + fmt(tol) + ")");
        List<String> hints = new ArrayList<>();
        String[] pair = fmtPair(actual[worst], expected[worst]);
        hints.add("Worst entry " + index(worst, expectedShape) + ": yours " + pair[0] + ", expected " + pair[1]
                + (Double.isNaN(actual[worst]) ? "" : "; " + difference(actual[worst], expected[worst]))
                + "; tolerance " + fmt(tol) + " (relative above 1, absolute below).");
        if (nan > 0) hints.add(nan + " entries are NaN: 0/0, log or sqrt of a negative number?");
        else {
            List<String> why = explain(actual, expected, tol, mistakes);
            hints.addAll(why);
            if (why.isEmpty() && expectedShape.length == 2 && expectedShape[0] == expectedShape[1]
                    && diagonalOnly(actual, expected, expectedShape, tol))
                hints.add("Only the diagonal entries (i = j) differ.");
        }
        return CheckResult.fail(id, wrong + " of " + expected.length + " entries differ from the expected values", hints);
    }

    /** Judges an INDArray answer (any data type; compared in double). */
    public static CheckResult array(String id, INDArray actual, INDArray expected, double tol, boolean pending,
                                    Mistake... mistakes) {
        return array(id, actual == null ? null : flat(actual), actual == null ? null : actual.shape(),
                flat(expected), expected.shape(), tol, pending, mistakes);
    }

    /**
     * Judges labelled cases, e.g. a kernel at several inputs: {@code student.applyAsDouble(i)} is the answer for
     * case {@code i}. Every case is evaluated (so that a mistake is recognised on all of them); the first wrong case
     * is reported with its label. The student's code may throw {@link NotAnsweredYet} (reported as not answered)
     * or any other exception (reported as a failure).
     */
    public static CheckResult cases(String id, String[] labels, IntToDoubleFunction student, double[] expected, double tol,
                                    Mistake... mistakes) {
        if (labels.length != expected.length)
            throw new IllegalArgumentException(labels.length + " labels for " + expected.length + " expected values");
        requireTolerance(tol);
        double[] answers = new double[expected.length];
        for (int i = 0; i < expected.length; i++) {
            try {
                answers[i] = student.applyAsDouble(i);
            } catch (NotAnsweredYet e) {
                return CheckResult.todo(id);
            } catch (RuntimeException e) {
                return threw(id, e, " for " + labels[i]);
            }
            if (Exercise.isTodo(answers[i])) return CheckResult.todo(id);
        }
        int first = -1, wrong = 0;
        for (int i = 0; i < expected.length; i++)
            if (Double.isNaN(answers[i]) || !close(answers[i], expected[i], tol)) {
                wrong++;
                if (first < 0) first = i;
            }
        if (first < 0) return CheckResult.pass(id, "correct on all " + expected.length + " cases (tolerance " + fmt(tol) + ")");
        CheckResult one = value(id, answers[first], expected[first], tol, false);
        List<String> hints = new ArrayList<>();
        if (!one.hints().isEmpty()) hints.add(one.hints().get(0));
        if (expected.length > 1) {
            List<String> wrongLabels = new ArrayList<>();
            for (int i = 0; i < expected.length; i++)
                if (Double.isNaN(answers[i]) || !close(answers[i], expected[i], tol)) wrongLabels.add(labels[i]);
            hints.add(wrong + " of " + expected.length + " cases " + (wrong == 1 ? "differs" : "differ") + ": "
                    + String.join("; ", wrongLabels) + ".");
        }
        boolean anyNan = false;
        for (double a : answers) anyNan |= Double.isNaN(a);
        List<String> why = explain(answers, expected, tol, mistakes);
        if (anyNan && why.isEmpty()) hints.addAll(one.hints().subList(Math.min(1, one.hints().size()), one.hints().size()));
        else hints.addAll(why);
        return CheckResult.fail(id, "for " + labels[first] + ": " + one.summary(), hints);
    }

    /** A yes/no property, e.g. "your estimate is unbiased": {@code expectation} says what should hold. */
    public static CheckResult that(String id, boolean ok, String expectation, String hintIfNot) {
        return ok ? CheckResult.pass(id, expectation)
                : CheckResult.fail(id, "not yet: " + expectation, hintIfNot == null ? List.of() : List.of(hintIfNot));
    }

    /** One verdict for a part made of several sub-checks: passes when all pass, not answered if any is. */
    public static CheckResult all(String id, CheckResult... parts) {
        List<String> lines = new ArrayList<>();
        boolean todo = false, failed = false;
        for (CheckResult r : parts) {
            todo |= r.outcome() == CheckResult.Outcome.TODO;
            failed |= r.outcome() == CheckResult.Outcome.FAIL;
            lines.add((r.passed() ? "✔ " : r.outcome() == CheckResult.Outcome.TODO ? "… " : "✘ ") + r.id() + ": " + r.summary());
            for (String h : r.hints()) lines.add("    " + h);
        }
        if (todo) return CheckResult.todo(id);
        if (!failed) return CheckResult.pass(id, "all " + parts.length + " parts correct", lines.toArray(String[]::new));
        return CheckResult.fail(id, "not every part is right yet", lines);
    }

    /** The student's code threw something other than the placeholder. */
    public static CheckResult threw(String id, Throwable e, String where) {
        if (e instanceof NotAnsweredYet) return CheckResult.todo(id);
        String name = e.getClass().getSimpleName();
        if (name.contains("Resolution") || name.contains("Unresolved")) {
            // JShell accepted a method whose body uses something undefined; calling it throws from that method
            StackTraceElement[] st = e.getStackTrace();
            String method = st.length > 0 ? st[0].getMethodName() : "your method";
            return CheckResult.fail(id, method + "(…) uses a method or variable that is not defined" + where,
                    List.of("Define what " + method + " uses (or run the cell that defines it; if that cell shows a compile"
                            + " error, fix that cell), then run the cell with " + method + " and this check again."));
        }
        return CheckResult.fail(id, "your code threw " + name + where
                + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                List.of("Run your code on its own in a new cell to see the full error."));
    }

    // |a − e| ≤ tol · max(1, |e|)
    static boolean close(double a, double e, double tol) {
        if (Double.isInfinite(e)) return a == e;
        return Math.abs(a - e) <= tol * Math.max(1, Math.abs(e));
    }

    /**
     * Why answers differ from the expected values: the meanings of the matching catalogued mistakes; else a relation
     * that holds on every entry (sign, factor 2, bits, square) or a difference at float precision; else nothing.
     */
    static List<String> explain(double[] answers, double[] expected, double tol, Mistake... mistakes) {
        List<String> out = new ArrayList<>();
        double mtol = Math.max(tol, MISTAKE_MATCH);
        boolean anyNumber = false;
        for (double a : answers) anyNumber |= !Double.isNaN(a);
        for (Mistake m : mistakes)
            if (anyNumber && m.matches(answers, mtol) && !m.matches(expected, mtol)) out.add(m.meaning());
        if (!out.isEmpty()) return out;
        String slip = slipHint(answers, expected, tol);
        if (slip != null) out.add(slip);
        else if (atFloatPrecision(answers, expected, tol))
            out.add("The difference is at float precision (relative ≤ 1e-5): a float (32-bit) value or array somewhere"
                    + " in your computation, or a constant typed with too few digits? Compute in double.");
        return out;
    }

    /** True if every wrong entry is off by a relative difference ≤ {@link #FLOAT_PRECISION}. */
    static boolean atFloatPrecision(double[] a, double[] e, double tol) {
        boolean any = false;
        for (int i = 0; i < e.length; i++) {
            if (close(a[i], e[i], tol)) continue;
            if (Double.isNaN(a[i]) || e[i] == 0 || Math.abs(a[i] - e[i]) > FLOAT_PRECISION * Math.abs(e[i])) return false;
            any = true;
        }
        return any;
    }

    /** The usual slips, when every answer is the same simple transform of its expected value. */
    static String slipHint(double a, double e, double tol) {
        return slipHint(new double[]{a}, new double[]{e}, tol);
    }

    static String slipHint(double[] a, double[] e, double tol) {
        boolean nonZero = false;
        for (double v : e) nonZero |= v != 0;
        if (!nonZero) return null;
        if (holds(a, e, tol, x -> -x)) return "Every value of yours is the negative of the expected one: a sign error"
                + " (the ELBO is maximised, the loss −ELBO minimised; ln p − ln q vs ln q − ln p?).";
        if (holds(a, e, tol, x -> 2 * x)) return "Your value is exactly twice the expected one (a ½ missing, or pairs counted twice?).";
        if (holds(a, e, tol, x -> x / 2)) return "Your value is exactly half the expected one (a ½ too many, or half of the terms missed?).";
        double ln2 = Math.log(2);
        if (holds(a, e, tol, x -> x / ln2)) return "Your value is the expected one in bits (log₂); the kit measures information in nats (natural log).";
        if (holds(a, e, tol, x -> x * ln2)) return "Your value is in nats; this exercise asks for bits (log₂).";
        boolean positive = true, notOne = false;
        for (double v : e) { positive &= v > 0; notOne |= Math.abs(v - 1) > tol && v != 0; }
        if (positive && notOne) {
            if (holds(a, e, tol, x -> x * x)) return "Your value is the square of the expected one (MMD² where MMD was asked, variance vs std?).";
            if (holds(a, e, tol, Math::sqrt)) return "Your value is the square root of the expected one (MMD where MMD² was asked, std vs variance?).";
        }
        return null;
    }

    private static boolean holds(double[] a, double[] e, double tol, DoubleUnaryOperator f) {
        boolean differs = false;
        for (int i = 0; i < e.length; i++) {
            double t = f.applyAsDouble(e[i]);
            if (!close(a[i], t, tol)) return false;
            differs |= !close(a[i], e[i], tol);
        }
        return differs;
    }

    /** "yours is larger than expected by 0.0123 (relative difference 4.5e-3)". */
    static String difference(double a, double e) {
        double d = Math.abs(a - e);
        return "yours is " + (a > e ? "larger" : "smaller") + " than expected by " + fmt(d)
                + (e != 0 ? " (relative difference " + fmt(d / Math.abs(e)) + ")" : "")
                + (a != 0 && e != 0 && Math.signum(a) != Math.signum(e) ? ", and of the opposite sign" : "");
    }

    /** A number with six significant digits (trailing zeros dropped), or in scientific notation when tiny or huge. */
    static String fmt(double v) {
        return fmt(v, 6);
    }

    static String fmt(double v, int digits) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) return Double.toString(v);
        double abs = Math.abs(v);
        if (abs >= 1e-3 && abs < 1e6) {
            int decimals = Math.max(0, digits - 1 - (int) Math.floor(Math.log10(abs)));
            String s = new java.math.BigDecimal(v).setScale(decimals, java.math.RoundingMode.HALF_EVEN).toPlainString();
            if (s.contains(".")) s = s.replaceAll("0+$", "");
            return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }
        return String.format(Locale.ROOT, "%." + Math.max(1, digits - 2) + "e", v);
    }

    /** Two numbers with as many significant digits as it takes (6 to 17) to see that they differ. */
    static String[] fmtPair(double a, double e) {
        for (int d = 6; d <= 17; d++) {
            String sa = fmt(a, d), se = fmt(e, d);
            if (!sa.equals(se) || d == 17) return new String[]{sa, se};
        }
        throw new AssertionError();
    }

    static String shape(long[] s) {
        return Arrays.toString(s);
    }

    private static String index(int flat, long[] shape) {
        long[] idx = new long[shape.length];
        long rest = flat;
        for (int d = shape.length - 1; d >= 0; d--) { idx[d] = rest % shape[d]; rest /= shape[d]; }
        return Arrays.toString(idx);
    }

    private static boolean diagonalOnly(double[] a, double[] e, long[] shape, double tol) {
        int cols = (int) shape[1];
        for (int i = 0; i < e.length; i++)
            if (i / cols != i % cols && !close(a[i], e[i], tol)) return false;
        return true;
    }

    private static long product(long[] s) {
        long p = 1;
        for (long d : s) p *= d;
        return p;
    }

    private static double[] flat(INDArray x) {
        return x.dup('c').castTo(DataType.DOUBLE).reshape(x.length()).toDoubleVector();
    }

    private static void requireTolerance(double tol) {
        if (!(tol > 0)) throw new IllegalArgumentException("tolerance must be > 0, got " + tol);
    }
}
