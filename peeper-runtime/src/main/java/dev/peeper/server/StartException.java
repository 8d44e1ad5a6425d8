package dev.peeper.server;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.registry.NameTakenException;
import java.util.Optional;

/**
 * A server did not start: its {@code init} threw, returned {@link Stop} or something invalid, did not finish
 * in time, or its name was taken. {@link #reason()} says which; nothing stays registered under the name.
 */
public class StartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private static final ExitReason ALREADY_STARTED = ExitReason.of("already_started");

    private final transient ExitReason reason;
    private final transient Pid existing;

    /**
     * @param message what failed and what to do
     * @param reason  the reason the server's start failed with
     */
    public StartException(String message, ExitReason reason) {
        this(message, reason, reason.cause(), null);
    }

    private StartException(String message, ExitReason reason, Throwable cause, Pid existing) {
        super(message, cause);
        this.reason = reason;
        this.existing = existing;
    }

    /**
     * The start failed because its name was taken: reason {@code already_started}, the registry's exception as the
     * cause, and the process holding the name as {@link #existing()} (OTP's {@code {already_started, Pid}}).
     */
    public static StartException alreadyStarted(NameTakenException taken) {
        return new StartException(taken.getMessage(), ALREADY_STARTED, taken, taken.holder());
    }

    /** The same failure with the current thread's stack: what the starter throws for a start failed elsewhere. */
    StartException withCallersStack() {
        return new StartException(getMessage(), reason, getCause(), existing);
    }

    /** Why the start failed. */
    public ExitReason reason() {
        return reason;
    }

    /**
     * The process already registered under the name, when the start failed with {@code already_started} and the
     * registry knew the holder; empty otherwise. Typically used to call the running server instead of starting one.
     */
    public Optional<Pid> existing() {
        return Optional.ofNullable(existing);
    }
}
