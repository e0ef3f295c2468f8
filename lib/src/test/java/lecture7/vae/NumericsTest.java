package lecture7.vae;

import lecture7.compute.VectorSupport;
import lecture7.compute.BernoulliFloat32;
import lecture7.compute.Adam;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Likelihood values against naive formulas, and the Java Adam against ND4J's AdamUpdater as an oracle. */
class NumericsTest {
    @Test
    void bernoulliMatchesNaiveCrossEntropyAndIsStable() {
        double[][] th = {{-3, -0.5, 0, 0.5, 4}, {10, -10, 2, -2, 0.1}};
        double[][] xs = {{0, 1, 0.3, 1, 0}, {1, 0, 0.5, 0.2, 1}};
        INDArray theta = Nd4j.createFromArray(th), x = Nd4j.createFromArray(xs);
        INDArray d = theta.like(), work = theta.like();
        double nll = Likelihood.BERNOULLI.negLogLikelihood(x, theta.dup(), d, 0.5, work);
        double naive = 0;
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 5; j++) {
                double s = 1 / (1 + Math.exp(-th[i][j]));
                // −[x ln s + (1 − x) ln(1 − s)]
                naive -= xs[i][j] * Math.log(s) + (1 - xs[i][j]) * Math.log(1 - s);
                assertEquals(0.5 * (s - xs[i][j]), d.getDouble(i, j), 1e-12);
            }
        assertEquals(naive, nll, 1e-10);
        // logits far beyond exp's range: finite loss, exact gradient
        INDArray big = Nd4j.createFromArray(new float[][]{{200f, -200f}}), xb = Nd4j.createFromArray(new float[][]{{0f, 0f}});
        INDArray db = big.like();
        double v = Likelihood.BERNOULLI.negLogLikelihood(xb, big.dup(), db, 1, big.like());
        assertEquals(200, v, 1e-3);
        assertEquals(1.0, db.getDouble(0, 0), 0);
        assertEquals(0.0, db.getDouble(0, 1), 1e-30);
    }

    @Test
    void floatReluMaskKeepsExactlyThePositiveActivations() {
        // h as a ReLU leaves it: +0, −0 (ND4J's relu keeps −0.0), subnormals, normal and huge values, and +∞
        float[] h = {0f, -0f, Float.MIN_VALUE, 1e-40f, Float.MIN_NORMAL, 1e-30f, 0.5f, 1f, 3e38f, Float.POSITIVE_INFINITY, 0f, 2f};
        float[] dh = {1f, 2f, 3f, -4f, 5f, -6f, 7f, -8f, 9f, 10f, -0f, Float.NaN};
        Mlp mlp = new Mlp(1, 1, 1, Nd4j.create(DataType.FLOAT, 1, 4), Nd4j.create(DataType.FLOAT, 1, 4), 0);
        INDArray hh = Nd4j.createFromArray(h).reshape(3, 4), d = Nd4j.createFromArray(dh).reshape(3, 4);
        mlp.reluMask(hh, d);
        for (int i = 0; i < h.length; i++) {
            float expected = h[i] > 0f ? dh[i] : 0f;   // the definition, element by element
            assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(d.getFloat(i / 4, i % 4)), "element " + i + ", h = " + h[i]);
        }
    }

    @Test
    void vectorAndScalarFloat32BernoulliAgree() {
        // surefire runs with the vector module, so both paths are exercised here; 1000 pixels: SIMD blocks and a tail
        assumeTrue(VectorSupport.available(), "the SIMD path needs --add-modules jdk.incubator.vector (the default surefire run has it)");
        Nd4j.getRandom().setSeed(11);
        INDArray th = Nd4j.randn(DataType.FLOAT, 10, 100).muli(8), x = Nd4j.rand(DataType.FLOAT, 10, 100);
        th.putScalar(0, 0, 0f);
        th.putScalar(0, 1, -200f);
        th.putScalar(0, 2, 200f);
        INDArray dv = th.like(), ds = th.like();
        double v = BernoulliFloat32.negLogLikelihood(x, th.dup(), dv, 0.5, th.like(), true);
        double s = BernoulliFloat32.negLogLikelihood(x, th.dup(), ds, 0.5, th.like(), false);
        // the definition in double: Σ softplus(θ) − xθ
        double exact = 0;
        for (int i = 0; i < 10; i++)
            for (int j = 0; j < 100; j++) {
                double t = th.getDouble(i, j);
                exact += Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t))) - x.getDouble(i, j) * t;
            }
        assertEquals(exact, v, 1e-6 * Math.abs(exact));
        assertEquals(exact, s, 1e-6 * Math.abs(exact));
        for (int i = 0; i < 10; i++)
            for (int j = 0; j < 100; j++) assertEquals(ds.getDouble(i, j), dv.getDouble(i, j), 1e-7, "gradient at " + i + "," + j);
        assertEquals(v, BernoulliFloat32.negLogLikelihood(x, th.dup(), null, 1, th.like(), true), 0.0);
    }

    @Test
    void inPlaceVectorAdamTakesBitIdenticalStepsToTheScalarLoop() {
        assumeTrue(VectorSupport.available(), "the SIMD path needs --add-modules jdk.incubator.vector (the default surefire run has it)");
        int p = 1003; // not a multiple of the SIMD width: the tail runs too
        Nd4j.getRandom().setSeed(21);
        INDArray a = Nd4j.randn(DataType.FLOAT, 1, p), b = a.dup(), start = a.dup();
        Adam scalar = new Adam(p, DataType.FLOAT, 1e-2, 0.9, 0.999, 1e-8, false), vector = new Adam(p, DataType.FLOAT, 1e-2, 0.9, 0.999, 1e-8, true);
        for (int t = 0; t < 205; t++) { // past a flush of tiny moments (every 100 steps)
            INDArray g = Nd4j.randn(DataType.FLOAT, 1, p).muli(t % 3 == 0 ? 1e-20 : 1);
            scalar.step(a, g);
            vector.step(b, g.dup());
            assertEquals(scalar.gradientSum(7, 500), vector.gradientSum(7, 500), 0.0);
        }
        assertEquals(a, b);
        assertNotEquals(start, b); // the parameters did move
    }

    /**
     * A gradient in parts (a batch's shards): Adam adds them left to right as it updates — the same bits as adding
     * them first with ND4J and stepping on the sum — on the in-place SIMD path, the scalar float path and in double,
     * with 1 and 2 threads, for a size that spans several chunks with a ragged end; the sum lands in the first part.
     */
    @Test
    void adamOnGradientPartsStepsAsOnTheirSum() {
        int before = lecture7.compute.Parallel.threads();
        try {
            int p = 2 * (1 << 15) + 1003;
            for (DataType type : new DataType[]{DataType.FLOAT, DataType.DOUBLE})
                for (boolean inPlace : new boolean[]{false, true}) {
                    if (inPlace && (type == DataType.DOUBLE || !VectorSupport.available())) continue;
                    for (int threads : new int[]{1, 2}) {
                        lecture7.compute.Parallel.setThreads(threads);
                        Nd4j.getRandom().setSeed(33);
                        INDArray a = Nd4j.randn(type, 1, p), b = a.dup();
                        Adam summed = new Adam(p, type, 1e-2, 0.9, 0.999, 1e-8, inPlace), inParts = new Adam(p, type, 1e-2, 0.9, 0.999, 1e-8, inPlace);
                        for (int t = 0; t < 5; t++) {
                            INDArray g0 = Nd4j.randn(type, 1, p), g1 = Nd4j.randn(type, 1, p), g2 = Nd4j.randn(type, 1, p).muli(1e-3);
                            INDArray sum = g0.add(g1).addi(g2);
                            summed.step(a, sum);
                            inParts.loadGradient(g0, g1, g2);
                            assertEquals(summed.gradientSum(0, p), inParts.gradientSum(0, p), 0.0, type + " in place " + inPlace);
                            inParts.step(b);
                            assertEquals(sum, g0, "the sum is stored in the first part");
                        }
                        assertEquals(a, b, type + " in place " + inPlace + ", " + threads + " threads");
                    }
                }
        } finally {
            lecture7.compute.Parallel.setThreads(before);
        }
    }

    @Test
    void bernoulliFloatPathMatchesDoublePath() {
        Nd4j.getRandom().setSeed(5);
        INDArray th = Nd4j.randn(DataType.DOUBLE, 64, 50).muli(6), x = Nd4j.rand(DataType.DOUBLE, 64, 50);
        INDArray d64 = th.like(), d32 = Nd4j.create(DataType.FLOAT, 64, 50);
        double v64 = Likelihood.BERNOULLI.negLogLikelihood(x, th.dup(), d64, 0.25, th.like());
        INDArray th32 = th.castTo(DataType.FLOAT), x32 = x.castTo(DataType.FLOAT);
        double v32 = Likelihood.BERNOULLI.negLogLikelihood(x32, th32, d32, 0.25, th32.like());
        assertEquals(v64, v32, 1e-5 * Math.abs(v64));
        assertTrue(d32.castTo(DataType.DOUBLE).sub(d64).amaxNumber().doubleValue() < 1e-6);
        // without a gradient the value is the same
        assertEquals(v32, Likelihood.BERNOULLI.negLogLikelihood(x32, th.castTo(DataType.FLOAT), null, 1, th32.like()), 0.0);
    }

    @Test
    void gaussianIsTheSlidesUnitVarianceLogDensity() {
        INDArray theta = Nd4j.createFromArray(new double[][]{{0.5, 1.0, -1.0}}), x = Nd4j.createFromArray(new double[][]{{0.0, 1.0, 1.0}});
        INDArray d = theta.like();
        double nll = Likelihood.GAUSSIAN.negLogLikelihood(x, theta.dup(), d, 1, theta.like());
        // −ln N(x|θ, I) = ½ Σ (x − θ)² + (3/2) ln 2π = ½ (0.25 + 0 + 4) + 1.5 ln 2π
        assertEquals(0.5 * 4.25 + 1.5 * Math.log(2 * Math.PI), nll, 1e-12);
        assertEquals(-2.0, d.getDouble(0, 2), 1e-12);
    }

    @Test
    void javaAdamAgreesWithNd4jAdamUpdater() {
        int p = 1000;
        INDArray a = Nd4j.rand(DataType.DOUBLE, 1, p), b = a.dup(), start = a.dup();
        Adam mine = new Adam(p, DataType.DOUBLE, 1e-2, 0.9, 0.999, 1e-8);
        INDArray state = Nd4j.create(DataType.DOUBLE, 1, 2L * p);
        GradientUpdater<?> oracle = new org.nd4j.linalg.learning.config.Adam(1e-2, 0.9, 0.999, 1e-8).instantiate(state, true);
        Nd4j.getRandom().setSeed(3);
        for (int t = 0; t < 20; t++) {
            INDArray g = Nd4j.randn(DataType.DOUBLE, 1, p).addi(0.3);
            mine.step(a, g);
            INDArray u = g.dup();
            oracle.applyUpdater(u, t, 0);
            b.subi(u);
        }
        // the two place ε differently (ε vs ε·√(1−β₂ᵗ)); with |g| ≫ ε the steps agree closely
        double diff = a.sub(b).norm2Number().doubleValue(), move = a.sub(start).norm2Number().doubleValue();
        assertTrue(diff < 1e-5 * move, "difference " + diff + " for a displacement of " + move);
        // float version follows the double one
        INDArray af = Nd4j.rand(DataType.FLOAT, 1, p), ad = af.castTo(DataType.DOUBLE);
        Adam f = new Adam(p, DataType.FLOAT, 1e-3, 0.9, 0.999, 1e-8), dd = new Adam(p, DataType.DOUBLE, 1e-3, 0.9, 0.999, 1e-8);
        for (int t = 0; t < 5; t++) {
            INDArray g = Nd4j.randn(DataType.DOUBLE, 1, p);
            dd.step(ad, g);
            f.step(af, g.castTo(DataType.FLOAT));
        }
        assertTrue(af.castTo(DataType.DOUBLE).sub(ad).amaxNumber().doubleValue() < 1e-6);
    }
}
