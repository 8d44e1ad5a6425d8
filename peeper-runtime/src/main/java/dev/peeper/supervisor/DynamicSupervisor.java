package dev.peeper.supervisor;

import dev.peeper.server.GenServers;
import dev.peeper.server.StartOptions;
import java.util.Objects;

/**
 * Starts dynamic supervisors (Elixir's {@code DynamicSupervisor}): supervisors that begin empty and take
 * children on demand, one process per session, connection or entity, each restarted on its own.
 *
 * <pre>{@code
 * DynamicSupervisorRef sessions = DynamicSupervisor.start(DynamicSupervisorOptions.defaults().withMaxChildren(10_000));
 * Pid session = sessions.startChild(ChildSpec.worker("session",
 *         () -> GenServers.startLink(new Session(), user, StartOptions.defaults()).pid()));
 * sessions.terminateChild(session);
 * }</pre>
 */
public final class DynamicSupervisor {
    private DynamicSupervisor() {
    }

    /**
     * Starts an unnamed dynamic supervisor, not linked to the caller.
     *
     * @param options      how many children it takes, and its restart intensity
     * @return a handle to the running supervisor, with no children yet
     */
    public static DynamicSupervisorRef start(DynamicSupervisorOptions options) {
        return start(options, StartOptions.defaults());
    }

    /**
     * Starts a dynamic supervisor, not linked to the caller.
     *
     * @param options      how many children it takes, and its restart intensity
     * @param startOptions name and init timeout of the supervisor itself
     * @return a handle to the running supervisor, with no children yet
     */
    public static DynamicSupervisorRef start(DynamicSupervisorOptions options, StartOptions startOptions) {
        return new DynamicSupervisorRef(GenServers.start(server(options), null, startOptions));
    }

    /**
     * Starts a dynamic supervisor linked to the calling process.
     *
     * @param options      how many children it takes, and its restart intensity
     * @param startOptions name and init timeout of the supervisor itself
     * @return a handle to the running supervisor, with no children yet
     */
    public static DynamicSupervisorRef startLink(DynamicSupervisorOptions options, StartOptions startOptions) {
        return new DynamicSupervisorRef(GenServers.startLink(server(options), null, startOptions));
    }

    /**
     * A child spec that runs a dynamic supervisor under another supervisor.
     *
     * @param id           the child's id, unique among the parent's children
     * @param options      how many children it takes, and its restart intensity
     * @param startOptions name and init timeout of the supervisor itself
     * @return a permanent supervisor spec, for the parent supervisor's child list
     */
    public static ChildSpec childSpec(Object id, DynamicSupervisorOptions options, StartOptions startOptions) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(startOptions, "startOptions");
        return ChildSpec.supervisor(id, () -> startLink(options, startOptions).pid());
    }

    private static DynamicSupervisorServer server(DynamicSupervisorOptions options) {
        return new DynamicSupervisorServer(Objects.requireNonNull(options, "options"));
    }
}
