package lecture7.notebook;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * A known wrong answer and what it tells about the student's reasoning, e.g. the biased MMD² (diagonal terms
 * kept) where the unbiased one was asked. The wrong formula is recomputed on the check's own inputs (see
 * {@link Mistakes}), so the value follows the inputs; a check that is given mistakes names the one that matches.
 *
 * <p>One value for a {@code Check.value}/{@code Check.estimate}, one value per case for {@code Check.cases}/
 * {@code Check.function}, one per entry (row-major) for {@code Check.array}. A Monte Carlo mistake carries its
 * own standard error (0 for deterministic answers). A wrong formula may give NaN at some cases (the log of a
 * negative number): an answer matches there only if it is NaN too (a mistake that is NaN everywhere, on inputs where
 * the wrong formula is undefined, names nothing: the verdict reports the NaN itself).
 *
 * @param values        the wrong answer(s) an exercise author anticipates
 * @param standardError for a Monte Carlo answer: the wrong estimator's standard error, else 0
 * @param meaning       what it means, in the student's terms, without giving the right formula away
 */
public record Mistake(double[] values, double standardError, String meaning) {
    public Mistake {
        if (values == null || values.length == 0) throw new IllegalArgumentException("a mistake needs its value(s)");
        if (!(standardError >= 0)) throw new IllegalArgumentException("a mistake's standard error must be ≥ 0");
        if (meaning == null || meaning.isBlank()) throw new IllegalArgumentException("a mistake needs its meaning");
        values = values.clone();
    }

    /** A wrong value of a single-number answer. */
    public static Mistake of(double value, String meaning) {
        return new Mistake(new double[]{value}, 0, meaning);
    }

    /** Wrong values of an answer with several cases or entries (row-major for arrays). */
    public static Mistake of(double[] values, String meaning) {
        return new Mistake(values, 0, meaning);
    }

    /** The wrong formula recomputed for each of {@code n} cases: {@code wrong.applyAsDouble(i)} for case i. */
    public static Mistake cases(int n, IntToDoubleFunction wrong, String meaning) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = wrong.applyAsDouble(i);
        return new Mistake(v, 0, meaning);
    }

    /** A wrong Monte Carlo answer: what the wrong estimator gives on average, and its standard error. */
    public static Mistake estimate(double value, double standardError, String meaning) {
        return new Mistake(new double[]{value}, standardError, meaning);
    }

    /** The value of a single-number mistake. */
    public double value() {
        return values[0];
    }

    /**
     * True if {@code answers} (as many as {@link #values()}) all agree with this mistake within {@code tol}, or within
     * 4 of its standard errors if that is wider (relative above 1, absolute below, as {@link Verdict}).
     */
    public boolean matches(double[] answers, double tol) {
        if (answers == null || answers.length != values.length) return false;
        for (int i = 0; i < values.length; i++)
            if (Double.isNaN(values[i]) ? !Double.isNaN(answers[i])
                    : !Verdict.close(answers[i], values[i], Math.max(tol, 4 * standardError / Math.max(1, Math.abs(values[i])))))
                return false;
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mistake m && Arrays.equals(values, m.values) && standardError == m.standardError
                && meaning.equals(m.meaning);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(values) + meaning.hashCode();
    }

    @Override
    public String toString() {
        return "Mistake" + Arrays.toString(values) + ": " + meaning;
    }
}
