package lecture7.vae;

/**
 * Controlled capacity increase (Burgess et al. 2018, "Understanding disentangling in β-VAE", eq. 8):
 * <pre>
 *   L_t = −E_q[ln p(x|z)] + γ · | KL(q(z|x) ‖ N(0, I)) − C(t) |
 * </pre>
 * with the target capacity C (nats) raised linearly from {@code capacity.start()} (usually 0) to
 * {@code capacity.end()} so that the code is allowed to carry more information as training goes on; γ is
 * large (Burgess et al. use γ = 1000 and C from 0 to 25 nats on dSprites). The KL is the batch mean in
 * closed form; ∂|KL − C|/∂KL = sign(KL − C). The step counts training batches, as in {@link AnnealedBetaVae}.
 */
public final class CapacityObjective implements Objective {
    private final double gamma;
    private final Schedule capacity;
    private long step;

    /**
     * @param gamma    weight γ of the capacity term, &gt; 0
     * @param capacity C over training, in nats, ≥ 0
     */
    public CapacityObjective(double gamma, Schedule capacity) {
        if (!(gamma > 0) || !Double.isFinite(gamma)) throw new IllegalArgumentException("γ must be a positive number, got " + gamma);
        if (capacity.start() < 0 || capacity.end() < 0)
            throw new IllegalArgumentException("capacity C must be ≥ 0 nats, got " + capacity.start() + " → " + capacity.end());
        this.gamma = gamma;
        this.capacity = capacity;
    }

    /** γ. */
    public double gamma() {
        return gamma;
    }

    /** The capacity schedule C(t) in nats. */
    public Schedule capacity() {
        return capacity;
    }

    /** Training steps seen so far. */
    public long step() {
        return step;
    }

    /** C at the current step, nats. */
    public double currentCapacity() {
        return capacity.at(step);
    }

    @Override
    public String name() {
        return "capacity γ=" + BetaVae.fmt(gamma) + " C→" + BetaVae.fmt(capacity.end());
    }

    @Override
    public double penalty(Latents l, LatentGradients g) {
        double c = capacity.at(step);
        if (g != null) step++;
        double kl = BetaVae.klTimes(l, null, 1);
        // γ |KL − C|;  ∂/∂KL = γ sign(KL − C)
        double sign = Math.signum(kl - c);
        if (g != null && sign != 0) BetaVae.klTimes(l, g, gamma * sign);
        return gamma * Math.abs(kl - c);
    }
}
