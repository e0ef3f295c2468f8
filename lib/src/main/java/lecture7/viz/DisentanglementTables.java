package lecture7.viz;

import lecture7.compute.Fmt;
import lecture7.compute.Median;
import lecture7.infotheory.KlDecomposition;
import lecture7.infotheory.Mig;
import lecture7.infotheory.MigComparison;
import lecture7.infotheory.MigSummary;
import lecture7.vae.SeedMedians;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Locale;

/** Tables of Part 3: the KL decomposition of several models side by side, with reconstruction and MIG. */
public final class DisentanglementTables {
    private DisentanglementTables() {}

    /**
     * One model's line in the decomposition table.
     *
     * @param model          display name, e.g. "β-TCVAE β=6"
     * @param parts          MI, TC, dim-wise KL (nats per image)
     * @param reconstruction −E_q[ln p(x|z)], nats per image
     * @param mig            Mutual Information Gap against the true factors (NaN if unknown)
     * @param activeUnits    latents with Var_x(μ_j) > 0.01
     */
    public record Row(String model, KlDecomposition parts, double reconstruction, double mig, int activeUnits) {}

    /**
     * Columns: model, MI, TC, dim-wise KL, their sum, closed-form KL, reconstruction, −ELBO, MIG, active units.
     * An MI at its ceiling reads as the interval "estimate–H(x)" and the TC of that run as "lower bound–estimate"
     * ({@link KlDecomposition#miText()}, {@link KlDecomposition#tcText()}).
     */
    public static Table decomposition(String name, List<Row> rows) {
        StringColumn model = StringColumn.create("model");
        StringColumn mi = StringColumn.create("MI [nats]"), tc = StringColumn.create("TC [nats]");
        StringColumn dk = StringColumn.create("dim-wise KL [nats]");
        DoubleColumn sum = DoubleColumn.create("MI+TC+dimKL [nats]"),
                kl = DoubleColumn.create("KL closed form [nats]"), rec = DoubleColumn.create("reconstruction [nats]"),
                elbo = DoubleColumn.create("-ELBO [nats]"), mig = DoubleColumn.create("MIG");
        IntColumn au = IntColumn.create("active units");
        for (Row r : rows) {
            model.append(r.model());
            mi.append(r.parts().miText());
            tc.append(r.parts().tcText());
            dk.append(dimKl(r.parts().dimensionwiseKl()));
            sum.append(round(r.parts().sumOfParts()));
            kl.append(round(r.parts().analyticKl()));
            rec.append(round(r.reconstruction()));
            // −ELBO = reconstruction + KL(q(z|x) ‖ p(z)), averaged over the data
            elbo.append(round(r.reconstruction() + r.parts().analyticKl()));
            mig.append(round3(r.mig()));
            au.append(r.activeUnits());
        }
        return Table.create(name, model, mi, tc, dk, sum, kl, rec, elbo, mig, au);
    }

    /**
     * MIG of every model and seed with each factor's gap: for factor k, (I(z_a; v_k) − I(z_b; v_k)) / H(v_k) for its
     * two most informative latents a, b (Chen et al. 2018); MIG is their mean over the factors that vary.
     *
     * @param models  one name per model
     * @param migs    their MIGs against the true factors, in the same order
     * @param factors the names of the factors shown, e.g. {"scale", "posX", "posY"}
     * @param columns their indices in {@link Mig#gaps()}
     */
    public static Table migGaps(String name, List<String> models, List<Mig> migs, String[] factors, int[] columns) {
        if (models.size() != migs.size()) throw new IllegalArgumentException(models.size() + " names for " + migs.size() + " MIGs");
        if (factors.length != columns.length) throw new IllegalArgumentException(factors.length + " factor names for " + columns.length + " columns");
        StringColumn model = StringColumn.create("model");
        DoubleColumn mig = DoubleColumn.create("MIG");
        DoubleColumn[] gap = new DoubleColumn[factors.length];
        for (int k = 0; k < factors.length; k++) gap[k] = DoubleColumn.create("gap " + factors[k]);
        for (int i = 0; i < models.size(); i++) {
            model.append(models.get(i));
            mig.append(round3(migs.get(i).score()));
            for (int k = 0; k < factors.length; k++) gap[k].append(round(migs.get(i).gaps()[columns[k]]));
        }
        Table t = Table.create(name, model, mig);
        for (DoubleColumn g : gap) t.addColumns(g);
        return t;
    }

    /** The decomposition table of several evaluated models. */
    public static Table of(String name, List<lecture7.vae.LatentReport> reports) {
        return decomposition(name, reports.stream()
                .map(r -> new Row(r.model(), r.parts(), r.reconstruction(), r.mig(), r.activeUnits())).toList());
    }

    /**
     * "One model, three views": −ELBO, MMD²(q(z) ‖ p(z)) and the KL parts of each model (MI at its ceiling and the
     * TC of that run as intervals).
     */
    public static Table threeViews(String name, List<lecture7.vae.LatentReport> reports) {
        StringColumn model = StringColumn.create("model");
        DoubleColumn elbo = DoubleColumn.create("-ELBO [nats]"), kl = DoubleColumn.create("KL [nats]"),
                mmd = DoubleColumn.create("MMD²(q(z)‖p(z)) x1000");
        StringColumn dk = StringColumn.create("dim-wise KL [nats]");
        StringColumn mi = StringColumn.create("MI [nats]"), tc = StringColumn.create("TC [nats]");
        for (var r : reports) {
            model.append(r.model());
            elbo.append(round(r.negElbo()));
            kl.append(round(r.parts().analyticKl()));
            mmd.append(round(1000 * r.mmd2()));
            mi.append(r.parts().miText());
            tc.append(r.parts().tcText());
            dk.append(dimKl(r.parts().dimensionwiseKl()));
        }
        return Table.create(name, model, elbo, kl, mmd, mi, tc, dk);
    }

    /**
     * Medians over the seeds of each objective: KL, MI, TC, dim-wise KL, reconstruction. Where a seed's MI is at its
     * ceiling the MI and TC read as intervals of the median ({@link SeedMedians#miText()}, {@link SeedMedians#tcText()}).
     */
    public static Table medians(String name, List<SeedMedians> rows) {
        StringColumn model = StringColumn.create("objective");
        IntColumn seeds = IntColumn.create("seeds");
        DoubleColumn kl = DoubleColumn.create("KL [nats]"), rec = DoubleColumn.create("reconstruction [nats]");
        StringColumn dk = StringColumn.create("dim-wise KL [nats]");
        StringColumn mi = StringColumn.create("MI [nats]"), tc = StringColumn.create("TC [nats]");
        for (SeedMedians r : rows) {
            model.append(r.objective());
            seeds.append(r.seeds());
            kl.append(round(r.kl()));
            // the medians of the interval ends bound the median of the true values (the median is monotone)
            mi.append(r.miText());
            tc.append(r.tcText());
            dk.append(dimKl(r.dimensionwiseKl()));
            rec.append(round(r.reconstruction()));
        }
        return Table.create(name, model, seeds, kl, mi, tc, dk, rec);
    }

    /**
     * Each objective's medians against the reference objective's (the row named {@code reference}, not listed
     * itself), in words: KL, MI, TC, reconstruction ({@link SeedMedians#comparedWith}).
     */
    public static Table mediansAgainst(String name, List<SeedMedians> rows, String reference) {
        SeedMedians ref = rows.stream().filter(r -> r.objective().equals(reference)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no objective named " + reference + " to compare with"));
        StringColumn model = StringColumn.create("objective"), vKl = StringColumn.create("KL"), vMi = StringColumn.create("MI"),
                vTc = StringColumn.create("TC"), vRec = StringColumn.create("reconstruction");
        for (SeedMedians r : rows) {
            if (r == ref) continue;
            SeedMedians.Comparison c = r.comparedWith(ref);
            model.append(r.objective());
            vKl.append(c.kl());
            vMi.append(c.mutualInformation());
            vTc.append(c.totalCorrelation());
            vRec.append(c.reconstruction());
        }
        return Table.create(name, model, vKl, vMi, vTc, vRec);
    }

    /**
     * Does an objective beat the baseline (the VAE)? One row per run: seeds, median MIG, the seeds' range, and for
     * each objective the seeds above the baseline's at the same seed, the seed ranges compared
     * ({@link MigSummary#against}) and whether the median reaches the bar ({@link MigComparison#reachesBar}).
     */
    public static Table migComparison(String name, MigComparison c) {
        MigSummary base = c.baseline();
        StringColumn model = StringColumn.create("objective"), range = StringColumn.create("worst–best seed"),
                paired = StringColumn.create("above the " + base.model() + " at the same seed"),
                ranges = StringColumn.create("seed ranges vs the " + base.model()),
                bar = StringColumn.create(String.format(Locale.ROOT, "median ≥ %.2f and > %.3f (the %s's best seed)",
                        c.bar(), base.max(), base.model()));
        IntColumn seeds = IntColumn.create("seeds");
        DoubleColumn median = DoubleColumn.create("median MIG");
        for (MigSummary m : c.runs()) {
            boolean isBase = m == base;
            model.append(m.model());
            seeds.append(m.scores().length);
            median.append(round3(m.median()));
            range.append(String.format(Locale.ROOT, "%.3f–%.3f", m.min(), m.max()));
            paired.append(isBase ? "" : m.winsAtSameSeed(base) + " of " + m.pairedSeeds(base));
            ranges.append(isBase ? "" : MigSummary.words(m.against(base)));
            bar.append(isBase ? "" : c.reachesBar(m) ? "reaches it" : "below");
        }
        return Table.create(name, model, seeds, median, range, paired, ranges, bar);
    }

    /**
     * The β sweep in numbers, beside {@link DisentanglementRuns#betaSweep}'s figure: for each β the medians over the
     * seeds of the reconstruction, the KL and the MIG.
     *
     * @param reconstruction, kl, mig {@code [β][seed]}
     */
    public static Table betaSweep(String name, double[] betas, double[][] reconstruction, double[][] kl, double[][] mig) {
        if (reconstruction.length != betas.length || kl.length != betas.length || mig.length != betas.length)
            throw new IllegalArgumentException("one row of seeds per β: " + betas.length + " β values");
        StringColumn beta = StringColumn.create("β");
        DoubleColumn rec = DoubleColumn.create("reconstruction [nats]"),
                k = DoubleColumn.create("KL [nats]"), m = DoubleColumn.create("MIG");
        IntColumn seeds = IntColumn.create("seeds");
        for (int b = 0; b < betas.length; b++) {
            beta.append(Fmt.g(betas[b]));
            seeds.append(mig[b].length);
            rec.append(round(Median.of(reconstruction[b])));
            k.append(round(Median.of(kl[b])));
            m.append(round3(Median.of(mig[b])));
        }
        return Table.create(name, beta, seeds, rec, k, m);
    }

    /**
     * β-TCVAE's TC three ways, one row per model: the full-data estimate (exact densities; an interval where the MI is at
     * its bound), MWS on training batches as the objective computes it, the same without its constant (M − 1) ln N
     * (what the penalty's gradient follows), and stratified weights on the same batches ({@link lecture7.infotheory.MinibatchTc}).
     */
    public static Table tcEstimators(String name, List<String> models, List<lecture7.infotheory.MinibatchTc> tcs) {
        if (models.size() != tcs.size()) throw new IllegalArgumentException(models.size() + " names for " + tcs.size() + " estimates");
        StringColumn model = StringColumn.create("model"), full = StringColumn.create("full data [nats]");
        DoubleColumn mws = DoubleColumn.create("MWS, as trained [nats]");
        // estimates of a TC: an estimate below 0 (the estimator's bias or noise) reads 0 with the estimate beside it
        StringColumn seen = StringColumn.create("MWS − (M−1) ln N [nats]"), strat = StringColumn.create("stratified [nats]");
        for (int i = 0; i < models.size(); i++) {
            var t = tcs.get(i);
            model.append(models.get(i));
            full.append(t.full().tcText());
            mws.append(round(t.weighted().totalCorrelation()));
            seen.append(lecture7.infotheory.BoundedInterval.tc(t.seenByTheObjective(), t.seenByTheObjective()).text());
            strat.append(lecture7.infotheory.BoundedInterval.tc(t.stratified().totalCorrelation(), t.stratified().totalCorrelation()).text());
        }
        return Table.create(name, model, full, mws, seen, strat);
    }

    /** A dimension-wise KL estimate as a cell, never below 0 (a KL cannot be negative; {@link lecture7.infotheory.BoundedInterval#dimKl}). */
    private static String dimKl(double v) {
        return lecture7.infotheory.BoundedInterval.dimKl(v, v).text();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** MIG to three decimals. */
    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
