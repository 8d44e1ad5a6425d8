package dev.peeper.cluster;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How a named server's state is kept in the cluster: a value that can travel with a {@link ClusterStarter}. Make
 * the keepers with {@link ClusterKeepers#of}, or start a server with {@link ClusterStarters#peeper(
 * ClusterStarters.SerializableSupplier, Object, Replication)}.
 *
 * <pre>{@code
 * ClusterStarters.peeper(Counter::new, 0, Replication.asynchronous(100, Duration.ofMillis(50)));
 * }</pre>
 *
 * @param mode       which of the three modes
 * @param maxUpdates asynchronous mode: the most updates replication may be behind; {@code 0} otherwise
 * @param maxLag     asynchronous mode: the oldest an update not yet replicated may be; {@code null} otherwise
 */
public record Replication(Mode mode, int maxUpdates, Duration maxLag) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The three ways of keeping a state. */
    public enum Mode {
        /** Each reply waits until the state it acknowledges is on a backup member of the majority. The default. */
        SYNCHRONOUS,
        /** Replies do not wait; replication is at most a bounded number of updates or time behind. */
        ASYNCHRONOUS,
        /** The state stays on its member and dies with it, as in Swarm; worker crashes still lose nothing. */
        LOCAL
    }

    /** Checks the bounds, with a message that says what to pass instead. */
    public Replication {
        Objects.requireNonNull(mode, "mode");
        if (mode == Mode.ASYNCHRONOUS) {
            if (maxUpdates < 1) {
                throw new IllegalArgumentException("asynchronous replication needs maxUpdates of at least 1 (how "
                        + "many updates it may be behind), was " + maxUpdates);
            }
            Objects.requireNonNull(maxLag, "maxLag: how far behind (in time) asynchronous replication may be");
            if (maxLag.isNegative() || maxLag.isZero()) {
                throw new IllegalArgumentException("asynchronous replication needs a positive maxLag, was " + maxLag
                        + "; for no lag at all use Replication.synchronous()");
            }
        } else if (maxUpdates != 0 || maxLag != null) {
            throw new IllegalArgumentException(mode + " replication takes no bounds (maxUpdates " + maxUpdates
                    + ", maxLag " + maxLag + "); only Replication.asynchronous(maxUpdates, maxLag) does");
        }
    }

    /**
     * The default: a reply is released only once the state it acknowledges is on a backup member.
     *
     * @return synchronous replication
     */
    public static Replication synchronous() {
        return new Replication(Mode.SYNCHRONOUS, 0, null);
    }

    /**
     * Replication off the reply path, at most {@code maxUpdates} updates and {@code maxLag} behind: a member's death
     * loses at most that window of acknowledged updates.
     *
     * @param maxUpdates how many updates replication may be behind, 1 or more
     * @param maxLag     how long replication may be behind; positive
     * @return asynchronous replication with these bounds
     * @throws IllegalArgumentException if a bound is out of range
     */
    public static Replication asynchronous(int maxUpdates, Duration maxLag) {
        return new Replication(Mode.ASYNCHRONOUS, maxUpdates, maxLag);
    }

    /**
     * No replication: the state dies with its member, and the server starts again from {@code init} elsewhere.
     *
     * @return no replication
     */
    public static Replication local() {
        return new Replication(Mode.LOCAL, 0, null);
    }
}
