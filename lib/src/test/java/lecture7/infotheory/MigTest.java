package lecture7.infotheory;

import lecture7.data.SpriteSet;
import lecture7.data.Sprites;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class MigTest {
    /** Every combination of a 3×4×5×6×6 factor grid once (factors independent and uniform). */
    private static int[][] grid() {
        Sprites g = new Sprites(16, 3, 4, 5, 6);
        int[][] f = new int[(int) g.count()][];
        for (int i = 0; i < f.length; i++) f[i] = g.factors(i).toArray();
        return f;
    }

    @Test
    void codeEqualToTheFactorsScoresOne() {
        int[][] f = grid();
        double[][] z = new double[f.length][5];
        for (int i = 0; i < f.length; i++) for (int k = 0; k < 5; k++) z[i][k] = 0.3 * f[i][k] - 1;
        Mig m = Mig.of(z, f, Mig.DEFAULT_BINS);
        assertEquals(1.0, m.score(), 1e-12);
        assertArrayEquals(new int[]{0, 1, 2, 3, 4}, m.bestLatent());
        // I(z_k; v_k) = H(v_k) = ln(levels)
        assertEquals(Math.log(5), m.mutualInformation()[2][2], 1e-12);
        assertEquals(Math.log(5), m.factorEntropy()[2], 1e-12);
        // a permuted, rescaled copy with two extra noise latents still scores ≈ 1
        Random rng = new Random(1);
        double[][] z2 = new double[f.length][7];
        for (int i = 0; i < f.length; i++) {
            for (int k = 0; k < 5; k++) z2[i][(k + 2) % 5] = -2.0 * f[i][k];
            z2[i][5] = rng.nextGaussian();
            z2[i][6] = rng.nextGaussian();
        }
        assertTrue(Mig.of(z2, f, 20).score() > 0.95);
    }

    /**
     * Golden values from an independent numpy computation that follows disentanglement_lib's mig.py
     * (np.histogram edges + np.digitize for the 20 bins, sklearn's mutual_info_score written out on the
     * contingency table, H(v) = I(v; v), mean over factors of (top1 − top2)/H). The script:
     * <pre>
     * levels = [3, 4, 5, 6, 6]; n = prod(levels); i = np.arange(n)
     * f = np.stack(np.unravel_index(i, levels), 1)            # grid order, posY fastest
     * z = np.stack([f[:,3] + 0.8*np.sin(1.7*i), f[:,3] + f[:,4] + 0.05*np.sin(2.9*i),
     *               f[:,1]**2 - 0.5*f[:,0] + 0.3*np.cos(0.9*i), np.full(n, 5.0), f[:,2] + 0.6*f[:,4] + 0.05*np.sin(2.3*i)], 1)
     * zb = [np.digitize(z[:,j], np.histogram(z[:,j], 20)[1][:-1]) for j in range(5)]
     * m[j,k] = mutual_info_score(zb[j], f[:,k]); h[k] = mutual_info_score(f[:,k], f[:,k])
     * s = np.sort(m, 0)[::-1]; gaps = (s[0] - s[1]) / h; mig = gaps.mean()
     * </pre>
     * A noisy, an entangled, a non-linear, a constant and a mixed latent: every gap is strictly between 0 and 1.
     * The small sin jitter keeps values off the bin edges, where the two ways of binning could round differently.
     */
    @Test
    void matchesAnIndependentDisentanglementLibComputation() {
        int[][] f = grid();
        double[][] z = new double[f.length][];
        for (int i = 0; i < f.length; i++) {
            int[] v = f[i];
            z[i] = new double[]{v[3] + 0.8 * Math.sin(1.7 * i), v[3] + v[4] + 0.05 * Math.sin(2.9 * i),
                    v[1] * v[1] - 0.5 * v[0] + 0.3 * Math.cos(0.9 * i), 5.0, v[2] + 0.6 * v[4] + 0.05 * Math.sin(2.3 * i)};
        }
        Mig m = Mig.of(z, f, Mig.DEFAULT_BINS);
        double[] gaps = {0.40786310045965135, 0.8713611482649312, 0.6182798370025636, 0.4768496226006502, 0.3920598308939662};
        assertArrayEquals(gaps, m.gaps(), 1e-12);
        assertEquals(0.5532827078443525, m.score(), 1e-12);
        double[] miPosX = {1.3323503285306313, 0.47795050183809212, 4.4865456606398729e-04, 0, 1.1166012098303753e-03};
        assertArrayEquals(miPosX, m.mutualInformation()[3], 1e-12);
        assertArrayEquals(new double[]{Math.log(3), Math.log(4), Math.log(5), Math.log(6), Math.log(6)}, m.factorEntropy(), 1e-12);
    }

    @Test
    void independentRandomCodeScoresAboutZero() {
        int[][] f = grid();
        Random rng = new Random(2);
        double[][] z = new double[f.length][6];
        for (double[] row : z) for (int j = 0; j < 6; j++) row[j] = rng.nextGaussian();
        assertEquals(0, Mig.of(z, f, 20).score(), 0.05);
    }

    @Test
    void entangledCodeScoresLow() {
        // z = rotation of (posX, posY) by 45°: both latents know both factors equally → gap ≈ 0 for them
        int[][] f = grid();
        double[][] z = new double[f.length][2];
        for (int i = 0; i < f.length; i++) {
            z[i][0] = f[i][3] + f[i][4];
            z[i][1] = f[i][3] - f[i][4];
        }
        Mig m = Mig.of(z, f, 20);
        assertTrue(m.gaps()[3] < 0.1 && m.gaps()[4] < 0.1, java.util.Arrays.toString(m.gaps()));
    }

    @Test
    void constantLatentsAndFactorsNeedNoDivisionByZero() {
        int[][] f = grid();
        double[][] z = new double[f.length][3];
        for (int i = 0; i < f.length; i++) {
            z[i][0] = 4.2;                       // constant latent
            z[i][1] = f[i][0];
        }
        Mig m = Mig.of(z, f, 20);
        assertTrue(Double.isFinite(m.score()));
        assertEquals(0, m.mutualInformation()[1][0], 0);
        // a factor that never changes is left out
        int[][] g = new int[f.length][];
        for (int i = 0; i < f.length; i++) g[i] = new int[]{f[i][0], 0};
        Mig m2 = Mig.of(z, g, 20);
        assertTrue(Double.isNaN(m2.gaps()[1]));
        assertEquals(m2.gaps()[0], m2.score(), 0);
        var e = assertThrows(IllegalArgumentException.class, () -> Mig.of(z, zeros(f.length), 20));
        assertTrue(e.getMessage().contains("every factor is constant"));
    }

    private static int[][] zeros(int n) {
        return new int[n][1];
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> Mig.of(new double[][]{{1}, {2}}, new int[][]{{0}}, 20));
        assertThrows(IllegalArgumentException.class, () -> Mig.of(new double[][]{{1}, {2}}, new int[][]{{0}, {1}}, 1));
        assertThrows(IllegalArgumentException.class, () -> Mig.of(new double[][]{{1}, {Double.NaN}}, new int[][]{{0}, {1}}, 20));
    }

    @Test
    void worksOnSpriteFactors() {
        SpriteSet s = new Sprites(16, 3, 2, 2, 4).all();
        double[][] z = new double[s.n()][5];
        for (int i = 0; i < s.n(); i++) for (int k = 0; k < 5; k++) z[i][k] = s.factors()[i][k];
        assertEquals(1.0, Mig.of(z, s.factors(), 20).score(), 1e-12);
    }
}
