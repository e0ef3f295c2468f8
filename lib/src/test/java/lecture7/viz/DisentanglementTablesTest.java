package lecture7.viz;

import lecture7.infotheory.MigComparison;
import lecture7.infotheory.MigSummary;
import lecture7.vae.SeedMedians;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DisentanglementTablesTest {
    @Test
    void mediansTableMarksTheCeilingAndComparesWithTheReference() {
        // the VAE's MI at its ceiling: MI in [6.10, 6.14], so TC in [3.32, 3.36]
        SeedMedians vae = new SeedMedians("VAE", 5, 9.74, 6.10, 3.36, 0.28, 1.90, 6.14, 3.32, true);
        SeedMedians beta = new SeedMedians("β-VAE β=8", 5, 3.72, 3.62, 0.08, 0.03, 20.26, 3.62, 0.08, false);
        Table t = DisentanglementTables.medians("Medians over the seeds", List.of(vae, beta));
        assertEquals(2, t.rowCount());
        assertEquals(List.of("objective", "seeds", "KL [nats]", "MI [nats]", "TC [nats]", "dim-wise KL [nats]",
                "reconstruction [nats]"), t.columnNames());
        assertEquals("6.10–6.14", t.stringColumn("MI [nats]").get(0));
        assertEquals("3.32–3.36", t.stringColumn("TC [nats]").get(0));
        assertEquals("0.08", t.stringColumn("TC [nats]").get(1));
        assertEquals("3.62", t.stringColumn("MI [nats]").get(1));
        Table v = DisentanglementTables.mediansAgainst("against the VAE", List.of(vae, beta), "VAE");
        assertEquals(1, v.rowCount(), "the reference is not compared with itself");
        assertEquals(List.of("objective", "KL", "MI", "TC", "reconstruction"), v.columnNames());
        assertEquals("β-VAE β=8", v.stringColumn("objective").get(0));
        assertEquals("smaller", v.stringColumn("KL").get(0));
        assertEquals("smaller", v.stringColumn("MI").get(0));
        assertEquals("smaller", v.stringColumn("TC").get(0), "0.08 is below the VAE's lower bound 3.32");
        assertEquals("worse", v.stringColumn("reconstruction").get(0));
        var e = assertThrows(IllegalArgumentException.class, () -> DisentanglementTables.mediansAgainst("t", List.of(beta), "VAE"));
        assertTrue(e.getMessage().contains("VAE"), e.getMessage());
    }

    @Test
    void migComparisonTableGivesEveryVerdict() {
        MigSummary vae = new MigSummary("VAE", new double[]{0.056, 0.096, 0.292});
        MigSummary annealed = new MigSummary("annealed β", new double[]{0.370, 0.366, 0.385});
        MigSummary tc = new MigSummary("β-TCVAE", new double[]{0.384, 0.273});
        Table t = DisentanglementTables.migComparison("MIG", new MigComparison(List.of(vae, annealed, tc), 0.30));
        assertEquals(List.of("objective", "seeds", "median MIG", "worst–best seed", "above the VAE at the same seed",
                "seed ranges vs the VAE", "median ≥ 0.30 and > 0.292 (the VAE's best seed)"), t.columnNames());
        assertEquals(0.096, t.doubleColumn("median MIG").get(0), 0);
        assertEquals("0.056–0.292", t.stringColumn("worst–best seed").get(0));
        assertEquals("", t.stringColumn("seed ranges vs the VAE").get(0));
        assertEquals("3 of 3", t.stringColumn("above the VAE at the same seed").get(1));
        assertEquals("higher in every seed", t.stringColumn("seed ranges vs the VAE").get(1));
        assertEquals("reaches it", t.stringColumn(6).get(1));
        assertEquals("2 of 2", t.stringColumn("above the VAE at the same seed").get(2));
        assertEquals("higher median; the seed ranges overlap", t.stringColumn("seed ranges vs the VAE").get(2));
        assertEquals("reaches it", t.stringColumn(6).get(2));   // median 0.3285 ≥ 0.30 and > 0.292
    }

    @Test
    void betaSweepTableHoldsTheMediansOverTheSeeds() {
        Table t = DisentanglementTables.betaSweep("sweep", new double[]{1, 8},
                new double[][]{{2.0, 2.1}, {20.1, 20.5, 19.9}}, new double[][]{{10.1, 10.2}, {3.7, 3.8, 3.6}},
                new double[][]{{0.056, 0.096}, {0.253, 0.261, 0.284}});
        assertEquals(List.of("β", "seeds", "reconstruction [nats]", "KL [nats]", "MIG"), t.columnNames());
        assertEquals(2.05, t.doubleColumn("reconstruction [nats]").get(0), 1e-12);
        assertEquals(3, t.intColumn("seeds").get(1));
        assertEquals("8", t.stringColumn("β").get(1));
        assertEquals(20.1, t.doubleColumn("reconstruction [nats]").get(1), 1e-12);
        assertEquals(0.261, t.doubleColumn("MIG").get(1), 1e-12);
        assertEquals(0.076, t.doubleColumn("MIG").get(0), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> DisentanglementTables.betaSweep("s", new double[]{1},
                new double[0][], new double[0][], new double[0][]));
    }

    @Test
    void tcEstimatorsTableShowsTheFullDataIntervalAndTheMinibatchEstimates() {
        var full = new lecture7.infotheory.KlDecomposition("full data", 5.9, 3.0, 0.2, 9.1, 9.1, 0, 0, 0, 0, Math.log(1000)).withDataEntropy(6.0);
        var mws = new lecture7.infotheory.KlDecomposition("mws", 5.5, 20.0, -10, 15.5, 9.1, 0, 0, 0, 0, 10);
        var strat = new lecture7.infotheory.KlDecomposition("strat", 5.5, 2.5, 0.2, 8.2, 9.1, 0, 0, 0, 0, 10);
        var t = DisentanglementTables.tcEstimators("TC", List.of("β-TCVAE seed 1"),
                List.of(new lecture7.infotheory.MinibatchTc(full, mws, strat, 1000, 3)));
        assertEquals("2.90–3.00", t.stringColumn("full data [nats]").get(0));
        assertEquals(20.0, t.doubleColumn("MWS, as trained [nats]").get(0), 0);
        // 20 − (3 − 1) ln 1000 = 6.18
        assertEquals(String.format(java.util.Locale.ROOT, "%.2f", 20 - 2 * Math.log(1000)), t.stringColumn("MWS − (M−1) ln N [nats]").get(0));
        assertEquals("2.50", t.stringColumn("stratified [nats]").get(0));
        // a stratified estimate below 0 (full mode 05: −0.45) is not printed as a TC below 0
        var negative = new lecture7.infotheory.KlDecomposition("strat", 5.5, -0.45, 0.2, 5.25, 9.1, 0, 0, 0, 0, 10);
        assertEquals("0.00 (estimate −0.45; TC ≥ 0)", DisentanglementTables.tcEstimators("TC", List.of("s"),
                List.of(new lecture7.infotheory.MinibatchTc(full, mws, negative, 1000, 3))).stringColumn("stratified [nats]").get(0));
        assertThrows(IllegalArgumentException.class, () -> DisentanglementTables.tcEstimators("TC", List.of(), List.of(
                new lecture7.infotheory.MinibatchTc(full, mws, strat, 1000, 3))));
    }
}
