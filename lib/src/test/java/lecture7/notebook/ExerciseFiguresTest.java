package lecture7.notebook;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExerciseFiguresTest {

    /** No ink in the first and last pixel column of the title band: nothing of the title runs out of the image. */
    private static void assertTitleInside(BufferedImage img) {
        int background = img.getRGB(0, img.getHeight() - 1);
        for (int y = 0; y < 45; y++) {
            assertEquals(background, img.getRGB(0, y), "ink at the left edge, y = " + y);
            assertEquals(background, img.getRGB(img.getWidth() - 1, y), "ink at the right edge, y = " + y);
        }
    }

    @Test
    void aLongTitleWithItsNotAnsweredNoteStaysInsideTheImage() {
        // E3's Taylor-feature figure in the student edition: two curves not answered yet
        Map<String, DoubleUnaryOperator> curves = new LinkedHashMap<>();
        curves.put("exp(−0.7 x²)", x -> Math.exp(-0.7 * x * x));
        curves.put("K = 2", x -> { throw new NotAnsweredYet(); });
        curves.put("K = 6", x -> { throw new NotAnsweredYet(); });
        BufferedImage img = ExerciseFigures.curves("Taylor features: φ_K(x)ᵀφ_K(0) approaches exp(−0.7 x²)", "x",
                "kernel value", ExerciseFigures.grid(-3, 3, 61), curves, new double[0], new double[0]);
        assertTrue(img.getWidth() > 640, "widened for its note, width " + img.getWidth());
        assertTitleInside(img);
    }

    @Test
    void theShortTitleThatCameCloseStaysInsideToo() {
        // E1's KL figure in the student edition: 'yours' not answered yet (cut at the right edge before)
        BufferedImage img = ExerciseFigures.yoursVsExpected("KL(N(μ, 1) ‖ N(0, 1)) as the mean moves", "μ", "KL (nats)",
                ExerciseFigures.grid(-3, 3, 61), m -> { throw new NotAnsweredYet(); },
                new double[]{-1.5, 0, 1.5}, new double[]{1.125000000000001, 0, 1.125000000000001});   // E1's points as computed
        assertTitleInside(img);
    }

    @Test
    void anAnsweredFigureKeepsTheUsualWidth() {
        BufferedImage img = ExerciseFigures.yoursVsExpected("KL(N(μ, 1) ‖ N(0, 1)) as the mean moves", "μ", "KL (nats)",
                ExerciseFigures.grid(-3, 3, 61), m -> m * m / 2, new double[]{0, 1}, new double[]{0, 0.5});
        assertEquals(640, img.getWidth());
        assertTitleInside(img);
    }
}
