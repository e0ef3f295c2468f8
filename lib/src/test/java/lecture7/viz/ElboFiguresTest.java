package lecture7.viz;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ElboFiguresTest {
    private static final int[] KS = {1, 10, 300, 1000};

    @Test
    void jensenReadingSaysAFallWithinTwoStandardErrorsIsNoise() {
        // the 01 shape: the mean at K = 1000 lies 0.0010 below K = 300, step SE √(0.0008² + 0.0006²) = 0.0010
        String r = ElboFigures.jensenReading(KS, new double[]{-2.0, -1.5, -1.4010, -1.4020}, new double[]{0.01, 0.002, 0.0008, 0.0006}, -2.0, -1.4);
        assertTrue(r.contains("K = 300 → 1000: the mean falls by 0.0010 nats, within 2 standard errors (standard error of the step 0.0010)"), r);
        assertTrue(r.contains("Monte Carlo noise"), r);
        assertFalse(r.contains("Every larger K"), r);
        // 0.598 of the gap 0.6 closed
        assertTrue(r.contains("closes 99.7% of Jensen's gap"), r);
    }

    @Test
    void jensenReadingFlagsAFallBeyondTwoStandardErrors() {
        String r = ElboFigures.jensenReading(KS, new double[]{-2.0, -1.5, -1.40, -1.45}, new double[]{0.01, 0.002, 0.001, 0.001}, -2.0, -1.4);
        assertTrue(r.contains("MORE than 2 standard errors"), r);
        assertTrue(r.contains("unexpected"), r);
    }

    @Test
    void jensenReadingOfARisingBound() {
        String r = ElboFigures.jensenReading(KS, new double[]{-2.0, -1.5, -1.42, -1.41}, new double[]{0.01, 0.002, 0.001, 0.001}, -2.0, -1.4);
        assertTrue(r.contains("Every larger K gives a larger mean bound."), r);
        assertFalse(r.contains("above ln p(x)"), r);
        // 01 fast mode: K = 1000 at −5.2408 with SE 0.0039, ln p(x) = −5.2448
        String above = ElboFigures.jensenReading(new int[]{300, 1000}, new double[]{-5.2548, -5.2408}, new double[]{0.0062, 0.0039}, -6.7507, -5.2448);
        assertTrue(above.contains("K = 1000: the mean lies 0.0040 nats above ln p(x), within 2 standard errors (standard error 0.0039): Monte Carlo noise"), above);
        assertThrows(IllegalArgumentException.class, () -> ElboFigures.jensenReading(new int[]{1}, new double[]{1}, new double[]{1}, 0, 1));
    }
}
