package lecture7.vae;

/** Called by the {@link Trainer} after every batch and every epoch (progress bars, loss history, snapshots). */
public interface TrainingListener {
    /**
     * Before the first batch of a {@link Trainer#fit} call.
     *
     * @param firstEpoch 0-based number of the first epoch of this call (epochs of earlier calls come before)
     * @param epochs     epochs this call will run
     * @param batches    batches per epoch
     */
    default void onStart(int firstEpoch, int epochs, int batches) {}

    /**
     * After the update of one batch.
     *
     * @param epoch   0-based epoch
     * @param batch   0-based batch within the epoch
     * @param batches batches per epoch
     * @param step    0-based global step (number of updates made before this one)
     * @param loss    the batch's loss before the update
     */
    default void onBatch(int epoch, int batch, int batches, long step, Loss loss) {}

    /**
     * After an epoch.
     *
     * @param epoch      0-based epoch
     * @param epochs     epochs in this run
     * @param train      mean training loss of the epoch
     * @param validation loss on the validation set, or null when there is none
     * @param seconds    wall time of the epoch
     */
    default void onEpoch(int epoch, int epochs, Loss train, Loss validation, double seconds) {}

    /** Training stopped early (non-finite loss or gradient); {@code reason} says where. */
    default void onStop(String reason) {}
}
