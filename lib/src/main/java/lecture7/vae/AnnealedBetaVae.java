package lecture7.vae;

/**
 * β-VAE with β annealed from high to low, the lecture's reading of β as an information bottleneck:
 * "start with very high β and slowly decrease during training — beginning: a very strict bottleneck, only
 * the most important factor is encoded; end: a wide bottleneck, the remaining factors are encoded too".
 * <pre>
 *   L_t = −E_q[ln p(x|z)] + β(t) · KL(q(z|x) ‖ N(0, I)),   β(t) = {@link Schedule#at}(t)
 * </pre>
 * The step t counts the training batches this objective has seen (calls with a gradient); evaluation calls
 * (no gradient) use the current β and do not advance it.
 */
public final class AnnealedBetaVae implements Objective {
    private final Schedule beta;
    private long step;

    /** @param beta β over training; both end points must be &gt; 0 (and usually start &gt; end) */
    public AnnealedBetaVae(Schedule beta) {
        if (!(beta.start() > 0) || !(beta.end() > 0))
            throw new IllegalArgumentException("β must stay > 0 along the schedule, got " + beta.start() + " → " + beta.end());
        this.beta = beta;
    }

    /** The schedule. */
    public Schedule schedule() {
        return beta;
    }

    /** Training steps seen so far. */
    public long step() {
        return step;
    }

    /** β at the current step. */
    public double currentBeta() {
        return beta.at(step);
    }

    @Override
    public String name() {
        return "annealed β " + BetaVae.fmt(beta.start()) + "→" + BetaVae.fmt(beta.end());
    }

    @Override
    public double penalty(Latents l, LatentGradients g) {
        double b = beta.at(step);
        if (g != null) step++;
        return BetaVae.klTimes(l, g, b);
    }
}
