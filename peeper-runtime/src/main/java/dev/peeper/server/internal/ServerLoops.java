package dev.peeper.server.internal;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.ProcessBody;
import dev.peeper.process.SpawnOptions;
import dev.peeper.registry.NameTakenException;
import dev.peeper.registry.ProcessName;
import dev.peeper.server.Dispatcher;
import dev.peeper.server.GenServers;
import dev.peeper.server.ServerRef;
import dev.peeper.server.StartException;
import dev.peeper.server.Sys;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The generic loop as a {@link ProcessBody}, for runtimes that run servers their own way (Peeper servers run
 * their worker as a process that shares the server's mailbox). Internal: applications start servers with
 * {@link GenServers}.
 */
public final class ServerLoops {
    /**
     * The reason a server ends with when it was {@linkplain #handOver handed over} and lives on elsewhere (a transfer
     * to another supervisor, a cluster's handoff to another member). A Peeper server that ends with it tells its
     * keeper {@link dev.peeper.keeper.Keeper#transferred}, which leaves the state for the successor, rather than
     * releasing it: whoever hands a Peeper server over ends it with this reason.
     */
    public static final ExitReason TRANSFERRED = ExitReason.shutdown("transferred");

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
        return ServerAccess.get().initializing(dispatcher, argument, name, started, hooks);
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
        return ServerAccess.get().resuming(dispatcher, keptState, lastExit, hooks, false);
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
        return ServerAccess.get().resuming(dispatcher, keptState, lastExit, hooks, suspended);
    }

    /**
     * Makes {@code server} pass every message queued in its mailbox to {@code successor}, in order, and end with
     * {@code reason} without running {@code terminate}: the last step of moving a server's state elsewhere (with
     * {@link #TRANSFERRED} when it lives on there). The server must be suspended (see {@link Sys#suspend}) since its
     * state was copied, or it could change meanwhile.
     *
     * @param server    the suspended server to empty and end
     * @param successor the process that receives the queued messages, in their order, as if sent to it
     * @param reason    the exit reason the server ends with (its links and monitors see it)
     */
    public static void handOver(ServerRef server, Pid successor, ExitReason reason) {
        ServerAccess.get().handOver(server, successor, reason);
    }

    /**
     * The starter's half of a start, for a server whose process the caller has already created (a Peeper server's
     * host): waits until {@code started} completes, and kills {@code pid} if it does not within {@code initTimeout}.
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
        return ServerAccess.get().awaitStart(pid, started, spawn, initTimeout, what);
    }

    /**
     * The failure of a start whose name was taken, {@link StartException.Kind#ALREADY_STARTED}, for a server that
     * registers its name itself (a Peeper server's host) rather than in the loop.
     *
     * @param taken the registry's refusal, naming the name and, if known, its holder ({@link
     *              StartException#existing()})
     * @return the exception for the starter to throw
     */
    public static StartException alreadyStarted(NameTakenException taken) {
        return ServerAccess.get().alreadyStarted(taken);
    }

    /**
     * The failure of a start whose server ended before its {@code init} finished: {@link
     * StartException.Kind#INIT_FAILED} when it crashed, {@link StartException.Kind#EXITED} when it ended otherwise
     * (an exit signal, such as a kill), as the loop reports it.
     *
     * @param server names the server in the message, e.g. its class or pid
     * @param reason the reason the server ended with
     * @return the exception for the starter to throw
     */
    public static StartException endedDuringInit(Object server, ExitReason reason) {
        return ServerAccess.get().endedDuringInit(server, reason);
    }
}
