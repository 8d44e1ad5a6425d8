package dev.peeper.server;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.registry.NameTakenException;
import java.util.Objects;
import java.util.Optional;

/**
 * A server did not start: its {@code init} threw, returned {@link Stop} or something invalid, did not finish
 * in time, or its name was taken. {@link #kind()} says which, for code to switch on; {@link #reason()} is the exit
 * reason, as OTP's {@code start} returns {@code {error, Reason}}. Nothing stays registered under the name.
 *
 * <pre>{@code
 * try {
 *     return CounterClient.start(0, PeeperOptions.named("counter"));
 * } catch (StartException e) {
 *     if (e.kind() == StartException.Kind.ALREADY_STARTED) {
 *         return CounterClient.named("counter");   // someone else started it first: use theirs
 *     }
 *     throw e;
 * }
 * }</pre>
 */
public class StartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private static final ExitReason ALREADY_STARTED = ExitReason.of("already_started");

    /** Why a start failed: one constant per failure a caller may handle differently. */
    public enum Kind {
        /** The name is registered to another process, {@link #existing()} if known (OTP's {@code already_started}). */
        ALREADY_STARTED,
        /** {@code init} (or the implementation factory) threw or returned something invalid: the cause says what. */
        INIT_FAILED,
        /** {@code init} refused to start by returning {@link Stop}; {@link #reason()} is the reason it gave. */
        INIT_STOPPED,
        /** {@code init} did not finish within the init timeout, and the server was killed. */
        TIMEOUT,
        /** The starting thread was interrupted while it waited for {@code init}, and the server was killed. */
        INTERRUPTED,
        /** The server was ended by an exit signal during {@code init}, such as a kill or a linked process's end. */
        EXITED,
        /** Given by the constructor without a kind; the runtime itself always gives one of the others. */
        OTHER
    }

    /** Why the start failed; serialized, unlike the reason and the pid. */
    private final Kind kind;
    private final transient ExitReason reason;
    private final transient Pid existing;

    /**
     * A failed start of the given kind.
     *
     * @param kind    why the start failed, for code
     * @param message what failed and what to do
     * @param reason  the reason the server's start failed with
     */
    public StartException(Kind kind, String message, ExitReason reason) {
        this(kind, message, reason, reason.cause(), null);
    }

    /**
     * A failed start of kind {@link Kind#OTHER}.
     *
     * @param message what failed and what to do
     * @param reason  the reason the server's start failed with
     */
    public StartException(String message, ExitReason reason) {
        this(Kind.OTHER, message, reason);
    }

    private StartException(Kind kind, String message, ExitReason reason, Throwable cause, Pid existing) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.reason = reason;
        this.existing = existing;
    }

    /**
     * The server ended before its {@code init} finished: {@link Kind#INIT_FAILED} when it ended by a crash (its
     * {@code init} threw), {@link Kind#EXITED} when by anything else (an exit signal, such as a kill).
     *
     * @param server names the server in the message, e.g. its class or pid
     * @param reason the reason the server ended with
     * @return the exception for the starter to throw; a Peeper server's host makes it through
     *         {@code ServerLoops.endedDuringInit}
     */
    static StartException endedDuringInit(Object server, ExitReason reason) {
        return new StartException(reason instanceof ExitReason.Crash ? Kind.INIT_FAILED : Kind.EXITED,
                "server " + server + " ended during init: " + reason, reason);
    }

    /**
     * The start failed because its name was taken: reason {@code already_started}, the registry's exception as the
     * cause, and the process holding the name as {@link #existing()} (OTP's {@code {already_started, Pid}}).
     *
     * @param taken the registry's refusal, naming the name and, if known, its holder
     * @return the exception for the starter to throw
     */
    static StartException alreadyStarted(NameTakenException taken) {
        return new StartException(Kind.ALREADY_STARTED, taken.getMessage(), ALREADY_STARTED, taken, taken.holder());
    }

    /** The same failure with the current thread's stack: what the starter throws for a start failed elsewhere. */
    StartException withCallersStack() {
        return new StartException(kind, getMessage(), reason, getCause(), existing);
    }

    /** {@return why the start failed, for code to switch on} */
    public Kind kind() {
        return kind;
    }

    /** {@return the exit reason the start failed with, as OTP's {@code {error, Reason}} carries it} */
    public ExitReason reason() {
        return reason;
    }

    /**
     * The process already registered under the name, when the start failed with {@code already_started} and the
     * registry knew the holder; empty otherwise. Typically used to call the running server instead of starting one.
     *
     * @return the holder of the name, if known
     */
    public Optional<Pid> existing() {
        return Optional.ofNullable(existing);
    }
}
