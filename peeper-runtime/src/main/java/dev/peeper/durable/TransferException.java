package dev.peeper.durable;

/**
 * A Peeper server could not be moved to another supervisor. Nothing changed: the server keeps running where it
 * was, with its state, name and queued messages. The cause says which step failed.
 */
public class TransferException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A transfer that failed and changed nothing.
     *
     * @param message which step failed
     * @param cause   why
     */
    public TransferException(String message, Throwable cause) {
        super(message, cause);
    }
}
