package lecture7.notebook;

import lecture7.vae.LatentTracker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The slide's story of annealed β and of a rising capacity, checked on a tracked run: latents switch on one at a
 * time, each for one factor. A latent "switches on" at the first record where its KL exceeds a threshold; the
 * factor it codes is the one it knows most about (I(z_j; v_k), nats) at the last record.
 *
 * @param run         the run's name, e.g. "annealed β 40→4"
 * @param klThreshold a latent is on once its KL exceeds this (nats)
 * @param latents     the latents that switched on, in the order they did (ties: larger final KL first)
 */
public record SwitchOnOrder(String run, double klThreshold, List<Latent> latents) {
    /** Latent {@code index} switched on after {@code step} updates and at the end codes {@code factor} ({@code mi} nats). */
    public record Latent(int index, long step, String factor, double mi) {}

    /**
     * @param records      the tracker's records, in step order, with the factors' MI
     * @param factorNames  one name per factor (the rows of {@link LatentTracker.Record#factorMi()})
     * @param klThreshold  a latent is on once its KL exceeds this (nats)
     */
    public static SwitchOnOrder of(String run, List<LatentTracker.Record> records, String[] factorNames, double klThreshold) {
        if (records.isEmpty()) throw new IllegalArgumentException(run + ": no records to read");
        LatentTracker.Record last = records.get(records.size() - 1);
        if (last.factorMi() == null) throw new IllegalArgumentException(run + ": the tracker recorded no factor MI (tracked without factors)");
        if (last.factorMi().length != factorNames.length)
            throw new IllegalArgumentException(run + ": " + factorNames.length + " factor names for " + last.factorMi().length + " factors");
        double[] finalKl = last.perDimKl();
        List<Latent> on = new ArrayList<>();
        for (int j = 0; j < finalKl.length; j++) {
            long step = -1;
            for (LatentTracker.Record r : records) if (r.perDimKl()[j] > klThreshold) { step = r.step(); break; }
            if (step < 0) continue;
            int f = 0;
            for (int k = 1; k < factorNames.length; k++) if (last.factorMi()[k][j] > last.factorMi()[f][j]) f = k;
            on.add(new Latent(j, step, factorNames[f], last.factorMi()[f][j]));
        }
        on.sort(Comparator.comparingLong(Latent::step).thenComparing(l -> -finalKl[l.index()]));
        return new SwitchOnOrder(run, klThreshold, List.copyOf(on));
    }

    /** The distinct factors the switched-on latents code, sorted by name. */
    public TreeSet<String> factors() {
        TreeSet<String> s = new TreeSet<>();
        for (Latent l : latents) s.add(l.factor());
        return s;
    }

    /** Whether more than one latent switched on and each codes a factor of its own. */
    public boolean oneFactorEach() {
        return latents.size() > 1 && factors().size() == latents.size();
    }

    /** Two lines: the order, and whether it is one factor per latent, as the slide tells it. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (Latent l : latents) parts.add(String.format(Locale.ROOT, "z%d (%s, %.2f nats) at step %d", l.index(), l.factor(), l.mi(), l.step()));
        return run + String.format(Locale.ROOT, " — latents switched on (KL > %.1f nats) in this order: ", klThreshold)
                + (parts.isEmpty() ? "none" : String.join("; ", parts))
                + String.format(Locale.ROOT, "%n  %d latents switched on, coding %d different factor(s) %s: %s", latents.size(), factors().size(),
                factors(), oneFactorEach() ? "one factor each, one after the other, as the slide tells it"
                        : "not one factor per latent — the schedule alone did not separate the factors here");
    }
}
