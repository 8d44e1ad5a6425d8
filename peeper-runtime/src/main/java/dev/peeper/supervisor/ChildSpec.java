package dev.peeper.supervisor;

import java.time.Duration;
import java.util.Objects;

/**
 * One child of a supervisor, as plain validated data (OTP's child spec). Start from {@link #worker} or
 * {@link #supervisor}, which fill in the defaults, and adjust with the {@code with...} methods.
 *
 * <pre>{@code
 * ChildSpec cache = ChildSpec.worker("cache", () -> GenServers.startLink(new Cache(), null, opts).pid())
 *         .withRestart(Restart.TRANSIENT)
 *         .withShutdown(Shutdown.timeout(Duration.ofSeconds(1)));
 * }</pre>
 *
 * @param id          unique among the supervisor's children; any value with sound {@code equals}
 * @param start       starts the child linked to the supervisor
 * @param restart     when the child is restarted
 * @param shutdown    how it is stopped
 * @param type        worker or supervisor
 * @param significant whether its end counts for the supervisor's {@link AutoShutdown}
 */
public record ChildSpec(Object id, ChildStart start, Restart restart, Shutdown shutdown, ChildType type,
                        boolean significant) {
    /** How long a worker gets to shut down unless told otherwise (as in OTP: 5 seconds). */
    public static final Duration DEFAULT_WORKER_SHUTDOWN = Duration.ofSeconds(5);

    /** Checks every field; a significant child must be transient or temporary. */
    public ChildSpec {
        Objects.requireNonNull(id, "id: every child needs an id, unique among its supervisor's children");
        Objects.requireNonNull(start, () -> "start of child " + id + ": give a function that starts it linked");
        Objects.requireNonNull(restart, () -> "restart of child " + id);
        Objects.requireNonNull(shutdown, () -> "shutdown of child " + id);
        Objects.requireNonNull(type, () -> "type of child " + id);
        if (significant && restart == Restart.PERMANENT) {
            throw new IllegalArgumentException("child " + id + " is significant and permanent; a significant "
                    + "child must be TRANSIENT or TEMPORARY, because a permanent child never ends for good");
        }
    }

    /**
     * A permanent worker with a 5-second shutdown.
     *
     * @param id    unique among the supervisor's children; any value with sound {@code equals}
     * @param start starts the child linked to the calling supervisor and returns its pid, e.g.
     *              {@code () -> GenServers.startLink(...).pid()}
     * @return the spec, to adjust with the {@code with...} methods
     */
    public static ChildSpec worker(Object id, ChildStart start) {
        return new ChildSpec(id, start, Restart.PERMANENT, Shutdown.timeout(DEFAULT_WORKER_SHUTDOWN),
                ChildType.WORKER, false);
    }

    /**
     * A permanent supervisor child, waited for as long as its shutdown takes.
     *
     * @param id    unique among the supervisor's children; any value with sound {@code equals}
     * @param start starts the child linked to the calling supervisor and returns its pid, e.g.
     *              {@code () -> GenServers.startLink(...).pid()}
     * @return the spec, to adjust with the {@code with...} methods
     */
    public static ChildSpec supervisor(Object id, ChildStart start) {
        return new ChildSpec(id, start, Restart.PERMANENT, Shutdown.infinity(), ChildType.SUPERVISOR, false);
    }

    /**
     * The same spec with another restart type.
     *
     * @param restart when the child is restarted: always, after an abnormal end, or never
     * @return a copy with that restart type
     */
    public ChildSpec withRestart(Restart restart) {
        return new ChildSpec(id, start, restart, shutdown, type, significant);
    }

    /**
     * The same spec with another shutdown.
     *
     * @param shutdown how the supervisor stops the child: a timeout before a kill, infinity, or a kill at once
     * @return a copy with that shutdown
     */
    public ChildSpec withShutdown(Shutdown shutdown) {
        return new ChildSpec(id, start, restart, shutdown, type, significant);
    }

    /**
     * The same spec, significant or not for the supervisor's {@link AutoShutdown}.
     *
     * @param significant whether the child's end counts for the supervisor's {@link AutoShutdown}; a significant
     *                    child must not be permanent
     * @return a copy with that flag
     */
    public ChildSpec withSignificant(boolean significant) {
        return new ChildSpec(id, start, restart, shutdown, type, significant);
    }
}
