package lecture7.kernel;

import lecture7.compute.Fmt;
import lecture7.compute.Inputs;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The explicit feature map of the 1-D RBF kernel, truncated after order K (slide "the kernel trick"):
 * <pre>
 *   e^{−γ(x−y)²} = e^{−γx²} e^{−γy²} Σ_k (2γxy)^k / k! = φ(x)ᵀφ(y),
 *   φ(x) = e^{−γx²} [1, √(2γ/1!)·x, √((2γ)²/2!)·x², …, √((2γ)^K/K!)·x^K].
 * </pre>
 * Each feature is computed in log space, ln|φ_k(x)| = −γx² + ½(k ln 2γ − ln k!) + k ln|x|, so orders in the
 * hundreds neither overflow ((2γ)^k, x^k) nor underflow (1/k!) before the product is formed.
 *
 * <p>Truncation error (Lagrange remainder of the exponential series, t = 2γxy):
 * |κ(x, y) − φ(x)ᵀφ(y)| ≤ e^{−γ(x²+y²)} · |t|^{K+1}/(K+1)! · e^{|t|} = |t|^{K+1}/(K+1)! · e^{−γ(|x|−|y|)²}
 * ({@link #truncationBound}), and for |x|, |y| ≤ r at most (2γr²)^{K+1}/(K+1)! ({@link #maxTruncationBound}).
 *
 * <p>Made by a factory named for what it takes: {@link #ofOrder} (the highest power K, giving K + 1 features) or
 * {@link #withFeatures} (the number of features).
 */
public final class TaylorRbfFeatures implements FeatureMap {
    private final double gamma;
    private final int order;

    private TaylorRbfFeatures(double gamma, int order) {
        Inputs.positive("RBF γ", gamma);
        if (order < 0 || order > 1000) throw new IllegalArgumentException("order K must be in 0..1000, got " + order);
        this.gamma = gamma;
        this.order = order;
    }

    /**
     * The map up to the power x^K: K + 1 features φ_0 … φ_K.
     *
     * @param gamma γ &gt; 0 of the RBF kernel e^{−γ(x−y)²}
     * @param order K ≥ 0, the highest power kept
     */
    public static TaylorRbfFeatures ofOrder(double gamma, int order) {
        return new TaylorRbfFeatures(gamma, order);
    }

    /**
     * The first {@code count} features φ_0 … φ_{count−1} (order K = count − 1).
     *
     * @param gamma γ &gt; 0 of the RBF kernel e^{−γ(x−y)²}
     * @param count number of features, ≥ 1
     */
    public static TaylorRbfFeatures withFeatures(double gamma, int count) {
        if (count < 1 || count > 1001) throw new IllegalArgumentException("number of features must be in 1..1001, got " + count);
        return new TaylorRbfFeatures(gamma, count - 1);
    }

    /** γ of the kernel. */
    public double gamma() {
        return gamma;
    }

    /** K, the highest power kept. */
    public int order() {
        return order;
    }

    /** Number of features, K + 1. */
    public int featureCount() {
        return order + 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaylorRbfFeatures t && Double.compare(t.gamma, gamma) == 0 && t.order == order;
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(gamma) + order;
    }

    @Override
    public String toString() {
        return name();
    }

    /** The kernel this map approximates. */
    public Rbf kernel() {
        return new Rbf(gamma);
    }

    /** φ(x) for one number x: K + 1 features. */
    public double[] features(double x) {
        if (!Double.isFinite(x)) throw new IllegalArgumentException("x must be finite, got " + x);
        double[] phi = new double[order + 1];
        double base = -gamma * x * x, log2g = Math.log(2 * gamma), logAbs = Math.log(Math.abs(x));
        phi[0] = Math.exp(base);
        for (int k = 1; k <= order; k++) {
            if (x == 0) break; // x^k = 0 for k ≥ 1
            // ln|φ_k(x)| = −γx² + ½(k ln 2γ − ln k!) + k ln|x|
            double logAbsPhi = base + 0.5 * (k * log2g - Taylor.logFactorial(k)) + k * logAbs;
            double sign = (x < 0 && k % 2 == 1) ? -1 : 1;
            phi[k] = sign * Math.exp(logAbsPhi);
        }
        return phi;
    }

    /** Features of a column of numbers: {@code [n, 1]} (or a vector of n) → {@code [n, K+1]}, in x's type. */
    @Override
    public INDArray map(INDArray x) {
        x = Inputs.batch("x", x, 0);
        if (x.columns() != 1)
            throw new IllegalArgumentException("the Taylor feature map is for 1-D data; x has " + x.columns() + " columns");
        double[] in = Inputs.doubles(x);
        double[] out = new double[in.length * (order + 1)];
        for (int i = 0; i < in.length; i++) System.arraycopy(features(in[i]), 0, out, i * (order + 1), order + 1);
        return Nd4j.create(out, new long[]{in.length, order + 1}, DataType.DOUBLE).castTo(x.dataType());
    }

    /** The truncated kernel φ(x)ᵀφ(y). */
    public double approximate(double x, double y) {
        double[] a = features(x), b = features(y);
        double s = 0;
        for (int k = order; k >= 0; k--) s += a[k] * b[k]; // small terms first
        return s;
    }

    /** The exact kernel e^{−γ(x−y)²}. */
    public double exact(double x, double y) {
        return Math.exp(-gamma * (x - y) * (x - y));
    }

    /** Bound on |κ(x, y) − φ(x)ᵀφ(y)|: |t|^{K+1}/(K+1)! · e^{−γ(|x|−|y|)²}, t = 2γxy. */
    public double truncationBound(double x, double y) {
        double t = Math.abs(2 * gamma * x * y);
        if (t == 0) return 0;
        double gap = Math.abs(x) - Math.abs(y);
        return Math.exp((order + 1) * Math.log(t) - Taylor.logFactorial(order + 1) - gamma * gap * gap);
    }

    /** Bound on the truncation error over |x|, |y| ≤ r: (2γr²)^{K+1}/(K+1)!. */
    public double maxTruncationBound(double r) {
        if (!(r >= 0)) throw new IllegalArgumentException("radius must be ≥ 0, got " + r);
        if (r == 0) return 0;
        return Math.exp((order + 1) * Math.log(2 * gamma * r * r) - Taylor.logFactorial(order + 1));
    }

    @Override
    public String name() {
        return "Taylor RBF features (γ=" + Fmt.g(gamma) + ", K=" + order + ": " + (order + 1) + " features)";
    }
}
