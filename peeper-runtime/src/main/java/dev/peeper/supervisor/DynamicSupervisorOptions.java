package dev.peeper.supervisor;

import java.time.Duration;
import java.util.Objects;

/**
 * A {@link DynamicSupervisor}'s settings: restart intensity (as {@link SupervisorFlags}) and the most children it
 * accepts. Defaults: three restarts in five seconds (Elixir's), no child limit.
 *
 * @param maxRestarts restarts allowed within {@code period}
 * @param period      the sliding window for {@code maxRestarts}
 * @param maxChildren the most children running at once; {@link Integer#MAX_VALUE} for no limit
 */
public record DynamicSupervisorOptions(int maxRestarts, Duration period, int maxChildren) {
    /** Checks every field. */
    public DynamicSupervisorOptions {
        Objects.requireNonNull(period, "period");
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts must be 0 or more, got " + maxRestarts);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("the restart period must be positive, got " + period);
        }
        if (maxChildren < 0) {
            throw new IllegalArgumentException("maxChildren must be 0 or more, got " + maxChildren);
        }
    }

    /**
     * Three restarts in five seconds, no child limit.
     *
     * @return the default options
     */
    public static DynamicSupervisorOptions defaults() {
        return new DynamicSupervisorOptions(3, Duration.ofSeconds(5), Integer.MAX_VALUE);
    }

    /**
     * The same options allowing {@code maxRestarts} restarts in any window of {@code period}.
     *
     * @param maxRestarts restarts allowed within {@code period}, 0 or more; one more and the supervisor gives up
     * @param period      the length of the sliding window; positive
     * @return a copy with that restart intensity
     */
    public DynamicSupervisorOptions withIntensity(int maxRestarts, Duration period) {
        return new DynamicSupervisorOptions(maxRestarts, period, maxChildren);
    }

    /**
     * The same options with a limit on running children.
     *
     * @param maxChildren the most children running at once, 0 or more; a start beyond it is refused
     * @return a copy with that limit
     */
    public DynamicSupervisorOptions withMaxChildren(int maxChildren) {
        return new DynamicSupervisorOptions(maxRestarts, period, maxChildren);
    }
}
