package lecture7.vae;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.*;

/** Hand-written backward pass vs central finite differences, in double precision, for every parameter block. */
class VaeGradientTest {
    private static final String[] BLOCKS = {"encoder W1", "encoder b1", "encoder W2", "encoder b2",
            "decoder W3", "decoder b3", "decoder W4", "decoder b4"};

    static INDArray data(int n, int d, long seed) {
        // pixel-like values in [0, 1]
        return Nd4j.rand(DataType.DOUBLE, n, d).castTo(DataType.DOUBLE);
    }

    void check(Likelihood lik, Objective obj) {
        VaeConfig cfg = new VaeConfig(7, 5, 3, lik, DataType.DOUBLE, 42);
        Vae vae = new Vae(cfg);
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 7);
        INDArray eps = Nd4j.randn(DataType.DOUBLE, 4, 3);
        vae.computeGradient(x, eps, obj);
        double[] analytic = vae.gradients().toDoubleVector();
        INDArray p = vae.params();
        long[] sizes = {7 * 5, 5, 5 * 6, 6, 3 * 5, 5, 5 * 7, 7};
        long off = 0;
        for (int blk = 0; blk < sizes.length; blk++) {
            double worst = 0;
            for (long i = off; i < off + sizes[blk]; i++) {
                worst = Math.max(worst, CentralDifference.relativeError(vae, x, eps, obj, i, analytic[(int) i]));
            }
            assertTrue(worst < 1e-6, lik.name() + "/" + obj.name() + " " + BLOCKS[blk] + ": relative error " + worst);
            off += sizes[blk];
        }
        assertEquals(p.length(), off);
    }

    @Test
    void bernoulliAnalyticKl() {
        check(Likelihood.BERNOULLI, Objective.ANALYTIC_KL);
    }

    @Test
    void bernoulliSingleSampleKl() {
        check(Likelihood.BERNOULLI, Objective.SINGLE_SAMPLE_KL);
    }

    @Test
    void gaussianAnalyticKl() {
        check(Likelihood.GAUSSIAN, Objective.ANALYTIC_KL);
    }

    /** An objective that is not one of the built-ins goes through the ND4J-array path of the VAE. */
    static Objective viaNd4jArrays(Objective o) {
        return new Objective() {
            @Override
            public String name() {
                return o.name() + " (ND4J path)";
            }

            @Override
            public double penalty(Latents l, LatentGradients g) {
                return o.penalty(l, g);
            }
        };
    }

    @Test
    void objectiveOnNd4jArrays() {
        check(Likelihood.BERNOULLI, viaNd4jArrays(Objective.SINGLE_SAMPLE_KL));
        check(Likelihood.GAUSSIAN, viaNd4jArrays(Objective.ANALYTIC_KL));
    }

    @Test
    void gaussianSingleSampleKl() {
        check(Likelihood.GAUSSIAN, Objective.SINGLE_SAMPLE_KL);
    }
}
