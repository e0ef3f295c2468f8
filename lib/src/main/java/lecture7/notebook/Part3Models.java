package lecture7.notebook;

import lecture7.infotheory.MinibatchEstimator;
import lecture7.vae.AnnealedBetaVae;
import lecture7.vae.BetaTcVae;
import lecture7.vae.BetaVae;
import lecture7.vae.CapacityObjective;
import lecture7.vae.Objective;
import lecture7.vae.Schedule;

import java.util.List;
import java.util.function.Supplier;

/**
 * The objectives compared in Part 3, by name, each as a fresh-objective factory (schedules and prior draws
 * keep per-run state, so every training run needs its own instance).
 */
public final class Part3Models {
    private Part3Models() {}

    /** A display name and a factory of fresh objectives. */
    public record Spec(String name, Supplier<Objective> make) {}

    /**
     * VAE (β = 1), β-VAE β = 4, β annealed 20 → 1, capacity γ = 100 with C raised 0 → 15 nats, β-TCVAE β = 6 —
     * schedules ramp over the first ⅔ of {@code trainingSteps}. Burgess et al. use γ = 1000 and C → 25 nats on
     * the full dSprites; the kit's smaller sprite sets carry fewer nats, hence the smaller values.
     *
     * @param trainingSteps optimiser steps of one run (epochs × batches per epoch)
     * @param datasetSize   N, training images (β-TCVAE's minibatch weights)
     */
    public static List<Spec> standard(long trainingSteps, long datasetSize) {
        long ramp = Math.max(1, trainingSteps * 2 / 3);
        return List.of(
                new Spec("VAE", BetaVae::plain),
                new Spec("β-VAE β=4", () -> new BetaVae(4)),
                new Spec("annealed β 20→1", () -> new AnnealedBetaVae(new Schedule(20, 1, ramp))),
                new Spec("capacity γ=100 C→15", () -> new CapacityObjective(100, new Schedule(0, 15, ramp))),
                new Spec("β-TCVAE β=6", () -> new BetaTcVae(1, 6, 1, datasetSize, MinibatchEstimator.STRATIFIED)));
    }
}
