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

    /** A handle on the supervisor behind {@code server}. */
    public SupervisorRef(ServerRef server) {
        this.server = Objects.requireNonNull(server, "server");
    }

    /** The supervisor's pid. */
    public Pid pid() {
        return server.pid();
    }

    /** The supervisor as a plain server, for {@code Sys} requests or {@code stop}. */
    public ServerRef server() {
        return server;
    }

    /** Its children in start order. */
    public List<ChildInfo> whichChildren() {
        return SupervisorCalls.call(server, new SupervisorRequest.WhichChildren());
    }

    /** Its children counted. */
    public ChildCounts countChildren() {
        return SupervisorCalls.call(server, new SupervisorRequest.CountChildren());
    }

    /** Adds a child at the end and starts it; returns its pid ({@code null} if its start ignored it). */
    public Pid startChild(ChildSpec spec) {
        return SupervisorCalls.call(server, new SupervisorRequest.StartChild(Objects.requireNonNull(spec, "spec")));
    }

    /** Stops a child by its shutdown; its spec stays (unless temporary), so it can be restarted. */
    public void terminateChild(Object id) {
        SupervisorCalls.call(server, new SupervisorRequest.TerminateChild(id));
    }

    /** Starts a stopped child again; returns its new pid. */
    public Pid restartChild(Object id) {
        return SupervisorCalls.call(server, new SupervisorRequest.RestartChild(id));
    }

    /** Forgets a stopped child's spec. */
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
