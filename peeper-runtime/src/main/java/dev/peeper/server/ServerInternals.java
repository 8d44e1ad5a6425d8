package dev.peeper.server;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.ProcessBody;
import dev.peeper.process.SpawnOptions;
import dev.peeper.registry.ProcessName;
import dev.peeper.server.internal.LoopHooks;
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
    protected boolean isCall(Object message) {
        return message instanceof Call;
    }

    @Override
    protected Object callRequest(Object call) {
        Call plain = (Call) call;
        if (plain instanceof StopCall || plain instanceof SystemCall) {
            throw new UnsupportedOperationException(plain.request + " cannot be sent to a server on another member "
                    + "yet; stop it from its own member, or send it an ordinary call that makes it stop");
        }
        return plain.request;
    }

    @Override
    protected CompletableFuture<Object> newCall(Object request) {
        return new Call(request);
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
