package lecture7.notebook;

/**
 * Thrown by the student-edition placeholder {@code throw Exercise.notAnswered();} inside a method the student
 * still has to write. Checks catch it and report "not answered yet" instead of a stack trace.
 */
public final class NotAnsweredYet extends RuntimeException {
    public NotAnsweredYet() {
        super("not answered yet: replace 'throw Exercise.notAnswered();' with your code");
    }
}
