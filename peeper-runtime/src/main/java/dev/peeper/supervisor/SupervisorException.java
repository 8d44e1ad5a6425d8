package dev.peeper.supervisor;

import java.util.Objects;

/**
 * A supervisor refused a request: an unknown child id, a child that must be stopped first, a duplicate id, a
 * child that failed to start, too many children. {@link #kind()} says which, for code to switch on, as OTP's
 * supervisor returns {@code {error, not_found}}, {@code {error, running}} and the like; the message says it for
 * people, with what to do. Unlike OTP there is no {@code restarting} refusal: a child whose restart failed and
 * waits for a retry may be restarted or deleted by request, and the pending retry is then dropped.
 *
 * <pre>{@code
 * try {
 *     tree.deleteChild("cache");
 * } catch (SupervisorException e) {
 *     switch (e.kind()) {
 *         case RUNNING -> { tree.terminateChild("cache"); tree.deleteChild("cache"); }
 *         case NOT_FOUND -> { }   // already gone
 *         default -> throw e;
 *     }
 * }
 * }</pre>
 */
public class SupervisorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of refusal: one constant per answer a caller may handle differently. */
    public enum Kind {
        /** No child has the id, or the pid is not a child of this supervisor (OTP's {@code not_found}). */
        NOT_FOUND,
        /** The child is running and must be stopped first, to restart or delete it (OTP's {@code running}). */
        RUNNING,
        /** A child with that id is already running: start with another id (OTP's {@code already_started}). */
        ALREADY_STARTED,
        /** A child with that id exists but is not running: restart or delete it (OTP's {@code already_present}). */
        ALREADY_PRESENT,
        /** The child's start failed; the cause is its failure. */
        START_FAILED,
        /** The spec does not fit this supervisor: a significant child under {@code AutoShutdown.NEVER}. */
        INVALID_SPEC,
        /** A dynamic supervisor is at its {@code maxChildren} (OTP's {@code max_children}). */
        MAX_CHILDREN,
        /** The request is for another kind of supervisor, or not a supervisor request at all. */
        UNSUPPORTED,
        /** Given by the constructors without a kind; the runtime itself always gives one of the others. */
        OTHER
    }

    /** What kind of refusal this is. */
    private final Kind kind;

    /**
     * A refusal of the given kind.
     *
     * @param kind    what kind of refusal
     * @param message what was refused and why, and what to do
     */
    public SupervisorException(Kind kind, String message) {
        this(kind, message, null);
    }

    /**
     * A refusal of the given kind, with the failure behind it.
     *
     * @param kind    what kind of refusal
     * @param message what was refused and why, and what to do
     * @param cause   the underlying failure, such as a child's start exception
     */
    public SupervisorException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /**
     * A refusal of kind {@link Kind#OTHER}.
     *
     * @param message what was refused and why
     */
    public SupervisorException(String message) {
        this(Kind.OTHER, message, null);
    }

    /**
     * A refusal of kind {@link Kind#OTHER}, with the failure behind it.
     *
     * @param message what was refused and why
     * @param cause   the underlying failure, such as a child's start exception
     */
    public SupervisorException(String message, Throwable cause) {
        this(Kind.OTHER, message, cause);
    }

    /** {@return what kind of refusal this is, for code to switch on} */
    public Kind kind() {
        return kind;
    }
}
