package lecture7.viz;

import lecture7.kernel.Kernel;
import lecture7.kernel.Rbf;
import lecture7.kernel.TaylorRbfFeatures;
import lecture7.mmd.Mmd;
import org.knowm.xchart.XYChart;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.awt.BasicStroke;
import java.awt.image.BufferedImage;

/** Figures and tables of the kernel trick (Lecture 7, Part 2): Taylor features of the RBF kernel, kernel shapes. */
public final class KernelFigures {
    private KernelFigures() {}

    /**
     * κ(x, y₀) = e^{−γ(x−y₀)²} over x ∈ [lo, hi] beside its truncated Taylor approximations φ_K(x)ᵀφ_K(y₀)
     * for each order K: low orders match near 0 and fail far from it.
     */
    public static BufferedImage taylorVsRbf(double gamma, double y0, int[] orders, double lo, double hi) {
        int points = 301;
        double[] x = new double[points], exact = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = lo + (hi - lo) * i / (points - 1);
            exact[i] = Math.exp(-gamma * (x[i] - y0) * (x[i] - y0));
        }
        XYChart chart = Charts.xy("RBF kernel κ(x, " + fmt(y0) + ") and its Taylor feature maps (γ = " + fmt(gamma) + ")",
                "x", "κ(x, y₀)");
        for (int order : orders) {
            TaylorRbfFeatures f = new TaylorRbfFeatures(gamma, order);
            double[] approx = new double[points];
            for (int i = 0; i < points; i++) approx[i] = Math.max(-0.5, Math.min(1.5, f.approximate(x[i], y0)));
            Charts.line(chart, "φᵀφ, order K = " + order + " (" + (order + 1) + " features)", x, approx);
        }
        Charts.line(chart, "exact e^{−γ(x−y₀)²}", x, exact).setLineStyle(new BasicStroke(3f));
        chart.getStyler().setYAxisMin(-0.5);
        chart.getStyler().setYAxisMax(1.5);
        return Charts.image(chart);
    }

    /**
     * Maximum error of the truncated Taylor kernel on the grid [−r, r]² beside the bound (2γr²)^{K+1}/(K+1)!,
     * one row per order.
     */
    public static Table taylorErrorTable(double gamma, double radius, int[] orders) {
        IntColumn order = IntColumn.create("order K"), features = IntColumn.create("features K+1");
        DoubleColumn err = DoubleColumn.create("max |κ − φᵀφ| on grid"), bound = DoubleColumn.create("bound (2γr²)^(K+1)/(K+1)!");
        for (int k : orders) {
            TaylorRbfFeatures f = new TaylorRbfFeatures(gamma, k);
            double worst = 0;
            for (int i = 0; i <= 60; i++)
                for (int j = 0; j <= 60; j++) {
                    double x = -radius + 2 * radius * i / 60, y = -radius + 2 * radius * j / 60;
                    worst = Math.max(worst, Math.abs(f.exact(x, y) - f.approximate(x, y)));
                }
            order.append(k);
            features.append(k + 1);
            err.append(worst);
            bound.append(f.maxTruncationBound(radius));
        }
        return Table.create("Taylor features of the RBF kernel, γ = " + fmt(gamma) + ", |x|, |y| ≤ " + fmt(radius),
                order, features, err, bound);
    }

    /**
     * The distance of Taylor feature means, ‖mean φ_K(x) − mean φ_K(y)‖², for each order K, beside the kernel's
     * MMD²_V: "distance of feature means" becomes "kernel MMD" as K grows. x, y: 1-D samples.
     */
    public static Table taylorMmdTable(INDArray x, INDArray y, double gamma, int[] orders) {
        double exact = Mmd.biased(new Rbf(gamma), x, y);
        IntColumn order = IntColumn.create("order K");
        DoubleColumn feat = DoubleColumn.create("‖mean φ_K(x) − mean φ_K(y)‖²"), kern = DoubleColumn.create("kernel MMD²_V"),
                diff = DoubleColumn.create("|difference|");
        for (int k : orders) {
            double m = Mmd.fromFeatures(new TaylorRbfFeatures(gamma, k), x, y);
            order.append(k);
            feat.append(m);
            kern.append(exact);
            diff.append(Math.abs(m - exact));
        }
        return Table.create("feature-mean distance vs kernel MMD², RBF γ = " + fmt(gamma), order, feat, kern, diff);
    }

    /** κ as a function of the distance r = ‖x − y‖ ∈ [0, rMax] for each kernel (points on a line in 1-D). */
    public static BufferedImage profiles(double rMax, Kernel... kernels) {
        int points = 201;
        double[] r = new double[points];
        for (int i = 0; i < points; i++) r[i] = rMax * i / (points - 1);
        XYChart chart = Charts.xy("Kernels as functions of the distance", "distance r = ‖x − y‖", "κ(x, y)");
        for (Kernel k : kernels) {
            double[] v = new double[points];
            for (int i = 0; i < points; i++) v[i] = k.value(new double[]{0}, new double[]{r[i]});
            Charts.line(chart, k.name(), r, v);
        }
        return Charts.image(chart);
    }

    static String fmt(double v) {
        return lecture7.kernel.Fmt.g(v);
    }
}
