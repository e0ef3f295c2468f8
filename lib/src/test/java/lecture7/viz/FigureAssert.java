package lecture7.viz;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** What a rendered figure must show to count as drawn (not only "returned an image"), and its text alternative. */
final class FigureAssert {
    private FigureAssert() {}

    /** A chart: at least 300 × 200 pixels, and its data drawn — some pixel in (nearly) a palette colour. */
    static BufferedImage chart(BufferedImage img) {
        assertNotNull(img);
        assertFalse(AltText.of(img).isBlank(), "a figure without a text alternative");
        assertTrue(img.getWidth() >= 300 && img.getHeight() >= 200, img.getWidth() + "×" + img.getHeight());
        for (int y = 0; y < img.getHeight(); y++)
            for (int x = 0; x < img.getWidth(); x++) {
                Color c = new Color(img.getRGB(x, y));
                for (Color p : Charts.PALETTE)
                    if (chromatic(p) && (Math.abs(c.getRed() - p.getRed()) + Math.abs(c.getGreen() - p.getGreen()) + Math.abs(c.getBlue() - p.getBlue()) <= 12))
                        return img;
            }
        return fail("no pixel in a series colour: the chart's data were not drawn");
    }

    /**
     * Nothing cut at the edges (environment/tests/figure_edges.py in Java): the outer 2-pixel frame holds no ink (a
     * channel below 200), so no title, legend or label runs out of the image.
     */
    static BufferedImage whole(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                if (x >= 2 && x < w - 2 && y >= 2 && y < h - 2) continue;
                Color c = new Color(img.getRGB(x, y));
                if (Math.min(c.getRed(), Math.min(c.getGreen(), c.getBlue())) < 200)
                    fail("ink at the edge of the figure at (" + x + ", " + y + ") of " + w + "×" + h + ": a title, legend or label is cut");
            }
        return img;
    }

    /** Not black, white or grey: text and axes are drawn in those, so they do not prove that data were drawn. */
    private static boolean chromatic(Color c) {
        return Math.max(c.getRed(), Math.max(c.getGreen(), c.getBlue())) - Math.min(c.getRed(), Math.min(c.getGreen(), c.getBlue())) > 30;
    }

    /** An image grid: more than a blank page (at least 3 distinct pixel values). */
    static BufferedImage grid(BufferedImage img) {
        assertNotNull(img);
        assertFalse(AltText.of(img).isBlank(), "a figure without a text alternative");
        Set<Integer> values = new HashSet<>();
        for (int y = 0; y < img.getHeight() && values.size() < 3; y++)
            for (int x = 0; x < img.getWidth(); x++) values.add(img.getRGB(x, y));
        assertTrue(values.size() >= 3, "a blank image");
        return img;
    }
}
