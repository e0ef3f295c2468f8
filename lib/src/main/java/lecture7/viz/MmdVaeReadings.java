package lecture7.viz;

import lecture7.infotheory.KlDecomposition;
import lecture7.mmd.TwoSampleTest;
import lecture7.vae.LatentReport;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Locale;

/**
 * Part 3 (notebook 04): every sentence that compares two trained models, printed from their numbers. Each method
 * chooses its words by a stated condition (a ratio, a difference against its standard error, a test decision), so
 * no comparison is written by hand beside numbers that might say otherwise. The estimator's limits are said where
 * they apply: I(x; z) cannot exceed ln N ({@link KlDecomposition#miCeiling()}), a permutation p-value cannot go
 * below 1/(B + 1) ({@link TwoSampleTest#pText()}).
 */
public final class MmdVaeReadings {
    private MmdVaeReadings() {}

    /** Within this many nats of its ceiling ln N an MI estimate is said to be "near the ceiling". */
    public static final double NEAR_CEILING = 1.0;
    /** MMD² values within this factor of each other are "about as far from the prior". */
    public static final double SAME_FACTOR = 1.5;
    /** A reconstruction gap below this share of the largest gain z can buy is "small". */
    public static final double SMALL_SHARE = 0.25;

    /**
     * I(x; z) with its ceiling: "7.58 nats, at the estimator's ceiling ln N = 7.60 (…)", "7.10 nats, 0.50 under the
     * estimator's ceiling ln N = 7.60: the code may know more than N images can show", or "0.69 nats (ceiling 7.60)".
     */
    public static String mi(KlDecomposition p) {
        double gap = p.miCeiling() - p.mutualInformation();
        if (p.miAtCeiling())
            return String.format(Locale.ROOT, "%.2f nats, at the estimator's ceiling ln N = %.2f (the code may know more than N images can show)",
                    p.mutualInformation(), p.miCeiling());
        if (gap < NEAR_CEILING)
            return String.format(Locale.ROOT, "%.2f nats, %.2f under the estimator's ceiling ln N = %.2f (the code may know more than N images can show)",
                    p.mutualInformation(), gap, p.miCeiling());
        return String.format(Locale.ROOT, "%.2f nats (ceiling ln N = %.2f)", p.mutualInformation(), p.miCeiling());
    }

    /**
     * KL(q(z) ‖ p(z)) = E_x KL(q(z|x) ‖ p(z)) − I(x; z) (nats): the part of the ELBO's KL that MMD also measures, from
     * the table's two columns (closed-form KL, MI estimate). An upper bound when the MI estimate is at its ceiling.
     */
    public static double aggregateKl(KlDecomposition p) {
        return p.analyticKl() - p.mutualInformation();
    }

    /** "rejected (p = 0.005, the smallest …)" or "not rejected (p = 0.231)" at the 5 % level. */
    public static String decision(TwoSampleTest t) {
        return (t.rejects(0.05) ? "rejected" : "not rejected") + " (" + t.pText() + ")";
    }

    /**
     * Two aggregated posteriors against the same prior draws with the same kernel: both MMD² values, both test
     * decisions, and their ratio — "B's MMD² is 18.9 times A's" when they differ by more than {@link #SAME_FACTOR},
     * otherwise "about as far from the prior".
     */
    public static String mmdComparison(String nameA, TwoSampleTest a, String nameB, TwoSampleTest b) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "MMD²(q(z), p(z)) ×1000, same kernel and prior draws: %s %.3f, H₀ q(z) = p(z) %s; %s %.3f, H₀ %s.",
                nameA, 1000 * a.statistic(), decision(a), nameB, 1000 * b.statistic(), decision(b)));
        double hi = Math.max(a.statistic(), b.statistic()), lo = Math.min(a.statistic(), b.statistic());
        String far = a.statistic() >= b.statistic() ? nameA : nameB, near = far.equals(nameA) ? nameB : nameA;
        if (lo <= 0) sb.append(String.format(Locale.ROOT, " %s's MMD² is zero.", near));
        else if (hi / lo > SAME_FACTOR)
            sb.append(String.format(Locale.ROOT, " %s's MMD² is %.1f times %s's: its codes are the further from the prior.", far, hi / lo, near));
        else sb.append(String.format(Locale.ROOT, " The two are within a factor %.1f (ratio %.2f): about as far from the prior.", SAME_FACTOR, hi / lo));
        return sb.toString();
    }

    /**
     * How far each aggregated posterior ends from the prior, by two measures: MMD² (kernel e^{−‖a−b‖²/M}, one
     * draw of codes and prior draws, {@link LatentReport#mmd2()}) and the dimension-wise KL Σ_j KL(q(z_j) ‖ p(z_j))
     * with its standard error. Says which model is further by each, whether the KL difference is within 2 standard
     * errors, and whether the two measures agree.
     */
    public static String priorDistance(LatentReport a, LatentReport b) {
        KlDecomposition pa = a.parts(), pb = b.parts();
        double dKl = pb.dimensionwiseKl() - pa.dimensionwiseKl();
        double seKl = Math.sqrt(pa.seDimKl() * pa.seDimKl() + pb.seDimKl() * pb.seDimKl());
        boolean klNoise = Math.abs(dKl) <= 2 * seKl;
        String byMmd = b.mmd2() > a.mmd2() ? "further from" : "closer to";
        String byKl = dKl > 0 ? "further from" : "closer to";
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "Distance of q(z) to the prior N(0, I): MMD² ×1000 %s %.2f, %s %.2f; dimension-wise KL %s %s, %s %s nats (standard errors in brackets).",
                a.model(), 1000 * a.mmd2(), b.model(), 1000 * b.mmd2(), a.model(), dimKlText(pa), b.model(), dimKlText(pb)));
        if (klNoise)
            sb.append(String.format(Locale.ROOT, "%nThe dimension-wise KLs differ by %.2f nats, within 2 standard errors; by MMD² the %s's q(z) is %s the prior than the %s's.",
                    Math.abs(dKl), b.model(), byMmd, a.model()));
        else if (byMmd.equals(byKl))
            sb.append(String.format(Locale.ROOT, "%nBy both measures the %s's q(z) ends %s the prior than the %s's.", b.model(), byMmd, a.model()));
        else
            sb.append(String.format(Locale.ROOT, "%nThe two measures disagree: by MMD² the %s's q(z) is %s the prior, by the dimension-wise KL %s it, than the %s's.",
                    b.model(), byMmd, byKl, a.model()));
        return sb.toString();
    }

    /** "0.17 (SE 0.02)": the dimension-wise KL estimate clipped at 0 ({@link lecture7.infotheory.BoundedInterval#dimKl}) with its standard error. */
    static String dimKlText(KlDecomposition p) {
        return lecture7.infotheory.BoundedInterval.dimKl(p.dimensionwiseKl(), p.dimensionwiseKl()).text()
                + String.format(Locale.ROOT, " (SE %.2f)", p.seDimKl());
    }

    /** ½ Σ_d Var(x_d) over the rows of {@code x} ({@code [N, D]}): the most that knowing z can lower −ln N(x | θ(z), I). */
    public static double largestGaussianGain(INDArray x) {
        if (x.rank() != 2 || x.rows() < 2) throw new IllegalArgumentException("need [N, D] images with N ≥ 2, got " + java.util.Arrays.toString(x.shape()));
        // with θ(z) = E[x] (no information in z) the expected ½‖x − θ‖² is ½ Σ_d Var(x_d); knowing z can only lower it, to ≥ 0
        return 0.5 * x.castTo(DataType.DOUBLE).var(false, 0).sumNumber().doubleValue();
    }

    /**
     * Two reconstruction terms of a unit-variance Gaussian decoder against the most z can buy ({@code maxGain},
     * {@link #largestGaussianGain}): which is better, by how many nats, and whether that is small (below
     * {@link #SMALL_SHARE} of {@code maxGain}, hard to see in the pictures) or not.
     */
    public static String reconstructionGap(String nameA, double recA, String nameB, double recB, double maxGain) {
        if (!(maxGain > 0)) throw new IllegalArgumentException("the largest gain must be > 0 nats, got " + maxGain);
        double gap = Math.abs(recA - recB);
        String better = recA < recB ? nameA : nameB;
        double share = gap / maxGain;
        return String.format(Locale.ROOT,
                "Reconstruction −E ln p(x|z): %s %.2f, %s %.2f nats per image; %s's is better by %.2f nats, %.0f%% of the %.1f nats that knowing z can gain at most (½ Σ_d Var x_d): %s",
                nameA, recA, nameB, recB, better, gap, 100 * share, maxGain,
                share < SMALL_SHARE ? "a small difference — the two rows of reconstructions look much alike."
                        : "a large part of what z can buy — compare the two rows of reconstructions.");
    }

    /**
     * The three 2-D models of "Which divergence to choose?": the MMD-VAE on μ(x) and on sampled codes, each against
     * the VAE. For the MMD on samples: with I(x; z) below 1 nat q(z|x) is nearly the same for every image; whether
     * that common posterior is also the prior is read from KL(q(z) ‖ p(z)) = TC + dim-wise KL and the test.
     */
    public static String latent2d(LatentReport vae, TwoSampleTest tv, LatentReport samples, TwoSampleTest ts,
                                  LatentReport means, TwoSampleTest tm) {
        StringBuilder sb = new StringBuilder();
        double mv = vae.parts().mutualInformation(), mm = means.parts().mutualInformation(), ms = samples.parts().mutualInformation();
        sb.append(String.format(Locale.ROOT, "I(x; z): %s %s; %s %s; %s %s.", vae.model(), mi(vae.parts()), means.model(), mi(means.parts()),
                samples.model(), mi(samples.parts())));
        sb.append(String.format(Locale.ROOT, "%nMMD on μ(x) against the VAE: %s informative (%.2f against %.2f nats);",
                mm > mv ? "more" : "not more", mm, mv));
        sb.append(String.format(Locale.ROOT, " MMD² ×1000 %.3f against %.3f: %s the prior than the VAE's codes.",
                1000 * tm.statistic(), 1000 * tv.statistic(), tm.statistic() < tv.statistic() ? "closer to" : "not closer to"));
        double aggKl = aggregateKl(samples.parts());
        sb.append(String.format(Locale.ROOT, "%nMMD on z ~ q(z|x): I(x; z) = %.2f nats, reconstruction %.1f nats (VAE %.1f).", ms,
                samples.reconstruction(), vae.reconstruction()));
        if (ms < 1) {
            sb.append(" With less than 1 nat about the image, q(z|x) is nearly the same for every image");
            if (ts.rejects(0.05))
                sb.append(String.format(Locale.ROOT, " — but that common posterior is not the prior: of its KL of %.2f nats, KL(q(z) ‖ p(z)) = KL − I(x; z) ≈ %.2f nats, and H₀ q(z) = p(z) is %s. It gave up the information without matching the prior.",
                        samples.parts().analyticKl(), aggKl, decision(ts)));
            else
                sb.append(String.format(Locale.ROOT, ", and the test cannot tell q(z) from the prior (H₀ %s; KL(q(z) ‖ p(z)) ≈ %.2f nats): it matched the prior by giving up the information.",
                        decision(ts), aggKl));
        } else {
            sb.append(String.format(Locale.ROOT, " %s informative than the VAE; H₀ q(z) = p(z) %s.", ms < mv ? "Less" : "Not less", decision(ts)));
        }
        sb.append(String.format(Locale.ROOT, "%nH₀ q(z) = p(z): VAE %s; MMD on μ(x) %s.", decision(tv), decision(tm)));
        return sb.toString();
    }

    /**
     * The learned prior against N(0, I): how wide the learned prior's draws spread (standard deviation per latent,
     * share outside the square |z| ≤ {@code axis}), the −ELBO difference against the standard error of the Monte
     * Carlo KL, and each prior test with its own kernel bandwidth (clouds of different scale: the p-values compare,
     * the MMD² values do not).
     *
     * @param negElboStd  −ELBO with N(0, I) (closed-form KL)
     * @param negElboMog  −ELBO with the learned prior (Monte Carlo KL)
     * @param seMog       standard error of the Monte Carlo KL
     * @param draws       {@code [n, M]} draws of the learned prior
     */
    public static String learnedPrior(double negElboStd, double negElboMog, double seMog, INDArray draws, double axis,
                                      TwoSampleTest tStd, double sigmaStd, TwoSampleTest tMog, double sigmaMog) {
        INDArray d = draws.castTo(DataType.DOUBLE);
        double[] sd = d.std(0).toDoubleVector();
        StringBuilder spread = new StringBuilder();
        for (int j = 0; j < sd.length; j++) spread.append(j == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", sd[j]));
        double outside = LatentFigures.shareOutside(d, 0, 1, axis);
        double gain = negElboStd - negElboMog;
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "The learned prior's draws have standard deviations %s per latent (N(0, I): 1); %.1f%% of them lie outside |z_1|, |z_2| ≤ %.0f (N(0, I): 0.01%%).",
                spread, 100 * outside, axis));
        double meanSd = java.util.Arrays.stream(sd).average().orElse(1);
        if (meanSd > 1.5 || meanSd < 1 / 1.5)
            sb.append(String.format(Locale.ROOT, " Much of what it learned is a change of scale (×%.1f on average) — which alone gains nothing: a VAE with N(0, I) matches any rescaled prior by rescaling its encoder and decoder.", meanSd));
        sb.append(String.format(Locale.ROOT, "%n−ELBO: %.2f nats with N(0, I), %.2f with the learned prior: ", negElboStd, negElboMog));
        if (Math.abs(gain) <= 2 * seMog)
            sb.append(String.format(Locale.ROOT, "they differ by %.2f nats, within 2 standard errors of the Monte Carlo KL (%.2f): no measurable difference.", Math.abs(gain), seMog));
        else
            sb.append(String.format(Locale.ROOT, "the learned prior is %s by %.2f nats (%.2f%% of the −ELBO; standard error of the Monte Carlo KL %.2f).",
                    gain > 0 ? "better" : "worse", Math.abs(gain), 100 * Math.abs(gain) / negElboStd, seMog));
        sb.append(String.format(Locale.ROOT, "%nH₀ q(z) = p(z) against the model's own prior, each with the median-heuristic bandwidth of its pooled sample: N(0, I) (σ = %.2f) %s; learned prior (σ = %.2f) %s.",
                sigmaStd, decision(tStd), sigmaMog, decision(tMog)));
        return sb.toString();
    }
}
