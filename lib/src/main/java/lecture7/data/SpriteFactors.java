package lecture7.data;

/**
 * The true generative factors of one sprite, as class indices into the factor grid of a {@link Sprites}
 * generator (dSprites' {@code latents_classes} without the constant colour column).
 *
 * @param shape       0 = square, 1 = ellipse, 2 = heart
 * @param scale       0 … scales−1 (scale value 0.5 … 1)
 * @param orientation 0 … orientations−1 (angle 2π·k/orientations, radians)
 * @param posX        0 … positions−1 (left to right)
 * @param posY        0 … positions−1 (top to bottom)
 */
public record SpriteFactors(int shape, int scale, int orientation, int posX, int posY) {
    /** Factor names in the order of {@link #toArray()}, as in dSprites. */
    public static final String[] NAMES = {"shape", "scale", "orientation", "posX", "posY"};

    public SpriteFactors {
        if (shape < 0 || scale < 0 || orientation < 0 || posX < 0 || posY < 0)
            throw new IllegalArgumentException("factor classes must be ≥ 0, got shape=" + shape + ", scale=" + scale
                    + ", orientation=" + orientation + ", posX=" + posX + ", posY=" + posY);
    }

    /** {@code [shape, scale, orientation, posX, posY]}. */
    public int[] toArray() {
        return new int[]{shape, scale, orientation, posX, posY};
    }

    /** The factors from {@code [shape, scale, orientation, posX, posY]}. */
    public static SpriteFactors of(int[] classes) {
        if (classes.length != 5)
            throw new IllegalArgumentException("expected 5 factor classes (shape, scale, orientation, posX, posY), got "
                    + classes.length);
        return new SpriteFactors(classes[0], classes[1], classes[2], classes[3], classes[4]);
    }
}
