package dev.peeper.supervisor;

import dev.peeper.process.ExitReason;
import dev.peeper.process.ExitSignal;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.server.Dispatcher;
import dev.peeper.server.From;
import dev.peeper.server.Next;
import dev.peeper.server.Reply;
import dev.peeper.server.Result;
import dev.peeper.server.Stop;
import dev.peeper.supervisor.SupervisorException.Kind;
import dev.peeper.supervisor.internal.RestartIntensity;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The supervisor behaviour on the generic server loop, as OTP's {@code supervisor} is a {@code gen_server}: it
 * traps exits, starts its children in order, restarts them by its {@link Strategy} within its restart intensity,
 * and stops them in reverse order when it stops. Its state is itself; it runs on its own process only.
 */
final class SupervisorServer implements Dispatcher<SupervisorServer> {
    private final SupervisorFlags flags;
    private final List<ChildSpec> specs;
    /** In start order. */
    private final List<Child> children = new ArrayList<>();
    private final RestartIntensity intensity;
    private Pid self;

    SupervisorServer(SupervisorFlags flags, List<ChildSpec> specs) {
        this.flags = flags;
        this.specs = List.copyOf(specs);
        this.intensity = new RestartIntensity(flags.maxRestarts(), flags.period());
    }

    /** Asks the supervisor to retry restarting children whose restart failed. */
    private record TryAgainRestart(List<Object> ids) {
    }

    @Override
    public Result<SupervisorServer> init(Object ignored) {
        self = Proc.self();
        Proc.trapExit(true);
        for (ChildSpec spec : specs) {
            Child child = new Child(spec);
            children.add(child);
            try {
                start(child);
            } catch (Exception | Error e) { // an Error too (a class that failed to initialize, say): see start
                children.remove(child);
                terminateAll();
                return Stop.of(ExitReason.crash(new SupervisorException(Kind.START_FAILED,
                        "child " + spec.id() + " failed to start, so the supervisor did not start: " + e, e)), this);
            }
        }
        return Next.of(this);
    }

    // ---- calls ----

    @Override
    public Result<SupervisorServer> handleCall(Object request, From<Object> from, SupervisorServer state) {
        if (!(request instanceof SupervisorRequest supervisorRequest)) {
            // refused, not crashed on: a supervisor that dies of a misdirected call takes all its children along
            from.fail(new SupervisorException(Kind.UNSUPPORTED,
                    "a supervisor serves only the requests of SupervisorRef; got " + request
                    + ". Call the child's server instead, or use SupervisorRef"));
            return Next.of(this);
        }
        switch (supervisorRequest) {
            case SupervisorRequest.WhichChildren ignored ->
                    from.reply(children.stream().map(Child::info).toList());
            case SupervisorRequest.CountChildren ignored -> from.reply(count());
            case SupervisorRequest.StartChild start -> startNewChild(start.spec(), from);
            case SupervisorRequest.TerminateChild terminate -> {
                Child child = find(terminate.id(), from);
                if (child != null) {
                    child.restartPending = false; // a pending retry must not bring it back
                    stop(child);
                    if (child.spec.restart() == Restart.TEMPORARY) {
                        children.remove(child);
                    }
                    from.reply(null);
                }
            }
            case SupervisorRequest.RestartChild restart -> {
                Child child = find(restart.id(), from);
                if (child != null && notRunning(child, "restart", from)) {
                    try {
                        from.reply(start(child));
                    } catch (Exception | Error e) {
                        from.fail(new SupervisorException(Kind.START_FAILED,
                                "child " + child.id() + " failed to start: " + e, e));
                    }
                }
            }
            case SupervisorRequest.DeleteChild delete -> {
                Child child = find(delete.id(), from);
                if (child != null && notRunning(child, "delete", from)) {
                    children.remove(child);
                    from.reply(null);
                }
            }
            case SupervisorRequest.TerminatePid ignored -> from.fail(new SupervisorException(Kind.UNSUPPORTED,
                    "terminateChild(Pid) is for dynamic supervisors; this supervisor terminates children by id"));
            case SupervisorRequest.DetachPid ignored -> from.fail(new SupervisorException(Kind.UNSUPPORTED,
                    "detachChild(Pid) is for dynamic supervisors; this supervisor's children have fixed ids"));
        }
        return Next.of(this);
    }

    private void startNewChild(ChildSpec spec, From<Object> from) {
        for (Child existing : children) {
            if (existing.id().equals(spec.id())) {
                from.fail(new SupervisorException(existing.isRunning() ? Kind.ALREADY_STARTED : Kind.ALREADY_PRESENT,
                        "a child with id " + spec.id() + " is already "
                        + (existing.isRunning() ? "running as " + existing.pid : "present (not running)")
                        + "; use another id, or restartChild / deleteChild the existing one"));
                return;
            }
        }
        if (spec.significant() && flags.autoShutdown() == AutoShutdown.NEVER) {
            from.fail(new SupervisorException(Kind.INVALID_SPEC,
                    "child " + spec.id() + " is significant but the supervisor's "
                    + "autoShutdown is NEVER; make it not significant or use another AutoShutdown"));
            return;
        }
        Child child = new Child(spec);
        children.add(child);
        try {
            from.reply(start(child));
        } catch (Exception | Error e) {
            children.remove(child);
            from.fail(new SupervisorException(Kind.START_FAILED, "child " + spec.id() + " failed to start: " + e, e));
        }
    }

    private Child find(Object id, From<Object> from) {
        for (Child child : children) {
            if (child.id().equals(id)) {
                return child;
            }
        }
        from.fail(new SupervisorException(Kind.NOT_FOUND, "no child with id " + id + "; known ids: "
                + children.stream().map(c -> String.valueOf(c.id())).collect(Collectors.joining(", ", "[", "]"))));
        return null;
    }

    private static boolean notRunning(Child child, String operation, From<Object> from) {
        if (child.isRunning()) {
            from.fail(new SupervisorException(Kind.RUNNING,
                    "cannot " + operation + " child " + child.id() + ": it is running as "
                    + child.pid + "; terminateChild it first"));
            return false;
        }
        return true;
    }

    private ChildCounts count() {
        int active = 0;
        int supervisors = 0;
        for (Child child : children) {
            active += child.isRunning() ? 1 : 0;
            supervisors += child.spec.type() == ChildType.SUPERVISOR ? 1 : 0;
        }
        return new ChildCounts(children.size(), active, supervisors, children.size() - supervisors);
    }

    @Override
    public Result<SupervisorServer> handleCast(Object request, SupervisorServer state) {
        RestartLog.ignored(self, "cast", request); // a supervisor takes no casts, and must not die of one
        return Next.of(this);
    }

    // ---- child exits and restarts ----

    @Override
    public Result<SupervisorServer> handleInfo(Object message, SupervisorServer state) {
        if (message instanceof ExitSignal exit) {
            Child child = running(exit.from());
            if (child != null) { // else a child we stopped on purpose, or a stranger: nothing to do
                child.pid = null;
                return childExited(child, exit.from(), exit.reason());
            }
        } else if (message instanceof TryAgainRestart again) {
            List<Child> pending = children.stream()
                    .filter(c -> again.ids().contains(c.id()) && c.restartPending && !c.isRunning()).toList();
            if (pending.isEmpty()) { // terminated, deleted or restarted by request meanwhile: nothing to retry
                return Next.of(this);
            }
            if (!intensity.tryRestart(System.nanoTime())) {
                RestartLog.gaveUp(self, pending.get(0).id(), ExitReason.of("restart_failed"), flags);
                return Stop.of(ExitReason.shutdown(), this);
            }
            restartInOrder(pending);
        } else {
            RestartLog.ignored(self, "message", message);
        }
        return Next.of(this);
    }

    private Result<SupervisorServer> childExited(Child child, Pid pid, ExitReason reason) {
        if (!child.spec.restart().restartsAfter(reason)) {
            if (child.spec.restart() == Restart.TEMPORARY) {
                children.remove(child);
            }
            return child.spec.significant() && autoShutdownReached() ? Stop.of(ExitReason.shutdown(), this) : Next.of(this);
        }
        if (!intensity.tryRestart(System.nanoTime())) {
            RestartLog.gaveUp(self, child.id(), reason, flags);
            return Stop.of(ExitReason.shutdown(), this); // terminate stops the other children
        }
        RestartLog.restarting(self, child.id(), pid, reason, intensity.recentRestarts());
        List<Child> group = switch (flags.strategy()) {
            case ONE_FOR_ONE -> List.of(child);
            case ONE_FOR_ALL -> List.copyOf(children);
            case REST_FOR_ONE -> List.copyOf(children.subList(children.indexOf(child), children.size()));
        };
        for (Child other : group.reversed()) {
            if (other.isRunning()) {
                stop(other);
            }
        }
        restartInOrder(group);
        return Next.of(this);
    }

    private boolean autoShutdownReached() {
        return switch (flags.autoShutdown()) {
            case NEVER -> false;
            case ANY_SIGNIFICANT -> true;
            case ALL_SIGNIFICANT -> children.stream().noneMatch(c -> c.spec.significant() && c.isRunning());
        };
    }

    /** Starts each child of {@code group} in order; on a failure, the rest are retried by a later message. */
    private void restartInOrder(List<Child> group) {
        for (int i = 0; i < group.size(); i++) {
            Child child = group.get(i);
            if (child.spec.restart() == Restart.TEMPORARY) { // stopped with its group, never restarted
                children.remove(child);
                continue;
            }
            try {
                start(child);
            } catch (Exception | Error e) {
                RestartLog.restartFailed(self, child.id(), e);
                List<Child> rest = group.subList(i, group.size());
                rest.forEach(c -> c.restartPending = true);
                Proc.send(self, new TryAgainRestart(rest.stream().map(Child::id).toList()));
                return;
            }
        }
    }

    // ---- starting and stopping ----

    /**
     * Starts {@code child}. Its callers treat anything it throws, an {@link Error} included (such as
     * {@link ExceptionInInitializerError} from a child class's static initializer), as a failed start: the
     * supervisor refuses the request, retries the restart, or stops the children it started, rather than dying
     * with its children still running.
     */
    private Pid start(Child child) throws Exception {
        Pid pid = child.spec.start().start();
        if (pid != null) {
            Proc.link(pid); // in case the start function did not link: its exit must reach us
        }
        child.pid = pid;
        child.restartPending = false;
        return pid;
    }

    private void stop(Child child) {
        if (child.isRunning()) {
            ChildTerminator.terminate(child.spec.id(), child.pid, child.spec.shutdown());
            child.pid = null;
        }
    }

    private Child running(Pid pid) {
        for (Child child : children) {
            if (pid.equals(child.pid)) {
                return child;
            }
        }
        return null;
    }

    private void terminateAll() {
        for (Child child : children.reversed()) {
            stop(child);
        }
    }

    @Override
    public void terminate(ExitReason reason, SupervisorServer state) {
        terminateAll();
    }

    @Override
    public String toString() {
        return "Supervisor" + children.stream().map(Child::info).toList();
    }
}
