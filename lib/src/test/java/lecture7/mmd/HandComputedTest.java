package lecture7.mmd;

import lecture7.kernel.Linear;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Small cases worked by hand (the linear-time MMD, the plug-in Gaussian MI) and the samplers of the slides checked
 * against their distributions: the fast tests' share of what the slow Monte Carlo tests cover.
 */
class HandComputedTest {

    private static INDArray column(double... v) {
        return Nd4j.create(v, new long[]{v.length, 1}, DataType.DOUBLE);
    }

    private static INDArray matrix(double[][] rows) {
        return Nd4j.create(rows).castTo(DataType.DOUBLE);
    }

    private static double[] values(INDArray a) {
        return a.castTo(DataType.DOUBLE).data().asDouble();
    }

    // ---- linear-time MMD (Gretton et al. 2012, §6) ----

    @Test
    void linearTimeMmdOfThreePairsByHand() {
        // κ(a, b) = a·b (linear kernel), x = 1..6, y = (0, 1, 0, 2, 1, 1); pairs (x_{2i}, x_{2i+1}), (y_{2i}, y_{2i+1}):
        //   h_0 = 1·2 + 0·1 − 1·1 − 2·0 = 1
        //   h_1 = 3·4 + 0·2 − 3·2 − 4·0 = 6
        //   h_2 = 5·6 + 1·1 − 5·1 − 6·1 = 20
        // mean = 27/3 = 9, sample variance = ((1−9)² + (6−9)² + (20−9)²)/2 = 194/2 = 97, standard error √(97/3)
        INDArray x = column(1, 2, 3, 4, 5, 6), y = column(0, 1, 0, 2, 1, 1);
        Mmd.Estimate e = Mmd.linearTime(new Linear(), x, y);
        assertEquals(9, e.value(), 1e-12);
        assertEquals(Math.sqrt(97.0 / 3), e.standardError(), 1e-12);

        // an odd count: the 7th point has no partner and is left out (⌊7/2⌋ = 3 pairs), same numbers
        Mmd.Estimate odd = Mmd.linearTime(new Linear(), column(1, 2, 3, 4, 5, 6, 100), column(0, 1, 0, 2, 1, 1, -50));
        assertEquals(9, odd.value(), 1e-12);
        assertEquals(Math.sqrt(97.0 / 3), odd.standardError(), 1e-12);
    }

    @Test
    void linearTimeMmdOfIdenticalPairsIsZeroWithZeroError() {
        // x = y: h_i = κ(x, x') + κ(x, x') − κ(x, x') − κ(x', x) = 0 for every pair, so the mean and its spread are 0
        INDArray x = column(0.5, -1, 2, 3, 1.5, -2, 4, 0);
        Mmd.Estimate e = Mmd.linearTime(new Linear(), x, x.dup());
        assertEquals(0, e.value(), 1e-12);
        assertEquals(0, e.standardError(), 1e-12);
    }

    @Test
    void powerRatioWithTheLinearKernelByHand() {
        // κ(a, b) = ab: H_ij = x_i x_j + y_i y_j − x_i y_j − x_j y_i = d_i d_j with d = x − y = (1, 2, 2, −1),
        // Σd = 4, Σd² = 10, n = 4:
        //   MMD²_U = Σ_{i≠j} d_i d_j / (n(n−1)) = ((Σd)² − Σd²)/12 = 6/12 = ½
        //   σ̂²_H1 = 4/n³ Σ_i (d_i Σd)² − 4/n⁴ (Σd)⁴ = 4·16·10/64 − 4·256/256 = 10 − 4 = 6
        Mmd.PowerRatio p = Mmd.powerRatio(new Linear(), column(1, 2, 3, 4), column(0, 0, 1, 5));
        assertEquals(0.5, p.mmd2(), 1e-12);
        assertEquals(Math.sqrt(6), p.sigmaH1(), 1e-12);
        assertEquals(0.5 / Math.sqrt(6), p.ratio(), 1e-12);
        // identical samples: H = 0, no spread, the ratio is undefined (NaN), not 0 or ∞
        Mmd.PowerRatio same = Mmd.powerRatio(new Linear(), column(1, 2, 3, 4), column(1, 2, 3, 4));
        assertEquals(0, same.mmd2(), 0.0);
        assertTrue(Double.isNaN(same.ratio()), "ratio " + same.ratio());
        // every point moved by the same shift, d = (1, 1, 1, 1): MMD²_U = (16 − 4)/12 = 1 but all row sums of H are
        // equal (4), so σ̂²_H1 = 4·4·16/64 − 4·16²/256 = 0 exactly; the ratio is undefined (NaN), not +∞
        Mmd.PowerRatio shifted = Mmd.powerRatio(new Linear(), column(1, 2, 3, 4), column(0, 1, 2, 3));
        assertEquals(1, shifted.mmd2(), 1e-12);
        assertEquals(0, shifted.sigmaH1(), 0.0);
        assertTrue(Double.isNaN(shifted.ratio()), "ratio " + shifted.ratio());
    }

    @Test
    void featureMeanIsTheSampleMomentVector() {
        // φ(x) = (x, x²) (MonomialFeatures(2)): for x = 1, 2, 3 the mean is (6/3, 14/3)
        assertArrayEquals(new double[]{2, 14.0 / 3}, Mmd.featureMean(new lecture7.kernel.MonomialFeatures(2), column(1, 2, 3)), 1e-12);
    }

    @Test
    void rejectionRateOfFarApartSamplesIsOneAtEverySize() {
        // N(0, 1) against N(10, 1), n ≥ 8: the observed split is the most extreme one, so with B = 19 permutations
        // p = (0 + 1)/(19 + 1) = 0.05 ≤ α = 0.1 and every repetition rejects: rate 1, standard error √(1·0/r) = 0
        Sampler p = Sampler.gaussian(0, 1), q = Sampler.gaussian(10, 1);
        RejectionRate.Rate one = RejectionRate.estimate(p, q, lecture7.kernel.Rbf.ofBandwidth(1), 8, 1, 19, 0.1, 5);
        assertEquals(1, one.rate(), 0.0);
        assertEquals(0, one.standardError(), 0.0);
        assertEquals(1, one.repetitions());
        RejectionRate.Rate[] curve = RejectionRate.curve(p, q, (x, y) -> lecture7.kernel.Rbf.ofBandwidth(1), new int[]{8, 12}, 3, 19, 0.1, 6);
        assertEquals(2, curve.length);
        for (RejectionRate.Rate r : curve) {
            assertEquals(1, r.rate(), 0.0);
            assertEquals(3, r.repetitions());
        }
        for (double alpha : new double[]{0, 1}) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> RejectionRate.estimate(p, q, lecture7.kernel.Rbf.ofBandwidth(1), 8, 1, 19, alpha, 5));
            assertTrue(e.getMessage().contains("(0, 1)"), e.getMessage());
        }
        var e = assertThrows(IllegalArgumentException.class,
                () -> RejectionRate.estimate(p, q, lecture7.kernel.Rbf.ofBandwidth(1), 8, 0, 19, 0.1, 5));
        assertTrue(e.getMessage().contains("repetitions"), e.getMessage());
    }

    // ---- Gaussian mutual information ----

    @Test
    void plugInMiOfOneDimensionalPairsIsMinusHalfLogOneMinusPearsonSquared() {
        // for 1-D x and y the plug-in MI is −½ ln(1 − r²) with r Pearson's sample correlation
        double[] x = {1, 2, 3, 4, 6}, y = {2, 1, 4, 3, 7};
        double mx = 0, my = 0;
        for (int i = 0; i < 5; i++) { mx += x[i] / 5; my += y[i] / 5; }
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < 5; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        double r = sxy / Math.sqrt(sxx * syy);
        assertEquals(-0.5 * Math.log(1 - r * r), GaussianMi.plugIn(column(x), column(y)), 1e-12);
        // the same through the bivariate closed form
        assertEquals(GaussianMi.bivariate(r), GaussianMi.plugIn(column(x), column(y)), 1e-12);
    }

    /** det of a 3×3 matrix by the rule of Sarrus (independent of the library's Cholesky). */
    private static double det3(double[][] a) {
        return a[0][0] * a[1][1] * a[2][2] + a[0][1] * a[1][2] * a[2][0] + a[0][2] * a[1][0] * a[2][1]
                - a[0][2] * a[1][1] * a[2][0] - a[0][0] * a[1][2] * a[2][1] - a[0][1] * a[1][0] * a[2][2];
    }

    @Test
    void plugInMiOfOneAgainstTwoColumnsFromDeterminants() {
        // z = (x, y₁, y₂), 5 points; sample covariance with 1/(n − 1) written out; I = ½ ln(Σ_xx det Σ_yy / det Σ)
        double[][] z = {{1, 2, 0}, {2, 1, 1}, {3, 4, 1}, {4, 3, 3}, {6, 7, 2}};
        int n = z.length;
        double[] mean = new double[3];
        for (double[] r : z) for (int j = 0; j < 3; j++) mean[j] += r[j] / n;
        double[][] s = new double[3][3];
        for (double[] r : z) for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) s[i][j] += (r[i] - mean[i]) * (r[j] - mean[j]) / (n - 1);
        double detYy = s[1][1] * s[2][2] - s[1][2] * s[2][1];
        double expected = 0.5 * Math.log(s[0][0] * detYy / det3(s));
        assertTrue(expected > 0.1, "a dependent example: I = " + expected);

        INDArray x = column(1, 2, 3, 4, 6), y = matrix(new double[][]{{2, 0}, {1, 1}, {4, 1}, {3, 3}, {7, 2}});
        assertEquals(expected, GaussianMi.plugIn(x, y), 1e-12);
        // I(X; Y) = I(Y; X): two columns first, one second (the other block layout)
        assertEquals(expected, GaussianMi.plugIn(y, x), 1e-12);
        // and from the covariance directly
        assertEquals(expected, GaussianMi.ofCovariance(s, 1), 1e-12);
    }

    @Test
    void plugInMiRejectsUnpairedSamples() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMi.plugIn(column(1, 2, 3, 4), column(1, 2, 3, 4, 5)));
        assertTrue(e.getMessage().contains("4 points") && e.getMessage().contains("5"), e.getMessage());
    }

    @Test
    void gaussianMiRejectsCorrelationsOfOneAndGroupsThatAreEmpty() {
        for (double rho : new double[]{1, -1}) {
            var e = assertThrows(IllegalArgumentException.class, () -> GaussianMi.bivariate(rho));
            assertTrue(e.getMessage().contains("(−1, 1)"), e.getMessage());
        }
        double[][] cov = {{1, 0.5}, {0.5, 1}};
        for (int dx : new int[]{0, 2}) {
            var e = assertThrows(IllegalArgumentException.class, () -> GaussianMi.ofCovariance(cov, dx));
            assertTrue(e.getMessage().contains("non-empty"), e.getMessage());
        }
        // ρ = 0.5: I = −½ ln(0.75) from the 2×2 determinants 1, 1 and 0.75
        assertEquals(-0.5 * Math.log(0.75), GaussianMi.ofCovariance(cov, 1), 1e-15);
    }

    @Test
    void singularCovarianceIsRejectedNotInfinite() {
        // Y = X exactly: det Σ = 1·1 − 1·1 = 0 (the second Cholesky pivot is exactly 0); I would be +∞
        var e = assertThrows(IllegalArgumentException.class, () -> GaussianMi.ofCovariance(new double[][]{{1, 1}, {1, 1}}, 1));
        assertTrue(e.getMessage().contains("positive definite"), e.getMessage());
    }

    // ---- samplers ----

    /** Mean and (n − 1)-variance. */
    private static double[] moments(double[] v) {
        double m = 0, s = 0;
        for (double a : v) m += a / v.length;
        for (double a : v) s += (a - m) * (a - m) / (v.length - 1);
        return new double[]{m, s};
    }

    /** (n − 1)-covariance of x and y, given their {@link #moments}. */
    private static double covariance(double[] x, double[] mx, double[] y, double[] my) {
        double sxy = 0;
        for (int i = 0; i < x.length; i++) sxy += (x[i] - mx[0]) * (y[i] - my[0]) / (x.length - 1);
        return sxy;
    }

    @Test
    void gaussianSamplerHasTheMeanPerCoordinateAndTheSpread() {
        // N((−1, 3), 2² I), n = 20 000: the mean of a coordinate has se 2/√n = 0.014, 4 se = 0.057; the variance 4
        // has se ≈ 4·√(2/n) = 0.040, 4 se = 0.16
        int n = 20_000;
        double[] v = values(Sampler.gaussian(new double[]{-1, 3}, 2).sample(n, new Random(31)));
        assertEquals(2L * n, v.length);
        for (int j = 0; j < 2; j++) {
            double[] c = new double[n];
            for (int i = 0; i < n; i++) c[i] = v[2 * i + j];
            double[] mv = moments(c);
            assertEquals(j == 0 ? -1 : 3, mv[0], 4 * 2 / Math.sqrt(n), "mean of coordinate " + j);
            assertEquals(4, mv[1], 4 * 4 * Math.sqrt(2.0 / n), "variance of coordinate " + j);
        }
    }

    @Test
    void laplaceSamplerInvertsTheLaplaceCdf() {
        // Laplace(μ, b) with b = σ/√2 (variance 2b² = σ²): F(x) = ½ e^{(x−μ)/b} for x < μ, 1 − ½ e^{−(x−μ)/b} otherwise.
        // Drawn by inverting F, so F(x_i) = u_i + ½ where u_i = nextDouble() − ½ is the i-th uniform of the same seed.
        double mu = 1.5, sd = 2, b = sd / Math.sqrt(2);
        double[] v = values(Sampler.laplace(mu, sd).sample(200, new Random(32)));
        Random r = new Random(32);
        for (double xi : v) {
            double u = r.nextDouble();
            double f = xi < mu ? 0.5 * Math.exp((xi - mu) / b) : 1 - 0.5 * Math.exp(-(xi - mu) / b);
            assertEquals(u, f, 1e-12);
        }
    }

    @Test
    void uniformSamplerStaysInItsIntervalWithTheRightMoments() {
        // U(2, 5): mean 3.5, variance 3²/12 = 0.75; n = 20 000: se of the mean √(0.75/n) = 0.0061 (4 se = 0.024);
        // of the variance Var(s²) ≈ (μ₄ − σ⁴)/n with μ₄ = 3⁴/80 = 1.0125, so se = √((1.0125 − 0.5625)/n) = 0.0047
        int n = 20_000;
        double[] v = values(Sampler.uniform(2, 5).sample(n, new Random(33)));
        assertEquals(n, v.length);
        for (double a : v) assertTrue(a >= 2 && a < 5, "draw " + a + " outside [2, 5)");
        double[] mv = moments(v);
        assertEquals(3.5, mv[0], 4 * Math.sqrt(0.75 / n));
        assertEquals(0.75, mv[1], 4 * Math.sqrt((1.0125 - 0.5625) / n));

        var e = assertThrows(IllegalArgumentException.class, () -> Sampler.uniform(1, 1));
        assertTrue(e.getMessage().contains("a < b"), e.getMessage());
    }

    @Test
    void gaussianMixtureSamplerHasTheMixtureMoments() {
        // ½ N(−3, 0.5²) + ½ N(3, 0.5²): mean 0, variance σ² + Var(μ) = 0.25 + 9 = 9.25, half the draws above 0
        // (P(N(3, 0.25) < 0) = Φ(−6) ≈ 1e−9). n = 20 000: se of the mean √(9.25/n) = 0.0215; fraction se √(¼/n) = 0.0035;
        // variance: μ₄ of the mixture = E(μ+σε)⁴ = 81 + 6·9·0.25 + 3·0.0625 = 94.69, se √((94.69 − 85.56)/n) = 0.021
        int n = 20_000;
        double[] v = values(Sampler.gaussianMixture(new double[]{-3, 3}, 0.5).sample(n, new Random(34)));
        assertEquals(n, v.length);
        double[] mv = moments(v);
        assertEquals(0, mv[0], 4 * Math.sqrt(9.25 / n));
        assertEquals(9.25, mv[1], 4 * Math.sqrt((94.69 - 9.25 * 9.25) / n));
        int above = 0, near = 0;
        for (double a : v) {
            if (a > 0) above++;
            if (Math.abs(Math.abs(a) - 3) < 3) near++; // within 6σ of one of the means (P(miss) ≈ 2e−9 a draw)
        }
        assertEquals(0.5, above / (double) n, 4 * Math.sqrt(0.25 / n));
        assertEquals(n, near, "every draw lies near one of the two means");
    }

    @Test
    void correlatedPairsHaveUnitVariancesAndTheCorrelation() {
        // ρ = 0.6, n = 20 000: Var(y) = ρ² + (1 − ρ²) = 1 (se ≈ √(2/n) = 0.010, 4 se = 0.04);
        // the sample correlation has se ≈ (1 − ρ²)/√n = 0.0045, 4 se = 0.018
        int n = 20_000;
        Sampler.Pairs p = Sampler.correlated(n, 0.6, new Random(35));
        double[] x = values(p.x()), y = values(p.y());
        double[] mx = moments(x), my = moments(y);
        assertEquals(1, mx[1], 4 * Math.sqrt(2.0 / n));
        assertEquals(1, my[1], 4 * Math.sqrt(2.0 / n));
        double sxy = covariance(x, mx, y, my);
        assertEquals(0.6, sxy / Math.sqrt(mx[1] * my[1]), 4 * (1 - 0.36) / Math.sqrt(n));

        for (double rho : new double[]{1, -1}) {
            var e = assertThrows(IllegalArgumentException.class, () -> Sampler.correlated(10, rho, new Random(1)));
            assertTrue(e.getMessage().contains("(−1, 1)"), e.getMessage());
        }
    }

    @Test
    void independentPairsAreTwoStandardNormalsAndParabolaIsXSquaredPlusNoise() {
        // independent: both unit variance (4 se = 4√(2/n)), correlation 0 (4 se = 4/√n)
        int n = 20_000;
        Sampler.Pairs p = Sampler.independent(n, new Random(36));
        double[] x = values(p.x()), y = values(p.y());
        double[] mx = moments(x), my = moments(y);
        assertEquals(1, mx[1], 4 * Math.sqrt(2.0 / n));
        assertEquals(1, my[1], 4 * Math.sqrt(2.0 / n));
        double sxy = covariance(x, mx, y, my);
        assertEquals(0, sxy, 4 / Math.sqrt(n));

        // parabola: y − x² = ε ~ N(0, 0.3²): its mean is 0 (4 se = 4·0.3/√n), its variance 0.09 (4 se = 4·0.09·√(2/n))
        Sampler.Pairs q = Sampler.parabola(n, 0.3, new Random(37));
        double[] px = values(q.x()), py = values(q.y()), eps = new double[n];
        for (int i = 0; i < n; i++) eps[i] = py[i] - px[i] * px[i];
        double[] me = moments(eps);
        assertEquals(0, me[0], 4 * 0.3 / Math.sqrt(n));
        assertEquals(0.09, me[1], 4 * 0.09 * Math.sqrt(2.0 / n));
    }
}
