package dev.peeper.durable;

import dev.peeper.process.Pid;
import dev.peeper.process.SpawnOptions;
import dev.peeper.registry.ProcessName;
import dev.peeper.registry.internal.NameMoves;
import dev.peeper.server.Dispatcher;
import dev.peeper.server.GenServers;
import dev.peeper.server.ServerExitException;
import dev.peeper.server.ServerRef;
import dev.peeper.server.Sys;
import dev.peeper.server.internal.DeferredCalls;
import dev.peeper.server.internal.ServerLoops;
import dev.peeper.supervisor.ChildSpec;
import dev.peeper.supervisor.DynamicSupervisorRef;
import dev.peeper.supervisor.Restart;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Starts Peeper servers: generic servers whose state survives the crash of their worker.
 *
 * <p>A Peeper server is one process that clients talk to (its pid and name never change), a worker process that
 * runs your callbacks, and a keeper that holds the state every completed callback returned. When the worker
 * crashes (an exception, a kill, any exit signal), a new worker resumes from the kept state, without running
 * {@code init} again; only the message that crashed is lost (its caller gets the cause), and everything queued
 * behind it is served. Beyond its restart intensity the server stops, tells its listener and its supervisor, and
 * frees its name.
 *
 * <pre>{@code
 * PeeperRef counter = Peeper.start(Counter::new, 0, PeeperOptions.named("counter"));
 * counter.cast(5);
 * Proc.exit(counter.worker(), ExitReason.kill());   // the worker dies...
 * int value = counter.call("get");                  // ...and the state is still 5
 * }</pre>
 *
 * <p>The implementation is given as a factory: every worker, first or restarted, gets a fresh instance, so
 * nothing a crashed instance held in its fields can leak into its successor.
 */
public final class Peeper {
    private Peeper() {
    }

    /**
     * Starts an unnamed Peeper server with the default options.
     *
     * @param implementation makes the server's callbacks, a fresh instance per worker, e.g. {@code Counter::new}
     * @param argument       what {@code init} gets on the first start; may be {@code null}
     * @return a handle to the running server, once {@code init} has returned
     * @throws dev.peeper.server.StartException if {@code init} failed or stopped
     */
    public static PeeperRef start(Supplier<? extends Dispatcher<?>> implementation, Object argument) {
        return start(implementation, argument, PeeperOptions.defaults());
    }

    /**
     * Starts a Peeper server, not linked to the caller; returns once {@code init} has finished.
     *
     * @param implementation makes the server's callbacks, a fresh instance per worker, e.g. {@code Counter::new}
     * @param argument       what {@code init} gets on the first start; may be {@code null}
     * @param options        name, restart intensity, state listener, keeper and init timeout
     * @return a handle to the running server, once {@code init} has returned
     * @throws dev.peeper.server.StartException if {@code init} failed or stopped, or the name was taken
     */
    public static PeeperRef start(Supplier<? extends Dispatcher<?>> implementation, Object argument,
                                  PeeperOptions options) {
        return spawn(implementation, argument, null, options, SpawnOptions.defaults());
    }

    /**
     * Starts a Peeper server linked to the calling process (a supervisor, typically).
     *
     * @param implementation makes the server's callbacks, a fresh instance per worker, e.g. {@code Counter::new}
     * @param argument       what {@code init} gets on the first start; may be {@code null}
     * @param options        name, restart intensity, state listener, keeper and init timeout
     * @return a handle to the running server, once {@code init} has returned
     * @throws dev.peeper.server.StartException if {@code init} failed or stopped, or the name was taken
     */
    public static PeeperRef startLink(Supplier<? extends Dispatcher<?>> implementation, Object argument,
                                      PeeperOptions options) {
        return spawn(implementation, argument, null, options, SpawnOptions.defaults().withLink());
    }

    /**
     * A child spec that runs a Peeper server under a supervisor: a {@linkplain Restart#TRANSIENT transient} worker
     * with the default shutdown. Its worker's crashes are the Peeper server's own business; the supervisor sees the
     * server end only when it is stopped (normal: not restarted, so a deliberate {@code stop()} sticks) or gives up
     * after too many crashes (abnormal: restarted from {@code init}). Use {@code withRestart} to change that.
     *
     * @param id             the child's id, unique among the supervisor's children
     * @param implementation makes the server's callbacks, a fresh instance per worker, e.g. {@code Counter::new}
     * @param argument       what {@code init} gets on every start by the supervisor; may be {@code null}
     * @param options        name, restart intensity, state listener, keeper and init timeout
     * @return the spec, to pass to a supervisor or adjust with its {@code with...} methods
     */
    public static ChildSpec childSpec(Object id, Supplier<? extends Dispatcher<?>> implementation, Object argument,
                                      PeeperOptions options) {
        Objects.requireNonNull(implementation, "implementation");
        Objects.requireNonNull(options, "options");
        return ChildSpec.worker(id, () -> startLink(implementation, argument, options).pid())
                .withRestart(Restart.TRANSIENT);
    }

    /**
     * Moves a running Peeper server from one dynamic supervisor to another, with its state, listener, options,
     * name and queued messages. The server is suspended, a new one starts under {@code to} from the same state
     * (its {@code init} does not run), the name moves to it atomically, the old one passes on what was queued
     * and ends without {@code terminate}. If a step before the name moves fails (the suspend included: a server
     * too busy to suspend within the default call timeout), the new server is discarded, the old one resumes
     * where it was (a suspend still queued is undone by a resume queued behind it), and
     * {@link TransferException} says why, with the failure as its cause. Should the old server's worker crash at
     * any point, it comes back suspended, so no update applied after the copy is lost.
     *
     * <p>Clients that hold the old pid must look the name up again: use names (or the returned handle).
     *
     * <pre>{@code
     * PeeperRef moved = Peeper.transfer(session, nodeA, nodeB);
     * }</pre>
     *
     * @param server the server to move; it must be a child of {@code from}
     * @param from   the dynamic supervisor the server runs under now
     * @param to     the dynamic supervisor to run it under from now on
     * @return a handle to the server in its new home: by name if it has one, else by its new pid
     * @throws TransferException if the move failed; the server then keeps running under {@code from}
     */
    public static PeeperRef transfer(PeeperRef server, DynamicSupervisorRef from, DynamicSupervisorRef to) {
        return transfer(server, from, to, GenServers.DEFAULT_CALL_TIMEOUT);
    }

    /**
     * {@link #transfer(PeeperRef, DynamicSupervisorRef, DynamicSupervisorRef)}, waiting at most
     * {@code suspendTimeout} for the server to suspend (it does between two messages, so a long callback delays
     * it) and then to give its state; past it the transfer rolls back and throws {@link TransferException}.
     *
     * @param server         the server to move; it must be a child of {@code from}
     * @param from           the dynamic supervisor the server runs under now
     * @param to             the dynamic supervisor to run it under from now on
     * @param suspendTimeout how long to wait for each of the suspend and the state copy
     * @return a handle to the server in its new home: by name if it has one, else by its new pid
     * @throws TransferException if the move failed; the server then keeps running under {@code from}
     */
    public static PeeperRef transfer(PeeperRef server, DynamicSupervisorRef from, DynamicSupervisorRef to,
                                     Duration suspendTimeout) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(suspendTimeout, "suspendTimeout");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Pid oldPid = server.pid();
        PeeperFront old = PeeperFront.of(oldPid);
        ServerRef oldServer = ServerRef.of(oldPid);
        Object state;
        try {
            Sys.suspend(oldServer, suspendTimeout);
            state = Sys.getState(oldServer, suspendTimeout);
        } catch (RuntimeException e) {
            // a server busy past the timeout, or whose worker died serving the request, may still suspend later:
            // the resume queued behind the suspend undoes it whenever it is served
            resumeAfterwards(oldServer);
            throw new TransferException("could not suspend " + server + " to copy its state; it keeps running "
                    + "where it was", e);
        }
        Pid newPid;
        try {
            newPid = to.startChild(transferSpec(old, state));
        } catch (RuntimeException e) {
            resumeAfterwards(oldServer);
            throw new TransferException("could not start " + server + " under " + to + "; it keeps running where it "
                    + "was", e);
        }
        try {
            from.detachChild(oldPid);
        } catch (RuntimeException e) {
            discard(to, newPid, oldPid, e);
            resumeAfterwards(oldServer);
            throw new TransferException(server + " is not a child of " + from + "; it keeps running where it was", e);
        }
        ProcessName name = old.name();
        if (name != null) {
            NameMoves.move(name, oldPid, newPid);
            PeeperFront.of(newPid).adoptName(name);
        }
        handOver(oldServer, newPid);
        return name != null ? PeeperRef.named(name) : PeeperRef.of(newPid);
    }

    /**
     * The last step of a transfer: the old server passes on what is queued and ends. A worker killed meanwhile is
     * restarted, suspended (suspension belongs to the server), and asked again; a server killed as a whole ends
     * with what it still held queued, as any killed server does, and the move is done all the same.
     */
    private static void handOver(ServerRef old, Pid successor) {
        while (true) {
            try {
                ServerLoops.handOver(old, successor, ServerLoops.TRANSFERRED);
                return;
            } catch (ServerExitException e) {
                if (!old.isAlive()) {
                    return;
                }
            }
        }
    }

    /**
     * The child spec of a server's new home: the first start resumes from the moved state, unnamed (the name moves
     * later); should the new supervisor ever restart it, it starts afresh like the original, with init and name.
     */
    private static ChildSpec transferSpec(PeeperFront old, Object state) {
        AtomicBoolean moved = new AtomicBoolean();
        Supplier<? extends Dispatcher<?>> implementation = old.implementation();
        PeeperOptions options = old.options.withName(old.name());
        Resume resume = new Resume(state, old.deferredCalls());
        return ChildSpec.worker("transferred " + old, () -> moved.compareAndSet(false, true)
                ? spawn(implementation, old.argument(), resume, options.withName(null),
                        SpawnOptions.defaults().withLink()).pid()
                : startLink(implementation, old.argument(), options).pid());
    }

    /**
     * Ends the copy started under {@code to} for a transfer that failed, as if it had never been: the server lives
     * on where it was, so the copy must not run {@code terminate} (user clean-up of what the original still uses)
     * nor tell the shared listener {@code onTerminate}. It is detached first, so that {@code to} does not restart
     * it, then ends as a moved server does, handing anything sent to it back to the original.
     */
    private static void discard(DynamicSupervisorRef to, Pid copy, Pid original, RuntimeException failure) {
        try {
            to.detachChild(copy);
            ServerLoops.handOver(ServerRef.of(copy), original, ServerLoops.TRANSFERRED);
        } catch (RuntimeException e) {
            failure.addSuppressed(e); // the copy or its supervisor ended meanwhile: nothing left to discard
        }
    }

    /**
     * Asks the server to resume without waiting for the answer. It goes behind the suspend in the system lane (one
     * sender's messages keep their order), so it undoes that suspend whenever it is served, even by a server that
     * is busy now or restarting its worker; and a rolled-back transfer does not wait a second timeout for it.
     */
    private static void resumeAfterwards(ServerRef server) {
        try {
            Sys.resume(server, Duration.ZERO);
        } catch (RuntimeException e) {
            // not answered at once, or the server ended meanwhile: nothing to wait for either way
        }
    }

    /** A state to start from instead of running {@code init}, and the calls answered later from it. */
    private record Resume(Object state, DeferredCalls deferred) {
    }

    private static PeeperRef spawn(Supplier<? extends Dispatcher<?>> implementation, Object argument, Resume resume,
                                   PeeperOptions options, SpawnOptions spawn) {
        Objects.requireNonNull(implementation, "implementation: a factory such as Counter::new");
        Objects.requireNonNull(options, "options");
        PeeperFront front = new PeeperFront(implementation, argument, resume != null,
                resume == null ? null : resume.state(), resume == null ? null : resume.deferred(), options);
        return PeeperRef.of(front.start(spawn, () -> "Peeper server " + implementation));
    }
}
