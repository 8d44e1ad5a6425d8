package dev.peeper.server;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.process.ProcessBody;
import dev.peeper.process.SpawnOptions;
import dev.peeper.process.Spawned;
import dev.peeper.registry.ProcessName;
import dev.peeper.server.internal.LoopHooks;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The generic loop's starts and hand-over: {@link GenServers} starts servers with it, and
 * {@link dev.peeper.server.internal.ServerLoops}, which documents the rest, lends it to runtimes built on the loop.
 */
final class Loops {
    private Loops() {
    }

    static ProcessBody initializing(Dispatcher<?> dispatcher, Object argument, ProcessName name,
                                    CompletableFuture<Void> started, LoopHooks hooks) {
        return new ServerLoop(Objects.requireNonNull(dispatcher, "dispatcher"), argument, name,
                Objects.requireNonNull(started, "started"), hooks, false, null);
    }

    static ProcessBody resuming(Dispatcher<?> dispatcher, Object keptState, ExitReason lastExit, LoopHooks hooks,
                                boolean suspended) {
        ServerLoop loop = new ServerLoop(Objects.requireNonNull(dispatcher, "dispatcher"), keptState, null,
                CompletableFuture.completedFuture(null), hooks, true, Objects.requireNonNull(lastExit, "lastExit"));
        loop.startSuspended(suspended);
        return loop;
    }

    static void handOver(ServerRef server, Pid successor, ExitReason reason) {
        Objects.requireNonNull(successor, "successor");
        Objects.requireNonNull(reason, "reason");
        server.send(new SystemCall(new SystemRequest.HandOver(successor, reason)))
                .await(server, GenServers.DEFAULT_CALL_TIMEOUT);
    }

    /**
     * The start handshake from the starter's side: spawns {@code body} and waits until it completes
     * {@code started}. A failed start is rethrown as a {@link StartException} with the caller's stack; a start
     * that takes longer than {@code initTimeout} is killed (and waited for, so its name is free) and fails.
     *
     * @param body        the server loop, from {@link #initializing}
     * @param started     the future {@code body} completes once {@code init} has returned or failed
     * @param spawn       how to spawn it (link, name, ...); with a link, a killed start is unlinked first
     * @param initTimeout how long {@code init} may take before the server is killed and the start fails
     * @param what        names the server in error messages, e.g. its class; asked only when the start fails
     * @return the running server's pid
     * @throws StartException if {@code init} failed, stopped, or took longer than {@code initTimeout}
     */
    static Pid spawnAndAwait(ProcessBody body, CompletableFuture<Void> started, SpawnOptions spawn,
                                    Duration initTimeout, Supplier<String> what) {
        return awaitStart(Proc.spawn(body, spawn), started, spawn, initTimeout, what);
    }

    /**
     * {@link #spawnAndAwait} for a server the calling process monitors from before its first instruction, so the
     * monitor's {@code Down} carries the real reason even for a server that ends right after init. If the start
     * fails, the monitor is removed, and its {@code Down} with it: the exception says it all.
     *
     * @param body        the server loop, from {@link #initializing}
     * @param started     the future the server's loop completes once {@code init} has returned or failed
     * @param spawn       how it was spawned; with a link, a killed start is unlinked first so the caller lives on
     * @param initTimeout how long {@code init} may take before the server is killed and the start fails
     * @param what        names the server in error messages, e.g. its class; asked only when the start fails
     * @return the running server's pid and the caller's monitor on it
     * @throws StartException if {@code init} failed, stopped, or took longer than {@code initTimeout}
     */
    static Spawned spawnMonitorAndAwait(ProcessBody body, CompletableFuture<Void> started, SpawnOptions spawn,
                                              Duration initTimeout, Supplier<String> what) {
        Spawned spawned = Proc.spawnMonitor(body, spawn);
        try {
            awaitStart(spawned.pid(), started, spawn, initTimeout, what);
        } catch (StartException e) {
            Proc.demonitorAndFlush(spawned.monitor());
            throw e;
        }
        return spawned;
    }

    static Pid awaitStart(Pid pid, CompletableFuture<Void> started, SpawnOptions spawn, Duration initTimeout,
                                 Supplier<String> what) {
        boolean done;
        boolean interrupted = false;
        try {
            done = TimedFuture.awaitDone(started, TimedFuture.nanos(initTimeout));
        } catch (InterruptedException e) {
            done = false;
            interrupted = true;
        }
        if (!done) {
            StartException abandoned = interrupted
                    ? new StartException(StartException.Kind.INTERRUPTED,
                            "interrupted while waiting for init of " + what.get() + "; the server was killed",
                            ExitReason.of("interrupted"))
                    : new StartException(StartException.Kind.TIMEOUT,
                            "init of " + what.get() + " did not finish within " + initTimeout
                            + "; the server was killed. Move slow work out of init (return "
                            + "Next.of(state).thenContinue(...)) or raise the init timeout", ExitReason.of("timeout"));
            // the start fails only if init has not finished meanwhile: failing the future first settles the race,
            // so the server, too, sees its start as failed (a Peeper server whose init completed and kept its state
            // just then must not end as a server that ran, releasing what it kept, while its starter hears "failed")
            if (started.completeExceptionally(abandoned)) {
                killAndAwait(pid, spawn);
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                throw abandoned;
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        // read without get(): it would wrap a failure in an ExecutionException whose stack trace is thrown away
        Throwable failure = switch (started.state()) {
            case SUCCESS -> null;
            case FAILED -> started.exceptionNow();
            default -> new CancellationException("the start was cancelled");
        };
        if (failure == null) {
            return pid;
        }
        if (failure instanceof StartException failed) {
            throw failed.withCallersStack();
        }
        throw new StartException(StartException.Kind.INIT_FAILED, "start of " + what.get() + " failed: " + failure,
                ExitReason.crash(failure));
    }

    /** Kills a server whose start is abandoned and waits a little for it to end, so its name is free. */
    private static void killAndAwait(Pid pid, SpawnOptions spawn) {
        if (spawn.link()) {
            // unlink first: a server stuck in init code that ignores interrupts ends only when that code returns,
            // past the point where a failed start unlinks itself, and its starter must not get the exit signal
            Proc.unlink(pid);
        }
        Proc.exit(pid, ExitReason.kill());
        try {
            Proc.awaitExit(pid, GenServers.DEFAULT_CALL_TIMEOUT);
        } catch (TimeoutException e) {
            // it is still stuck in init code that ignores interrupts; it ends when that code returns
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
