package lecture7.infotheory;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.*;

class FactorInformationTest {
    @Test
    void separatedPosteriorsKnowTheFactorAndIdenticalOnesNothing() {
        // 8 rows: factor 0 has 2 classes (rows 0–3 vs 4–7), factor 1 has 4 classes (row mod 4).
        // Latent 0: μ = ±5 by factor 0, σ = 0.01 → q(z|v) are separated point masses: I(z_0; v_0) = H(v_0) = ln 2,
        // and I(z_0; v_1) = 0 (every class of v_1 has the same mixture of ±5). Latent 1: μ = 0, σ = 1 for all → 0.
        double[][] mu = new double[8][2], ls = new double[8][2];
        int[][] f = new int[8][2];
        for (int i = 0; i < 8; i++) {
            f[i] = new int[]{i / 4, i % 4};
            mu[i][0] = i < 4 ? -5 : 5;
            ls[i][0] = Math.log(0.01);
        }
        FactorInformation fi = FactorInformation.of(GaussianCodes.of(mu, ls), f);
        assertEquals(Math.log(2), fi.byFactor()[0][0], 1e-9);
        assertEquals(0, fi.byFactor()[1][0], 1e-9);
        assertEquals(0, fi.byFactor()[0][1], 1e-12);
        assertEquals(0, fi.byFactor()[1][1], 1e-12);
        // the bound is the latent's closed-form KL: ½(25 + 1e-4 − 2 ln 0.01 − 1) for latent 0, 0 for latent 1
        assertEquals(0.5 * (25 + 1e-4 - 2 * Math.log(0.01) - 1), fi.bound()[0], 1e-12);
        assertEquals(0, fi.bound()[1], 1e-15);
        assertEquals(0, fi.bestFactor(0, new int[]{0, 1}));
        assertThrows(IllegalArgumentException.class, () -> FactorInformation.of(GaussianCodes.of(mu, ls), new int[3][2]));
        assertThrows(IllegalArgumentException.class, () -> FactorInformation.of(GaussianCodes.of(mu, ls), f, 0));
    }

    @Test
    void overlappingPosteriorsAgreeWithMonteCarlo() {
        // two classes, one latent: N(−0.5, 1) vs N(0.5, 1). I(z; v) by numerical integration on a fine grid
        // (independent of the quadrature over the posteriors): Σ_c ½ ∫ q(z|c) ln(q(z|c)/q(z)) dz
        double[][] mu = {{-0.5}, {0.5}}, ls = {{0}, {0}};
        int[][] f = {{0}, {1}};
        double ref = 0, h = 1e-3;
        for (double z = -12; z <= 12; z += h) {
            double a = Math.exp(-0.5 * (z + 0.5) * (z + 0.5)) / Math.sqrt(2 * Math.PI), b = Math.exp(-0.5 * (z - 0.5) * (z - 0.5)) / Math.sqrt(2 * Math.PI);
            double m = 0.5 * (a + b);
            ref += h * 0.5 * (a * Math.log(a / m) + b * Math.log(b / m));
        }
        FactorInformation fi = FactorInformation.of(GaussianCodes.of(mu, ls), f);
        assertEquals(ref, fi.byFactor()[0][0], 1e-6, "reference " + ref);
        assertTrue(fi.byFactor()[0][0] <= fi.bound()[0]);
    }

    @Test
    void gaussHermiteIntegratesPolynomialsExactly() {
        double[][] gh = FactorInformation.gaussHermite(16);
        double s0 = 0, s2 = 0, s4 = 0;
        for (int i = 0; i < 16; i++) {
            s0 += gh[1][i];
            s2 += gh[1][i] * gh[0][i] * gh[0][i];
            s4 += gh[1][i] * Math.pow(gh[0][i], 4);
        }
        // ∫ e^{−t²} = √π, ∫ t² e^{−t²} = √π/2, ∫ t⁴ e^{−t²} = 3√π/4
        assertEquals(Math.sqrt(Math.PI), s0, 1e-13);
        assertEquals(Math.sqrt(Math.PI) / 2, s2, 1e-13);
        assertEquals(3 * Math.sqrt(Math.PI) / 4, s4, 1e-12);
        double[][] two = FactorInformation.gaussHermite(2);
        assertEquals(1 / Math.sqrt(2), Math.abs(two[0][0]), 1e-14);
    }

    @Test
    void imageEntropyCountsHowManySettingsDrawEachImage() {
        // 4 settings onto 3 images (rows 1 and 2 equal): H = −(¼ ln ¼ + ½ ln ½ + ¼ ln ¼) = 1.5 ln 2, not ln 3
        INDArray x = Nd4j.createFromArray(new float[][]{{0, 1}, {1, 0}, {1, 0}, {1, 1}});
        ImageEntropy h = ImageEntropy.of(x);
        assertEquals(4, h.settings());
        assertEquals(3, h.distinct());
        assertEquals(1.5 * Math.log(2), h.nats(), 1e-15);
        assertEquals(Math.log(3), h.uniformNats(), 1e-15);
        assertTrue(h.nats() < h.uniformNats());
        assertEquals(Math.log(4), ImageEntropy.of(Nd4j.createFromArray(new float[][]{{0}, {1}, {2}, {3}})).nats(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> ImageEntropy.of(Nd4j.zeros(DataType.FLOAT, 4)));
    }
}
