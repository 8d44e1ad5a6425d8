package dev.peeper.supervisor;

import java.time.Duration;
import java.util.Objects;

/**
 * How a supervisor stops a child: kill it at once, or ask it to shut down and wait (for a time, then kill it,
 * or for ever).
 *
 * <pre>{@code
 * Shutdown.timeout(Duration.ofSeconds(5))   // the default for workers
 * Shutdown.infinity()                       // the default for supervisors
 * Shutdown.brutalKill()
 * }</pre>
 */
public sealed interface Shutdown permits Shutdown.BrutalKill, Shutdown.Timeout, Shutdown.Infinity {
    /** Killed at once with {@code kill}; its {@code terminate} does not run. */
    static Shutdown brutalKill() {
        return BrutalKill.INSTANCE;
    }

    /** Sent {@code shutdown}, then killed if still alive after {@code timeout}. */
    static Shutdown timeout(Duration timeout) {
        return new Timeout(timeout);
    }

    /** Sent {@code shutdown} and waited for as long as it takes: for supervisors, whose children need time. */
    static Shutdown infinity() {
        return Infinity.INSTANCE;
    }

    /** See {@link #brutalKill()}. */
    record BrutalKill() implements Shutdown {
        static final BrutalKill INSTANCE = new BrutalKill();
    }

    /**
     * See {@link Shutdown#timeout(Duration)}.
     *
     * @param timeout how long to wait after {@code shutdown} before killing
     */
    record Timeout(Duration timeout) implements Shutdown {
        /** Checks the timeout. */
        public Timeout {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("a shutdown timeout must be positive, got " + timeout
                        + "; use Shutdown.brutalKill() to kill at once");
            }
        }
    }

    /** See {@link #infinity()}. */
    record Infinity() implements Shutdown {
        static final Infinity INSTANCE = new Infinity();
    }
}
