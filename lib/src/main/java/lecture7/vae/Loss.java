package lecture7.vae;

/**
 * A VAE loss in nats per example (batch mean): total = reconstruction + regularizer, i.e. −ELBO when the
 * regularizer is KL(q(z|x) ‖ p(z)).
 *
 * @param total          the minimised objective
 * @param reconstruction −ln p(x | z), averaged over the batch (the slide's "RE" with its sign flipped)
 * @param regularizer    the objective's penalty (KL for the plain VAE)
 */
public record Loss(double total, double reconstruction, double regularizer) {
    /** Whether every part is a finite number. */
    public boolean isFinite() {
        return Double.isFinite(total) && Double.isFinite(reconstruction) && Double.isFinite(regularizer);
    }

    @Override
    public String toString() {
        return String.format("loss %.3f = rec %.3f + reg %.3f nats", total, reconstruction, regularizer);
    }
}
