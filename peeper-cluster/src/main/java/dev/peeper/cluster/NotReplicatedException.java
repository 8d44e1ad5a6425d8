package dev.peeper.cluster;

import java.io.Serial;

/**
 * A replicated keeper refused to acknowledge a state: the reply that would have acknowledged it is not released,
 * the caller gets this (as the cause of the server's crash) instead, and the update counts as never made (the
 * worker resumes from the last state that was replicated). Match on {@link #kind()}, not on the message.
 */
public final class NotReplicatedException extends IllegalStateException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Why the state could not be acknowledged. */
    public enum Kind {
        /** This member sees fewer members than the configured minimum: it may be the minority side of a split. */
        TOO_FEW_MEMBERS,
        /**
         * This member has not confirmed lately that a majority still counts it as a member (it was paused, say,
         * longer than its lease), and could not confirm it now.
         */
        LEASE_EXPIRED,
        /** The state's partition has no backup on another member, so the state would live only here. */
        NO_BACKUP,
        /** Asynchronous mode: replication fell further behind than its bound and did not catch up in time. */
        LAGGING,
        /**
         * Asynchronous mode, while this member is merged into another cluster after a split healed (where no majority
         * is expected: a minimum of one member): a reply then waits for its state's write, and it was not done in time.
         */
        MERGING
    }

    /** Why the state could not be acknowledged. */
    private final Kind kind;

    NotReplicatedException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /**
     * Why the state could not be acknowledged.
     *
     * @return the kind of refusal
     */
    public Kind kind() {
        return kind;
    }
}
