package lecture7.infotheory;

/**
 * The TC a minibatch objective sees against the TC of the whole data set (β-TCVAE's estimator, Chen et al. 2018 §4.1).
 * β-TCVAE penalises the TC as minibatch-weighted sampling (MWS) estimates it on each batch of B training rows:
 * <pre>
 *   TĈ_MWS = [logsumexp_k ln q(z_i|x_k) − ln NB] − Σ_j [logsumexp_k ln q(z_ij|x_k) − ln NB]
 *          = (batch log-mean-exp TC) + (M − 1) ln N
 * </pre>
 * The constant (M − 1) ln N moves the value, not the gradient; what the gradient follows is the batch log-mean-exp TC,
 * in which each z_i's own posterior has weight 1/B instead of 1/N. With narrow posteriors ln q(z_i) over the batch
 * is dominated by that own term, so the batch sees a TC that stops growing once codes are apart within a batch.
 * Reported beside the full-data TC ({@link KlDecomposition#fullData}) and the stratified minibatch estimate.
 *
 * @param full       the full-data decomposition (every distinct image, exact densities)
 * @param weighted   MWS over the training rows in batches of B, as the objective computes it
 * @param stratified stratified weights over the same batches (unbiased q̂, only Jensen's gap)
 * @param datasetSize N, training rows
 * @param dims        M, latent dimensions
 */
public record MinibatchTc(KlDecomposition full, KlDecomposition weighted, KlDecomposition stratified, long datasetSize, int dims) {

    /**
     * @param full     the full-data decomposition already reported for the model (the same numbers as its table row)
     * @param training the codes of every training row (N rows; the minibatch estimates, batches of {@code batch})
     */
    public static MinibatchTc of(KlDecomposition full, GaussianCodes training, int batch, long seed) {
        return new MinibatchTc(full,
                KlDecomposition.minibatch(training, MinibatchEstimator.WEIGHTED, batch, seed),
                KlDecomposition.minibatch(training, MinibatchEstimator.STRATIFIED, batch, seed), training.n(), training.dims());
    }

    /** The batch log-mean-exp TC: MWS's value without its constant (M − 1) ln N, what the penalty's gradient follows. */
    public double seenByTheObjective() {
        // TĈ_MWS − (M − 1) ln N
        return weighted.totalCorrelation() - (dims - 1) * Math.log(datasetSize);
    }
}
