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
        assertEquals(Math.log(5), m.miByFactor()[2][2], 1e-12);
        // the transpose, indexed [latent][factor] as disentanglement_lib's m
        double[][] byLatent = m.miByLatent();
        assertEquals(m.miByFactor()[0].length, byLatent.length);
        for (int k = 0; k < m.miByFactor().length; k++)
            for (int j = 0; j < byLatent.length; j++) assertEquals(m.miByFactor()[k][j], byLatent[j][k], 0);
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
        assertArrayEquals(miPosX, m.miByFactor()[3], 1e-12);
        assertArrayEquals(new double[]{Math.log(3), Math.log(4), Math.log(5), Math.log(6), Math.log(6)}, m.factorEntropy(), 1e-12);
    }

    /**
     * Non-uniform factors: MIG divides each gap by H(v_k), which is below ln(levels) when the levels are not equally
     * frequent. Golden values from the independent numpy script lib/src/test/golden/mig_nonuniform.py (disentanglement_lib's
     * binning and plug-in MI), which builds the same factors and codes:
     * <pre>
     * i = 0..599;  f0 = i mod 3 (uniform);  f1 by r = 7i mod 600: 0 if r &lt; 300, 1 if r &lt; 500, else 2 (p = ½, ⅓, ⅙);
     * f2 by r = (11i + 5) mod 600: 0, 1, 2, 3 below 60, 240, 480, 600 (p = .1, .3, .4, .2)
     * z = [f1 + 0.3 sin 1.3i,  f2 + 0.5 f1 + 0.05 sin 2.1i,  f0 + 0.05 cos 0.7i,  0.4 sin 3.7i]
     * </pre>
     * Normalised by ln(levels) the gaps of f1 and f2 would be 0.2598 and 0.6703 instead of 0.2822 and 0.7260.
     */
    @Test
    void nonUniformFactorsAreNormalisedByTheirEntropy() {
        int n = 600;
        int[][] f = new int[n][];
        double[][] z = new double[n][];
        for (int i = 0; i < n; i++) {
            int r1 = 7 * i % n, r2 = (11 * i + 5) % n;
            int f0 = i % 3, f1 = r1 < 300 ? 0 : r1 < 500 ? 1 : 2, f2 = r2 < 60 ? 0 : r2 < 240 ? 1 : r2 < 480 ? 2 : 3;
            f[i] = new int[]{f0, f1, f2};
            z[i] = new double[]{f1 + 0.3 * Math.sin(1.3 * i), f2 + 0.5 * f1 + 0.05 * Math.sin(2.1 * i),
                    f0 + 0.05 * Math.cos(0.7 * i), 0.4 * Math.sin(3.7 * i)};
        }
        Mig m = Mig.of(z, f, Mig.DEFAULT_BINS);
        // H(v) = −Σ p ln p, by hand for p = ½, ⅓, ⅙ and .1, .3, .4, .2
        double h1 = 0.5 * Math.log(2) + Math.log(3) / 3 + Math.log(6) / 6;
        double h2 = -(0.1 * Math.log(0.1) + 0.3 * Math.log(0.3) + 0.4 * Math.log(0.4) + 0.2 * Math.log(0.2));
        assertArrayEquals(new double[]{Math.log(3), h1, h2}, m.factorEntropy(), 1e-12);
        assertArrayEquals(new double[]{1.0986122886681096, 1.0114042647073516, 1.2798542258336671}, m.factorEntropy(), 1e-12);
        assertArrayEquals(new double[]{0.8830534509095135, 0.2821934323918622, 0.7260316867373595}, m.gaps(), 1e-12);
        assertEquals(0.6304261900129117, m.score(), 1e-12);
        double[] mi1 = {1.0114042647073516, 0.7259926237138165, 0.0011321511422458862, 0.05921426664652055};
        assertArrayEquals(mi1, m.miByFactor()[1], 1e-12);
        assertArrayEquals(new int[]{2, 0, 1}, m.bestLatent());
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
        assertEquals(0, m.miByFactor()[1][0], 0);
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
