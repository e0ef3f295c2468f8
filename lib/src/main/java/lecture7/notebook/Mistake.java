package lecture7.notebook;

/**
 * A known wrong answer and what it tells about the student's reasoning, e.g. the biased MMD² (diagonal terms
 * kept) where the unbiased one was asked. A check that is given mistakes explains a matching answer with them.
 *
 * @param value   the wrong value an exercise author anticipates
 * @param meaning what it means, in the student's terms ("you kept the i = j terms: that is the biased estimate")
 */
public record Mistake(double value, String meaning) {
    public Mistake {
        if (Double.isNaN(value)) throw new IllegalArgumentException("a mistake's value must be a number");
        if (meaning == null || meaning.isBlank()) throw new IllegalArgumentException("a mistake needs its meaning");
    }

    public static Mistake of(double value, String meaning) {
        return new Mistake(value, meaning);
    }
}
