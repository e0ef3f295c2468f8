package lecture7.kernel;

import lecture7.compute.Inputs;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.*;

/** Kernels, Gram matrices by GEMM, the median heuristic and the Taylor feature map of the 1-D RBF kernel. */
class KernelsTest {
    private static final double[][] X = {{0, 0}, {1, 0}, {0, 2}}, Y = {{1, 1}, {-1, 0}};

    @Test
    void gramMatricesMatchTheDefinitions() {
        INDArray x = Nd4j.createFromArray(X), y = Nd4j.createFromArray(Y);
        Kernel[] kernels = {Rbf.ofGamma(0.7), Laplace.ofBandwidth(1.3), InverseMultiquadric.of(1.0), new Polynomial(3, 0.5), new Linear()};
        for (Kernel k : kernels) {
            INDArray g = Gram.matrix(k, x, y);
            for (int i = 0; i < X.length; i++)
                for (int j = 0; j < Y.length; j++) {
                    double d2 = 0, dot = 0;
                    for (int c = 0; c < 2; c++) { d2 += (X[i][c] - Y[j][c]) * (X[i][c] - Y[j][c]); dot += X[i][c] * Y[j][c]; }
                    // definitions written out here, independently of the library
                    double expected;
                    if (k instanceof Rbf r) expected = Math.exp(-r.gamma() * d2);
                    else if (k instanceof Polynomial p) expected = Math.pow(dot + p.c(), p.degree());
                    else if (k instanceof Linear) expected = dot;
                    else if (k instanceof Laplace) expected = Math.exp(-Math.sqrt(d2) / 1.3);   // ofBandwidth(σ): γ = 1/σ
                    else expected = 1 / Math.sqrt(1 + d2);                                    // IMQ c = 1, β = ½
                    assertEquals(expected, g.getDouble(i, j), 1e-12, k.name() + " at " + i + "," + j);
                }
        }
        // IMQ κ = (c² + r²)^(−1/2) and Laplace κ = exp(−‖x−y‖/σ)-style: spot values by hand
        assertEquals(1 / Math.sqrt(1 + 2), InverseMultiquadric.of(1.0).value(X[0], Y[0]), 1e-12);
    }

    /**
     * Parameter conversions against values worked out by hand (not with the library's own {@code value()}): a
     * wrong γ = 1/σ² for the RBF bandwidth, or γ = σ for Laplace, changes every number here.
     */
    @Test
    void bandwidthConversionsGiveHandValues() {
        double[] o = {0, 0}, a = {1, 0}, b = {3, 4};   // ‖a − o‖ = 1, ‖b − o‖ = 5
        // RBF σ = 2: γ = 1/(2σ²) = 1/8, κ(o, a) = e^{−1/8}, κ(o, b) = e^{−25/8}
        Rbf r = Rbf.ofBandwidth(2);
        assertEquals(0.125, r.gamma(), 0);
        assertEquals(Math.exp(-0.125), r.value(o, a), 1e-15);
        assertEquals(Math.exp(-3.125), r.value(o, b), 1e-15);
        assertEquals(2.0, r.bandwidth(), 1e-15);
        assertEquals(2.0, Rbf.ofGamma(0.125).bandwidth(), 1e-15);
        // the median heuristic's kernel is the same conversion: σ = 2 ⇒ γ = 1/8
        assertEquals(0.125, new Bandwidth.Choice(2, 3, false, "").rbf().gamma(), 0);
        // Laplace σ = 2: γ = 1/σ = ½, κ(o, b) = e^{−5/2} (Euclidean norm, not the squared one)
        Laplace l = Laplace.ofBandwidth(2);
        assertEquals(0.5, l.gamma(), 0);
        assertEquals(Math.exp(-2.5), l.value(o, b), 1e-15);
        assertEquals(Math.exp(-0.5), l.value(o, a), 1e-15);
        // IMQ c = 2, β = ½ at r² = 5: (1 + 5/4)^{−½} = (9/4)^{−½} = 2/3;  c = 2, β = 1 at r² = 25: 1/(1 + 25/4) = 4/29
        assertEquals(2.0 / 3, InverseMultiquadric.of(2).value(o, new double[]{1, 2}), 1e-15);
        assertEquals(4.0 / 29, new InverseMultiquadric(2, 1).value(o, b), 1e-15);
        // and the same numbers through the Gram matrix (GEMM path for RBF and IMQ, coordinate path for Laplace)
        INDArray x = Nd4j.createFromArray(new double[][]{o}), y = Nd4j.createFromArray(new double[][]{a, b, {1, 2}});
        assertArrayEquals(new double[]{Math.exp(-0.125), Math.exp(-3.125), Math.exp(-0.625)}, Inputs.doubles(r.gram(x, y)), 1e-15);
        assertArrayEquals(new double[]{Math.exp(-0.5), Math.exp(-2.5), Math.exp(-0.5 * Math.sqrt(5))}, Inputs.doubles(l.gram(x, y)), 1e-15);
        assertArrayEquals(new double[]{Math.pow(1.25, -0.5), Math.pow(29.0 / 4, -0.5), 2.0 / 3},
                Inputs.doubles(InverseMultiquadric.of(2).gram(x, y)), 1e-15);
        assertArrayEquals(new double[]{0.8, 4.0 / 29, 4.0 / 9}, Inputs.doubles(new InverseMultiquadric(2, 1).paired(
                Nd4j.createFromArray(new double[][]{o, o, o}), y)), 1e-15);
        assertArrayEquals(new double[]{Math.exp(-0.5), Math.exp(-2.5), Math.exp(-0.5 * Math.sqrt(5))}, Inputs.doubles(l.paired(
                Nd4j.createFromArray(new double[][]{o, o, o}), y)), 1e-15);
    }

    @Test
    void squaredDistancesAreClippedAtZero() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 50, 8).muli(1000);
        INDArray d2 = Gram.squaredDistances(x, x);
        assertTrue(d2.minNumber().doubleValue() >= 0, "‖x‖² + ‖y‖² − 2xᵀy rounds below 0 without the clip");
        assertTrue(Gram.matrix(Rbf.ofGamma(1), x, x).maxNumber().doubleValue() <= 1.0);
    }

    @Test
    void medianHeuristicOnHandChosenPoints() {
        // 1-D points 0, 1, 3: distances 1, 3, 2 → median 2
        INDArray z = Nd4j.createFromArray(new double[][]{{0}, {1}, {3}});
        var c = Bandwidth.median(z, 1000, 0);
        assertEquals(2.0, c.sigma(), 1e-12);
        assertFalse(c.fallback());
    }

    @Test
    void medianOfAnEvenNumberOfDistancesIsTheMeanOfTheTwoMiddleOnes() {
        // 1-D points 0, 1, 3, 7: the 6 distances 1, 3, 7, 2, 6, 4 sorted are 1 2 3 4 6 7 → median (3 + 4)/2 = 3.5
        // (taking either middle one alone gives 3 or 4). The default 1000 points give 499 500 distances: even.
        var c = Bandwidth.median(Nd4j.createFromArray(new double[][]{{0}, {1}, {3}, {7}}), 1000, 0);
        assertEquals(3.5, c.sigma(), 1e-15);
        assertEquals(4, c.points());
        assertFalse(c.fallback());
        // pooled x ∪ y is the same sample
        assertEquals(3.5, Bandwidth.median(Nd4j.createFromArray(new double[][]{{0}, {7}}), Nd4j.createFromArray(new double[][]{{3}, {1}})).sigma(), 1e-15);
        // the fallback's median of the non-zero distances, also an even count: eleven 0s and 1, 2, 3, 8 give 105
        // distances, 55 of them 0 (so the median of all is 0); the 50 non-zero ones sorted are 1 (×13: 11 + |1−2|, |2−3|),
        // 2 (×12: 11 + |1−3|), 3 (×11), 5, 6, 7, 8 (×11), so the 25th and 26th are 2 and 3 → σ = 2.5
        double[][] ties = new double[15][1];
        ties[11][0] = 1;
        ties[12][0] = 2;
        ties[13][0] = 3;
        ties[14][0] = 8;
        var f = Bandwidth.median(Nd4j.createFromArray(ties), 1000, 0);
        assertTrue(f.fallback());
        assertEquals(2.5, f.sigma(), 1e-15);
        assertTrue(f.note().contains("50 non-zero"), f.note());
    }

    /**
     * The subset path (more points than maxPoints) on points whose every subset has the same answer: the five unit
     * vectors of ℝ⁵ are all √2 apart, so any 3 of them (or 2) give σ = √2. Five coordinates per point also catch an
     * offset computed with the wrong row stride, which 1-D points cannot.
     */
    @Test
    void medianOnARandomSubsetOfEquidistantPoints() {
        INDArray e = Nd4j.eye(5).castTo(DataType.DOUBLE);
        var c = Bandwidth.median(e, 3, 7);
        assertEquals(Math.sqrt(2), c.sigma(), 1e-15);
        assertEquals(3, c.points());
        assertEquals(Math.sqrt(2), Bandwidth.median(e, 2, 1).sigma(), 1e-15);
        assertEquals(Math.sqrt(2), Bandwidth.median(e, 5, 1).sigma(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Bandwidth.median(e, 1, 1));
        // 2-D points (0,0), (3,4), (6,8), (0,8): distances 5, 10, 8, 5, 5, 6 → sorted 5 5 5 6 8 10 → (5 + 6)/2
        INDArray p = Nd4j.createFromArray(new double[][]{{0, 0}, {3, 4}, {6, 8}, {0, 8}});
        assertEquals(5.5, Bandwidth.median(p, 1000, 0).sigma(), 1e-15);
    }

    @Test
    void medianHeuristicFallsBackWhenTiesMakeTheMedianZero() {
        // five copies of 0 and one 4: 10 of 15 distances are 0; the non-zero ones are all 4
        INDArray z = Nd4j.createFromArray(new double[][]{{0}, {0}, {0}, {0}, {0}, {4}});
        var c = Bandwidth.median(z, 1000, 0);
        assertTrue(c.fallback());
        assertEquals(4.0, c.sigma(), 1e-12);
        INDArray same = Nd4j.createFromArray(new double[][]{{2}, {2}, {2}});
        var e = assertThrows(IllegalArgumentException.class, () -> Bandwidth.median(same, 1000, 0));
        assertTrue(e.getMessage().contains("identical"), e.getMessage());
    }

    @Test
    void taylorFeaturesConvergeToTheRbfKernelWithinTheBound() {
        double gamma = 0.5;
        double previousMax = Double.POSITIVE_INFINITY;
        for (int order : new int[]{2, 5, 10, 20, 40}) {
            var phi = TaylorRbfFeatures.ofOrder(gamma, order);
            double maxErr = 0;
            for (double x = -2; x <= 2; x += 0.25)
                for (double y = -2; y <= 2; y += 0.25) {
                    double exact = Math.exp(-gamma * (x - y) * (x - y)); // the kernel itself, not the library's
                    double err = Math.abs(exact - phi.approximate(x, y));
                    assertTrue(err <= phi.truncationBound(x, y) * (1 + 1e-9) + 1e-15,
                            "order " + order + " at (" + x + ", " + y + "): error " + err + " > bound " + phi.truncationBound(x, y));
                    maxErr = Math.max(maxErr, err);
                }
            assertTrue(maxErr <= phi.maxTruncationBound(2) + 1e-15);
            assertTrue(maxErr < previousMax || maxErr < 1e-14, "error must shrink with the order");
            previousMax = maxErr;
        }
        assertTrue(previousMax < 1e-12, "40 terms reproduce the kernel on [−2, 2]: " + previousMax);
    }

    /**
     * The bound is tight to the factor e^t: for x, y &gt; 0 every term of e^{−γ(x²+y²)} Σ_k t^k/k! (t = 2γxy) is
     * positive, so the error is at least the first omitted term L = e^{−γ(x²+y²)} t^{K+1}/(K+1)!, and the
     * Lagrange bound is exactly L·e^t. A bound with K in place of K + 1 is larger by (K+1)/t and fails here.
     */
    @Test
    void taylorBoundIsTheFirstOmittedTermTimesETheT() {
        double gamma = 0.5;
        for (int order : new int[]{0, 1, 3, 6, 12})
            for (double[] p : new double[][]{{0.5, 1.5}, {1, 1}, {2, 0.25}, {1.5, 1.75}}) {
                var phi = TaylorRbfFeatures.ofOrder(gamma, order);
                double x = p[0], y = p[1], t = 2 * gamma * x * y, fact = 1;
                for (int k = 2; k <= order + 1; k++) fact *= k;
                double first = Math.exp(-gamma * (x * x + y * y)) * Math.pow(t, order + 1) / fact;
                double err = phi.exact(x, y) - phi.approximate(x, y);
                String at = "K=" + order + " at (" + x + ", " + y + ")";
                assertTrue(err >= first * (1 - 1e-9), at + ": error " + err + " below the first omitted term " + first);
                assertEquals(first * Math.exp(t), phi.truncationBound(x, y), 1e-12 * first * Math.exp(t), at);
                // same for negative x and y (t > 0 again): the bound depends on |x|, |y| and the sign of xy only through |t|
                assertEquals(phi.truncationBound(x, y), phi.truncationBound(-x, -y), 1e-15 * phi.truncationBound(x, y), at);
            }
        // over |x|, |y| ≤ r: (2γr²)^{K+1}/(K+1)!, reached at x = y = r where the Gaussian factor is 1
        assertEquals(Math.pow(4, 3) / 6, TaylorRbfFeatures.ofOrder(0.5, 2).maxTruncationBound(2), 1e-12);
        assertEquals(TaylorRbfFeatures.ofOrder(0.5, 2).truncationBound(2, 2), TaylorRbfFeatures.ofOrder(0.5, 2).maxTruncationBound(2), 1e-12);
        assertEquals(0, TaylorRbfFeatures.ofOrder(0.5, 2).maxTruncationBound(0), 0);
        assertEquals(0, TaylorRbfFeatures.ofOrder(0.5, 2).truncationBound(0, 1.5), 0);
        assertThrows(IllegalArgumentException.class, () -> TaylorRbfFeatures.ofOrder(0.5, 2).maxTruncationBound(-1));
    }

    /** φ(x) written out for K = 3: e^{−γx²} [1, √(2γ) x, (2γ) x²/√2, (2γ)^{3/2} x³/√6]. */
    @Test
    void taylorFeaturesAreTheWrittenOutSeries() {
        double g = 0.3, x = -1.7, e = Math.exp(-g * x * x);
        double[] want = {e, e * Math.sqrt(2 * g) * x, e * 2 * g * x * x / Math.sqrt(2), e * Math.pow(2 * g, 1.5) * x * x * x / Math.sqrt(6)};
        assertArrayEquals(want, TaylorRbfFeatures.ofOrder(g, 3).features(x), 1e-15);
        assertArrayEquals(new double[]{1, 0, 0, 0}, TaylorRbfFeatures.ofOrder(g, 3).features(0), 0);
        INDArray m = TaylorRbfFeatures.ofOrder(g, 3).map(Nd4j.createFromArray(new double[][]{{x}, {0}}));
        assertArrayEquals(want, m.getRow(0).toDoubleVector(), 1e-15);
        assertEquals(g, TaylorRbfFeatures.ofOrder(g, 3).kernel().gamma(), 0);
        // the exact kernel it is compared with: e^{−γ(x−y)²}, by hand at x − y = 2
        assertEquals(Math.exp(-0.3 * 4), TaylorRbfFeatures.ofOrder(g, 3).exact(-1, 1), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> TaylorRbfFeatures.ofOrder(g, 3).features(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> TaylorRbfFeatures.ofOrder(g, 3).map(Nd4j.zeros(2, 2)));
    }

    @Test
    void taylorFeaturesStayFiniteAtHighOrders() {
        double[] f = TaylorRbfFeatures.ofOrder(2.0, 300).features(5.0);
        for (double v : f) assertTrue(Double.isFinite(v));
        INDArray mapped = TaylorRbfFeatures.ofOrder(0.5, 10).map(Nd4j.createFromArray(new double[][]{{0.5}, {-1}}));
        assertArrayEquals(new long[]{2, 11}, mapped.shape());
    }

    @Test
    void badKernelParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Rbf.ofBandwidth(0));
        assertThrows(IllegalArgumentException.class, () -> TaylorRbfFeatures.ofOrder(-1, 3));
        assertThrows(IllegalArgumentException.class, () -> TaylorRbfFeatures.ofOrder(1, -1));
    }
}
