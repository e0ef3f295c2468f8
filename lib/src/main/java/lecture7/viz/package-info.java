/**
 * Figures (XChart) and tables (Tablesaw) for every part of the lecture. Each figure is a pure function
 * returning a {@link java.awt.image.BufferedImage} that a notebook shows with {@code display(...)}.
 */
package lecture7.viz;
