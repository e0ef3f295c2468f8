package lecture7.notebook;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntToDoubleFunction;

/**
 * Pure judgement of an exercise answer: compares it with the expected value and explains a wrong answer in the
 * student's terms. Nothing is printed here; {@link Check} prints the verdict in a notebook.
 *
 * <p>Tolerance: a value {@code a} matches {@code e} when {@code |a − e| ≤ tol · max(1, |e|)}, i.e. {@code tol}
 * is a relative tolerance for {@code |e| ≥ 1} and an absolute one below. Wrong answers get hints for the usual
 * slips: a sign error ({@code a ≈ −e}), a factor of 2 (a forgotten ½, pairs counted twice), bits instead of nats,
 * a missing or extra square (MMD vs MMD²), NaN/∞, a wrong or transposed shape.
 */
public final class Verdict {
    private Verdict() {}

    /** Judges a numeric answer. {@code pending} = the student-edition placeholder produced it. */
    public static CheckResult value(String id, double actual, double expected, double tol, boolean pending) {
        return value(id, actual, expected, tol, pending, new Mistake[0]);
    }

    /**
     * Judges a numeric answer; a wrong answer that matches one of the anticipated {@code mistakes} (within the
     * same tolerance) is explained by that mistake's meaning first.
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
        double err = Math.abs(actual - expected);
        List<String> hints = new ArrayList<>();
        hints.add("|your − expected| = " + fmt(err)
                + (expected != 0 ? ", relative error " + fmt(err / Math.abs(expected)) : "")
                + "; allowed: " + fmt(tol * Math.max(1, Math.abs(expected))));
        for (Mistake m : mistakes)
            if (close(actual, m.value(), tol)) hints.add(m.meaning());
        String hint = slipHint(actual, expected, tol);
        if (hint != null) hints.add(hint);
        else if (hints.size() == 1 && expected != 0 && err / Math.abs(expected) < 1e-2)
            hints.add("Close, but not within the tolerance: look for a small missing term, float instead of double,"
                    + " or a biased instead of an unbiased average (divide by n−1 or m(m−1)?).");
        return CheckResult.fail(id, "your value " + fmt(actual) + " differs from the expected " + fmt(expected), hints);
    }

    /** Judges a Monte Carlo estimate: within 4 standard errors of the exact value. */
    public static CheckResult estimate(String id, double estimate, double exact, double standardError, boolean pending) {
        if (!(standardError > 0)) throw new IllegalArgumentException("standard error must be > 0, got " + standardError);
        if ((pending && Double.isNaN(estimate)) || Exercise.isTodo(estimate)) return CheckResult.todo(id);
        if (Double.isNaN(estimate)) return value(id, estimate, exact, standardError, false);
        // z = (estimate − exact) / SE
        double z = (estimate - exact) / standardError;
        String zs = fmt(Math.abs(z)) + " standard errors (SE " + fmt(standardError) + ")";
        if (Math.abs(z) <= 4)
            return CheckResult.pass(id, "your estimate " + fmt(estimate) + " is within " + zs + " of the exact " + fmt(exact));
        List<String> hints = new ArrayList<>();
        hints.add("A correct estimator lands within 4 standard errors at all but about 1 in 16 000 seeds.");
        String slip = slipHint(estimate, exact, 4 * standardError / Math.max(1, Math.abs(exact)));
        if (slip != null) hints.add(slip);
        else hints.add("Check the sampling (z = μ + σ·ε with σ = exp(ln σ), not the variance), and that you average"
                + " over all samples.");
        return CheckResult.fail(id, "your estimate " + fmt(estimate) + " is " + zs + " away from the exact " + fmt(exact), hints);
    }

    /** Judges an array answer: shape first, then every entry. {@code actualShape} may be null if {@code actual} is. */
    public static CheckResult array(String id, double[] actual, long[] actualShape, double[] expected,
                                    long[] expectedShape, double tol, boolean pending) {
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
                hints.add("Transposed? Your rows and columns are swapped (check which side of the product is [batch, …]).");
            else if (actual.length == expected.length)
                hints.add("Same number of entries (" + expected.length + "), different layout: a missing reshape or"
                        + " an extra/missing dimension of size 1.");
            else if (actualShape.length > 0 && expectedShape.length > 0 && actualShape[0] == expectedShape[0])
                hints.add("The number of rows is right; the columns are not (per-dimension vs summed over dimensions?).");
            return CheckResult.fail(id, "your array has shape " + shape(actualShape) + ", expected "
                    + shape(expectedShape), hints);
        }
        int nan = 0, wrong = 0, worst = -1;
        double worstErr = -1;
        boolean allNeg = true, allDouble = true, allHalf = true;
        for (int i = 0; i < expected.length; i++) {
            double a = actual[i], e = expected[i];
            if (Double.isNaN(a)) { nan++; wrong++; worst = worst < 0 ? i : worst; worstErr = Double.POSITIVE_INFINITY; continue; }
            allNeg &= close(a, -e, tol);
            allDouble &= close(a, 2 * e, tol);
            allHalf &= close(a, e / 2, tol);
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
        hints.add("Worst entry " + index(worst, expectedShape) + ": yours " + fmt(actual[worst]) + ", expected "
                + fmt(expected[worst]) + "; tolerance " + fmt(tol) + " (relative above 1, absolute below).");
        if (nan > 0) hints.add(nan + " entries are NaN: 0/0, log or sqrt of a negative number?");
        else if (allNeg) hints.add("Every entry is the negative of the expected one: a sign error.");
        else if (allDouble) hints.add("Every entry is twice the expected one: a forgotten ½ or pairs counted twice?");
        else if (allHalf) hints.add("Every entry is half the expected one: a ½ too many?");
        else if (expectedShape.length == 2 && expectedShape[0] == expectedShape[1] && diagonalOnly(actual, expected, expectedShape, tol))
            hints.add("Only diagonal entries are off: the i = j terms (k(x, x), excluded in unbiased estimators)?");
        return CheckResult.fail(id, wrong + " of " + expected.length + " entries differ from the expected values", hints);
    }

    /** Judges an INDArray answer (any data type; compared in double). */
    public static CheckResult array(String id, INDArray actual, INDArray expected, double tol, boolean pending) {
        return array(id, actual == null ? null : flat(actual), actual == null ? null : actual.shape(),
                flat(expected), expected.shape(), tol, pending);
    }

    /**
     * Judges labelled cases, e.g. a kernel at several inputs: {@code student.applyAsDouble(i)} is the answer for
     * case {@code i}. The first wrong case is reported with its label, and the student's code may throw
     * {@link NotAnsweredYet} (reported as not answered) or any other exception (reported as a failure).
     */
    public static CheckResult cases(String id, String[] labels, IntToDoubleFunction student, double[] expected, double tol) {
        if (labels.length != expected.length)
            throw new IllegalArgumentException(labels.length + " labels for " + expected.length + " expected values");
        for (int i = 0; i < expected.length; i++) {
            double a;
            try {
                a = student.applyAsDouble(i);
            } catch (NotAnsweredYet e) {
                return CheckResult.todo(id);
            } catch (RuntimeException e) {
                return threw(id, e, " for " + labels[i]);
            }
            CheckResult r = value(id, a, expected[i], tol, false);
            if (!r.passed()) {
                List<String> hints = new ArrayList<>(r.hints());
                return CheckResult.fail(id, "for " + labels[i] + ": " + r.summary(), hints);
            }
        }
        return CheckResult.pass(id, "correct on all " + expected.length + " cases (tolerance " + fmt(tol) + ")");
    }

    /** A yes/no property, e.g. "your estimate is unbiased": {@code expectation} says what should hold. */
    public static CheckResult that(String id, boolean ok, String expectation, String hintIfNot) {
        return ok ? CheckResult.pass(id, expectation)
                : CheckResult.fail(id, "not yet: " + expectation, hintIfNot == null ? List.of() : List.of(hintIfNot));
    }

    /** The student's code threw something other than the placeholder. */
    public static CheckResult threw(String id, Throwable e, String where) {
        if (e instanceof NotAnsweredYet) return CheckResult.todo(id);
        return CheckResult.fail(id, "your code threw " + e.getClass().getSimpleName() + where
                + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                List.of("Run your code on its own in a new cell to see the full error."));
    }

    // |a − e| ≤ tol · max(1, |e|)
    static boolean close(double a, double e, double tol) {
        if (Double.isInfinite(e)) return a == e;
        return Math.abs(a - e) <= tol * Math.max(1, Math.abs(e));
    }

    /** The usual slips, when the answer is a simple transform of the expected value. */
    static String slipHint(double a, double e, double tol) {
        if (e == 0) return null;
        if (close(a, -e, tol)) return "Your value is the negative of the expected one: a sign error"
                + " (the ELBO is maximised, the loss −ELBO minimised; KL ≥ 0; ln p − ln q vs ln q − ln p?).";
        if (close(a, 2 * e, tol)) return "Your value is twice the expected one: a forgotten ½, or pairs (i, j) and (j, i) counted twice?";
        if (close(a, e / 2, tol)) return "Your value is half the expected one: a ½ too many, or half of the pairs missed?";
        double ln2 = Math.log(2);
        if (close(a, e / ln2, tol)) return "Your value is in bits (log₂); the kit measures information in nats (natural log): multiply by ln 2.";
        if (close(a, e * ln2, tol)) return "Your value is in nats; this exercise asks for bits (log₂): divide by ln 2.";
        if (e > 0 && Math.abs(e - 1) > tol) {
            if (close(a, e * e, tol)) return "Your value is the square of the expected one (MMD² where MMD was asked, variance vs std?).";
            if (close(a, Math.sqrt(e), tol)) return "Your value is the square root of the expected one (MMD where MMD² was asked, std vs variance?).";
        }
        return null;
    }

    static String fmt(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) return Double.toString(v);
        double abs = Math.abs(v);
        if (abs >= 1e-3 && abs < 1e6) {
            String s = String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "");
            return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }
        return String.format(Locale.ROOT, "%.4e", v);
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
