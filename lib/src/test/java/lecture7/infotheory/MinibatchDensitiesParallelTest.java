package lecture7.infotheory;

import lecture7.compute.Parallel;
import lecture7.elbo.LogSumExp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link MinibatchDensities} runs on {@link Parallel}'s threads: its densities and gradients are the same bits as the
 * plain sequential loops written out below (the class's loops before they ran in parallel), on 1, 2 and 3 threads,
 * for a batch that is not a multiple of the block size and with some derivatives absent or zero.
 */
class MinibatchDensitiesParallelTest {
    private final int before = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(before);
    }

    @Test
    void sameBitsAsTheSequentialLoopsOnAnyNumberOfThreads() {
        int b = 37, d = 5;
        long n = 1000;
        Random r = new Random(3);
        double[][] z = new double[b][d], mu = new double[b][d], ls = new double[b][d];
        for (int i = 0; i < b; i++)
            for (int j = 0; j < d; j++) {
                mu[i][j] = r.nextGaussian();
                ls[i][j] = 0.5 * r.nextGaussian() - 0.5;
                z[i][j] = mu[i][j] + Math.exp(ls[i][j]) * r.nextGaussian();
            }
        double[] dQz = new double[b], dQzx = new double[b], dPz = new double[b];
        double[][] dQzj = new double[b][d];
        for (int i = 0; i < b; i++) {
            dQz[i] = r.nextGaussian();
            dQzx[i] = r.nextGaussian();
            dPz[i] = r.nextGaussian();
            for (int j = 0; j < d; j++) dQzj[i][j] = (i + j) % 4 == 0 ? 0 : r.nextGaussian();
        }
        for (MinibatchEstimator est : MinibatchEstimator.values()) {
            Reference ref = new Reference(z, mu, ls, est, n);
            double[][][] full = ref.backward(dQz, dQzj, dQzx, dPz), some = ref.backward(null, dQzj, null, dPz);
            for (int threads : new int[]{1, 2, 3}) {
                Parallel.setThreads(threads);
                MinibatchDensities md = new MinibatchDensities(z, mu, ls, est, n);
                String at = est + ", " + threads + " threads";
                assertArrayEquals(ref.logQz, md.logQz, 0.0, at);
                assertArrayEquals(ref.logQzx, md.logQzx, 0.0, at);
                assertArrayEquals(ref.logPz, md.logPz, 0.0, at);
                for (int i = 0; i < b; i++) assertArrayEquals(ref.logQzj[i], md.logQzj[i], 0.0, at);
                check(full, md.backward(dQz, dQzj, dQzx, dPz), at);
                check(some, md.backward(null, dQzj, null, dPz), at + " (some derivatives absent)");
            }
        }
    }

    private static void check(double[][][] ref, MinibatchDensities.Gradients g, String at) {
        for (int i = 0; i < ref[0].length; i++) {
            assertArrayEquals(ref[0][i], g.z()[i], 0.0, at + ": dz row " + i);
            assertArrayEquals(ref[1][i], g.mu()[i], 0.0, at + ": dμ row " + i);
            assertArrayEquals(ref[2][i], g.logSigma()[i], 0.0, at + ": d ln σ row " + i);
        }
    }

    /** The sequential loops, as the class had them. */
    private static final class Reference {
        static final double H = 0.5 * Math.log(2 * Math.PI);
        final int b, d;
        final double[][] z, mu, ls, logQzj;
        final double[] logW, ell, invVar, logQzx, logPz, logQz;

        Reference(double[][] z, double[][] mu, double[][] ls, MinibatchEstimator est, long n) {
            b = z.length;
            d = z[0].length;
            this.z = z;
            this.mu = mu;
            this.ls = ls;
            logW = new double[b * b];
            for (int i = 0; i < b; i++) for (int k = 0; k < b; k++) logW[i * b + k] = est.logWeight(i == k, b, n);
            ell = new double[b * b * d];
            logQzx = new double[b];
            logPz = new double[b];
            logQz = new double[b];
            logQzj = new double[b][d];
            invVar = new double[b * d];
            for (int k = 0; k < b; k++) for (int j = 0; j < d; j++) invVar[k * d + j] = Math.exp(-2 * ls[k][j]);
            double[] joint = new double[b], col = new double[b];
            for (int i = 0; i < b; i++) {
                double lp = 0;
                for (int j = 0; j < d; j++) lp += -H - 0.5 * z[i][j] * z[i][j];
                logPz[i] = lp;
                for (int k = 0; k < b; k++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        double diff = z[i][j] - mu[k][j];
                        double e = -H - ls[k][j] - 0.5 * diff * diff * invVar[k * d + j];
                        ell[(i * b + k) * d + j] = e;
                        s += e;
                    }
                    joint[k] = logW[i * b + k] + s;
                    if (k == i) logQzx[i] = s;
                }
                logQz[i] = LogSumExp.of(joint);
                for (int j = 0; j < d; j++) {
                    for (int k = 0; k < b; k++) col[k] = logW[i * b + k] + ell[(i * b + k) * d + j];
                    logQzj[i][j] = LogSumExp.of(col);
                }
            }
        }

        double[][][] backward(double[] dLogQz, double[][] dLogQzj, double[] dLogQzx, double[] dLogPz) {
            double[][] gz = new double[b][d], gm = new double[b][d], gs = new double[b][d];
            double[] wj = new double[b], wc = new double[b];
            for (int i = 0; i < b; i++) {
                if (dLogQz != null) {
                    for (int k = 0; k < b; k++) {
                        double s = logW[i * b + k];
                        for (int j = 0; j < d; j++) s += ell[(i * b + k) * d + j];
                        wj[k] = s;
                    }
                    softmax(wj);
                }
                for (int j = 0; j < d; j++) {
                    boolean marg = dLogQzj != null && dLogQzj[i][j] != 0;
                    if (marg) {
                        for (int k = 0; k < b; k++) wc[k] = logW[i * b + k] + ell[(i * b + k) * d + j];
                        softmax(wc);
                    }
                    for (int k = 0; k < b; k++) {
                        double g = 0;
                        if (dLogQz != null) g += dLogQz[i] * wj[k];
                        if (marg) g += dLogQzj[i][j] * wc[k];
                        if (k == i && dLogQzx != null) g += dLogQzx[i];
                        if (g == 0) continue;
                        double diff = z[i][j] - mu[k][j], iv = invVar[k * d + j];
                        gz[i][j] -= g * diff * iv;
                        gm[k][j] += g * diff * iv;
                        gs[k][j] += g * (-1 + diff * diff * iv);
                    }
                    if (dLogPz != null) gz[i][j] -= dLogPz[i] * z[i][j];
                }
            }
            return new double[][][]{gz, gm, gs};
        }

        static void softmax(double[] v) {
            double m = Double.NEGATIVE_INFINITY;
            for (double x : v) m = Math.max(m, x);
            double s = 0;
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.exp(v[i] - m);
                s += v[i];
            }
            for (int i = 0; i < v.length; i++) v[i] /= s;
        }
    }
}
