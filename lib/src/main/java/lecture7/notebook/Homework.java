package lecture7.notebook;

import java.util.ArrayList;
import java.util.List;

/**
 * A homework sheet graded by parts: each part is an exercise id with points, and {@link #report()} sums the
 * points of the parts whose latest check passed.
 *
 * <pre>{@code
 * Homework hw = new Homework("H1 linear-time MMD");
 * hw.part("H1a", 2, "unbiased quadratic-time MMD²");
 * ...                                  // cells with Check.value("H1a", ...)
 * hw.report();                         // prints the table and "[grade] H1 7/10"
 * }</pre>
 */
public final class Homework {
    /** One graded part. */
    public record Part(String id, int points, String title) {
        public Part {
            if (points <= 0) throw new IllegalArgumentException("part " + id + " must be worth > 0 points, got " + points);
        }
    }

    private final String title;
    private final List<Part> parts = new ArrayList<>();

    public Homework(String title) {
        if (title == null || title.isBlank()) throw new IllegalArgumentException("homework needs a title");
        this.title = title;
    }

    /** Declares a graded part; its check must use the same {@code id}. */
    public void part(String id, int points, String title) {
        if (parts.stream().anyMatch(p -> p.id().equals(id))) throw new IllegalArgumentException("part " + id + " declared twice");
        parts.add(new Part(id, points, title));
    }

    public List<Part> parts() {
        return List.copyOf(parts);
    }

    /** Points earned so far: parts whose latest check passed. */
    public int score() {
        var results = Check.results();
        return parts.stream().filter(p -> results.containsKey(p.id()) && results.get(p.id()).passed())
                .mapToInt(Part::points).sum();
    }

    public int total() {
        return parts.stream().mapToInt(Part::points).sum();
    }

    /** The grading table as text, ending with the machine-readable line {@code [grade] <name> score/total}. */
    public String table() {
        var results = Check.results();
        var sb = new StringBuilder(title).append('\n');
        int w = Math.max(8, parts.stream().mapToInt(p -> p.id().length()).max().orElse(0));
        String row = "  %-" + w + "s %-48s %2d/%-2d";
        for (Part p : parts) {
            CheckResult r = results.get(p.id());
            String status = r == null ? "not checked" : switch (r.outcome()) {
                case PASS -> "✔ passed";
                case FAIL -> "✘ failed";
                case TODO -> "… not answered";
            };
            int got = r != null && r.passed() ? p.points() : 0;
            sb.append(String.format(row + " %s%n", p.id(), p.title(), got, p.points(), status));
        }
        sb.append(String.format(row + "%n", "total", "", score(), total()));
        sb.append("[grade] ").append(title.split("\\s+")[0]).append(' ').append(score()).append('/').append(total());
        return sb.toString();
    }

    /** Prints {@link #table()}. */
    public void report() {
        System.out.println(table());
    }
}
