package lecture7.viz;

import lecture7.elbo.ElboParts;
import lecture7.elbo.Gaussian;
import lecture7.elbo.LinearGaussianModel;
import lecture7.notebook.Progress;
import lecture7.vae.*;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Smoke tests: every figure renders, tables have the documented columns, progress prints one line per epoch. */
class VaeFiguresTest {
    @Test
    void vaeFiguresRender() {
        Vae vae = new Vae(VaeConfig.mnist(2, 1));
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 40, 784);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PosteriorTracker tracker = new PosteriorTracker(vae, x.getRow(0), x.getRow(1), new long[]{0, 1}, 4, 1);
        History h = new Trainer(vae, Objective.ANALYTIC_KL, new TrainConfig(2, 20, 1e-3, 1)).validation(x)
                .listener(Progress.lines("test", new PrintStream(buf))).listener(tracker).fit(x);
        String printed = buf.toString();
        assertEquals(3, printed.lines().count(), printed); // two epochs and the summary
        assertTrue(printed.contains("epoch 2/2"), printed);
        assertNotNull(VaeFigures.lossCurve(h, "loss"));
        int[] labels = new int[40];
        assertTrue(VaeFigures.latentScatter(vae.encode(x).mu(), labels, "z").getWidth() > 100);
        assertNotNull(VaeFigures.priorSamples(vae, 8, 4, 1, "samples"));
        assertNotNull(VaeFigures.manifold(vae, 2, 5, "manifold"));
        assertNotNull(VaeFigures.reconstructions(vae, x, 5, "rec"));
        assertNotNull(VaeFigures.interpolation(vae, x.getRow(0), x.getRow(1), 6, "interp"));
        assertNotNull(VaeFigures.posteriorSnapshot(tracker.snapshots().get(1), "2", "3", 4));
        assertEquals(6, VaeFigures.snapshotTable(tracker.snapshots(), "2", "3").columnCount());
        assertEquals(2, VaeFigures.historyTable(h).rowCount());
        var t = VaeFigures.likelihoodTable(-100, List.of(vae.logLikelihood(x, 1, 1), vae.logLikelihood(x, 5, 2)));
        assertEquals(2, t.rowCount());
        assertTrue(t.columnNames().contains("K"));
    }

    @Test
    void elboFiguresRender() {
        LinearGaussianModel m = LinearGaussianModel.random(3, 1, 1, 1);
        double[] x = m.sample(new java.util.Random(1));
        double[] mean = {-1, 0, 1};
        ElboParts[] p = new ElboParts[3];
        for (int i = 0; i < 3; i++) p[i] = m.parts(x, Gaussian.of(mean[i], 0.5));
        assertNotNull(ElboFigures.identity(mean, p, "m", "identity"));
        assertEquals(3, ElboFigures.partsTable(new String[]{"a", "b", "c"}, p).rowCount());
        assertNotNull(ElboFigures.jensen(new int[]{1, 10}, new double[]{-5, -4}, new double[]{0.1, 0.1}, -5, -3.9, "jensen"));
        var rep = m.reparameterizedGradient(x, new double[]{0}, new double[]{0}, 100, new java.util.Random(1));
        var sf = m.scoreFunctionGradient(x, new double[]{0}, new double[]{0}, 100, new java.util.Random(2));
        assertNotNull(ElboFigures.gradientVariance(new String[]{"m", "ln s"}, rep, sf, "var"));
        assertEquals(2, ElboFigures.gradientTable(new String[]{"m", "ln s"}, m.elboGradient(x, new double[]{0}, new double[]{0}), rep, sf).rowCount());
    }
}
