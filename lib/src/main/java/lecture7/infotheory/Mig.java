package lecture7.infotheory;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * The Mutual Information Gap (Chen et al. 2018, §5): for each true factor v_k, the gap between the two
 * latents that know most about it, relative to what there is to know,
 * <pre>
 *   MIG = (1/K) Σ_k [ I(z_{j(1)}; v_k) − I(z_{j(2)}; v_k) ] / H(v_k)
 * </pre>
 * where j(1), j(2) are the latents with the largest and second-largest I(z_j; v_k). 1 means every factor
 * lives in exactly one latent; 0 means no latent stands out. As in disentanglement_lib, the latent means
 * are discretised into {@code bins} equal-width bins between their minimum and maximum and the mutual
 * information is the plug-in estimate on the counts (nats). A constant latent falls into one bin and has
 * I = 0; a constant factor (H = 0) has nothing to disentangle and is left out of the average (its gap is NaN).
 *
 * @param score             MIG, in [0, 1]
 * @param gaps              {@code [K]} normalised gap per factor (NaN for a constant factor)
 * @param miByFactor        {@code [K][M]}: {@code miByFactor[k][j]} = I(z_j; v_k) in nats, one row per factor
 *                          (disentanglement_lib's matrix is the transpose, {@link #miByLatent()})
 * @param factorEntropy     {@code [K]} H(v_k) in nats
 * @param bestLatent        {@code [K]} j(1) for each factor
 */
public record Mig(double score, double[] gaps, double[][] miByFactor, double[] factorEntropy, int[] bestLatent) {

    /** {@code [M][K]}: {@code miByLatent()[j][k]} = I(z_j; v_k) in nats, one row per latent, as disentanglement_lib's {@code m}. */
    public double[][] miByLatent() {
        int k = miByFactor.length, m = k == 0 ? 0 : miByFactor[0].length;
        double[][] t = new double[m][k];
        for (int f = 0; f < k; f++) for (int j = 0; j < m; j++) t[j][f] = miByFactor[f][j];
        return t;
    }

    /** disentanglement_lib's default number of bins. */
    public static final int DEFAULT_BINS = 20;

    /** MIG of latent means {@code [N, M]} against factor classes {@code [N][K]}. */
    public static Mig of(INDArray means, int[][] factors, int bins) {
        if (means.rank() != 2) throw new IllegalArgumentException("means must be [N, M], got " + Arrays.toString(means.shape()));
        int n = (int) means.rows(), m = (int) means.columns();
        double[] flat = means.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[][] z = new double[n][m];
        for (int i = 0; i < n; i++) System.arraycopy(flat, i * m, z[i], 0, m);
        return of(z, factors, bins);
    }

    /** MIG of latent means {@code z[N][M]} against factor classes {@code factors[N][K]}. */
    public static Mig of(double[][] z, int[][] factors, int bins) {
        int n = z.length;
        if (n < 2) throw new IllegalArgumentException("MIG needs at least 2 codes, got " + n);
        if (factors.length != n) throw new IllegalArgumentException(n + " codes but " + factors.length + " factor rows");
        if (bins < 2) throw new IllegalArgumentException("bins must be ≥ 2, got " + bins);
        int m = z[0].length, k = factors[0].length;
        if (m < 1 || k < 1) throw new IllegalArgumentException("need at least one latent and one factor");
        int[][] zb = new int[m][n];
        for (int j = 0; j < m; j++) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (double[] row : z) {
                if (row.length != m) throw new IllegalArgumentException("codes have different lengths");
                if (!Double.isFinite(row[j])) throw new IllegalArgumentException("latent " + j + " has a non-finite value");
                lo = Math.min(lo, row[j]);
                hi = Math.max(hi, row[j]);
            }
            for (int i = 0; i < n; i++)
                // equal-width bins on [min, max]; a constant latent goes to bin 0 (no division by zero)
                zb[j][i] = hi > lo ? Math.min(bins - 1, (int) Math.floor((z[i][j] - lo) / (hi - lo) * bins)) : 0;
        }
        int[][] v = new int[k][n];
        for (int i = 0; i < n; i++) {
            if (factors[i].length != k) throw new IllegalArgumentException("factor rows have different lengths");
            for (int f = 0; f < k; f++) {
                if (factors[i][f] < 0) throw new IllegalArgumentException("factor classes must be ≥ 0, got " + factors[i][f]);
                v[f][i] = factors[i][f];
            }
        }
        double[][] mi = new double[k][m];
        double[] h = new double[k], gaps = new double[k];
        int[] best = new int[k];
        double sum = 0;
        int counted = 0;
        for (int f = 0; f < k; f++) {
            h[f] = mutualInformation(v[f], v[f]);   // H(v) = I(v; v)
            for (int j = 0; j < m; j++) mi[f][j] = mutualInformation(zb[j], v[f]);
            int b1 = 0;
            for (int j = 1; j < m; j++) if (mi[f][j] > mi[f][b1]) b1 = j;
            double second = 0;
            for (int j = 0; j < m; j++) if (j != b1) second = Math.max(second, mi[f][j]);
            best[f] = b1;
            if (h[f] <= 1e-12) {
                gaps[f] = Double.NaN;
                continue;
            }
            // normalised gap: (I_top1 − I_top2) / H(v_k)
            gaps[f] = (mi[f][b1] - second) / h[f];
            sum += gaps[f];
            counted++;
        }
        if (counted == 0) throw new IllegalArgumentException("every factor is constant: MIG is undefined");
        return new Mig(sum / counted, gaps, mi, h, best);
    }

    /** Plug-in I(a; b) = Σ p(a,b) ln(p(a,b)/(p(a)p(b))) in nats for two labelings of the same N items. */
    static double mutualInformation(int[] a, int[] b) {
        int n = a.length;
        int ka = Arrays.stream(a).max().getAsInt() + 1, kb = Arrays.stream(b).max().getAsInt() + 1;
        long[] ca = new long[ka], cb = new long[kb];
        java.util.HashMap<Long, long[]> joint = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            ca[a[i]]++;
            cb[b[i]]++;
            joint.computeIfAbsent((long) a[i] * kb + b[i], key -> new long[1])[0]++;
        }
        double mi = 0;
        for (var e : joint.entrySet()) {
            long key = e.getKey();
            double nab = e.getValue()[0];
            int ia = (int) (key / kb), ib = (int) (key % kb);
            mi += nab / n * Math.log(nab * n / ((double) ca[ia] * cb[ib]));
        }
        return Math.max(0, mi);
    }
}
