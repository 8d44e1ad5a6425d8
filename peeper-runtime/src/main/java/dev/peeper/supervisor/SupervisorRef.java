package dev.peeper.supervisor;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.server.ServerRef;
import java.util.List;
import java.util.Objects;

/**
 * A handle to a running {@link Supervisor}: inspect its children, and start, stop, restart or delete them by id.
 * A refused request (unknown id, running child, failed start) throws {@link SupervisorException} saying why.
 *
 * <pre>{@code
 * tree.terminateChild("cache");
 * tree.restartChild("cache");
 * tree.countChildren().active();
 * }</pre>
 */
public final class SupervisorRef {
    private final ServerRef server;

    /**
     * A handle on the supervisor behind {@code server}.
     *
     * @param server a running supervisor, as {@link Supervisor#start} started it; not checked here
     */
    public SupervisorRef(ServerRef server) {
        this.server = Objects.requireNonNull(server, "server");
    }

    /** {@return the supervisor's pid} */
    public Pid pid() {
        return server.pid();
    }

    /** {@return the supervisor as a plain server, for {@code Sys} requests or {@code stop}} */
    public ServerRef server() {
        return server;
    }

    /** {@return its children in start order: id, pid ({@code null} if stopped), type and restart} */
    public List<ChildInfo> whichChildren() {
        return SupervisorCalls.call(server, new SupervisorRequest.WhichChildren());
    }

    /** {@return its children counted: specs, running, supervisors and workers} */
    public ChildCounts countChildren() {
        return SupervisorCalls.call(server, new SupervisorRequest.CountChildren());
    }

    /**
     * Adds a child at the end and starts it; returns its pid ({@code null} if its start ignored it).
     *
     * @param spec the child; its id must not be taken among this supervisor's children
     * @return the child's pid, or {@code null} if its start ignored it
     * @throws SupervisorException if the id is taken or the child failed to start
     */
    public Pid startChild(ChildSpec spec) {
        return SupervisorCalls.call(server, new SupervisorRequest.StartChild(Objects.requireNonNull(spec, "spec")));
    }

    /**
     * Stops a child by its shutdown; its spec stays (unless temporary), so it can be restarted.
     *
     * @param id the child's id, as in its spec
     * @throws SupervisorException if no child has that id
     */
    public void terminateChild(Object id) {
        SupervisorCalls.call(server, new SupervisorRequest.TerminateChild(id));
    }

    /**
     * Starts a stopped child again; returns its new pid.
     *
     * @param id the child's id, as in its spec
     * @return the child's new pid, or {@code null} if its start ignored it
     * @throws SupervisorException if no child has that id, it is running, or its start failed
     */
    public Pid restartChild(Object id) {
        return SupervisorCalls.call(server, new SupervisorRequest.RestartChild(id));
    }

    /**
     * Forgets a stopped child's spec.
     *
     * @param id the child's id, as in its spec
     * @throws SupervisorException if no child has that id, or it is running (terminate it first)
     */
    public void deleteChild(Object id) {
        SupervisorCalls.call(server, new SupervisorRequest.DeleteChild(id));
    }

    /** Stops the supervisor: its children stop in reverse start order, then it ends with {@code normal}. */
    public void stop() {
        server.stop(ExitReason.normal(), SupervisorCalls.NO_TIMEOUT);
    }

    @Override
    public String toString() {
        return "Supervisor" + server;
    }
}
