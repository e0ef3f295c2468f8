package lecture7.notebook;

import java.util.List;
import java.util.Objects;

/**
 * The verdict of one exercise check: which exercise, whether it passed, and the explanation a student reads.
 *
 * <p>{@link #marker()} is the one machine-readable line ({@code [check] E1-kl PASS}) that the edition tests
 * and graders look for in a notebook's executed output; {@link #render()} is what the student sees.
 *
 * @param id      exercise id, e.g. {@code E1-kl} (no spaces)
 * @param outcome pass, fail, or not answered yet (the placeholder is still in the cell)
 * @param summary one line in the student's terms, e.g. {@code "your value 0.25 is 2× the expected 0.125"}
 * @param hints   further lines: tolerance used, likely causes (sign error, factor of 2, bits vs nats, ...)
 */
public record CheckResult(String id, Outcome outcome, String summary, List<String> hints) {

    /** How a check ended. */
    public enum Outcome {
        /** The answer matches the expected one within tolerance. */
        PASS,
        /** There is an answer, and it is wrong (or threw, or is NaN). */
        FAIL,
        /** The cell still holds the placeholder {@code Exercise.todo()} / {@code Exercise.notAnswered()}. */
        TODO
    }

    public CheckResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(summary, "summary");
        if (id == null || id.isBlank() || id.chars().anyMatch(Character::isWhitespace))
            throw new IllegalArgumentException("exercise id must be a non-empty word without spaces, got '" + id + "'");
        hints = List.copyOf(hints);
    }

    public static CheckResult pass(String id, String summary, String... hints) {
        return new CheckResult(id, Outcome.PASS, summary, List.of(hints));
    }

    public static CheckResult fail(String id, String summary, List<String> hints) {
        return new CheckResult(id, Outcome.FAIL, summary, hints);
    }

    public static CheckResult todo(String id) {
        return new CheckResult(id, Outcome.TODO, "not answered yet",
                List.of("Replace the placeholder Exercise.todo() / Exercise.notAnswered() in the cell above with "
                        + "your code, run that cell, then run this check again.",
                        "Already answered? Then your cell did not run (a compile error, shown under it): the placeholder "
                        + "is still in force until that cell compiles."));
    }

    public boolean passed() {
        return outcome == Outcome.PASS;
    }

    /** The machine-readable line, {@code [check] <id> PASS|FAIL|TODO}, always the first line printed. */
    public String marker() {
        return "[check] " + id + " " + outcome;
    }

    /** What the student reads: the marker, a ✔/✘ verdict and the hints, one per line. */
    public String render() {
        var sb = new StringBuilder(marker()).append('\n');
        String mark = switch (outcome) {
            case PASS -> "✔ ";
            case FAIL -> "✘ ";
            case TODO -> "… ";
        };
        sb.append(mark).append(id).append(": ").append(summary);
        for (String h : hints) sb.append("\n    ").append(h);
        return sb.toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
