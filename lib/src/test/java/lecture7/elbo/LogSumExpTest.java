package lecture7.elbo;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogSumExpTest {
    @Test
    void matchesTheDirectSumAndSurvivesWhereItOverflows() {
        double[] a = {-1.5, 0.25, 2.0, -30};
        double direct = Math.log(Math.exp(-1.5) + Math.exp(0.25) + Math.exp(2.0) + Math.exp(-30));
        assertEquals(direct, LogSumExp.of(a), 1e-15);
        // e^1000 overflows; ln(2 e^1000) = 1000 + ln 2
        assertEquals(1000 + Math.log(2), LogSumExp.of(new double[]{1000, 1000}), 1e-12);
        // e^-1000 underflows to 0; ln(3 e^-1000) = −1000 + ln 3
        assertEquals(-1000 + Math.log(3), LogSumExp.of(new double[]{-1000, -1000, -1000}), 1e-12);
        assertEquals(Double.NEGATIVE_INFINITY, LogSumExp.of(new double[]{Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}));
        assertEquals(Double.NEGATIVE_INFINITY, LogSumExp.of(new double[0]));
        assertEquals(5.0, LogSumExp.of(new double[]{Double.NEGATIVE_INFINITY, 5.0}), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, LogSumExp.of(new double[]{1, Double.POSITIVE_INFINITY}));
        assertTrue(Double.isNaN(LogSumExp.of(new double[]{1, Double.NaN, 3})));
    }
}
