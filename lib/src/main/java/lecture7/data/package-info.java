/**
 * Data for the lecture: MNIST read from IDX files (Part 1's VAE, Part 2's "VAE samples vs real MNIST"),
 * and generated data with known ground truth (Part 3's dSprites-like sprites with their true factors).
 *
 * <p>Missing, corrupt or truncated files raise {@link lecture7.data.DataFileException} naming the file and
 * the command that fetches it ({@code data/fetch-mnist.sh}).
 */
package lecture7.data;
