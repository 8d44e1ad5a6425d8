package dev.peeper.keeper;

import java.io.Serial;

/**
 * Thrown by a {@link Keeper} that finds its server superseded: a newer incarnation of the same server (on another
 * member of a cluster, say, after this one was paused or cut off) holds the state now, and this one may keep
 * nothing more. Restarting the worker cannot help, so a Peeper server whose worker ends with it (or with an
 * exception caused by it) does not restart: it ends at once with {@code ExitReason.shutdown(exception)}, its
 * listener and log say why, and it lets go only of what is still its own (the newer incarnation's name and state
 * stay). A shutdown, not a crash: a {@code transient} parent does not start it again over the newer one.
 *
 * <pre>{@code
 * throw new SupersededException("counter of generation 3 was taken over by generation 4 elsewhere");
 * }</pre>
 */
public class SupersededException extends IllegalStateException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * A keeper's refusal: a newer incarnation of the server holds its state.
     *
     * @param message which server, and what supersedes it
     */
    public SupersededException(String message) {
        super(message);
    }
}
