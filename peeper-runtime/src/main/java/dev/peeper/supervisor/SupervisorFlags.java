package dev.peeper.supervisor;

import java.time.Duration;
import java.util.Objects;

/**
 * A supervisor's behaviour: its {@link Strategy}, its restart intensity (at most {@code maxRestarts} restarts in
 * any window of {@code period}; one more and it gives up) and its {@link AutoShutdown}. The defaults are OTP's:
 * one restart in five seconds, never auto-shut-down.
 *
 * <pre>{@code
 * SupervisorFlags.oneForOne().withIntensity(10, Duration.ofSeconds(1))
 * }</pre>
 *
 * @param strategy     what else restarts when one child does
 * @param maxRestarts  restarts allowed within {@code period}
 * @param period       the sliding window for {@code maxRestarts}
 * @param autoShutdown whether significant children ending stops the supervisor
 */
public record SupervisorFlags(Strategy strategy, int maxRestarts, Duration period, AutoShutdown autoShutdown) {
    /** Checks every field. */
    public SupervisorFlags {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(autoShutdown, "autoShutdown");
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts must be 0 or more, got " + maxRestarts);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("the restart period must be positive, got " + period);
        }
    }

    /**
     * {@link Strategy#ONE_FOR_ONE} with the defaults.
     *
     * @return flags that restart only the child that ended
     */
    public static SupervisorFlags oneForOne() {
        return of(Strategy.ONE_FOR_ONE);
    }

    /**
     * {@link Strategy#ONE_FOR_ALL} with the defaults.
     *
     * @return flags that restart every child when one ends
     */
    public static SupervisorFlags oneForAll() {
        return of(Strategy.ONE_FOR_ALL);
    }

    /**
     * {@link Strategy#REST_FOR_ONE} with the defaults.
     *
     * @return flags that restart the child that ended and those started after it
     */
    public static SupervisorFlags restForOne() {
        return of(Strategy.REST_FOR_ONE);
    }

    /**
     * {@code strategy} with one restart in five seconds allowed and no auto shutdown.
     *
     * @param strategy what else restarts when one child does
     * @return the flags for {@code strategy}
     */
    public static SupervisorFlags of(Strategy strategy) {
        return new SupervisorFlags(strategy, 1, Duration.ofSeconds(5), AutoShutdown.NEVER);
    }

    /**
     * The same flags allowing {@code maxRestarts} restarts in any window of {@code period}.
     *
     * @param maxRestarts restarts allowed within {@code period}, 0 or more; one more and the supervisor gives up
     * @param period      the length of the sliding window; positive
     * @return a copy with that restart intensity
     */
    public SupervisorFlags withIntensity(int maxRestarts, Duration period) {
        return new SupervisorFlags(strategy, maxRestarts, period, autoShutdown);
    }

    /**
     * The same flags with another auto shutdown.
     *
     * @param autoShutdown whether the end of significant children stops the supervisor, and which
     * @return a copy with that auto shutdown
     */
    public SupervisorFlags withAutoShutdown(AutoShutdown autoShutdown) {
        return new SupervisorFlags(strategy, maxRestarts, period, autoShutdown);
    }
}
