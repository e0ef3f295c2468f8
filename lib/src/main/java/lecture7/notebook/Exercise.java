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

    /** The placeholder's NaN: a quiet NaN with its own payload, so a check knows it from a computed NaN. */
    static final long TODO_BITS = 0x7ff8_0000_7000_0d0dL;

    /** Placeholder for a numeric answer: a marked NaN, which checks report as "not answered yet". */
    public static double todo() {
        pending++;
        return Double.longBitsToDouble(TODO_BITS);
    }

    /** True for the NaN returned by {@link #todo()} (also after it passed through assignments or arithmetic that keeps the payload). */
    public static boolean isTodo(double v) {
        return Double.doubleToRawLongBits(v) == TODO_BITS;
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
