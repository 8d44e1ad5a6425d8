package dev.peeper.cluster.security;

import java.io.Serial;

/**
 * Something that arrived from the network was refused before anything in it was deserialized: it failed
 * authentication (no or a wrong cluster secret, or tampered with), was seen before (a replay), was malformed or too
 * large. {@link #reason()} is a short, stable tag for logs and tests.
 */
public final class RefusedException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Why it was refused. */
    public enum Reason {
        /** It failed authentication: sealed with another secret, not sealed at all, or altered on the way. */
        UNAUTHENTIC,
        /** It was delivered before: a replay. */
        REPLAYED,
        /** It is not one of our frames, or is cut short. */
        MALFORMED,
        /** It is larger than the configured maximum. */
        TOO_LARGE,
        /** It was sealed for another member. */
        MISDIRECTED,
        /** It comes from a member that has not proved it knows the cluster secret. */
        UNPROVEN
    }

    private final Reason reason;

    /**
     * A refusal.
     *
     * @param reason  why
     * @param message what was refused, for the log
     */
    public RefusedException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** {@return why it was refused} */
    public Reason reason() {
        return reason;
    }
}
