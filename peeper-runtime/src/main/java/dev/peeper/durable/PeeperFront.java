package dev.peeper.durable;

import dev.peeper.keeper.Keeper;
import dev.peeper.keeper.StateCopy;
import dev.peeper.keeper.SupersededException;
import dev.peeper.observe.EventGate;
import dev.peeper.observe.WorkerRestartedEvent;
import dev.peeper.process.ExitReason;
import dev.peeper.process.ExitSignal;
import dev.peeper.process.NoProcessException;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.process.ProcessBody;
import dev.peeper.process.SpawnOptions;
import dev.peeper.process.internal.Host;
import dev.peeper.registry.NameTakenException;
import dev.peeper.registry.ProcessName;
import dev.peeper.server.Dispatcher;
import dev.peeper.server.StartException;
import dev.peeper.server.internal.DeferredCalls;
import dev.peeper.server.internal.LoopHooks;
import dev.peeper.server.internal.ServerLoops;
import dev.peeper.server.internal.WrappingDispatcher;
import dev.peeper.supervisor.internal.RestartIntensity;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Peeper server: the process clients talk to. It is a {@link Host}, a process without a thread: it has the
 * server's pid, name, mailbox, links and monitors, and owns the keeper; its worker is a delegate process that reads
 * that mailbox and runs the user's callbacks through the generic loop. When the worker ends for any reason but a
 * deliberate stop or an exit signal to the server, a new worker resumes from the kept state, started on the dying
 * worker's thread before anyone hears of its end; the mailbox, with everything queued in it, stays.
 *
 * <p>Why no thread of its own: an earlier version ran this as a process that only ever waited for its worker to
 * end, which cost a second parked virtual thread per idle server and two thread hand-offs per crash and
 * per start. Its two jobs need no thread: restarting is done where the worker ends, and an exit signal to the
 * server is passed on to the worker ({@link #exitSignalled}), whose end then ends the server.
 *
 * <p>Why the keeper is not a process: in Erlang it must be, because a process's memory dies with it. Here the
 * state the worker hands over after each callback simply lives in this object, which outlives workers, so keeping
 * costs one field write per message and restoring costs nothing.
 */
final class PeeperFront implements Host, LoopHooks {
    private static final Logger log = LoggerFactory.getLogger("dev.peeper.durable");
    /**
     * The exit reason of a server whose worker crashed more often than its restart intensity allows. Abnormal on
     * purpose (not a shutdown), so a transient parent restarts the server and a linked process hears a failure.
     */
    static final ExitReason GAVE_UP = ExitReason.of("reached_max_restart_intensity");

    /** What {@code init} runs with: the first start's argument, also kept by a server that moved here. */
    private final Object argument;
    /** Set when the server starts from {@link #resumeState} instead of running init (a transfer's new home). */
    private final boolean resumeFirst;
    private final Object resumeState;
    final PeeperOptions options;
    /** Completes when the first worker has finished init; fails (after the clean-up) if it never does. */
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final Keeper<Object> keeper;
    /** {@code null} when the state is immutable: then nothing is copied. */
    private final StateCopy<Object> copy;
    /**
     * Calls the workers answer later through a {@code From} kept in the state: the server's, not a worker's, so a
     * crash of another message does not fail them (the restarted worker still holds the {@code From}s); they fail
     * when the server ends for good, and move with it on a transfer.
     */
    private final DeferredCalls deferred;
    /** Created at the first crash: most servers never crash, and a million idle ones should not pay for it. */
    private RestartIntensity intensity;
    private volatile Supplier<? extends Dispatcher<?>> implementation;
    private volatile ProcessName name;
    private volatile Dispatcher<?> upgrading;
    private volatile Supplier<? extends Dispatcher<?>> upgradingTo;

    private volatile Pid self;
    private ListenerRelay relay;
    // written on a worker's thread, read on it or on a later worker's (each starts after its predecessor ended)
    private Object heardState;
    private boolean heardAny;
    private long handledByWorker;
    private volatile ExitReason stopReason;
    /**
     * Whether a {@code Sys.suspend} is in force: the server's, not its worker's, so a restarted worker comes back
     * suspended and does not apply what was queued after a transfer copied the state.
     */
    private volatile boolean suspended;
    /** Why the first worker's init failed, before the worker's end is reported. */
    private volatile Throwable startFailure;

    // guarded by this: an exit signal and a worker's end can come at once, on two threads
    /** The exit signal that ends the server, passed on to the worker; a kill may override a first one. */
    private ExitReason signal;
    /** The server has ended or is ending: no worker starts any more, and signals have nothing to act on. */
    private boolean over;

    // read by statistics() from any thread
    private volatile Pid worker;
    private volatile long restarts;
    private volatile ExitReason lastCrash;
    private volatile Instant lastCrashAt;
    private volatile long handledByPastWorkers;

    @SuppressWarnings("unchecked")
    PeeperFront(Supplier<? extends Dispatcher<?>> implementation, Object argument, boolean resumeFirst,
                Object resumeState, DeferredCalls deferred, PeeperOptions options) {
        this.implementation = implementation;
        this.argument = argument;
        this.resumeFirst = resumeFirst;
        this.resumeState = resumeState;
        this.deferred = deferred != null ? deferred : new DeferredCalls();
        this.options = options;
        this.name = options.name();
        this.keeper = options.keeper().create(options.name());
        this.copy = options.stateCopy() == StateCopy.none() ? null : (StateCopy<Object>) options.stateCopy();
    }

    /** The running Peeper server behind {@code pid}. */
    static PeeperFront of(Pid pid) {
        if (Host.of(pid) instanceof PeeperFront front && Proc.isAlive(pid)) {
            return front;
        }
        throw new NoProcessException(pid + " is not a running Peeper server");
    }

    // ---- the start, on the starter's thread ----

    /**
     * Creates the server's process, registers its name, starts the first worker and waits until its {@code init}
     * has finished (or, for a transfer's new home, at once); returns the server's pid.
     *
     * @throws StartException the name is taken, init failed or refused, or did not finish in time
     */
    @SuppressWarnings("unchecked")
    Pid start(SpawnOptions spawn, Supplier<String> what) {
        Pid pid = Host.spawn(this, spawn);
        self = pid;
        if (options.listener() != null) {
            relay = ListenerRelay.start((StateListener<Object>) options.listener(), pid);
        }
        if (name != null) {
            try {
                name.register(pid);
            } catch (NameTakenException e) {
                name = null; // someone else's
                abandon(ExitReason.normal());
                throw ServerLoops.alreadyStarted(e);
            }
        }
        ProcessBody first;
        try {
            first = firstWorker();
        } catch (RuntimeException e) {
            abandon(ExitReason.normal());
            throw new StartException(StartException.Kind.INIT_FAILED,
                    "the implementation factory of " + what.get() + " threw " + e
                    + "; the server did not start", ExitReason.crash(e));
        }
        ExitReason early;
        synchronized (this) {
            early = signal;
            if (early == null) {
                worker = Host.spawnDelegate(pid, first);
            } else {
                over = true;
            }
        }
        if (early != null) { // an exit signal came before there was a worker to pass it to
            abandon(early);
            throw ServerLoops.endedDuringInit(pid, early);
        }
        return ServerLoops.awaitStart(pid, started, spawn, options.initTimeout(), what);
    }

    private ProcessBody firstWorker() {
        if (resumeFirst) {
            // kept before the first worker runs: should it die before it keeps anything itself (in restore, say),
            // its successor must resume from the moved state, not from an empty keeper
            keeper.keep(copy == null ? resumeState : copy.copy(resumeState));
            started.complete(null); // nothing to wait for: the state is there
            return ServerLoops.resuming(implementation.get(), resumeState, ServerLoops.TRANSFERRED, this);
        }
        CompletableFuture<Void> initialized = new CompletableFuture<>();
        // runs on the worker's thread as init finishes: success is passed on at once, a failure only once the
        // worker has ended and the name is free again (see firstStartFailed), so the starter can retry at once
        initialized.whenComplete((ok, failure) -> {
            if (failure == null) {
                started.complete(null);
            } else {
                startFailure = failure;
            }
        });
        return ServerLoops.initializing(implementation.get(), argument, null, initialized, this);
    }

    /** Ends a server whose start failed: no {@code onTerminate} (it never ran), the name freed, the keeper let go. */
    private void abandon(ExitReason end) {
        ProcessName current = name;
        if (current != null) {
            current.unregister(self);
        }
        closeRelay();
        try {
            keeper.startFailed();
        } finally {
            Host.end(self, end);
        }
    }

    // ---- the host: exit signals to the server, and its workers' ends ----

    /** Passes an exit signal to the server on to its worker: an orderly stop in its turn, or a kill at once. */
    @Override
    public void exitSignalled(ExitReason reason) {
        Pid current;
        synchronized (this) {
            if (over) {
                return;
            }
            signal = reason;
            current = worker;
        }
        if (current == null) {
            return; // between two workers: the one starting sees the signal and ends the server instead
        }
        if (reason instanceof ExitReason.Killed) {
            Proc.exit(current, ExitReason.kill());
        } else {
            // the worker takes it as its parent's exit signal, as a plain server that traps exits does: terminate
            // runs after what is already queued, or at once if the server is suspended (so it obeys a shutdown);
            // a supervisor whose shutdown timeout passes meanwhile sends a kill, which overrides this
            Proc.send(current, new ExitSignal(self, reason));
        }
    }

    /** Restarts the worker after a crash, or ends the server after a stop, an exit signal or too many crashes. */
    @Override
    public void delegateEnded(Pid ended, ExitReason reason) {
        handledByPastWorkers += handledByWorker;
        handledByWorker = 0;
        if (!started.isDone() || started.isCompletedExceptionally()) {
            // init did not finish, or its starter gave up on it first (timed out, interrupted): the server never ran
            firstStartFailed(reason);
            return;
        }
        ExitReason end = endsTheServer();
        if (end == null) {
            end = superseded(reason);
        }
        if (end == null) {
            end = restart(reason);
        }
        if (end != null) {
            endForGood(end);
        }
    }

    /** Why the server ends now that its worker has, or {@code null} if the worker crashed and is to restart. */
    private synchronized ExitReason endsTheServer() {
        worker = null;
        ExitReason end = signal != null ? signal : stopReason; // an exit signal wins, as it does over a body's return
        if (end != null) {
            over = true;
        }
        return end;
    }

    /**
     * If the worker crashed because its keeper found a newer incarnation of this server holding the state: why the
     * server ends at once, without a restart (another worker would only be refused again, each time up to the
     * restart limit). Else {@code null}.
     */
    private ExitReason superseded(ExitReason reason) {
        for (Throwable cause = reason.cause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SupersededException superseded) {
                log.error("Peeper server {} stops without restarting its worker: it is superseded ({}); the name and "
                        + "state of the newer incarnation stay", this, superseded.getMessage());
                lastCrash = reason;
                lastCrashAt = Instant.now();
                synchronized (this) {
                    over = true;
                }
                return ExitReason.shutdown(superseded);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    /** Starts the next worker from the kept state; returns why the server ends instead, if it does. */
    private ExitReason restart(ExitReason reason) {
        lastCrash = reason;
        lastCrashAt = Instant.now();
        restarts++;
        ExitReason end = null;
        if (intensity == null) { // each worker ends after the previous one's restart has run: no race
            intensity = new RestartIntensity(options.maxRestarts(), options.period());
        }
        if (!intensity.tryRestart(System.nanoTime())) {
            log.error("Peeper server {} gives up: its worker exited ({}) beyond the restart intensity of {} in "
                    + "{}; the server stops with {}", this, reason, options.maxRestarts(), options.period(), GAVE_UP);
            end = GAVE_UP;
        } else {
            log.warn("Peeper server {} restarts its worker after it exited: {} [restart {}]", this, reason, restarts);
            if (EventGate.mayRecord()) { // the event class only once the recorder is up: see EventGate
                WorkerRestartedEvent.emit(this, reason, restarts);
            }
            try {
                Object kept = keeper.restore();
                ProcessBody next = ServerLoops.resuming(implementation.get(), copy == null ? kept : copy.copy(kept),
                        reason, this, suspended);
                synchronized (this) {
                    if (signal == null) {
                        worker = Host.spawnDelegate(self, next);
                        return null;
                    }
                    end = signal; // came while the next worker was being prepared: nobody got it
                }
            } catch (RuntimeException | Error e) { // the implementation factory, the keeper or the state copy threw
                log.error("Peeper server {} could not restart its worker; the server stops", this, e);
                end = ExitReason.crash(e);
            }
        }
        synchronized (this) {
            over = true;
        }
        return end;
    }

    /** The first worker ended before its init finished: the start fails once the name is free again. */
    private void firstStartFailed(ExitReason reason) {
        ExitReason end;
        synchronized (this) {
            worker = null;
            over = true;
            end = signal != null ? signal : ExitReason.normal(); // a failed start is not a crash of the server
        }
        Throwable failure = startFailure;
        ProcessName current = name;
        if (current != null) {
            current.unregister(self); // before the starter hears, so it can retry at once
        }
        try {
            closeRelay();
            // not release(): init may have completed and kept (a replicated keeper then took the name over) just before
            // the start was given up (timed out, killed); a state it found stays for the starter's next attempt.
            // Before the starter hears: it may look at the keeper, or start another at once
            keeper.startFailed();
        } finally {
            deferred.failAll(self, end);
            started.completeExceptionally(failure != null ? failure
                    : ServerLoops.endedDuringInit(self, reason));
            Host.end(self, end);
        }
    }

    /**
     * Once, whichever way a running server ends: the listener hears one onTerminate, the keeper is released once.
     * Every step runs even if one before it throws (a registry of a member that has shut down, a throwing keeper or
     * state copy), so a server never stays alive without a worker nor keeps its keeper; the first failure is
     * rethrown once the server has ended, with the others suppressed.
     */
    private void endForGood(ExitReason reason) {
        StepFailures failures = new StepFailures();
        // before the end, so whoever waits for it (a stop, a restart by the parent supervisor) may take the name
        // again at once. After a transfer it is no longer ours: no-op
        failures.run(this::unregisterName);
        if (!reason.equals(ServerLoops.TRANSFERRED)) { // else the calls moved with the state to the server's new home
            failures.run(() -> deferred.failAll(self, reason));
        }
        failures.run(() -> tellListenerOfTheEnd(reason));
        failures.run(() -> letGoOfTheKeeper(reason));
        try {
            Host.end(self, reason);
        } finally {
            failures.rethrow();
        }
    }

    private void unregisterName() {
        ProcessName current = name;
        if (current != null) {
            current.unregister(self);
        }
    }

    private void tellListenerOfTheEnd(ExitReason reason) {
        if (relay == null) {
            return;
        }
        if (reason.equals(ServerLoops.TRANSFERRED)) {
            closeRelay(); // the listener lives on with the server's new home
        } else {
            relay.terminated(reason, copy == null ? keeper.restore() : copy.copy(keeper.restore()));
        }
    }

    /**
     * A server that gave up tells its keeper why (a keeper whose refusals caused it may keep the state); one handed
     * over says so (its state is its successor's).
     */
    private void letGoOfTheKeeper(ExitReason reason) {
        if (reason == GAVE_UP && lastCrash != null) {
            keeper.gaveUp(lastCrash);
        } else if (reason.equals(ServerLoops.TRANSFERRED)) {
            keeper.transferred();
        } else {
            keeper.release();
        }
    }

    private void closeRelay() {
        if (relay != null) {
            relay.close();
        }
    }

    // ---- hooks: called on the worker's thread ----

    @Override
    public void stateCompleted(Object state, long messagesHandled) {
        if (worker == null) {
            // a restarted worker announces itself before it serves anything, so whoever sees a reply from it
            // also sees it as the current worker (the front's own assignment may come a moment later)
            worker = Proc.self();
        }
        handledByWorker = messagesHandled;
        Object kept = copy == null ? state : copy.copy(state);
        keeper.keep(kept);
        if (relay != null) {
            if (heardAny && !Objects.equals(heardState, kept)) {
                relay.changed(heardState, kept);
            }
            heardState = kept;
            heardAny = true;
        }
    }

    @Override
    public void beforeReply() {
        keeper.beforeReply();
    }

    @Override
    public boolean holdsReplies() {
        return keeper.writesBeforeReply();
    }

    @Override
    public void mailboxDrained() {
        keeper.mailboxDrained();
    }

    @Override
    public void codeChanged(Dispatcher<?> newImplementation) {
        if (newImplementation instanceof WrappingDispatcher wrapper && wrapper.wrapped() == upgrading) {
            Supplier<? extends Dispatcher<?>> upgraded = upgradingTo;
            implementation = () -> wrapper.around(upgraded.get()); // restarts build it inside the same wrapper
        } else if (newImplementation == upgrading) {
            implementation = upgradingTo; // restarts from now on build the new implementation
        }
    }

    @Override
    public DeferredCalls deferredCalls() {
        return deferred;
    }

    @Override
    public void suspensionChanged(boolean on) {
        suspended = on;
    }

    @Override
    public void stopping(ExitReason reason) {
        stopReason = reason;
    }

    // ---- for PeeperRef and Peeper ----

    /** Announces the implementation a coming code change installs, so later restarts use its factory. */
    void expectUpgrade(Dispatcher<?> instance, Supplier<? extends Dispatcher<?>> factory) {
        upgradingTo = factory;
        upgrading = instance;
    }

    /** The argument {@code init} ran with, at this server's first start wherever that was. */
    Object argument() {
        return argument;
    }

    Supplier<? extends Dispatcher<?>> implementation() {
        return implementation;
    }

    ProcessName name() {
        return name;
    }

    /** After a transfer: the name now points here. */
    void adoptName(ProcessName name) {
        this.name = name;
    }

    PeeperStatistics statistics() {
        Pid current = worker;
        return new PeeperStatistics(restarts, lastCrash, lastCrashAt, handledByPastWorkers + handledByWorker,
                Proc.mailboxLength(self), current);
    }

    Pid worker() {
        return worker;
    }

    @Override
    public String toString() {
        ProcessName current = name;
        return current == null ? String.valueOf(self) : self + " (" + current + ")";
    }
}
