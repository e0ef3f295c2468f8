package lecture7.viz;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Grids of small grey-scale images (MNIST digits, sprites, VAE samples) from rows of an ND4J array.
 *
 * <p>Each row of {@code images} ({@code [n, h·w]}, values in [0, 1], 1 = ink) becomes one tile, drawn
 * black ink on white paper, scaled up by {@code zoom} with nearest-neighbour pixels. The image carries a text
 * alternative ({@link AltText#grid}: title, layout, captions in reading order); a figure class adds what the grid
 * shows with {@link AltText#append}.
 */
public final class ImageGrid {
    private ImageGrid() {}

    /**
     * Images side by side, top-aligned on white, {@code gap} pixels apart; the result's text alternative names each
     * panel's own in order ({@link AltText#panels}).
     */
    public static BufferedImage sideBySide(int gap, List<BufferedImage> panels) {
        if (panels.isEmpty()) throw new IllegalArgumentException("no images to put side by side");
        if (gap < 0) throw new IllegalArgumentException("gap " + gap + " px: must be ≥ 0");
        int w = panels.stream().mapToInt(BufferedImage::getWidth).sum() + gap * (panels.size() - 1);
        int h = panels.stream().mapToInt(BufferedImage::getHeight).max().orElse(1);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        int x = 0;
        for (BufferedImage p : panels) {
            g.drawImage(p, x, 0, null);
            x += p.getWidth() + gap;
        }
        g.dispose();
        return AltText.attach(out, AltText.panels(panels));
    }

    /** Digits with their labels as captions, {@code cols} per row, 3× zoom. */
    public static BufferedImage digits(lecture7.data.Digits d, int cols, String title) {
        String[] captions = java.util.Arrays.stream(d.labels()).mapToObj(Integer::toString).toArray(String[]::new);
        return of(d.images(), d.rows(), d.cols(), cols, 3, captions, title);
    }

    /** A grid of {@code rows} with {@code cols} tiles each; tiles beyond {@code n} stay blank. */
    public static BufferedImage of(INDArray images, int h, int w, int cols, int zoom) {
        return of(images, h, w, cols, zoom, null, null);
    }

    /**
     * A grid with an optional caption under each tile ({@code captions[i]} for row i) and an optional
     * title above the grid.
     *
     * @param images   {@code [n, h·w]} values in [0, 1]
     * @param captions one per image, or {@code null}
     * @param title    a line above the grid, or {@code null}
     */
    public static BufferedImage of(INDArray images, int h, int w, int cols, int zoom, String[] captions, String title) {
        if (images.rank() != 2 || images.columns() != (long) h * w)
            throw new IllegalArgumentException("images has shape " + java.util.Arrays.toString(images.shape())
                    + ", expected [n, " + (h * w) + "] for " + h + "×" + w + " tiles");
        if (cols < 1 || zoom < 1) throw new IllegalArgumentException("cols and zoom must be ≥ 1, got " + cols + ", " + zoom);
        if (captions != null && captions.length < images.rows())
            throw new IllegalArgumentException(captions.length + " captions for " + images.rows() + " images");
        int n = (int) images.rows();
        int rows = Math.max(1, (n + cols - 1) / cols);
        int pad = 2, capH = captions == null ? 0 : 16, titleH = title == null ? 0 : 22;
        int tileW = w * zoom, tileH = h * zoom;
        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 14);
        int titleW = title == null ? 0 : (int) Math.ceil(titleFont.getStringBounds(title,
                new java.awt.font.FontRenderContext(null, true, true)).getWidth()) + 2 * pad + 6;
        // the image is as wide as the grid or its title, whichever is wider: a title is never cut
        int width = Math.max(cols * (tileW + pad) + pad, titleW), height = titleH + rows * (tileH + capH + pad) + pad;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(0xF4F4F4));
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        double[] px = images.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble();
        for (int i = 0; i < n; i++) {
            int x0 = pad + (i % cols) * (tileW + pad), y0 = titleH + pad + (i / cols) * (tileH + capH + pad);
            for (int r = 0; r < h; r++)
                for (int c = 0; c < w; c++) {
                    double v = px[i * h * w + r * w + c];
                    int grey = 255 - (int) Math.round(255 * Math.max(0, Math.min(1, Double.isNaN(v) ? 0 : v)));
                    g.setColor(new Color(grey, grey, grey));
                    g.fillRect(x0 + c * zoom, y0 + r * zoom, zoom, zoom);
                }
            if (captions != null) {
                g.setColor(Color.DARK_GRAY);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
                int sw = g.getFontMetrics().stringWidth(captions[i]);
                g.drawString(captions[i], x0 + (tileW - sw) / 2, y0 + tileH + 13);
            }
        }
        if (title != null) {
            g.setColor(Color.BLACK);
            g.setFont(titleFont);
            g.drawString(title, pad + 2, 16);
        }
        g.dispose();
        return AltText.attach(img, AltText.grid(n, h, w, cols, captions, title));
    }
}
