package lecture7.infotheory;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * KL divergence estimated from two 1-D samples through a shared histogram (slide "Which divergence?"): the plug-in
 * estimate on B equal bins spanning both samples,
 * <pre>
 *   KL(P ‖ Q) ≈ Σ_b p_b ln(p_b / q_b),   p_b, q_b = fractions of each sample in bin b,
 * </pre>
 * with 0 · ln(0/q) = 0 and p · ln(p/0) = +∞. It shows what KL does on samples whose supports do not overlap: it is
 * infinite whatever the distance, where MMD stays finite and grows with it. Not a good estimator otherwise (it depends
 * on B and is biased); the kit uses it only for that demonstration.
 */
public final class HistogramKl {
    private HistogramKl() {}

    /**
     * The histogram estimate of KL(P ‖ Q) in nats; {@code Double.POSITIVE_INFINITY} when a bin holds points of P and
     * none of Q.
     *
     * @param p    samples of P, {@code [n, 1]} or a vector
     * @param q    samples of Q, {@code [m, 1]} or a vector
     * @param bins number of equal bins over [min, max] of both samples together
     */
    public static double of(INDArray p, INDArray q, int bins) {
        return of(p.toDoubleVector(), q.toDoubleVector(), bins);
    }

    /** As {@link #of(INDArray, INDArray, int)} for plain arrays. */
    public static double of(double[] p, double[] q, int bins) {
        if (bins < 1) throw new IllegalArgumentException("bins must be ≥ 1, got " + bins);
        if (p.length == 0 || q.length == 0) throw new IllegalArgumentException("both samples need points");
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : p) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        for (double v : q) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) throw new IllegalArgumentException("samples contain NaN or ±∞");
        double[] cp = counts(p, lo, hi, bins), cq = counts(q, lo, hi, bins);
        double kl = 0;
        for (int b = 0; b < bins; b++) {
            double pb = cp[b] / p.length, qb = cq[b] / q.length;
            if (pb == 0) continue;                          // 0 · ln(0/q) = 0
            if (qb == 0) return Double.POSITIVE_INFINITY;   // p · ln(p/0) = +∞
            kl += pb * Math.log(pb / qb);                   // Σ p_b ln(p_b / q_b)
        }
        return kl;
    }

    private static double[] counts(double[] x, double lo, double hi, int bins) {
        double[] c = new double[bins];
        double w = hi > lo ? (hi - lo) / bins : 1;
        for (double v : x) c[Math.min(bins - 1, (int) ((v - lo) / w))]++;
        return c;
    }
}
