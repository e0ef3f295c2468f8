package lecture7.notebook;

/**
 * Placeholders of the student edition: what {@code environment/editions.py} puts where the instructor's
 * solution was.
 *
 * <ul>
 *   <li>{@code double kl = Exercise.todo();} for a value the student computes at top level: returns NaN and
 *       remembers that the answer is pending, so the next check says "not answered yet" rather than "NaN".</li>
 *   <li>{@code throw Exercise.notAnswered();} as the body of a method the student writes (any return type);
 *       checks that call the method catch {@link NotAnsweredYet}.</li>
 * </ul>
 * Neither aborts a notebook run, so the student edition executes top to bottom and every check reports.
 */
public final class Exercise {
    private Exercise() {}

    private static int pending;

    /** Placeholder for a numeric answer: NaN, marked as "not answered yet" for the next check. */
    public static double todo() {
        pending++;
        return Double.NaN;
    }

    /** Placeholder for an array answer (e.g. {@code double[] k = Exercise.todoArray();}): null, marked pending. */
    public static double[] todoArray() {
        pending++;
        return null;
    }

    /** Placeholder for a method body: {@code throw Exercise.notAnswered();}. */
    public static NotAnsweredYet notAnswered() {
        return new NotAnsweredYet();
    }

    /** True (and cleared) if a {@link #todo()} placeholder ran since the last check. */
    static boolean takePending() {
        boolean p = pending > 0;
        pending = 0;
        return p;
    }
}
