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

    @Test
    void comparisonsSayWhenMiAndTcAreNotComparable() {
        SeedMedians vae = SeedMedians.of("VAE", List.of(report("v", 4.5, 0.2, 0.3, 2)));     // MI within 0.5 of ln 100
        SeedMedians beta = SeedMedians.of("β-VAE", List.of(report("b", 2.0, 0.1, 0.1, 20)));
        SeedMedians other = SeedMedians.of("other", List.of(report("o", 3.0, 0.4, 0.1, 1)));
        assertTrue(vae.miAtCeiling());
        SeedMedians.Comparison c = beta.comparedWith(vae);
        assertEquals("smaller", c.kl());
        assertEquals("below the VAE's lower bound", c.mutualInformation());
        assertEquals("not comparable", c.totalCorrelation());
        assertEquals("worse", c.reconstruction());
        // the VAE's median MI at the ceiling in 1 of 3 seeds is 3.0, below another objective's 3.5: no verdict
        SeedMedians mixed = SeedMedians.of("VAE", List.of(report("v1", 4.5, 0, 0, 1), report("v2", 3.0, 0, 0, 1),
                report("v3", 2.0, 0, 0, 1)));
        assertTrue(mixed.miAtCeiling());
        assertEquals(3.0, mixed.mutualInformation(), 0);
        assertEquals("not comparable", SeedMedians.of("x", List.of(report("x", 3.5, 0, 0, 1))).comparedWith(mixed).mutualInformation());
        assertEquals("below the VAE's lower bound", SeedMedians.of("y", List.of(report("y", 2.5, 0, 0, 1))).comparedWith(mixed).mutualInformation());
        SeedMedians.Comparison both = vae.comparedWith(vae);
        assertEquals("not comparable", both.mutualInformation());
        assertEquals("not smaller", both.kl());
        assertEquals("not worse", both.reconstruction());
        // neither at the ceiling: numbers compared
        SeedMedians.Comparison plain = other.comparedWith(beta);
        assertEquals("not smaller", plain.mutualInformation());
        assertEquals("not smaller", plain.totalCorrelation());
        assertEquals("not smaller", plain.kl());
        assertEquals("not worse", plain.reconstruction());
        assertEquals("smaller", beta.comparedWith(other).totalCorrelation());
    }
}
