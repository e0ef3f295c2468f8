/**
 * Compute plumbing under the lecture's packages: nothing here is needed to follow the lecture.
 *
 * <p>The concept packages ({@code elbo}, {@code kernel}, {@code mmd}, {@code infotheory}, {@code vae},
 * {@code data}) state the maths; this package makes it fast on a laptop CPU, the way Smile keeps its BLAS
 * bindings in {@code smile.linalg.blas} apart from {@code smile.stat}:
 * <ul>
 *   <li>{@link lecture7.compute.Gemm} — matrix products straight to the OpenBLAS that ND4J loads (no copies of
 *       row-major operands, transposes as flags);</li>
 *   <li>{@link lecture7.compute.OffHeap}, {@link lecture7.compute.Scratch} — bulk copies between ND4J's off-heap
 *       arrays and Java arrays, reused scratch matrices;</li>
 *   <li>{@link lecture7.compute.VectorMath} — SIMD loops with the JDK's vector API, used only when
 *       {@link lecture7.compute.VectorSupport} finds {@code jdk.incubator.vector} in the JVM, behind
 *       {@link lecture7.compute.BernoulliFloat32} (the VAE's Bernoulli loss in float32) and
 *       {@link lecture7.compute.Adam} (the optimiser's update loop); without the module their scalar loops run,
 *       the definitions the SIMD loops are tested against;</li>
 *   <li>{@link lecture7.compute.Inputs}, {@link lecture7.compute.Fmt} — argument checks with errors in the
 *       caller's terms, and number formatting for messages; {@link lecture7.compute.Median}, the median the
 *       summaries use.</li>
 * </ul>
 * It imports no lecture package; a test ({@code LayersTest}) holds that.
 */
package lecture7.compute;
