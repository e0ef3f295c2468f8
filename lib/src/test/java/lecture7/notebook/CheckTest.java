package lecture7.notebook;

import lecture7.notebook.CheckResult.Outcome;
import lecture7.viz.Charts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

class CheckTest {

    @AfterEach
    void cleanUp() {
        Check.strict(false);
        Check.reset();
        Exercise.takePending();
    }

    /** Runs {@code r} and returns what it printed (also used by {@link MistakesTest}). */
    static String printed(Runnable r) {
        PrintStream old = System.out;
        var buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void correctValuePassesWithinTolerance() {
        var r = Verdict.value("E1-kl", 0.1250000001, 0.125, 1e-6, false);
        assertEquals(Outcome.PASS, r.outcome());
        assertTrue(r.render().startsWith("[check] E1-kl PASS\n✔ E1-kl: correct"));
    }

    @Test
    void toleranceIsRelativeAboveOneAbsoluteBelow() {
        // |a − e| ≤ tol · max(1, |e|): 1000 ± 0.0009 passes at 1e-6 relative, 1e-4 ± 2e-6 fails at 1e-6 absolute
        assertTrue(Verdict.value("x", 1000.0009, 1000, 1e-6, false).passed());
        assertFalse(Verdict.value("x", 1000.0011, 1000, 1e-6, false).passed());
        assertFalse(Verdict.value("x", 1e-4 + 2e-6, 1e-4, 1e-6, false).passed());
        assertTrue(Verdict.value("x", 1e-4 + 0.5e-6, 1e-4, 1e-6, false).passed());
    }

    @Test
    void wrongValueShowsValueExpectedErrorAndTolerance() {
        var r = Verdict.value("E1-kl", 0.3, 0.125, 1e-6, false);
        assertEquals(Outcome.FAIL, r.outcome());
        assertTrue(r.summary().contains("0.3") && r.summary().contains("0.125"), r.summary());
        String text = r.render();
        assertTrue(text.startsWith("[check] E1-kl FAIL\n✘ E1-kl:"), text);
        assertTrue(text.contains("relative difference 1.4"), text); // |0.3 − 0.125| / 0.125 = 1.4
        assertTrue(text.contains("allowed: 1.0000e-06"), text);
    }

    @Test
    void slipHintsNameTheLikelyMistake() {
        assertTrue(Verdict.value("x", -0.7, 0.7, 1e-9, false).render().contains("sign error"));
        assertTrue(Verdict.value("x", 1.4, 0.7, 1e-9, false).render().contains("twice"));
        assertTrue(Verdict.value("x", 0.35, 0.7, 1e-9, false).render().contains("half"));
        assertTrue(Verdict.value("x", 0.7 / Math.log(2), 0.7, 1e-9, false).render().contains("bits"));
        assertTrue(Verdict.value("x", 0.49, 0.7, 1e-9, false).render().contains("square of the expected"));
        assertTrue(Verdict.value("x", Math.sqrt(0.7), 0.7, 1e-9, false).render().contains("square root"));
        // "float" only when the relative difference is at float precision (≤ 1e-5): 1.4e-7 is, 1.4e-4 is not
        assertTrue(Verdict.value("x", 0.7000001, 0.7, 1e-9, false).render().contains("float precision"));
        String near = Verdict.value("x", 0.7001, 0.7, 1e-9, false).render();
        assertFalse(near.contains("float"), near);
        assertTrue(near.contains("larger than expected by 1.0000e-04 (relative difference 1.4286e-04)"), near);
        String unrelated = Verdict.value("x", 5.0, 0.7, 1e-9, false).render();
        assertFalse(unrelated.contains("sign error") || unrelated.contains("twice") || unrelated.contains("float"), unrelated);
    }

    @Test
    void anticipatedMistakesAreExplainedInTheirOwnWords() {
        // unbiased MMD² expected 0.1; the biased V-statistic of the same sample would be 0.35
        var r = Verdict.value("E3-mmd", 0.35, 0.1, 1e-9, false, Mistake.of(0.35, "you kept the i = j terms: the biased estimate"));
        assertTrue(r.render().contains("you kept the i = j terms"), r.render());
        var other = Verdict.value("E3-mmd", 0.4, 0.1, 1e-9, false, Mistake.of(0.35, "you kept the i = j terms"));
        assertFalse(other.render().contains("i = j"), other.render());
        String out = printed(() -> Check.value("E3-mmd", 0.35, 0.1, 1e-9, Mistake.of(0.35, "biased")));
        assertTrue(out.startsWith("[check] E3-mmd FAIL") && out.contains("biased"), out);
    }

    @Test
    void aRegisteredCatalogueExplainsTheChecksOfItsId() {
        Check.catalogue("H1a", Mistake.of(0.35, "you kept the i = j terms"));
        String out = printed(() -> Check.value("H1a", 0.35, 0.1, 1e-9));
        assertTrue(out.startsWith("[check] H1a FAIL") && out.contains("you kept the i = j terms"), out);
        String other = printed(() -> Check.value("H1b", 0.35, 0.1, 1e-9));
        assertFalse(other.contains("i = j"), other);
        Check.reset();
        assertFalse(printed(() -> Check.value("H1a", 0.35, 0.1, 1e-9)).contains("i = j"));
    }

    @Test
    void casesNameTheFirstWrongCase() {
        String[] labels = {"μ = 0, ln σ = 0", "μ = 1, ln σ = 0"};
        double[] expected = {0.0, 0.5}; // KL(N(μ,1) ‖ N(0,1)) = μ²/2
        String out = printed(() -> Check.cases("E1-kl", labels, i -> i == 0 ? 0.0 : 1.0, expected, 1e-12));
        assertTrue(out.startsWith("[check] E1-kl FAIL") && out.contains("for μ = 1, ln σ = 0:") && out.contains("twice"), out);
        assertTrue(printed(() -> Check.cases("E1-kl", labels, i -> expected[i], expected, 1e-12)).startsWith("[check] E1-kl PASS"));
    }

    @Test
    void monteCarloEstimatesPassWithinFourStandardErrors() {
        assertTrue(Verdict.estimate("mc", 1.039, 1.0, 0.01, false).passed());   // 3.9 SE
        var far = Verdict.estimate("mc", 1.041, 1.0, 0.01, false);             // 4.1 SE
        assertEquals(Outcome.FAIL, far.outcome());
        assertTrue(far.summary().contains("4.1 standard errors"), far.summary());
        assertTrue(Verdict.estimate("mc", -1.0, 1.0, 0.01, false).render().contains("sign error"));
        assertEquals(Outcome.TODO, Verdict.estimate("mc", Double.NaN, 1.0, 0.01, true).outcome());
        assertThrows(IllegalArgumentException.class, () -> Verdict.estimate("mc", 1, 1, 0, false));
    }

    @Test
    void exerciseFigureSkipsUnansweredCurves() {
        var img = ExerciseFigures.curves("KL", "μ", "KL (nats)", ExerciseFigures.grid(-2, 2, 21),
                java.util.Map.of("yours", m -> { throw Exercise.notAnswered(); }), new double[]{0, 1}, new double[]{0, 0.5});
        assertEquals(Charts.WIDTH, img.getWidth());
        assertThrows(IllegalArgumentException.class, () -> ExerciseFigures.grid(0, 1, 1));
    }

    @Test
    void nanAndInfinityAreExplained() {
        var nan = Verdict.value("x", Double.NaN, 1.0, 1e-6, false);
        assertEquals(Outcome.FAIL, nan.outcome());
        assertTrue(nan.render().contains("NaN comes from 0/0"));
        var inf = Verdict.value("x", Double.POSITIVE_INFINITY, 1.0, 1e-6, false);
        assertTrue(inf.render().contains("division by zero"));
        assertThrows(IllegalArgumentException.class, () -> Verdict.value("x", 1, Double.NaN, 1e-6, false));
        assertThrows(IllegalArgumentException.class, () -> Verdict.value("x", 1, 1, 0, false));
    }

    @Test
    void placeholderValueIsReportedAsNotAnsweredYet() {
        String out = printed(() -> {
            double kl = Exercise.todo();
            Check.value("E1-kl", kl, 0.125);
        });
        assertTrue(out.startsWith("[check] E1-kl TODO\n"), out);
        assertTrue(out.contains("not answered yet"), out);
        assertEquals(Outcome.TODO, Check.results().get("E1-kl").outcome());
        // the pending mark is consumed: a later genuine NaN is a failure, not "not answered"
        String later = printed(() -> Check.value("E1-kl", Double.NaN, 0.125));
        assertTrue(later.startsWith("[check] E1-kl FAIL"), later);
    }

    @Test
    void propertyOfPlaceholderAnswersIsNotAnsweredYetNotAFailure() {
        String out = printed(() -> {
            double a = Exercise.todo(), b = Exercise.todo();
            Check.value("E1-a", a, 1.0); // consumes the pending mark, as the checks before an identity check do
            Check.that("E1-identity", Math.abs(a - b) < 1e-8, "a equals b", "recompute a", a, b);
        });
        assertTrue(out.contains("[check] E1-identity TODO"), out);
        String answered = printed(() -> Check.that("E1-identity", false, "a equals b", "recompute a", 1.0, 2.0));
        assertTrue(answered.startsWith("[check] E1-identity FAIL"), answered);
        String right = printed(() -> Check.that("E1-identity", true, "a equals b", "recompute a", 1.0, 1.0));
        assertTrue(right.startsWith("[check] E1-identity PASS"), right);
    }

    @Test
    void severalPlaceholdersInOneCellAreEachNotAnswered() {
        String out = printed(() -> {
            double a = Exercise.todo(), b = Exercise.todo();
            Check.value("E1-a", a, 1.0);
            Check.value("E1-b", b, 2.0);
        });
        assertTrue(out.contains("[check] E1-a TODO") && out.contains("[check] E1-b TODO"), out);
        assertFalse(Exercise.isTodo(Double.NaN));
    }

    @Test
    void placeholderMethodBodyIsCaughtByTheCheck() {
        DoubleUnaryOperator imq = r -> { throw Exercise.notAnswered(); };
        String out = printed(() -> Check.function("E3-imq", "r", new double[]{0, 1}, imq, r -> 1 / Math.sqrt(1 + r * r), 1e-12));
        assertTrue(out.startsWith("[check] E3-imq TODO"), out);
        String sup = printed(() -> Check.value("E1-x", () -> { throw Exercise.notAnswered(); }, 1.0, 1e-6));
        assertTrue(sup.startsWith("[check] E1-x TODO"), sup);
    }

    private interface DoubleUnaryOperator extends java.util.function.DoubleUnaryOperator {}

    @Test
    void functionCheckNamesTheFirstWrongInput() {
        String out = printed(() -> Check.function("E3-imq", "r", new double[]{0, 0.5, 2},
                r -> 1 / Math.sqrt(1 + r), r -> 1 / Math.sqrt(1 + r * r), 1e-12));
        assertTrue(out.startsWith("[check] E3-imq FAIL"), out);
        assertTrue(out.contains("for r = 0.5:"), out);
        String ok = printed(() -> Check.function("E3-imq", "r", new double[]{0, 0.5, 2},
                r -> Math.pow(1 + r * r, -0.5), r -> 1 / Math.sqrt(1 + r * r), 1e-12));
        assertTrue(ok.startsWith("[check] E3-imq PASS"), ok);
    }

    @Test
    void exceptionInStudentCodeBecomesAFailureNotACrash() {
        String out = printed(() -> Check.value("E2-x", () -> { throw new IllegalStateException("boom"); }, 1.0, 1e-6));
        assertTrue(out.startsWith("[check] E2-x FAIL"), out);
        assertTrue(out.contains("IllegalStateException") && out.contains("boom"), out);
    }

    @Test
    void arrayShapeMismatchesAreExplained() {
        var expected = Nd4j.createFromArray(new double[][]{{1, 2, 3}, {4, 5, 6}});
        var transposed = expected.transpose();
        var r = Verdict.array("E2-mu", transposed, expected, 1e-9, false);
        assertEquals(Outcome.FAIL, r.outcome());
        assertTrue(r.summary().contains("[3, 2]") && r.summary().contains("[2, 3]"), r.summary());
        assertTrue(r.render().contains("a transpose"), r.render());
        var flat = Verdict.array("E2-mu", expected.reshape(6), expected, 1e-9, false);
        assertTrue(flat.render().contains("Same number of entries"), flat.render());
    }

    @Test
    void arrayEntriesAreComparedAndTheWorstIsNamed() {
        var expected = Nd4j.createFromArray(new double[][]{{1, 2}, {3, 4}});
        assertTrue(Verdict.array("a", expected.dup(), expected, 1e-12, false).passed());
        assertTrue(Verdict.array("a", expected.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT), expected, 1e-6, false).passed());
        var off = expected.dup();
        off.putScalar(1, 0, 3.5);
        var r = Verdict.array("a", off, expected, 1e-9, false);
        assertEquals(Outcome.FAIL, r.outcome());
        assertTrue(r.summary().startsWith("1 of 4 entries"), r.summary());
        assertTrue(r.render().contains("[1, 0]: yours 3.5, expected 3"), r.render());
        assertTrue(Verdict.array("a", expected.neg(), expected, 1e-9, false).render().contains("sign error"));
        assertTrue(Verdict.array("a", expected.mul(2), expected, 1e-9, false).render().contains("twice"));
        var diag = expected.dup();
        diag.putScalar(0, 0, 0);
        diag.putScalar(1, 1, 0);
        assertTrue(Verdict.array("a", diag, expected, 1e-9, false).render().contains("diagonal"));
    }

    @Test
    void arrayPlaceholderAndNull() {
        String out = printed(() -> Check.array("E3-k", Exercise.todoArray(), new double[]{1, 2}, 1e-9));
        assertTrue(out.startsWith("[check] E3-k TODO"), out);
        String nul = printed(() -> Check.array("E3-k", (double[]) null, new double[]{1, 2}, 1e-9));
        assertTrue(nul.startsWith("[check] E3-k FAIL") && nul.contains("null"), nul);
    }

    @Test
    void strictModeThrowsOnlyForFailuresAndTodos() {
        Check.strict(true);
        printed(() -> Check.value("ok", 1.0, 1.0));
        var e = assertThrows(ExerciseFailed.class, () -> printed(() -> Check.value("bad", 2.0, 1.0)));
        assertEquals("bad", e.result().id());
        assertThrows(ExerciseFailed.class, () -> printed(() -> Check.value("todo", Exercise.todo(), 1.0)));
        Check.strict(false);
        String out = printed(() -> Check.value("bad", 2.0, 1.0)); // lenient: prints, does not throw
        assertTrue(out.startsWith("[check] bad FAIL"));
    }

    @Test
    void thatChecksAProperty() {
        assertTrue(Verdict.that("p", true, "KL ≥ 0", "KL is never negative").passed());
        var r = Verdict.that("p", false, "KL ≥ 0", "KL is never negative");
        assertEquals(Outcome.FAIL, r.outcome());
        assertTrue(r.render().contains("KL is never negative"));
    }

    @Test
    void idsMustBeSingleWords() {
        assertThrows(IllegalArgumentException.class, () -> Verdict.value("E1 kl", 1, 1, 1e-6, false));
        assertThrows(IllegalArgumentException.class, () -> Verdict.value("", 1, 1, 1e-6, false));
    }

    @Test
    void homeworkSumsThePointsOfPassedParts() {
        var hw = new Homework("H1 linear-time MMD");
        hw.part("H1a", 2, "unbiased MMD²");
        hw.part("H1b", 3, "linear-time MMD²");
        hw.part("H1c", 5, "power");
        printed(() -> {
            Check.value("H1a", 1.0, 1.0);
            Check.value("H1b", 0.0, 1.0);
        });
        assertEquals(2, hw.score());
        assertEquals(10, hw.total());
        String table = hw.table();
        assertTrue(table.endsWith("[grade] H1 2/10"), table);
        assertTrue(table.contains("not checked"), table);
        printed(() -> Check.value("H1b", 1.0, 1.0)); // a corrected answer replaces the old verdict
        assertEquals(5, hw.score());
        assertThrows(IllegalArgumentException.class, () -> hw.part("H1a", 1, "again"));
        assertThrows(IllegalArgumentException.class, () -> hw.part("H1d", 0, "free"));
    }
}
