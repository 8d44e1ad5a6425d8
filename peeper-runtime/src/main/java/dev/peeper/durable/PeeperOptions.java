package dev.peeper.durable;

import dev.peeper.keeper.KeeperFactory;
import dev.peeper.keeper.Keepers;
import dev.peeper.keeper.StateCopy;
import dev.peeper.registry.ProcessName;
import dev.peeper.server.StartOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * How a Peeper server starts and lives: its name, its listener, how often its worker may be restarted, where its
 * state is kept and how a mutable state is copied. Immutable; start from {@link #defaults()} or
 * {@link #named(Object)}.
 *
 * <pre>{@code
 * PeeperOptions.named("counter")
 *         .withListener(auditListener)
 *         .withIntensity(10, Duration.ofSeconds(1));
 * }</pre>
 *
 * @param name        the name to register the server under, or {@code null}
 * @param initTimeout how long start waits for {@code init}
 * @param listener    told of state changes and the final end, or {@code null}
 * @param maxRestarts worker restarts allowed within {@code period}; one more and the server stops
 * @param period      the sliding window for {@code maxRestarts}
 * @param keeper      the keeper strategy
 * @param stateCopy   how a mutable state is copied into and out of the keeper ({@link StateCopy#none()} if immutable)
 */
public record PeeperOptions(ProcessName name, Duration initTimeout, StateListener<?> listener, int maxRestarts,
                            Duration period, KeeperFactory keeper, StateCopy<?> stateCopy) {
    /** Restarts allowed within {@link #DEFAULT_PERIOD} unless told otherwise (Elixir's supervisor default). */
    public static final int DEFAULT_MAX_RESTARTS = 3;
    /** The default restart window. */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(5);
    private static final PeeperOptions DEFAULTS = new PeeperOptions(null, StartOptions.DEFAULT_INIT_TIMEOUT, null,
            DEFAULT_MAX_RESTARTS, DEFAULT_PERIOD, Keepers.inMemory(), StateCopy.none());

    /** Checks every field. */
    public PeeperOptions {
        Objects.requireNonNull(initTimeout, "initTimeout");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(keeper, "keeper; Keepers.inMemory() is the default");
        Objects.requireNonNull(stateCopy, "stateCopy; StateCopy.none() is the default for immutable states");
        if (initTimeout.isNegative() || initTimeout.isZero()) {
            throw new IllegalArgumentException("initTimeout must be positive: " + initTimeout);
        }
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts must be 0 or more, got " + maxRestarts);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("the restart period must be positive, got " + period);
        }
    }

    /**
     * No name, no listener, 3 restarts in 5 s, in-memory keeper, no state copy.
     *
     * @return the shared default options
     */
    public static PeeperOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The defaults, registered under the local name {@code name}.
     *
     * @param name the name in the local registry, any value with {@code equals}
     * @return the defaults with that name
     */
    public static PeeperOptions named(Object name) {
        return DEFAULTS.withName(ProcessName.local(name));
    }

    /**
     * The same options registered under {@code name} ({@code null}: none).
     *
     * @param name the name to register the server under, in whichever registry it belongs to, or {@code null}
     * @return a copy with that name
     */
    public PeeperOptions withName(ProcessName name) {
        return new PeeperOptions(name, initTimeout, listener, maxRestarts, period, keeper, stateCopy);
    }

    /**
     * The same options with another init timeout.
     *
     * @param initTimeout how long start waits for {@code init} before killing the server; positive
     * @return a copy with that init timeout
     */
    public PeeperOptions withInitTimeout(Duration initTimeout) {
        return new PeeperOptions(name, initTimeout, listener, maxRestarts, period, keeper, stateCopy);
    }

    /**
     * The same options with a listener ({@code null}: none).
     *
     * @param listener told of every completed state and of the server's end, or {@code null}
     * @return a copy with that listener
     */
    public PeeperOptions withListener(StateListener<?> listener) {
        return new PeeperOptions(name, initTimeout, listener, maxRestarts, period, keeper, stateCopy);
    }

    /**
     * The same options allowing {@code maxRestarts} worker restarts in any window of {@code period}.
     *
     * @param maxRestarts worker restarts allowed within {@code period}, 0 or more; one more and the server stops
     * @param period      the length of the sliding window; positive
     * @return a copy with that restart intensity
     */
    public PeeperOptions withIntensity(int maxRestarts, Duration period) {
        return new PeeperOptions(name, initTimeout, listener, maxRestarts, period, keeper, stateCopy);
    }

    /**
     * The same options with another keeper strategy.
     *
     * @param keeper makes the keeper that holds the state between callbacks, e.g. {@link Keepers#inMemory()}
     * @return a copy with that keeper
     */
    public PeeperOptions withKeeper(KeeperFactory keeper) {
        return new PeeperOptions(name, initTimeout, listener, maxRestarts, period, keeper, stateCopy);
    }

    /**
     * The same options with a copy strategy for a mutable state.
     *
     * @param stateCopy how a mutable state is copied into and out of the keeper; {@link StateCopy#none()} if
     *                  immutable
     * @return a copy with that copy strategy
     */
    public PeeperOptions withStateCopy(StateCopy<?> stateCopy) {
        return new PeeperOptions(name, initTimeout, listener, maxRestarts, period, keeper, stateCopy);
    }
}
