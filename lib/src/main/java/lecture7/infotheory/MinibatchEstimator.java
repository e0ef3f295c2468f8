package lecture7.infotheory;

/**
 * How a minibatch of B posteriors stands in for the N posteriors of the whole data set when estimating
 * ln q(z_i) = ln (1/N) Σ_n q(z_i|x_n) for a z_i drawn from q(z|x_i), x_i in the batch:
 * <pre>
 *   ln q̂(z_i) = ln Σ_k w_ik q(z_i|x_k),   k over the batch (including k = i)
 * </pre>
 * and the same with one dimension for the marginals ln q̂(z_ij). Chen et al. (2018), §4.1 and Appendix C.
 */
public enum MinibatchEstimator {
    /**
     * Minibatch-weighted sampling (MWS, Chen et al. 2018 eq. 5 and their code): every w_ik = 1/(N·B), i.e.
     * {@code ln q̂(z_i) = logsumexp_k ln q(z_i|x_k) − ln(N·B)}. This equals the batch's log-mean-exp minus
     * ln N, a constant: its gradients are those of the log-mean-exp, but its <em>values</em> are biased —
     * by about −ln N for a broad q(z) (and each marginal), so the TC it reports is shifted by up to
     * +(M−1)·ln N nats and the dimension-wise KL by −M·ln N. Use it to train, not to report numbers.
     */
    WEIGHTED,
    /**
     * Stratified weights: the sample's own posterior with w_ii = 1/N (it is one of the N terms), and the
     * other B−1 posteriors as a uniform sample of the remaining N−1 with w_ik = (N−1)/(N(B−1)). Given a
     * batch drawn uniformly without replacement, q̂(z_i) is unbiased for q(z_i) and the weights sum to 1;
     * ln q̂ is biased low only by Jensen's gap, which shrinks as B grows. With B = N it is the full-data
     * estimator exactly. (Chen et al.'s MSS uses a different split of the strata; this is the plain
     * "self plus uniform others" version.)
     */
    STRATIFIED;

    /** ln w_ik for a batch of size {@code batch} from a data set of size {@code datasetSize}. */
    public double logWeight(boolean self, int batch, long datasetSize) {
        if (batch < 1) throw new IllegalArgumentException("batch size must be ≥ 1, got " + batch);
        if (datasetSize < batch)
            throw new IllegalArgumentException("data set of " + datasetSize + " points is smaller than the batch size " + batch);
        double n = datasetSize;
        return switch (this) {
            // w = 1/(N·B) for every pair
            case WEIGHTED -> -Math.log(n * batch);
            // w_ii = 1/N,  w_ik = (N−1)/(N(B−1))
            case STRATIFIED -> self ? -Math.log(n)
                    : batch == 1 ? Double.NEGATIVE_INFINITY : Math.log((n - 1) / (n * (batch - 1)));
        };
    }
}
