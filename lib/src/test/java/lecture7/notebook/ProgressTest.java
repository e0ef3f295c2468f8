package lecture7.notebook;

import lecture7.viz.Show;
import lecture7.vae.Loss;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

class ProgressTest {
    @Test
    void linesModePrintsOneLinePerEpochThenTheSummary() {
        var buf = new ByteArrayOutputStream();
        Progress p = Progress.lines("VAE M=2", new PrintStream(buf, true, StandardCharsets.UTF_8));
        p.onStart(0, 2, 3);
        for (int e = 0; e < 2; e++) {
            for (int b = 0; b < 3; b++) p.onBatch(e, b, 3, e * 3L + b, new Loss(100 - e, 90, 10 - e));
            p.onEpoch(e, 2, new Loss(100 - e, 90, 10 - e), null, 0.1);
        }
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, lines.length, String.join("\n", lines));
        assertTrue(lines[2].startsWith("VAE M=2: 2 epochs in 0:00; last epoch loss 99.00 = rec 90.00 + reg 9.00 nats"), lines[2]);
        assertEquals(lines[2], p.summary());
    }

    @Test
    void barTextAndHtmlShowTheFractionOfTheWholeRun() {
        Progress p = Progress.lines("run", new PrintStream(new ByteArrayOutputStream()));
        p.onStart(0, 4, 10);
        String half = p.text(2, 0, 30);
        assertTrue(half.contains("[" + "#".repeat(15) + ".".repeat(15) + "]"), half);
        assertTrue(half.contains(" 50%") && half.contains("epoch 2/4") && half.contains("~0:30 left"), half);
        String html = p.html(4, 0, 60);
        assertTrue(html.contains("<progress value=\"1.0000\" max=\"1\"") && html.contains("100%"), html);
    }

    @Test
    void outsideAKernelShowPrintsTheText() {
        assertFalse(Show.inKernel());
        var old = System.out;
        var buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            Show.html("<b>x</b>", "x as text");
        } finally {
            System.setOut(old);
        }
        assertEquals("x as text\n", buf.toString(StandardCharsets.UTF_8));
        assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;", Show.escape("<a href=\"x\">&"));
    }
}
