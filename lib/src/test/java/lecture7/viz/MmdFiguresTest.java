package lecture7.viz;

import lecture7.kernel.InverseMultiquadric;
import lecture7.kernel.Laplace;
import lecture7.kernel.Rbf;
import lecture7.mmd.Hsic;
import lecture7.mmd.PermutationTest;
import lecture7.mmd.RejectionRate;
import lecture7.mmd.Sampler;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.image.BufferedImage;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Every figure renders and every table has its rows (the pictures themselves are checked by eye in notebook 03). */
class MmdFiguresTest {

    static void image(BufferedImage img) {
        assertNotNull(img);
        assertEquals(Charts.WIDTH, img.getWidth());
    }

    @Test
    void figuresRender() {
        Random rng = new Random(1);
        INDArray x = Sampler.gaussian(0, 1).sample(200, rng), y = Sampler.laplace(0, 1).sample(200, rng);
        image(MmdFigures.histograms("Gaussian vs Laplace", x, "N(0,1)", y, "Laplace", 30));
        image(MmdFigures.featureMeans("moments", x, "N(0,1)", y, "Laplace", 4));
        assertEquals(4, MmdFigures.featureMeanTable(x, "N", y, "L", 4).rowCount());
        var t = PermutationTest.twoSample(new Rbf(0.5), x, y, 99, 1);
        image(MmdFigures.nullHistogram("null", t));
        var pairs = Sampler.parabola(50, 0.2, rng);
        image(MmdFigures.nullHistogram("hsic", Hsic.test(new Rbf(0.5), new Rbf(0.5), pairs.x(), pairs.y(), 49, 1)));
        image(MmdFigures.scatter("y = x² + ε", pairs.x(), pairs.y(), "x", "y"));
        RejectionRate.Rate[] r = {new RejectionRate.Rate(0.05, 0.01, 100), new RejectionRate.Rate(0.04, 0.01, 100)};
        RejectionRate.Rate[] p = {new RejectionRate.Rate(0.3, 0.05, 100), new RejectionRate.Rate(0.9, 0.03, 100)};
        image(MmdFigures.rejectionCurves("power", new int[]{10, 20}, r, "shift 0.5", p, 0.05));
        assertEquals(2, MmdFigures.rejectionTable(new int[]{10, 20}, r, p).rowCount());
        image(MmdFigures.bandwidthCurve("bandwidth", new double[]{0.1, 1, 10}, new double[]{0.2, 0.9, 0.4}, "power", 1.2));
        image(KernelFigures.taylorVsRbf(0.5, 1.0, new int[]{1, 3, 10}, -4, 4));
        image(KernelFigures.profiles(4, new Rbf(0.5), new Laplace(1), InverseMultiquadric.of(1)));
        assertEquals(3, KernelFigures.taylorErrorTable(0.5, 2, new int[]{2, 8, 32}).rowCount());
        assertEquals(2, KernelFigures.taylorMmdTable(x, y, 0.5, new int[]{2, 40}).rowCount());
        assertEquals(1, MmdFigures.testTable("t", 0.05, new String[]{"a"}, new double[]{0.1}, new double[]{0.01}, "MMD²").rowCount());
    }
}
