package lecture7.infotheory;

import java.util.List;

/**
 * Part 3's question in numbers: does an objective disentangle, and beat the plain VAE? Every objective's MIG over
 * its seeds against the baseline's (the first run, the VAE), and a bar: a median MIG of at least {@code bar} that is
 * also above the baseline's <i>best</i> seed (so a lucky VAE seed cannot be beaten by a median that is merely higher
 * than the VAE's median).
 *
 * @param runs the baseline first, then the objectives compared with it
 * @param bar  the median MIG an objective must reach, in [0, 1]
 */
public record MigComparison(List<MigSummary> runs, double bar) {
    public MigComparison {
        if (runs == null || runs.size() < 2) throw new IllegalArgumentException("need the baseline and at least one objective to compare");
        if (!(bar >= 0 && bar <= 1)) throw new IllegalArgumentException("the MIG bar must lie in [0, 1], got " + bar);
        runs = List.copyOf(runs);
    }

    /** The run the others are compared with (the first). */
    public MigSummary baseline() {
        return runs.get(0);
    }

    /** Whether {@code m}, not the baseline, has a median MIG ≥ the bar and above the baseline's best seed. */
    public boolean reachesBar(MigSummary m) {
        return m != baseline() && m.median() >= bar && m.median() > baseline().max();
    }

    /** The objective (not the baseline) with the highest median MIG; the first of them on a tie. */
    public MigSummary best() {
        MigSummary best = runs.get(1);
        for (MigSummary m : runs.subList(2, runs.size())) if (m.median() > best.median()) best = m;
        return best;
    }
}
