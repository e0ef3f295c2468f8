package lecture7.kernel;

import lecture7.compute.Fmt;
import lecture7.compute.Inputs;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * The finite feature map of the polynomial kernel (xᵀy + c)^p. By the multinomial theorem
 * (c + Σ_j x_j y_j)^p = Σ_{|α| = p} p!/(α₀!α₁!…α_d!) · c^{α₀} · Π_j (x_j y_j)^{α_j}, so
 * φ_α(x) = √(p!/(α₀!…α_d!) · c^{α₀}) · Π_j x_j^{α_j}, one feature per multi-index α ∈ ℕ^{d+1} with |α| = p:
 * C(p + d, d) features in all.
 *
 * @param degree p ≥ 1
 * @param c      offset c ≥ 0
 */
public record PolynomialFeatures(int degree, double c) implements FeatureMap {
    public PolynomialFeatures {
        new Polynomial(degree, c); // same checks as the kernel
    }

    /** The kernel this map reproduces. */
    public Polynomial kernel() {
        return new Polynomial(degree, c);
    }

    /** Number of features for points in d dimensions, C(p + d, d). */
    public long dimension(int d) {
        long r = 1;
        for (int i = 1; i <= d; i++) r = r * (degree + i) / i;
        return r;
    }

    @Override
    public INDArray map(INDArray x) {
        x = Inputs.batch("x", x, 0);
        int n = (int) x.rows(), d = (int) x.columns();
        if (dimension(d) > 1_000_000)
            throw new IllegalArgumentException("degree " + degree + " in " + d + " dimensions has " + dimension(d)
                    + " features; use the kernel instead of the explicit map");
        List<int[]> alphas = new ArrayList<>();
        enumerate(new int[d + 1], 0, degree, alphas);
        double[] coef = new double[alphas.size()];
        for (int a = 0; a < coef.length; a++) {
            int[] al = alphas.get(a);
            // √(p!/(α₀!…α_d!) · c^{α₀})
            double logMult = Taylor.logFactorial(degree);
            for (int e : al) logMult -= Taylor.logFactorial(e);
            coef[a] = Math.sqrt(Math.exp(logMult) * Math.pow(c, al[0]));
        }
        double[] in = Inputs.doubles(x), out = new double[n * coef.length];
        for (int i = 0; i < n; i++)
            for (int a = 0; a < coef.length; a++) {
                int[] al = alphas.get(a);
                double v = coef[a];
                for (int j = 0; j < d; j++) v *= pow(in[i * d + j], al[j + 1]);
                out[i * coef.length + a] = v;
            }
        return Nd4j.create(out, new long[]{n, coef.length}, DataType.DOUBLE).castTo(x.dataType());
    }

    private static double pow(double v, int e) {
        double r = 1;
        for (int i = 0; i < e; i++) r *= v;
        return r;
    }

    /** All α with α[slot..] summing to {@code left}. */
    private static void enumerate(int[] alpha, int slot, int left, List<int[]> out) {
        if (slot == alpha.length - 1) {
            alpha[slot] = left;
            out.add(alpha.clone());
            return;
        }
        for (int e = left; e >= 0; e--) {
            alpha[slot] = e;
            enumerate(alpha, slot + 1, left - e, out);
        }
    }

    @Override
    public String name() {
        return "polynomial features (p=" + degree + ", c=" + Fmt.g(c) + ")";
    }
}
