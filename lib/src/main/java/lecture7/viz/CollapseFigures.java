package lecture7.viz;

import lecture7.mmd.TwoSampleTest;
import lecture7.vae.LatentReport;
import org.knowm.xchart.XYChart;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;

/**
 * Part 3, slide "Uninformative latent code": is the code used? A table of what the ELBO sees (KL) next to what
 * the code knows (I(x;z), active units) and what MMD sees (q(z) against p(z), Part 2's permutation test), and a
 * scatter of the aggregated posterior with the posterior means.
 */
public final class CollapseFigures {
    private CollapseFigures() {}

    /**
     * Columns: model, −ELBO, reconstruction, KL, I(x;z), active units (nats per image), MMD²_V ×1000 and the
     * permutation p-value of H₀: q(z) = p(z).
     *
     * @param reports    evaluated models
     * @param priorTests for each model, Part 2's two-sample test of codes z ~ q(z) against prior draws
     */
    public static Table table(String title, List<LatentReport> reports, List<TwoSampleTest> priorTests) {
        if (reports.size() != priorTests.size())
            throw new IllegalArgumentException(reports.size() + " models but " + priorTests.size() + " prior tests: give one test per model");
        StringColumn model = StringColumn.create("model");
        DoubleColumn elbo = DoubleColumn.create("-ELBO [nats]"), rec = DoubleColumn.create("reconstruction [nats]"),
                kl = DoubleColumn.create("KL(q(z|x)‖p(z)) [nats]"),
                mmd = DoubleColumn.create("MMD²(q(z),p(z)) x1000"), p = DoubleColumn.create("p-value q(z)=p(z)");
        StringColumn mi = StringColumn.create("I(x;z) [nats]");   // "≥ ln N (ceiling)" when at the estimator's ceiling
        IntColumn au = IntColumn.create("active units");
        for (int i = 0; i < reports.size(); i++) {
            LatentReport r = reports.get(i);
            TwoSampleTest t = priorTests.get(i);
            model.append(r.model());
            elbo.append(round(r.negElbo(), 2));
            rec.append(round(r.reconstruction(), 2));
            kl.append(round(r.parts().analyticKl(), 2));
            mi.append(r.parts().miText());
            au.append(r.activeUnits());
            mmd.append(round(1000 * t.statistic(), 3));
            p.append(round(t.pValue(), 3));
        }
        return Table.create(title, model, elbo, rec, kl, mi, au, mmd, p);
    }

    /**
     * The reading of {@link #table}, one line per model and a verdict, printed from the numbers: the MI ceiling
     * ln N; each model's I(x; z) (or "at the estimator's ceiling", or how far under it when within
     * {@link MmdVaeReadings#NEAR_CEILING} nats), its active units and the permutation test's decision on H0 q(z) = p(z)
     * at the 5 % level (with the p-value floor 1/(B + 1) named); and which model the ELBO prefers.
     *
     * @param n the number of test images the reports were made on
     */
    public static String reading(List<LatentReport> reports, List<TwoSampleTest> priorTests, int n) {
        if (reports.size() != priorTests.size()) throw new IllegalArgumentException(reports.size() + " models but " + priorTests.size() + " tests");
        if (reports.isEmpty()) throw new IllegalArgumentException("no models to read");
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT,
                "I(x; z) can be at most ln N = %.2f nats with N = %d test images.", Math.log(n), n));
        for (int i = 0; i < reports.size(); i++) {
            LatentReport r = reports.get(i);
            TwoSampleTest t = priorTests.get(i);
            String mi = r.parts().miAtCeiling()
                    ? String.format(java.util.Locale.ROOT, "at the estimator's ceiling (≥ %.2f nats: every test image has a code of its own)", r.parts().miCeiling())
                    : r.parts().miCeiling() - r.parts().mutualInformation() < MmdVaeReadings.NEAR_CEILING
                    ? String.format(java.util.Locale.ROOT, "= %.2f nats, %.2f under the ceiling (the code may know more)", r.parts().mutualInformation(),
                    r.parts().miCeiling() - r.parts().mutualInformation())
                    : String.format(java.util.Locale.ROOT, "= %.2f nats", r.parts().mutualInformation());
            // a p-value at the floor 1/(B + 1) is named as such: it says only "at most this"
            sb.append(String.format(java.util.Locale.ROOT, "%n%s: I(x; z) %s, %d active units; H0 q(z) = p(z) %s at the 5%% level (%s).",
                    r.model(), mi, r.activeUnits(), t.pValue() <= 0.05 ? "rejected" : "not rejected", t.pText()));
        }
        LatentReport best = reports.get(0), worst = reports.get(0);
        for (LatentReport r : reports) {
            if (r.negElbo() < best.negElbo()) best = r;
            if (r.negElbo() > worst.negElbo()) worst = r;
        }
        sb.append(String.format(java.util.Locale.ROOT, "%nBest by the ELBO: %s (−ELBO %.2f nats, against %.2f for %s).",
                best.model(), best.negElbo(), worst.negElbo(), worst.model()));
        return sb.toString();
    }

    /**
     * The aggregated posterior in the two latents with the largest KL: prior draws (grey), one code
     * z ~ q(z|x) per image (what MMD compares with the prior) and the posterior means μ(x) (where the
     * information sits: a collapsed code has all of them at the origin).
     *
     * @param prior {@code [n', M]} draws of N(0, I)
     * @param seed  seed of the codes z ~ q(z|x)
     */
    public static BufferedImage aggregatePosterior(String title, LatentReport r, INDArray prior, long seed) {
        int m = r.codes().dims();
        if (m < 2) throw new IllegalArgumentException("the scatter needs at least 2 latents, the model has " + m);
        if (prior.rank() != 2 || prior.columns() != m)
            throw new IllegalArgumentException("prior has shape " + java.util.Arrays.toString(prior.shape()) + ", expected [n, " + m + "]");
        int[] order = DisentanglementFigures.byDecreasingKl(r.perDimKl());
        int dx = order[0], dy = order[1];
        INDArray z = r.codes().sample(1, new Random(seed));
        XYChart chart = Charts.xy(title, "z" + dx + " (largest KL)", "z" + dy + " (second largest KL)", 480, 480);
        chart.getStyler().setMarkerSize(3);
        Charts.scatter(chart, "prior p(z) = N(0, I)", col(prior, dx), col(prior, dy)).setMarkerColor(new java.awt.Color(0xBAB0AC));
        Charts.scatter(chart, "codes z ~ q(z|x)", col(z, dx), col(z, dy)).setMarkerColor(Charts.PALETTE[0]);
        Charts.scatter(chart, "posterior means μ(x)", col(r.codes().mu(), dx), col(r.codes().mu(), dy)).setMarkerColor(Charts.PALETTE[1]);
        return Charts.image(chart);
    }

    private static double[] col(INDArray a, int j) {
        return a.getColumn(j).castTo(DataType.DOUBLE).dup().data().asDouble();
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
