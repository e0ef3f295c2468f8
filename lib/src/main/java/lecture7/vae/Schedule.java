package lecture7.vae;

/**
 * A value that moves linearly from {@code start} to {@code end} over the first {@code steps} training steps
 * and then stays at {@code end}: the β annealing of the lecture ("start with very high β and slowly
 * decrease during training") and the linearly increased capacity C of Burgess et al. (2018).
 *
 * @param start value at step 0
 * @param end   value from step {@code steps} on
 * @param steps length of the ramp in optimiser steps, ≥ 0 (0 = always {@code end})
 */
public record Schedule(double start, double end, long steps) {
    public Schedule {
        if (!Double.isFinite(start) || !Double.isFinite(end))
            throw new IllegalArgumentException("schedule end points must be finite, got " + start + " → " + end);
        if (steps < 0) throw new IllegalArgumentException("schedule length must be ≥ 0 steps, got " + steps);
    }

    /** A constant value. */
    public static Schedule constant(double v) {
        return new Schedule(v, v, 0);
    }

    /** The value after {@code step} optimiser steps: start + (end − start)·min(1, step/steps). */
    public double at(long step) {
        if (step < 0) throw new IllegalArgumentException("step must be ≥ 0, got " + step);
        if (steps == 0 || step >= steps) return end;
        return start + (end - start) * ((double) step / steps);
    }
}
