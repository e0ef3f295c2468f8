package lecture7.vae;

/** A VAE checkpoint file is missing, not a checkpoint, truncated, corrupt or for another model size. */
public class CheckpointException extends RuntimeException {
    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
