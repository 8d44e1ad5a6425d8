package dev.peeper.cluster;

import java.io.Serial;

/**
 * Stands for an exception from another member that could not cross the wire as itself (Java serialization failed
 * on it or on something it holds): same message, class name and stack trace, as text.
 */
public final class RemoteException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message} and no cause.
     *
     * @param message what the original exception said, with its class name
     */
    public RemoteException(String message) {
        super(message);
    }
}
