package lecture7.elbo;

/**
 * The terms of the recap identity for one x and one q, all in nats, each computed from its own closed form:
 * <pre>
 *   elbo = reconstruction − klToPrior                    (E_q[ln p(x|z)] − KL(q ‖ p(z)))
 *   logEvidence = elbo + klToPosterior                   (ln p(x) = ELBO + KL(q ‖ p(z|x)))
 * </pre>
 *
 * @param reconstruction E_{q}[ln p(x|z)], the "RE" term
 * @param klToPrior      KL(q(z|x) ‖ p(z)), the "regularization" term
 * @param elbo           the evidence lower bound, from E_q[ln p(x,z) − ln q(z)]
 * @param klToPosterior  KL(q(z|x) ‖ p(z|x)) ≥ 0, the gap
 * @param logEvidence    ln p(x), exact
 */
public record ElboParts(double reconstruction, double klToPrior, double elbo, double klToPosterior, double logEvidence) {
    public ElboParts {
        if (klToPrior < -1e-9 || klToPosterior < -1e-9)
            throw new IllegalArgumentException("a KL divergence is negative: KL(q‖p(z)) = " + klToPrior + ", KL(q‖p(z|x)) = " + klToPosterior);
    }

    /** ELBO + KL(q ‖ p(z|x)) − ln p(x): zero up to rounding (the identity of the recap slide). */
    public double identityError() {
        return elbo + klToPosterior - logEvidence;
    }

    /** reconstruction − KL(q ‖ p(z)) − ELBO: zero up to rounding (the split of the ELBO). */
    public double splitError() {
        return reconstruction - klToPrior - elbo;
    }
}
