package lecture7.vae;

import lecture7.infotheory.GaussianCodes;
import lecture7.infotheory.KlDecomposition;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SeedMediansTest {
    /** A report whose parts are given (closed-form KL = their sum), MI ceiling ln 100 = 4.61 nats. */
    static LatentReport report(String name, double mi, double tc, double dimKl, double rec) {
        GaussianCodes c = GaussianCodes.of(new double[][]{{0.5}, {-0.5}}, new double[][]{{-1}, {-1}});
        double kl = mi + tc + dimKl;
        KlDecomposition parts = new KlDecomposition("full data", mi, tc, dimKl, kl, kl, 0, 0, 0, 0, Math.log(100));
        return new LatentReport(name, c, parts, rec, 0.001, Double.NaN, 1);
    }

    @Test
    void mediansOverTheSeeds() {
        // three seeds: medians are the middle values, each column on its own
        SeedMedians m = SeedMedians.of("β-VAE", List.of(report("s1", 2.0, 0.3, 0.1, 20), report("s2", 1.0, 0.5, 0.2, 30),
                report("s3", 3.0, 0.1, 0.3, 10)));
        assertEquals(3, m.seeds());
        assertEquals(2.0, m.mutualInformation(), 0);
        assertEquals(0.3, m.totalCorrelation(), 0);
        assertEquals(0.2, m.dimensionwiseKl(), 0);
        assertEquals(20, m.reconstruction(), 0);
        assertEquals(2.4, m.kl(), 1e-12);          // KL per seed 2.4, 1.7, 3.4
        assertFalse(m.miAtCeiling());
        // two seeds: the mean of the two
        SeedMedians two = SeedMedians.of("VAE", List.of(report("a", 1, 1, 1, 10), report("b", 2, 3, 4, 20)));
        assertEquals(1.5, two.mutualInformation(), 0);
        assertEquals(15, two.reconstruction(), 0);
        assertThrows(IllegalArgumentException.class, () -> SeedMedians.of("none", List.of()));
    }

    /** A report on a factor grid: the MI ceiling is the data's entropy {@code h}, a bound on the true MI. */
    static LatentReport gridReport(String name, double mi, double tc, double dimKl, double rec, double h) {
        GaussianCodes c = GaussianCodes.of(new double[][]{{0.5}, {-0.5}}, new double[][]{{-1}, {-1}});
        double kl = mi + tc + dimKl;
        // 1000 grid rows scored: the estimator's ceiling ln 1000 = 6.91, lowered to H(x)
        KlDecomposition parts = new KlDecomposition("full data", mi, tc, dimKl, kl, kl, 0, 0, 0, 0, Math.log(1000)).withDataEntropy(h);
        return new LatentReport(name, c, parts, rec, 0.001, Double.NaN, 1);
    }

    @Test
    void comparisonsUseTheIntervalsWhereTheMiIsAtItsBound() {
        // VAE: MI 6.00 with H(x) = 6.10 → MI in [6.00, 6.10], TC in [3.20, 3.30]
        SeedMedians vae = SeedMedians.of("VAE", List.of(gridReport("v", 6.00, 3.30, 0.3, 2, 6.10)));
        SeedMedians beta = SeedMedians.of("β-VAE", List.of(gridReport("b", 2.0, 0.1, 0.1, 20, 6.10)));
        assertTrue(vae.miAtCeiling());
        assertEquals(6.10, vae.miUpperBound(), 1e-12);
        assertEquals(3.20, vae.tcLowerBound(), 1e-12);
        assertEquals("6.00–6.10", vae.miText());
        assertEquals("3.20–3.30", vae.tcText());
        assertEquals("0.10", beta.tcText());
        SeedMedians.Comparison c = beta.comparedWith(vae);
        assertEquals("smaller", c.kl());
        assertEquals("smaller", c.mutualInformation());
        assertEquals("smaller", c.totalCorrelation());
        assertEquals("worse", c.reconstruction());
        SeedMedians.Comparison back = vae.comparedWith(beta);
        assertEquals("larger", back.mutualInformation());
        assertEquals("larger", back.totalCorrelation());
        // an MI inside the VAE's interval, a TC inside it: no verdict
        SeedMedians inside = SeedMedians.of("x", List.of(gridReport("x", 6.05, 3.25, 0.3, 2, 6.10)));
        assertEquals("bounds overlap", inside.comparedWith(vae).mutualInformation());
        assertEquals("bounds overlap", inside.comparedWith(vae).totalCorrelation());
        // the estimator's ceiling alone (ln 100, no data bound) bounds nothing: the MI is open above
        SeedMedians open = SeedMedians.of("open", List.of(report("o", 4.5, 0.2, 0.3, 2)));
        assertTrue(open.miAtCeiling());
        assertEquals(Double.POSITIVE_INFINITY, open.miUpperBound());
        assertEquals("≥ 4.50 (ceiling)", open.miText());
        assertEquals("bounds overlap", SeedMedians.of("y", List.of(report("y", 5.0, 0, 0, 1))).comparedWith(open).mutualInformation());
        // neither at the ceiling: numbers compared
        SeedMedians other = SeedMedians.of("other", List.of(report("o", 3.0, 0.4, 0.1, 1)));
        SeedMedians b2 = SeedMedians.of("β-VAE", List.of(report("b", 2.0, 0.1, 0.1, 20)));
        SeedMedians.Comparison plain = other.comparedWith(b2);
        assertEquals("not smaller", plain.mutualInformation());
        assertEquals("not smaller", plain.totalCorrelation());
        assertEquals("not smaller", plain.kl());
        assertEquals("not worse", plain.reconstruction());
        assertEquals("smaller", b2.comparedWith(other).totalCorrelation());
    }
}
