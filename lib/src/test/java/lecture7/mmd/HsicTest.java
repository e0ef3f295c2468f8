package lecture7.mmd;

import lecture7.kernel.Kernel;
import lecture7.kernel.Rbf;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class HsicTest {

    @Test
    void hsicEqualsTheTraceFormulaWithExplicitCentering() {
        Sampler.Pairs d = Sampler.correlated(25, 0.6, new Random(1));
        Kernel k = new Rbf(0.5), l = new Rbf(1.5);
        int n = 25;
        // tr(K H L H)/n² with H = I − 11ᵀ/n formed explicitly
        INDArray h = Nd4j.eye(n).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).subi(1.0 / n);
        INDArray khlh = k.gram(d.x(), d.x()).mmul(h).mmul(l.gram(d.y(), d.y())).mmul(h);
        double tr = 0;
        for (int i = 0; i < n; i++) tr += khlh.getDouble(i, i);
        double expected = tr / (n * n);
        assertEquals(expected, Hsic.biased(k, l, d.x(), d.y()), 1e-14);
    }

    @Test
    void detectsDependenceWithoutCorrelation() {
        Random rng = new Random(5);
        Sampler.Pairs dep = Sampler.parabola(200, 0.3, rng);
        IndependenceTest t = Hsic.test(new Rbf(0.5), new Rbf(0.5), dep.x(), dep.y(), 199, 1);
        assertTrue(t.rejects(0.01), t.toString());
        // the Gaussian (linear) MI of the same data sees next to nothing
        assertTrue(GaussianMi.plugIn(dep.x(), dep.y()) < 0.02, "Gaussian MI " + GaussianMi.plugIn(dep.x(), dep.y()));
        Sampler.Pairs ind = Sampler.independent(200, rng);
        IndependenceTest t0 = Hsic.test(new Rbf(0.5), new Rbf(0.5), ind.x(), ind.y(), 199, 1);
        assertFalse(t0.rejects(0.01), t0.toString());
    }

    @Test
    void independenceTestSizeIsAboutAlpha() {
        Random rng = new Random(17);
        int rejected = 0, reps = 300;
        for (int r = 0; r < reps; r++) {
            Sampler.Pairs ind = Sampler.independent(20, rng);
            if (Hsic.test(new Rbf(0.5), new Rbf(0.5), ind.x(), ind.y(), 99, rng.nextLong()).rejects(0.05)) rejected++;
        }
        double rate = (double) rejected / reps; // SE ≈ 0.0126
        assertTrue(rate >= 0.01 && rate <= 0.10, "size " + rate);
    }

    @Test
    void gaussianMutualInformationClosedForms() {
        // −½ ln(1 − 0.25) for ρ = 0.5
        assertEquals(-0.5 * Math.log(0.75), GaussianMi.bivariate(0.5), 1e-15);
        assertEquals(GaussianMi.bivariate(0.5), GaussianMi.ofCovariance(new double[][]{{4, 1}, {1, 1}}, 1), 1e-12);
        // independent blocks: I = 0
        assertEquals(0, GaussianMi.ofCovariance(new double[][]{{2, 0.3, 0}, {0.3, 1, 0}, {0, 0, 5}}, 2), 1e-14);
        assertThrows(IllegalArgumentException.class, () -> GaussianMi.bivariate(1));
        assertThrows(IllegalArgumentException.class, () -> GaussianMi.ofCovariance(new double[][]{{1, 2}, {2, 1}}, 1));
    }

    @Test
    void badInputs() {
        Sampler.Pairs d = Sampler.independent(10, new Random(1));
        var e = assertThrows(IllegalArgumentException.class,
                () -> Hsic.biased(new Rbf(1), new Rbf(1), d.x(), d.y().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 9))));
        assertTrue(e.getMessage().contains("pairs"), e.getMessage());
    }
}
