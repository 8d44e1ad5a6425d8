package dev.peeper.supervisor;

import dev.peeper.server.GenServers;
import dev.peeper.server.StartOptions;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Starts supervisors, OTP's {@code supervisor:start_link}. A supervisor starts its children in order (start
 * returns once all are up, or throws if one failed, having stopped the others), restarts them according to its
 * {@link SupervisorFlags}, and stops them in reverse order when it stops.
 *
 * <pre>{@code
 * SupervisorRef tree = Supervisor.start(SupervisorFlags.oneForOne().withIntensity(3, Duration.ofSeconds(5)),
 *         List.of(
 *                 ChildSpec.worker("db", () -> GenServers.startLink(new Db(), url, StartOptions.named("db")).pid()),
 *                 ChildSpec.worker("cache", () -> GenServers.startLink(new Cache(), null, StartOptions.defaults()).pid())));
 * tree.whichChildren();
 * }</pre>
 *
 * <p>Beyond its restart intensity a supervisor stops all its children and then itself with reason
 * {@code shutdown}; its own supervisor (if any) learns through the link and applies its own restart rules.
 */
public final class Supervisor {
    /** Supervisors wait for their children to start as long as it takes, as in OTP. */
    private static final StartOptions DEFAULT_OPTIONS = StartOptions.defaults().withInitTimeout(SupervisorCalls.NO_TIMEOUT);

    private Supervisor() {
    }

    /**
     * Starts an unnamed supervisor, not linked to the caller.
     *
     * @param flags    the restart strategy, restart intensity and auto-shutdown
     * @param children the children, started in this order and stopped in the reverse; ids must be unique
     * @return a handle to the running supervisor, once every child has started
     * @throws dev.peeper.server.StartException if a child failed to start; the children already started are stopped
     */
    public static SupervisorRef start(SupervisorFlags flags, List<ChildSpec> children) {
        return start(flags, children, DEFAULT_OPTIONS);
    }

    /**
     * Starts a supervisor, not linked to the caller.
     *
     * @param flags    the restart strategy, restart intensity and auto-shutdown
     * @param children the children, started in this order and stopped in the reverse; ids must be unique
     * @param options  name and init timeout; supervisors usually wait for their children without a timeout
     * @return a handle to the running supervisor, once every child has started
     * @throws dev.peeper.server.StartException if a child failed to start; the children already started are stopped
     */
    public static SupervisorRef start(SupervisorFlags flags, List<ChildSpec> children, StartOptions options) {
        return new SupervisorRef(GenServers.start(server(flags, children), null, options));
    }

    /**
     * Starts a supervisor linked to the calling process (a parent supervisor, typically).
     *
     * @param flags    the restart strategy, restart intensity and auto-shutdown
     * @param children the children, started in this order and stopped in the reverse; ids must be unique
     * @param options  name and init timeout; supervisors usually wait for their children without a timeout
     * @return a handle to the running supervisor, once every child has started
     * @throws dev.peeper.server.StartException if a child failed to start; the children already started are stopped
     */
    public static SupervisorRef startLink(SupervisorFlags flags, List<ChildSpec> children, StartOptions options) {
        return new SupervisorRef(GenServers.startLink(server(flags, children), null, options));
    }

    /**
     * A child spec that runs a supervisor under another supervisor: type {@link ChildType#SUPERVISOR}, permanent,
     * shutdown infinity.
     *
     * @param id       the child's id, unique among the parent's children
     * @param flags    the restart strategy, restart intensity and auto-shutdown
     * @param children the children, started in this order and stopped in the reverse; ids must be unique
     * @return the spec, for the parent supervisor's child list
     * @throws IllegalArgumentException if two children share an id, or a significant child meets
     *                                  {@link AutoShutdown#NEVER}
     */
    public static ChildSpec childSpec(Object id, SupervisorFlags flags, List<ChildSpec> children) {
        server(flags, children); // validates now, where the mistake is, rather than when the parent starts it
        return ChildSpec.supervisor(id, () -> startLink(flags, children, DEFAULT_OPTIONS).pid());
    }

    private static SupervisorServer server(SupervisorFlags flags, List<ChildSpec> children) {
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(children, "children");
        Set<Object> ids = new HashSet<>();
        for (ChildSpec spec : children) {
            Objects.requireNonNull(spec, "children must not contain null");
            if (!ids.add(spec.id())) {
                throw new IllegalArgumentException("two children have the id " + spec.id()
                        + "; ids must be unique within a supervisor");
            }
            if (spec.significant() && flags.autoShutdown() == AutoShutdown.NEVER) {
                throw new IllegalArgumentException("child " + spec.id() + " is significant but autoShutdown is "
                        + "NEVER; set SupervisorFlags.withAutoShutdown(ANY_SIGNIFICANT or ALL_SIGNIFICANT)");
            }
        }
        return new SupervisorServer(flags, children);
    }
}
