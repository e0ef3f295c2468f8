package lecture7.notebook;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Nd4jSmokeTest {
    @Test
    void gemmWorks() {
        var a = Nd4j.createFromArray(new double[][]{{1, 2}, {3, 4}});
        var c = Nd4j.gemm(a, a, false, true);
        // [1 2;3 4]·[1 2;3 4]ᵀ = [5 11; 11 25] by hand
        assertEquals(25.0, c.getDouble(1, 1), 0.0);
        assertEquals(11.0, c.getDouble(0, 1), 0.0);
    }
}
