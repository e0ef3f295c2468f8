package lecture7.vae;

/**
 * Importance-sampled estimate of ln p(x) averaged over a set of images (Burda et al. 2016, IWAE bound):
 * <pre>
 *   ln p(x) ≈ ln (1/K) Σ_k p(x, z_k) / q(z_k|x),   z_k ~ q(z|x)
 * </pre>
 * K = 1 is the single-sample ELBO; the bound increases with K towards ln p(x).
 *
 * @param mean          average over images (nats per image)
 * @param standardError standard error of that average over images
 * @param k             importance samples per image
 * @param n             number of images
 * @param perImage      the estimate for each image
 */
public record LogLikelihood(double mean, double standardError, int k, int n, double[] perImage) {
    static LogLikelihood of(double[] perImage, int k) {
        int n = perImage.length;
        double m = 0;
        for (double v : perImage) m += v;
        m /= n;
        double ss = 0;
        for (double v : perImage) ss += (v - m) * (v - m);
        return new LogLikelihood(m, n > 1 ? Math.sqrt(ss / (n - 1) / n) : 0, k, n, perImage.clone());
    }
}
