package dev.peeper.server;

import dev.peeper.process.ExitReason;

/**
 * A server did not start: its {@code init} threw, returned {@link Stop} or something invalid, did not finish
 * in time, or its name was taken. {@link #reason()} says which; nothing stays registered under the name.
 */
public class StartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ExitReason reason;

    /**
     * @param message what failed and what to do
     * @param reason  the reason the server's start failed with
     */
    public StartException(String message, ExitReason reason) {
        super(message, reason.cause());
        this.reason = reason;
    }

    /** Why the start failed. */
    public ExitReason reason() {
        return reason;
    }
}
