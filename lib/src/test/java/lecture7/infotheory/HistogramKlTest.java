package lecture7.infotheory;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class HistogramKlTest {
    @Test
    void hitsTheDefinitionOnHandCountedBins() {
        // two bins over [0, 1]: P has 3 points in bin 0 and 1 in bin 1; Q has 1 and 3.
        double[] p = {0, 0.1, 0.2, 0.9}, q = {0.3, 0.6, 0.7, 1.0};
        double expected = 0.75 * Math.log(0.75 / 0.25) + 0.25 * Math.log(0.25 / 0.75); // by hand: ½ ln 3
        assertEquals(expected, HistogramKl.of(p, q, 2), 1e-15);
        assertEquals(0.5 * Math.log(3), expected, 1e-15);
    }

    @Test
    void identicalSamplesGiveZeroAndDisjointSupportsInfinity() {
        double[] p = {0.1, 0.4, 0.5, 0.8};
        assertEquals(0.0, HistogramKl.of(p, p.clone(), 5), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, HistogramKl.of(new double[]{0, 0.5, 1}, new double[]{3, 3.5, 4}, 10));
        assertThrows(IllegalArgumentException.class, () -> HistogramKl.of(p, new double[0], 3));
    }
}
