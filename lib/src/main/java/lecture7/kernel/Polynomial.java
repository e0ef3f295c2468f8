package lecture7.kernel;

import lecture7.compute.Fmt;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The polynomial kernel κ(x, y) = (xᵀy + c)^p. Its feature map is finite ({@link PolynomialFeatures}): MMD with
 * it compares the moments of order ≤ p only, so it cannot tell apart distributions that share them (slide
 * "Gaussian and Laplacian distributions").
 *
 * @param degree p ≥ 1
 * @param c      offset c ≥ 0 (c = 0: homogeneous, moments of order exactly p)
 */
public record Polynomial(int degree, double c) implements DotKernel {
    public Polynomial {
        if (degree < 1) throw new IllegalArgumentException("polynomial degree must be ≥ 1, got " + degree);
        if (!(c >= 0) || !Double.isFinite(c)) throw new IllegalArgumentException("polynomial offset c must be finite and ≥ 0, got " + c);
    }

    @Override
    public INDArray applyInPlace(INDArray a) {
        // κ = (t + c)^p by repeated multiplication (exact for negative t, unlike exp(p·ln t))
        a.addi(c);
        if (degree == 1) return a;
        INDArray base = a.dup();
        for (int i = 1; i < degree; i++) a.muli(base);
        base.close();
        return a;
    }

    @Override
    public double ofDot(double t) {
        double b = t + c, r = 1;
        for (int i = 0; i < degree; i++) r *= b;
        return r;
    }

    @Override
    public String name() {
        return "Polynomial(p=" + degree + ", c=" + Fmt.g(c) + ")";
    }
}
