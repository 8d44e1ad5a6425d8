package dev.peeper.cluster;

import java.io.Serial;

/** {@link PeeperCluster#startOnOwner} could not start the server (the cause says why), or not in time. */
public final class StartFailedException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    StartFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
