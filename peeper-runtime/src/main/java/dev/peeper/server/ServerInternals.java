package dev.peeper.server;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.ProcessBody;
import dev.peeper.process.SpawnOptions;
import dev.peeper.registry.NameTakenException;
import dev.peeper.registry.ProcessName;
import dev.peeper.server.internal.LoopHooks;
import dev.peeper.server.internal.RemoteEnvelopes.Control;
import dev.peeper.server.internal.ServerAccess;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** The generic loop and its envelopes as {@code dev.peeper.server.internal} reaches them; {@link GenServers} installs it. */
final class ServerInternals extends ServerAccess {
    @Override
    protected ProcessBody initializing(Dispatcher<?> dispatcher, Object argument, ProcessName name,
                                       CompletableFuture<Void> started, LoopHooks hooks) {
        return Loops.initializing(dispatcher, argument, name, started, hooks);
    }

    @Override
    protected ProcessBody resuming(Dispatcher<?> dispatcher, Object keptState, ExitReason lastExit, LoopHooks hooks,
                                   boolean suspended) {
        return Loops.resuming(dispatcher, keptState, lastExit, hooks, suspended);
    }

    @Override
    protected void handOver(ServerRef server, Pid successor, ExitReason reason) {
        Loops.handOver(server, successor, reason);
    }

    @Override
    protected Pid awaitStart(Pid pid, CompletableFuture<Void> started, SpawnOptions spawn, Duration initTimeout,
                             Supplier<String> what) {
        return Loops.awaitStart(pid, started, spawn, initTimeout, what);
    }

    @Override
    protected StartException alreadyStarted(NameTakenException taken) {
        return StartException.alreadyStarted(taken);
    }

    @Override
    protected StartException endedDuringInit(Object server, ExitReason reason) {
        return StartException.endedDuringInit(server, reason);
    }

    @Override
    protected boolean isCall(Object message) {
        return message instanceof Call;
    }

    @Override
    protected Object callRequest(Object call) {
        Call plain = (Call) call;
        if (plain instanceof StopCall stop) {
            return new Control(Control.Kind.STOP, stop.reason);
        }
        if (plain instanceof SystemCall system) {
            return control((SystemRequest) system.request);
        }
        return plain.request;
    }

    /** A system request as it travels: only those that carry no code (a function, an implementation) can. */
    private static Control control(SystemRequest request) {
        return switch (request) {
            case SystemRequest.GetState get -> new Control(Control.Kind.GET_STATE, null);
            case SystemRequest.Suspend suspend -> new Control(Control.Kind.SUSPEND, null);
            case SystemRequest.Resume resume -> new Control(Control.Kind.RESUME, null);
            case SystemRequest.GetStatistics statistics -> new Control(Control.Kind.GET_STATISTICS, null);
            case SystemRequest.Terminate terminate -> new Control(Control.Kind.TERMINATE, terminate.reason());
            case SystemRequest.ReplaceState replace -> throw new UnsupportedOperationException("Sys.replaceState "
                    + "cannot reach a server on another member: its function stays on this one. Call it on the "
                    + "server's own member, or send the server an ordinary call that replaces its state");
            case SystemRequest.ChangeCode change -> throw new UnsupportedOperationException("Sys.changeCode cannot "
                    + "reach a server on another member: its implementation stays on this one. Call it on the "
                    + "server's own member");
            case SystemRequest.HandOver handOver -> throw new UnsupportedOperationException("a handover cannot "
                    + "reach a server on another member; transfer it on its own member");
        };
    }

    @Override
    protected CompletableFuture<Object> newCall(Object request) {
        if (!(request instanceof Control control)) {
            return new Call(request);
        }
        return switch (control.kind()) {
            case STOP -> new StopCall(control.reason());
            case GET_STATE -> new SystemCall(new SystemRequest.GetState());
            case SUSPEND -> new SystemCall(new SystemRequest.Suspend());
            case RESUME -> new SystemCall(new SystemRequest.Resume());
            case GET_STATISTICS -> new SystemCall(new SystemRequest.GetStatistics());
            case TERMINATE -> new SystemCall(new SystemRequest.Terminate(control.reason()));
        };
    }

    @Override
    protected Object castRequest(Object message) {
        return message instanceof Cast cast ? cast.request() : null;
    }

    @Override
    protected Object newCast(Object request) {
        return new Cast(request);
    }
}
