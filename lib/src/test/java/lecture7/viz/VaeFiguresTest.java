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

/** Every figure renders with its data drawn, tables have the documented columns, progress prints one line per epoch. */
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
        FigureAssert.chart(VaeFigures.lossCurve(h, "loss"));
        int[] labels = new int[40];
        assertTrue(VaeFigures.latentScatter(vae.encode(x).mu(), labels, "z").getWidth() > 100);
        FigureAssert.grid(VaeFigures.priorSamples(vae, 8, 4, 1, "samples"));
        FigureAssert.grid(VaeFigures.manifold(vae, 2, 5, "manifold"));
        FigureAssert.grid(VaeFigures.reconstructions(vae, x, 5, "rec"));
        FigureAssert.grid(VaeFigures.interpolation(vae, x.getRow(0), x.getRow(1), 6, "interp"));
        var snap = tracker.snapshots().get(1);
        String alt = AltText.of(FigureAssert.chart(VaeFigures.posteriorSnapshot(snap, "2", "3", 4)));
        assertTrue(alt.startsWith("Chart of lines and points: step " + snap.step() + ": q(z|2) and q(z|3)."), alt);
        assertTrue(alt.contains("q(z|2): mean (" + AltText.num(snap.muA()[0]) + ", " + AltText.num(snap.muA()[1])
                + "), standard deviations (" + AltText.num(snap.stdA()[0]) + ", " + AltText.num(snap.stdA()[1]) + ")."), alt);
        assertTrue(alt.contains("Right: decoded samples: row 1 from q(z|2), row 2 from q(z|3). "
                + Math.round(100 * snap.crossA()) + "% of the 2's samples fall where q(z|3) is larger."), alt);
        assertTrue(AltText.of(VaeFigures.manifold(vae, 2, 5, "manifold")).contains("z₁ from −2 on the left to 2 on the right"));
        assertEquals(8, VaeFigures.snapshotTable(tracker.snapshots(), "2", "3").columnCount()); // … and the two KLs to the prior
        // KL(N(μ, σ²) ‖ N(0, 1)) = ½(μ² + σ² − 2 ln σ − 1): 0 at the prior, ½ at μ = 1, σ = 1, ½(4 − 2 ln 2 − 1) at σ = 2
        assertEquals(0.0, VaeFigures.priorKl(new double[]{0, 0}, new double[]{1, 1}), 1e-12);
        assertEquals(0.5, VaeFigures.priorKl(new double[]{1}, new double[]{1}), 1e-12);
        assertEquals(0.5 * (4 - 2 * Math.log(2) - 1), VaeFigures.priorKl(new double[]{0}, new double[]{2}), 1e-12);
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
        FigureAssert.chart(ElboFigures.identity(mean, p, "m", "identity"));
        assertEquals(3, ElboFigures.partsTable(new String[]{"a", "b", "c"}, p).rowCount());
        FigureAssert.chart(ElboFigures.jensen(new int[]{1, 10}, new double[]{-5, -4}, new double[]{0.1, 0.1}, -5, -3.9, "jensen"));
        var rep = m.reparameterizedGradient(x, new double[]{0}, new double[]{0}, 100, new java.util.Random(1));
        var sf = m.scoreFunctionGradient(x, new double[]{0}, new double[]{0}, 100, new java.util.Random(2));
        FigureAssert.chart(ElboFigures.gradientVariance(new String[]{"m", "ln s"}, rep, sf, "var"));
        assertEquals(2, ElboFigures.gradientTable(new String[]{"m", "ln s"}, m.elboGradient(x, new double[]{0}, new double[]{0}), rep, sf).rowCount());
    }
}
