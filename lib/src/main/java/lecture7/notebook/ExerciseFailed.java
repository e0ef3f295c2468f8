package lecture7.notebook;

/**
 * Thrown by a failing check only in strict mode ({@link Check#strict(boolean)} or {@code KIT_STRICT=1}), for
 * graded or CI runs that must stop at the first wrong answer. In the default mode a check prints its verdict
 * and never aborts the notebook.
 */
public final class ExerciseFailed extends AssertionError {
    private final transient CheckResult result;

    public ExerciseFailed(CheckResult result) {
        super(result.render());
        this.result = result;
    }

    /** The failing verdict. */
    public CheckResult result() {
        return result;
    }
}
