package dev.peeper.supervisor;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.server.ServerRef;
import java.util.List;
import java.util.Objects;

/**
 * A handle to a running {@link DynamicSupervisor}: start children, stop them by pid, list and count them. A
 * refused request (child limit, unknown pid, failed start) throws {@link SupervisorException} saying why.
 */
public final class DynamicSupervisorRef {
    private final ServerRef server;

    /**
     * A handle on the dynamic supervisor behind {@code server}.
     *
     * @param server a running dynamic supervisor, as {@link DynamicSupervisor#start} started it; not checked here
     */
    public DynamicSupervisorRef(ServerRef server) {
        this.server = Objects.requireNonNull(server, "server");
    }

    /** {@return the supervisor's pid} */
    public Pid pid() {
        return server.pid();
    }

    /** {@return the supervisor as a plain server, for {@code Sys} requests} */
    public ServerRef server() {
        return server;
    }

    /**
     * Starts a child and returns its pid ({@code null} if its start ignored it). The spec's id is not used.
     *
     * @param spec how to start, restart and stop the child; many children may share one spec
     * @return the child's pid, or {@code null} if its start ignored it
     * @throws SupervisorException if the supervisor has its maximum of children, or the child failed to start
     */
    public Pid startChild(ChildSpec spec) {
        return SupervisorCalls.call(server, new SupervisorRequest.StartChild(Objects.requireNonNull(spec, "spec")));
    }

    /**
     * Stops the child {@code pid} by its shutdown and forgets it.
     *
     * @param pid the child, as {@link #startChild} returned it
     * @throws SupervisorException if {@code pid} is not a child of this supervisor
     */
    public void terminateChild(Pid pid) {
        SupervisorCalls.call(server, new SupervisorRequest.TerminatePid(Objects.requireNonNull(pid, "pid")));
    }

    /**
     * Stops supervising {@code pid} without stopping it: it is unlinked and forgotten, and no longer restarted.
     * Used to move a server to another supervisor.
     *
     * @param pid the child, as {@link #startChild} returned it; it keeps running, unsupervised
     * @throws SupervisorException if {@code pid} is not a child of this supervisor
     */
    public void detachChild(Pid pid) {
        SupervisorCalls.call(server, new SupervisorRequest.DetachPid(Objects.requireNonNull(pid, "pid")));
    }

    /** {@return the running children in start order (their ids are {@code null})} */
    public List<ChildInfo> whichChildren() {
        return SupervisorCalls.call(server, new SupervisorRequest.WhichChildren());
    }

    /** {@return the children counted: specs, running, supervisors and workers} */
    public ChildCounts countChildren() {
        return SupervisorCalls.call(server, new SupervisorRequest.CountChildren());
    }

    /** Stops the supervisor and all its children, newest first. */
    public void stop() {
        server.stop(ExitReason.normal(), SupervisorCalls.NO_TIMEOUT);
    }

    @Override
    public String toString() {
        return "DynamicSupervisor" + server;
    }
}
