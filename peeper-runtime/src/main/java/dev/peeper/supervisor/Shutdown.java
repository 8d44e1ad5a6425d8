package dev.peeper.supervisor;

import java.time.Duration;
import java.util.Objects;

/**
 * How a supervisor stops a child: kill it at once, or ask it to shut down and wait (for a time, then kill it,
 * or for ever).
 *
 * <p>A kill ends a child that waits or receives at once; one that computes without ever doing either cannot be
 * stopped by the JVM. So after a kill the supervisor waits at most a grace (5 s, or the system property
 * {@code peeper.supervisor.killGraceMillis}); a child still alive then is logged as an error with its stack trace
 * and left behind (still computing, on a carrier thread of its own), and the supervisor carries on (its shutdown,
 * or its restart strategy; a restarted child may then find its name still taken). Long computations should call
 * {@code Proc.checkSignals()} now and then.
 *
 * <pre>{@code
 * Shutdown.timeout(Duration.ofSeconds(5))   // the default for workers
 * Shutdown.infinity()                       // the default for supervisors
 * Shutdown.brutalKill()
 * }</pre>
 */
public sealed interface Shutdown permits Shutdown.BrutalKill, Shutdown.Timeout, Shutdown.Infinity {
    /**
     * Killed at once with {@code kill}; its {@code terminate} does not run. Waited for a grace at most (see above).
     *
     * @return the one brutal-kill shutdown
     */
    static Shutdown brutalKill() {
        return BrutalKill.INSTANCE;
    }

    /**
     * Sent {@code shutdown}, then killed if still alive after {@code timeout}, then waited for a grace at most.
     *
     * @param timeout how long the child gets to run {@code terminate} and end; positive
     * @return the shutdown
     */
    static Shutdown timeout(Duration timeout) {
        return new Timeout(timeout);
    }

    /**
     * Sent {@code shutdown} and waited for as long as it takes: for supervisors, whose children need time.
     *
     * @return the one infinity shutdown
     */
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
