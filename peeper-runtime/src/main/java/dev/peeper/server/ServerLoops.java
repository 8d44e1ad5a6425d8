package dev.peeper.server;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.process.ProcessBody;
import dev.peeper.process.SpawnOptions;
import dev.peeper.process.Spawned;
import dev.peeper.registry.ProcessName;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The generic loop as a {@link ProcessBody}, for runtimes that run servers their own way (Peeper servers run
 * their worker as a process that shares the server's mailbox). Applications start servers with
 * {@link GenServers} instead.
 */
public final class ServerLoops {
    private ServerLoops() {
    }

    /**
     * A loop that registers {@code name} (may be {@code null}), runs {@code init(argument)} and completes
     * {@code started} (exceptionally with a {@link StartException} if the start failed), then serves messages.
     *
     * @param dispatcher the server's callbacks; a generated {@code *_Dispatcher} or a hand-written one
     * @param argument   what {@code init} gets; may be {@code null}
     * @param name       the name to register before {@code init} runs, or {@code null} for none; a taken name
     *                   fails the start
     * @param started    completed by the loop once {@code init} has returned or failed; the starter waits on it
     * @param hooks      told of every completed state, code change and deliberate stop; may be {@code null}
     * @return the body to spawn; it does nothing until a process runs it
     */
    public static ProcessBody initializing(Dispatcher<?> dispatcher, Object argument, ProcessName name,
                                           CompletableFuture<Void> started, LoopHooks hooks) {
        return new ServerLoop(Objects.requireNonNull(dispatcher, "dispatcher"), argument, name,
                Objects.requireNonNull(started, "started"), hooks, false, null);
    }

    /**
     * A loop that does not run {@code init}: it resumes from {@code keptState} (passed through
     * {@link Dispatcher#restore}) after the previous worker ended with {@code lastExit}, then serves messages.
     *
     * @param dispatcher the server's callbacks; {@link Dispatcher#restore} turns the kept state into the first one
     * @param keptState  the state the previous worker last completed, as its keeper holds it
     * @param lastExit   why the previous worker ended, passed to {@code restore}
     * @param hooks      told of every completed state, code change and deliberate stop; may be {@code null}
     * @return the body to spawn for the next worker
     */
    public static ProcessBody resuming(Dispatcher<?> dispatcher, Object keptState, ExitReason lastExit,
                                       LoopHooks hooks) {
        return resuming(dispatcher, keptState, lastExit, hooks, false);
    }

    /**
     * {@link #resuming(Dispatcher, Object, ExitReason, LoopHooks)} for a server that was {@linkplain Sys#suspend
     * suspended} when its previous loop ended ({@code suspended}): the new loop starts suspended too, serving only
     * system messages until resumed, so nothing queued meanwhile is applied behind the back of whoever suspended it
     * (a transfer that has copied the state, say).
     *
     * @param dispatcher the server's callbacks; {@link Dispatcher#restore} turns the kept state into the first one
     * @param keptState  the state the previous worker last completed, as its keeper holds it
     * @param lastExit   why the previous worker ended, passed to {@code restore}
     * @param hooks      told of every completed state, code change and deliberate stop; may be {@code null}
     * @param suspended  whether the previous loop was suspended, so this one starts suspended
     * @return the body to spawn for the next worker
     */
    public static ProcessBody resuming(Dispatcher<?> dispatcher, Object keptState, ExitReason lastExit,
                                       LoopHooks hooks, boolean suspended) {
        ServerLoop loop = new ServerLoop(Objects.requireNonNull(dispatcher, "dispatcher"), keptState, null,
                CompletableFuture.completedFuture(null), hooks, true, Objects.requireNonNull(lastExit, "lastExit"));
        loop.startSuspended(suspended);
        return loop;
    }

    /**
     * Makes {@code server} pass every message queued in its mailbox to {@code successor}, in order, and end with
     * {@code reason} without running {@code terminate}: the last step of moving a server's state elsewhere. The
     * server must be suspended (see {@link Sys#suspend}) since its state was copied, or it could change meanwhile.
     *
     * @param server    the suspended server to empty and end
     * @param successor the process that receives the queued messages, in their order, as if sent to it
     * @param reason    the exit reason the server ends with (its links and monitors see it)
     */
    public static void handOver(ServerRef server, Pid successor, ExitReason reason) {
        Objects.requireNonNull(successor, "successor");
        Objects.requireNonNull(reason, "reason");
        server.send(new SystemCall(new SystemRequest.HandOver(successor, reason)))
                .await(server, GenServers.DEFAULT_CALL_TIMEOUT);
    }

    /**
     * Asks {@code server} to stop with {@code reason} in its turn, as {@link ServerRef#stop} does, but without
     * waiting: for a runtime that passes on an exit signal from a thread that must not block. If the server has
     * ended meanwhile, nothing happens.
     *
     * @param server the server's process
     * @param reason the exit reason {@code terminate} gets and the server ends with
     */
    public static void requestStop(Pid server, ExitReason reason) {
        Proc.send(server, new StopCall(Objects.requireNonNull(reason, "reason")));
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
    public static Pid spawnAndAwait(ProcessBody body, CompletableFuture<Void> started, SpawnOptions spawn,
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
    public static Spawned spawnMonitorAndAwait(ProcessBody body, CompletableFuture<Void> started, SpawnOptions spawn,
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

    /**
     * The starter's half of {@link #spawnAndAwait}, for a server whose process the caller has already created:
     * waits until {@code started} completes, and kills {@code pid} if it does not within {@code initTimeout}.
     *
     * @param pid         the process running the server loop
     * @param started     the future the server's loop completes once {@code init} has returned or failed
     * @param spawn       how it was spawned; with a link, a killed start is unlinked first so the caller lives on
     * @param initTimeout how long {@code init} may take before the server is killed and the start fails
     * @param what        names the server in error messages, e.g. its class; asked only when the start fails
     * @return {@code pid}, once its {@code init} has returned
     * @throws StartException if {@code init} failed, stopped, or took longer than {@code initTimeout}
     */
    public static Pid awaitStart(Pid pid, CompletableFuture<Void> started, SpawnOptions spawn, Duration initTimeout,
                                 Supplier<String> what) {
        boolean done;
        try {
            done = TimedFuture.awaitDone(started, TimedFuture.nanos(initTimeout));
        } catch (InterruptedException e) {
            killAndAwait(pid, spawn);
            Thread.currentThread().interrupt();
            throw new StartException(StartException.Kind.INTERRUPTED,
                    "interrupted while waiting for init of " + what.get() + "; the server was killed",
                    ExitReason.of("interrupted"));
        }
        if (!done) {
            killAndAwait(pid, spawn);
            throw new StartException(StartException.Kind.TIMEOUT,
                    "init of " + what.get() + " did not finish within " + initTimeout
                    + "; the server was killed. Move slow work out of init (return "
                    + "Next.of(state).thenContinue(...)) or raise the init timeout", ExitReason.of("timeout"));
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
