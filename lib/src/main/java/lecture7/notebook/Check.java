package lecture7.notebook;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntToDoubleFunction;
import java.util.function.Supplier;

/**
 * Exercise checks for the notebooks: each call prints a ✔/✘ verdict that explains a wrong answer and returns nothing,
 * so a notebook cell shows only the verdict. A wrong answer is explained by the catalogued mistake it matches (the
 * wrong formula recomputed on the check's inputs, {@link Mistakes}); otherwise by what is known (relative
 * difference, which case or entry, which sign), see {@link Verdict}. "Not answered yet" for the placeholder.
 *
 * <pre>{@code
 * Check.value("E1-kl", kl, 0.5 * (mu * mu + s * s - 2 * Math.log(s) - 1), 1e-9);
 * Check.function("E3-imq", "r", new double[]{0, 0.5, 2}, r -> imq(r), r -> 1 / Math.sqrt(1 + r * r), 1e-12);
 * }</pre>
 *
 * <p>A check never aborts a notebook unless strict mode is on ({@link #strict(boolean)} or {@code KIT_STRICT=1}):
 * then a failing or unanswered check throws {@link ExerciseFailed}. The first printed line of every verdict is
 * the machine-readable marker {@code [check] <id> PASS|FAIL|TODO}, which the kit's edition tests look for in
 * executed notebooks. Tolerances follow {@link Verdict}: {@code |a − e| ≤ tol · max(1, |e|)}.
 */
public final class Check {
    private Check() {}

    /** Default tolerance for deterministic double-precision answers. */
    public static final double TOL = 1e-6;

    private static boolean strict = envStrict();
    private static final Map<String, CheckResult> RESULTS = new LinkedHashMap<>();
    private static final Map<String, Mistake[]> CATALOGUES = new LinkedHashMap<>();

    /**
     * Registers a part's catalogue of mistakes ({@link Mistakes}) for the checks of {@code id} that follow, for a
     * check cell that keeps its check call in the plain form {@code Check.value(id, answer, expected, tol)} (the
     * homework notebooks: the grader's tests read those calls). Mistakes given to a check are used as well.
     */
    public static void catalogue(String id, Mistake... mistakes) {
        synchronized (RESULTS) {
            CATALOGUES.put(id, mistakes.clone());
        }
    }

    /** The mistakes given to a check of {@code id}, then those registered with {@link #catalogue}. */
    private static Mistake[] known(String id, Mistake[] given) {
        Mistake[] registered;
        synchronized (RESULTS) {
            registered = CATALOGUES.getOrDefault(id, new Mistake[0]);
        }
        return concat(given, registered);
    }

    /** Strict mode: a failing or unanswered check throws {@link ExerciseFailed} (graded or CI runs). */
    public static void strict(boolean on) {
        strict = on;
    }

    public static boolean isStrict() {
        return strict;
    }

    /** A numeric answer, with the default tolerance {@link #TOL}. */
    public static void value(String id, double actual, double expected) {
        value(id, actual, expected, TOL);
    }

    /**
     * A numeric answer: passes when {@code |actual − expected| ≤ tol · max(1, |expected|)}; anticipated wrong
     * answers, if given, are explained ({@code Mistake.of(biased, "…")}).
     */
    public static void value(String id, double actual, double expected, double tol, Mistake... mistakes) {
        report(Verdict.value(id, actual, expected, tol, Exercise.takePending(), known(id, mistakes)));
    }

    /**
     * A Monte Carlo estimate: passes when it lies within 4 standard errors of the exact value (a correct estimator
     * fails this about once in 16 000 seeds); the verdict says how many standard errors away it is.
     */
    public static void estimate(String id, double estimate, double exact, double standardError) {
        report(Verdict.estimate(id, estimate, exact, standardError, Exercise.takePending()));
    }

    /**
     * A Monte Carlo estimate of a part that samples: as {@link #estimate(String, double, double, double)}, and a wrong
     * estimate is explained by the catalogued {@code mistakes} it matches (within 4 standard errors), else by
     * {@code samplingHint}.
     */
    public static void estimate(String id, double estimate, double exact, double standardError, String samplingHint,
                                Mistake... mistakes) {
        report(Verdict.estimate(id, estimate, exact, standardError, Exercise.takePending(), samplingHint, known(id, mistakes)));
    }

    /**
     * A rate counted over {@code trials} repetitions (a test's size or power) whose true value is {@code p} (known to
     * a standard error {@code pSe}, 0 for a design value such as α): passes inside the central binomial region of
     * probability ≥ 1 − 2·{@code tail}; the catalogued {@code mistakes} (rates of known wrong tests) are named when
     * the count lies in their own region. See {@link Verdict#rate}.
     */
    public static void rate(String id, double rate, double p, int trials, double pSe, double tail, Mistake... mistakes) {
        report(Verdict.rate(id, rate, p, trials, pSe, tail, Exercise.takePending(), known(id, mistakes)));
    }

    /** One verdict for a part judged by several sub-verdicts (e.g. {@link Verdict#rate}): passes when all pass. */
    public static void all(String id, CheckResult... parts) {
        Exercise.takePending();
        report(Verdict.all(id, parts));
    }

    /**
     * A numeric answer computed by the student's code, run here so that an exception becomes a verdict; anticipated
     * wrong answers, if given, are explained.
     */
    public static void value(String id, DoubleSupplier answer, double expected, double tol, Mistake... mistakes) {
        Answer<Double> a = run(id, answer::getAsDouble);
        if (!a.threw()) report(Verdict.value(id, a.value(), expected, tol, Exercise.takePending(), known(id, mistakes)));
    }

    /** An array answer: shape, then every entry within {@code tol}. */
    public static void array(String id, INDArray actual, INDArray expected, double tol, Mistake... mistakes) {
        report(Verdict.array(id, actual, expected, tol, Exercise.takePending(), known(id, mistakes)));
    }

    /** An array answer computed by the student's code (exceptions become verdicts). */
    public static void array(String id, Supplier<INDArray> answer, INDArray expected, double tol, Mistake... mistakes) {
        Answer<INDArray> a = run(id, answer);
        if (!a.threw()) report(Verdict.array(id, a.value(), expected, tol, Exercise.takePending(), known(id, mistakes)));
    }

    /**
     * A numeric answer with a part's catalogue ({@link Mistakes}) and further mistakes named beside the check
     * (their values written in the notebook from the reference computation).
     */
    public static void value(String id, double actual, double expected, double tol, Mistake[] catalogue, Mistake... named) {
        value(id, actual, expected, tol, concat(catalogue, named));
    }

    /** As {@link #value(String, double, double, double, Mistake[], Mistake...)}, for an answer computed by the student's code. */
    public static void value(String id, DoubleSupplier answer, double expected, double tol, Mistake[] catalogue,
                             Mistake... named) {
        value(id, answer, expected, tol, concat(catalogue, named));
    }

    private static Mistake[] concat(Mistake[] a, Mistake[] b) {
        Mistake[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** What the student's code gave, or that it threw (then already reported as the verdict). */
    private record Answer<T>(T value, boolean threw) {}

    /**
     * Runs the student's code with no placeholder pending before it (a placeholder the code reaches stays pending
     * for the caller's verdict); an exception becomes the verdict.
     */
    private static <T> Answer<T> run(String id, Supplier<T> answer) {
        Exercise.takePending();
        try {
            return new Answer<>(answer.get(), false);
        } catch (RuntimeException e) {
            report(Verdict.threw(id, e, ""));
            return new Answer<>(null, true);
        }
    }

    /** A vector answer given as {@code double[]}. */
    public static void array(String id, double[] actual, double[] expected, double tol, Mistake... mistakes) {
        report(Verdict.array(id, actual, actual == null ? null : new long[]{actual.length}, expected,
                new long[]{expected.length}, tol, Exercise.takePending(), known(id, mistakes)));
    }

    /**
     * A function the student wrote, compared with the reference at several inputs; the first wrong input is
     * named ({@code "for r = 0.5: your value …"}).
     */
    public static void function(String id, String inputName, double[] inputs, DoubleUnaryOperator student,
                                DoubleUnaryOperator reference, double tol, Mistake... mistakes) {
        Exercise.takePending();
        String[] labels = new String[inputs.length];
        double[] expected = new double[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            labels[i] = inputName + " = " + Verdict.fmt(inputs[i]);
            expected[i] = reference.applyAsDouble(inputs[i]);
        }
        report(Verdict.cases(id, labels, i -> student.applyAsDouble(inputs[i]), expected, tol, known(id, mistakes)));
    }

    /**
     * Labelled cases of a function of several arguments: {@code student.applyAsDouble(i)} is the student's answer
     * for case {@code i}, e.g. {@code i -> kl(mu[i], logStd[i])}; the first wrong case is named by its label.
     */
    public static void cases(String id, String[] labels, IntToDoubleFunction student, double[] expected, double tol,
                             Mistake... mistakes) {
        Exercise.takePending();
        report(Verdict.cases(id, labels, student, expected, tol, known(id, mistakes)));
    }

    /** A yes/no property: {@code expectation} says what should hold, {@code hintIfNot} what to look at. */
    public static void that(String id, boolean ok, String expectation, String hintIfNot) {
        Exercise.takePending();
        report(Verdict.that(id, ok, expectation, hintIfNot));
    }

    /**
     * A property of the student's {@code answers}: "not answered yet" while any of them is still an
     * {@link Exercise#todo()} placeholder (or NaN right after one ran), else as {@link #that(String, boolean, String, String)}.
     */
    public static void that(String id, boolean ok, String expectation, String hintIfNot, double... answers) {
        boolean pending = Exercise.takePending();
        for (double a : answers)
            if (Exercise.isTodo(a) || (pending && Double.isNaN(a))) {
                report(CheckResult.todo(id));
                return;
            }
        report(Verdict.that(id, ok, expectation, hintIfNot));
    }

    /** Prints a verdict (marker line first), records it for {@link Homework}, and throws in strict mode. */
    public static void report(CheckResult result) {
        synchronized (RESULTS) {
            RESULTS.put(result.id(), result);
        }
        System.out.println(result.render());
        System.out.flush();
        if (strict && !result.passed()) throw new ExerciseFailed(result);
    }

    /** The latest verdict per exercise id, in the order the checks first ran. */
    public static Map<String, CheckResult> results() {
        synchronized (RESULTS) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(RESULTS));
        }
    }

    /** Forgets all recorded verdicts and registered catalogues (tests, or a fresh start of a homework). */
    public static void reset() {
        synchronized (RESULTS) {
            RESULTS.clear();
            CATALOGUES.clear();
        }
    }

    private static boolean envStrict() {
        String v = System.getenv("KIT_STRICT");
        return v != null && !v.isBlank() && !v.equals("0") && !v.equalsIgnoreCase("false");
    }
}
