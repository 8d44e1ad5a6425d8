package dev.peeper.supervisor;

import dev.peeper.process.ExitReason;
import dev.peeper.process.ExitSignal;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.server.Dispatcher;
import dev.peeper.server.From;
import dev.peeper.server.Next;
import dev.peeper.server.Result;
import dev.peeper.server.Stop;
import dev.peeper.supervisor.SupervisorException.Kind;
import dev.peeper.supervisor.internal.RestartIntensity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dynamic supervisor behaviour (Elixir's {@code DynamicSupervisor}, OTP's {@code simple_one_for_one}):
 * starts with no children, adds them on request, restarts each on its own ({@code one_for_one}) within the
 * restart intensity, and stops them all, newest first, when it stops.
 */
final class DynamicSupervisorServer implements Dispatcher<DynamicSupervisorServer> {
    private final DynamicSupervisorOptions options;
    private final RestartIntensity intensity;
    /** Running children by pid, in start order. */
    private final Map<Pid, ChildSpec> children = new LinkedHashMap<>();
    /** Children whose restart failed, waiting for another try. */
    private final List<ChildSpec> restarting = new ArrayList<>();
    private Pid self;

    DynamicSupervisorServer(DynamicSupervisorOptions options) {
        this.options = options;
        this.intensity = new RestartIntensity(options.maxRestarts(), options.period());
    }

    private record TryAgainRestart() {
    }

    @Override
    public Result<DynamicSupervisorServer> init(Object ignored) {
        self = Proc.self();
        Proc.trapExit(true);
        return Next.of(this);
    }

    @Override
    public Result<DynamicSupervisorServer> handleCall(Object request, From<Object> from, DynamicSupervisorServer s) {
        if (!(request instanceof SupervisorRequest supervisorRequest)) {
            // refused, not crashed on: a supervisor that dies of a misdirected call takes all its children along
            from.fail(new SupervisorException(Kind.UNSUPPORTED, "a dynamic supervisor serves only the requests of "
                    + "DynamicSupervisorRef; got " + request + ". Call the child's server instead"));
            return Next.of(this);
        }
        switch (supervisorRequest) {
            case SupervisorRequest.StartChild start -> startNewChild(start.spec(), from);
            case SupervisorRequest.TerminatePid terminate -> {
                ChildSpec spec = children.remove(terminate.pid());
                if (spec == null) {
                    from.fail(new SupervisorException(Kind.NOT_FOUND,
                            terminate.pid() + " is not a child of this supervisor"));
                } else {
                    ChildTerminator.terminate(spec.id(), terminate.pid(), spec.shutdown());
                    from.reply(null);
                }
            }
            case SupervisorRequest.DetachPid detach -> {
                if (children.remove(detach.pid()) == null) {
                    from.fail(new SupervisorException(Kind.NOT_FOUND,
                            detach.pid() + " is not a child of this supervisor"));
                } else {
                    Proc.unlink(detach.pid()); // from now on its end is none of our business
                    from.reply(null);
                }
            }
            case SupervisorRequest.WhichChildren ignored -> from.reply(children.entrySet().stream()
                    .map(e -> new ChildInfo(null, e.getKey(), e.getValue().type(), e.getValue().restart())).toList());
            case SupervisorRequest.CountChildren ignored -> {
                int supervisors = (int) children.values().stream().filter(c -> c.type() == ChildType.SUPERVISOR).count();
                from.reply(new ChildCounts(children.size(), children.size(), supervisors, children.size() - supervisors));
            }
            default -> from.fail(new SupervisorException(Kind.UNSUPPORTED,
                    "a dynamic supervisor has no child ids: start children with "
                    + "startChild(spec) and stop them with terminateChild(pid); got " + request));
        }
        return Next.of(this);
    }

    private void startNewChild(ChildSpec spec, From<Object> from) {
        if (children.size() + restarting.size() >= options.maxChildren()) {
            from.fail(new SupervisorException(Kind.MAX_CHILDREN, "the dynamic supervisor already has its maximum of "
                    + options.maxChildren() + " children; stop one first or raise maxChildren"));
            return;
        }
        try {
            from.reply(start(spec));
        } catch (Exception | Error e) { // an Error too: a failed start, not a reason to die with all the children
            from.fail(new SupervisorException(Kind.START_FAILED, "child " + spec.id() + " failed to start: " + e, e));
        }
    }

    @Override
    public Result<DynamicSupervisorServer> handleCast(Object request, DynamicSupervisorServer state) {
        RestartLog.ignored(self, "cast", request); // a supervisor takes no casts, and must not die of one
        return Next.of(this);
    }

    @Override
    public Result<DynamicSupervisorServer> handleInfo(Object message, DynamicSupervisorServer state) {
        if (message instanceof ExitSignal exit) {
            ChildSpec spec = children.remove(exit.from());
            if (spec != null && spec.restart().restartsAfter(exit.reason())) {
                if (!intensity.tryRestart(System.nanoTime())) {
                    RestartLog.gaveUp(self, exit.from(), exit.reason(), flags());
                    return Stop.of(ExitReason.shutdown(), this);
                }
                RestartLog.restarting(self, spec.id(), exit.from(), exit.reason(), intensity.recentRestarts());
                restart(spec);
            }
        } else if (message instanceof TryAgainRestart) {
            if (!restarting.isEmpty()) {
                if (!intensity.tryRestart(System.nanoTime())) {
                    RestartLog.gaveUp(self, restarting.get(0).id(), ExitReason.of("restart_failed"), flags());
                    return Stop.of(ExitReason.shutdown(), this);
                }
                restart(restarting.remove(0));
            }
        } else {
            RestartLog.ignored(self, "message", message);
        }
        return Next.of(this);
    }

    private void restart(ChildSpec spec) {
        try {
            start(spec);
        } catch (Exception | Error e) {
            RestartLog.restartFailed(self, spec.id(), e);
            restarting.add(spec);
            Proc.send(self, new TryAgainRestart());
        }
    }

    private Pid start(ChildSpec spec) throws Exception {
        Pid pid = spec.start().start();
        if (pid != null) {
            Proc.link(pid); // in case the start function did not link: its exit must reach us
            children.put(pid, spec);
        }
        return pid;
    }

    private SupervisorFlags flags() {
        return SupervisorFlags.oneForOne().withIntensity(options.maxRestarts(), options.period());
    }

    @Override
    public void terminate(ExitReason reason, DynamicSupervisorServer state) {
        List<Map.Entry<Pid, ChildSpec>> running = new ArrayList<>(children.entrySet());
        children.clear();
        for (Map.Entry<Pid, ChildSpec> child : running.reversed()) {
            ChildTerminator.terminate(child.getValue().id(), child.getKey(), child.getValue().shutdown());
        }
    }

    @Override
    public String toString() {
        return "DynamicSupervisor" + children.keySet();
    }
}
