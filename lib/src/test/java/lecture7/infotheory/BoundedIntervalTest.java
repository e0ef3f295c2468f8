package lecture7.infotheory;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Printed intervals never leave the range of their quantity, and a clipped end says why (issue 24). */
class BoundedIntervalTest {
    @Test
    void tcRangesAreClippedAtZeroWithTheReason() {
        BoundedInterval t = BoundedInterval.tc(-0.03, 0.19);
        assertEquals(0, t.lo());
        assertEquals(0.19, t.hi());
        assertEquals("0.00 (TC cannot be negative)–0.19", t.text());
        assertEquals("0.07–0.19", BoundedInterval.tc(0.07, 0.19).text());
        assertEquals("0.00 (estimate −0.02; TC ≥ 0)", BoundedInterval.tc(-0.02, -0.02).text());
        // −0.001 prints as 0.00 anyway: no reason to give
        assertEquals("0.00", BoundedInterval.tc(-0.001, -0.001).text());
        assertEquals("0.00 (estimate −0.04; dim-wise KL ≥ 0)", BoundedInterval.dimKl(-0.04, -0.04).text());
    }

    @Test
    void miIsClippedAtTheDataEntropy() {
        assertEquals("5.98–6.04", BoundedInterval.mi(5.98, 6.04, 6.04).text());
        assertEquals("6.04 (estimate 6.10; MI ≤ H(x))", BoundedInterval.mi(6.10, 6.10, 6.04).text());
        assertEquals("5.90–6.04 (MI cannot exceed H(x))", BoundedInterval.mi(5.90, 6.20, 6.04).text());
        assertThrows(IllegalArgumentException.class, () -> BoundedInterval.tc(0.2, 0.1));
        assertThrows(IllegalArgumentException.class, () -> BoundedInterval.tc(Double.NaN, 0.1));
    }

    @Test
    void decompositionCellsStayInRange() {
        // MI at its data bound H(x) = 6.0 and a TC estimate below 0: the TC interval is [0, 0], not "0.00–-0.02"
        KlDecomposition p = new KlDecomposition("full data", 5.8, -0.02, 0.1, 5.88, 5.88, 0.01, 0.01, 0.01, 0.01, Math.log(1000)).withDataEntropy(6.0);
        assertTrue(p.miAtCeiling());
        assertEquals(0, p.tcInterval().lo());
        assertEquals(0, p.tcInterval().hi());
        assertEquals("0.00 (estimate −0.02; TC ≥ 0)", p.tcText());
        assertEquals("5.80–6.00", p.miText());
        KlDecomposition q = new KlDecomposition("full data", 0.3, -0.05, 3.0, 3.25, 3.25, 0.01, 0.01, 0.01, 0.01, Math.log(1000)).withDataEntropy(6.0);
        assertEquals("0.00 (estimate −0.05; TC ≥ 0)", q.tcText());
    }

    @Test
    void seedPairsCountSeedsAndSayTheVerdict() {
        // TC of A above B in both seeds beyond 2 SE; MI overlapping in one seed
        List<KlDecomposition> a = List.of(parts(4.0, 0.40, 0.02), parts(4.2, 0.45, 0.02));
        List<KlDecomposition> b = List.of(parts(3.9, 0.05, 0.02), parts(4.21, 0.08, 0.02));
        SeedPairs tc = SeedPairs.tc("A", a, "B", b);
        assertEquals(2, tc.higher());
        assertEquals(0, tc.lower());
        assertEquals("higher in every seed", tc.verdict());
        assertEquals("no: higher in every seed", tc.answer(false));
        assertEquals("yes, in every seed", tc.answer(true));
        assertEquals(0.36, tc.medianDifference(), 1e-12);
        assertTrue(tc.toString().contains("+0.35, +0.37 nats (median +0.36, range +0.35 to +0.37); seed by seed (intervals ±2 SE): higher in every seed"), tc.toString());
        SeedPairs mi = SeedPairs.mi("A", a, "B", b);
        assertEquals("lower in 0, higher in 1, overlapping in 1 of 2 seeds", mi.verdict());
        assertEquals("in 1 of 2 seeds only (lower in 0, overlapping in 1)", mi.answer(true));
        assertEquals("no: in none of the 2 seeds (higher in 1, overlapping in 1)", mi.answer(false));
        SeedPairs same = SeedPairs.mi("A", a, "B", a);
        assertEquals("not measurably: the intervals (±2 SE) overlap in all 2 seeds", same.answer(true));
        // a TC estimate −0.03 ± 2·0.02: the interval starts at 0, not below
        SeedPairs neg = SeedPairs.tc("A", List.of(parts(4.0, -0.03, 0.02)), "B", List.of(parts(4.0, 0.5, 0.02)));
        assertEquals(0, neg.a().get(0).lo());
        assertEquals("lower in every seed", neg.verdict());
        assertThrows(IllegalArgumentException.class, () -> SeedPairs.tc("A", a, "B", b.subList(0, 1)));
    }

    @Test
    void tcContrastRangesStartAtZero() {
        KlDecomposition v = parts(0.3, 0.07, 0.05), w = parts(0.1, -0.02, 0.03);
        TcContrast c = TcContrast.of("VAE", List.of(v), "β-VAE", List.of(w));
        assertTrue(c.firstLow() < 0, "raw end kept");
        assertEquals(0, c.firstRange().lo());
        assertTrue(c.toString().contains("VAE 0.00 (TC cannot be negative)–0.17 nats"), c.toString());
        assertTrue(c.toString().contains("β-VAE 0.00 (TC cannot be negative)–0.04 nats"), c.toString());
        assertFalse(c.separated());
    }

    /** MI, TC with standard error se on every part; 1000 rows, H(x) = 6. */
    static KlDecomposition parts(double mi, double tc, double se) {
        double kl = mi + tc + 1;
        return new KlDecomposition("full data", mi, tc, 1, kl, kl, se, se, se, se, Math.log(1000)).withDataEntropy(6.0);
    }
}
