package lecture7.elbo;

/** Small dense linear algebra in double precision for the tractable models (dimensions of a few dozen). */
final class LinAlg {
    private LinAlg() {}

    /** Lower-triangular L with A = L Lᵀ; throws if A is not symmetric positive definite. */
    static double[][] cholesky(double[][] a, String what) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) throw new IllegalArgumentException(what + " is not square: row " + i + " has " + a[i].length + " entries, expected " + n);
            for (int j = 0; j <= i; j++) {
                if (Math.abs(a[i][j] - a[j][i]) > 1e-10 * (1 + Math.abs(a[i][j])))
                    throw new IllegalArgumentException(what + " is not symmetric: [" + i + "][" + j + "] = " + a[i][j] + " but [" + j + "][" + i + "] = " + a[j][i]);
                double s = a[i][j];
                for (int k = 0; k < j; k++) s -= l[i][k] * l[j][k];
                if (i == j) {
                    if (!(s > 0)) throw new IllegalArgumentException(what + " is not positive definite (pivot " + i + " = " + s + ")");
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    /** ln det A = 2 Σ ln L_ii from the Cholesky factor. */
    static double logDet(double[][] chol) {
        double s = 0;
        for (int i = 0; i < chol.length; i++) s += Math.log(chol[i][i]);
        return 2 * s;
    }

    /** Solves A x = b given A = L Lᵀ. */
    static double[] cholSolve(double[][] l, double[] b) {
        int n = l.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) s -= l[i][k] * y[k];
            y[i] = s / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) s -= l[k][i] * x[k];
            x[i] = s / l[i][i];
        }
        return x;
    }

    /** Inverse of A from its Cholesky factor. */
    static double[][] cholInverse(double[][] l) {
        int n = l.length;
        double[][] inv = new double[n][];
        for (int j = 0; j < n; j++) {
            double[] e = new double[n];
            e[j] = 1;
            inv[j] = cholSolve(l, e);
        }
        return inv; // symmetric, so columns = rows
    }

    static double[] matVec(double[][] a, double[] x) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) s += a[i][j] * x[j];
            y[i] = s;
        }
        return y;
    }

    /** Aᵀ x. */
    static double[] matTVec(double[][] a, double[] x) {
        int m = a[0].length;
        double[] y = new double[m];
        for (int i = 0; i < a.length; i++)
            for (int j = 0; j < m; j++) y[j] += a[i][j] * x[i];
        return y;
    }

    static double[][] matMul(double[][] a, double[][] b) {
        int n = a.length, k = b.length, m = b[0].length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++)
            for (int p = 0; p < k; p++) {
                double v = a[i][p];
                for (int j = 0; j < m; j++) c[i][j] += v * b[p][j];
            }
        return c;
    }

    static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++)
            for (int j = 0; j < a[0].length; j++) t[j][i] = a[i][j];
        return t;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    static double trace(double[][] a) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i][i];
        return s;
    }

    static double[] sub(double[] a, double[] b) {
        double[] c = new double[a.length];
        for (int i = 0; i < a.length; i++) c[i] = a[i] - b[i];
        return c;
    }

    static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
        return c;
    }
}
