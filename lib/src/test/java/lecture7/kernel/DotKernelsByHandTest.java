package lecture7.kernel;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.*;

/** The dot-product kernels on points worked by hand, the Taylor map's accessors, and the names figures show. */
class DotKernelsByHandTest {

    private static INDArray rows(double[][] a) {
        return Nd4j.create(a).castTo(DataType.DOUBLE);
    }

    @Test
    void polynomialAndLinearValuesByHand() {
        // a = (1, 2), b = (3, −1): aᵀb = 3 − 2 = 1; (1 + 1)³ = 8; linear: 1
        double[] a = {1, 2}, b = {3, -1};
        assertEquals(8, new Polynomial(3, 1).value(a, b), 1e-15);
        assertEquals(1, new Linear().value(a, b), 1e-15);
        // negative dot product, odd degree: (−2 + 0)³ = −8 (repeated multiplication, not exp(3 ln t))
        assertEquals(-8, new Polynomial(3, 0).value(new double[]{1}, new double[]{-2}), 1e-15);
        assertEquals(-2, new Linear().ofDot(-2), 0.0);
        var e = assertThrows(IllegalArgumentException.class, () -> new Polynomial(2, 1).value(a, new double[]{1}));
        assertTrue(e.getMessage().contains("coordinates"), e.getMessage());
    }

    @Test
    void pairedKernelValuesByHand() {
        // rows x = (1, 2), (0, 1), (2, −1); y = (3, −1), (2, 2), (1, 1): row dot products 1, 2, 1
        INDArray x = rows(new double[][]{{1, 2}, {0, 1}, {2, -1}}), y = rows(new double[][]{{3, -1}, {2, 2}, {1, 1}});
        // (t + ½)²: 2.25, 6.25, 2.25
        assertArrayEquals(new double[]{2.25, 6.25, 2.25}, new Polynomial(2, 0.5).paired(x, y).castTo(DataType.DOUBLE).toDoubleVector(), 1e-12);
        // degree 1: t + ½
        assertArrayEquals(new double[]{1.5, 2.5, 1.5}, new Polynomial(1, 0.5).paired(x, y).castTo(DataType.DOUBLE).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[]{1, 2, 1}, new Linear().paired(x, y).castTo(DataType.DOUBLE).toDoubleVector(), 1e-12);
    }

    @Test
    void taylorFeatureCountsAndEquality() {
        // withFeatures(γ, n) keeps φ_0 … φ_{n−1}: order K = n − 1; the limits 1 and 1001 features are allowed
        TaylorRbfFeatures one = TaylorRbfFeatures.withFeatures(0.5, 1);
        assertEquals(0, one.order());
        assertEquals(1, one.featureCount());
        assertEquals(0.5, one.gamma(), 0.0);
        TaylorRbfFeatures most = TaylorRbfFeatures.withFeatures(0.5, 1001);
        assertEquals(1000, most.order());
        assertEquals(1001, most.featureCount());
        for (int bad : new int[]{0, 1002}) {
            var e = assertThrows(IllegalArgumentException.class, () -> TaylorRbfFeatures.withFeatures(0.5, bad));
            assertTrue(e.getMessage().contains("1..1001"), e.getMessage());
        }
        // the same map however it was asked for
        TaylorRbfFeatures a = TaylorRbfFeatures.ofOrder(0.25, 3), b = TaylorRbfFeatures.withFeatures(0.25, 4);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, TaylorRbfFeatures.ofOrder(0.25, 4));
        assertNotEquals(a, TaylorRbfFeatures.ofOrder(0.5, 3));
        assertNotEquals(a, (Object) new Rbf(0.25));
    }

    @Test
    void monomialFeaturesOfTwoPointsInTwoDimensions() {
        // φ(x) = (x₁, x₁², x₂, x₂²) for K = 2: (1, 2) ↦ (1, 1, 2, 4), (3, 4) ↦ (3, 9, 4, 16)
        double[] f = new MonomialFeatures(2).map(rows(new double[][]{{1, 2}, {3, 4}})).castTo(DataType.DOUBLE).data().asDouble();
        assertArrayEquals(new double[]{1, 1, 2, 4, 3, 9, 4, 16}, f, 1e-15);
    }

    @Test
    void namesShownInFiguresStateTheParameters() {
        assertEquals("moments x…x^3", new MonomialFeatures(3).name());
        assertEquals("polynomial features (p=2, c=1)", new PolynomialFeatures(2, 1).name());
        // the figures' titles and the notebooks' tables print these
        assertEquals("RBF(γ=0.5)", new Rbf(0.5).name());
        assertEquals("Laplace(γ=2)", new Laplace(2).name());
        assertEquals("Linear", new Linear().name());
        assertEquals("IMQ(c=1, β=0.5)", new InverseMultiquadric(1, 0.5).name());
        assertEquals("Polynomial(p=3, c=1)", new Polynomial(3, 1).name());
        assertEquals("Taylor RBF features (γ=0.25, K=3: 4 features)", TaylorRbfFeatures.ofOrder(0.25, 3).name());
        assertEquals(TaylorRbfFeatures.ofOrder(0.25, 3).name(), TaylorRbfFeatures.ofOrder(0.25, 3).toString());
    }
}
