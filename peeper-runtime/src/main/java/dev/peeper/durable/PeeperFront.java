package dev.peeper.durable;

import dev.peeper.keeper.Keeper;
import dev.peeper.keeper.StateCopy;
import dev.peeper.observe.WorkerRestartedEvent;
import dev.peeper.process.ExitReason;
import dev.peeper.process.NoProcessException;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.process.ProcessBody;
import dev.peeper.process.ProcessExit;
import dev.peeper.registry.NameTakenException;
import dev.peeper.registry.ProcessName;
import dev.peeper.server.CallException;
import dev.peeper.server.Dispatcher;
import dev.peeper.server.LoopHooks;
import dev.peeper.server.ServerLoops;
import dev.peeper.server.ServerRef;
import dev.peeper.server.StartException;
import dev.peeper.supervisor.RestartIntensity;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Peeper server: the process clients talk to. It plays the supervisor and owns the keeper and the mailbox;
 * its worker is a {@linkplain Proc#spawnDelegate delegate} process that reads that mailbox and runs the user's
 * callbacks through the generic loop. When the worker ends for any reason but a deliberate stop, this process
 * starts a new one that resumes from the kept state; the mailbox, with everything queued in it, stays.
 *
 * <p>Why the keeper is not a process: in Erlang it must be, because a process's memory dies with it. Here the
 * state the worker hands over after each callback simply lives in this object, which outlives workers, so keeping
 * costs one field write per message and restoring costs nothing.
 */
final class PeeperFront implements ProcessBody, LoopHooks {
    private static final Logger log = LoggerFactory.getLogger("dev.peeper.durable");
    private static final Map<Pid, PeeperFront> RUNNING = new ConcurrentHashMap<>();
    private static final Duration FOREVER = Duration.ofDays(36_500);
    /** The exit reason of a server that handed itself over to another supervisor. */
    static final ExitReason TRANSFERRED = ExitReason.shutdown("transferred");
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
    private final CompletableFuture<Void> started;
    private final Keeper<Object> keeper;
    /** {@code null} when the state is immutable: then nothing is copied. */
    private final StateCopy<Object> copy;
    private final RestartIntensity intensity;
    private volatile Supplier<? extends Dispatcher<?>> implementation;
    private volatile ProcessName name;
    private volatile Dispatcher<?> upgrading;
    private volatile Supplier<? extends Dispatcher<?>> upgradingTo;

    private Pid self;
    private ListenerRelay relay;
    // written on the worker's thread, read here only after that worker has ended (its end orders the two)
    private Object heardState;
    private boolean heardAny;
    private long handledByWorker;
    private volatile ExitReason stopReason;

    // read by statistics() from any thread
    private volatile Pid worker;
    private volatile long restarts;
    private volatile ExitReason lastCrash;
    private volatile Instant lastCrashAt;
    private volatile long handledByPastWorkers;

    @SuppressWarnings("unchecked")
    PeeperFront(Supplier<? extends Dispatcher<?>> implementation, Object argument, boolean resumeFirst,
                Object resumeState, PeeperOptions options, CompletableFuture<Void> started) {
        this.implementation = implementation;
        this.argument = argument;
        this.resumeFirst = resumeFirst;
        this.resumeState = resumeState;
        this.options = options;
        this.name = options.name();
        this.started = started;
        this.keeper = options.keeper().create(options.name());
        this.copy = options.stateCopy() == StateCopy.none() ? null : (StateCopy<Object>) options.stateCopy();
        this.intensity = new RestartIntensity(options.maxRestarts(), options.period());
    }

    /** The running Peeper server behind {@code pid}. */
    static PeeperFront of(Pid pid) {
        PeeperFront front = RUNNING.get(pid);
        if (front == null) {
            throw new NoProcessException(pid + " is not a running Peeper server");
        }
        return front;
    }

    // ---- the process ----

    @Override
    @SuppressWarnings("unchecked")
    public void run() {
        self = Proc.self();
        RUNNING.put(self, this);
        try {
            ExitReason end;
            try {
                if (options.listener() != null) {
                    relay = ListenerRelay.start((StateListener<Object>) options.listener(), self);
                }
                if (!startFirstWorker()) {
                    return;
                }
                started.complete(null);
                end = superviseWorker();
            } catch (ProcessExit e) { // an exit signal: from our parent, or a kill
                end = e.reason();
                stopWorker(end);
                if (!started.isDone()) {
                    started.completeExceptionally(new StartException("server " + self + " ended during init: "
                            + end, end));
                }
            }
            // once, whichever way the server ends: the listener hears one onTerminate, the keeper is released once
            endForGood(end);
            throw new ProcessExit(end);
        } finally {
            RUNNING.remove(self);
        }
    }

    private boolean startFirstWorker() {
        if (name != null) {
            try {
                name.register(self);
            } catch (NameTakenException e) {
                started.completeExceptionally(new StartException(e.getMessage(), ExitReason.of("already_started")));
                closeRelay();
                return false;
            }
        }
        CompletableFuture<Void> workerStarted = resumeFirst
                ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
        worker = Proc.spawnDelegate(resumeFirst
                ? ServerLoops.resuming(implementation.get(), resumeState, TRANSFERRED, this)
                : ServerLoops.initializing(implementation.get(), argument, null, workerStarted, this));
        try {
            workerStarted.get();
            return true;
        } catch (ExecutionException e) {
            awaitEnd(worker); // one reader at a time: the mailbox is ours again only when the worker is gone
            if (name != null) {
                name.unregister(self); // before the starter hears, so it can retry at once
            }
            started.completeExceptionally(e.getCause());
            closeRelay();
            return false;
        } catch (InterruptedException e) {
            Proc.checkSignals();
            throw new IllegalStateException("interrupted without an exit signal", e);
        }
    }

    /** Restarts the worker each time it crashes; returns why the server ends: a deliberate stop, or giving up. */
    private ExitReason superviseWorker() {
        while (true) {
            ExitReason reason = awaitEnd(worker);
            handledByPastWorkers += handledByWorker;
            handledByWorker = 0;
            ExitReason stop = stopReason;
            if (stop != null) {
                return stop;
            }
            worker = null;
            lastCrash = reason;
            lastCrashAt = Instant.now();
            restarts++;
            if (!intensity.tryRestart(System.nanoTime())) {
                log.error("Peeper server {} gives up: its worker exited ({}) beyond the restart intensity of {} in "
                        + "{}; the server stops with {}", this, reason, options.maxRestarts(), options.period(), GAVE_UP);
                return GAVE_UP;
            }
            log.warn("Peeper server {} restarts its worker after it exited: {} [restart {}]", this, reason, restarts);
            WorkerRestartedEvent.emit(this, reason, restarts);
            Object kept = keeper.restore();
            worker = Proc.spawnDelegate(ServerLoops.resuming(implementation.get(),
                    copy == null ? kept : copy.copy(kept), reason, this));
        }
    }

    /**
     * Stops the worker when this process is told to end: an orderly stop (its {@code terminate} runs) unless
     * killed, then waits for it, because the mailbox must have no reader when this process drains it.
     *
     * <p>This process has an exit pending by now, so any wait that sees an interrupt ends at once with that exit.
     * The interrupt left by the signal being handled here is cleared first, or the worker's {@code terminate}
     * would be cut short (a supervisor's {@code shutdown} would act as a kill); a later interrupt means a kill
     * overrode the signal (a supervisor's shutdown timeout), and then the worker is killed at once.
     */
    private void stopWorker(ExitReason reason) {
        Pid current = worker;
        if (current == null) {
            return;
        }
        Thread.interrupted();
        if (!(reason instanceof ExitReason.Killed) && !killedSince() && Proc.isAlive(current)) {
            try {
                ServerRef.of(current).stop(reason, FOREVER);
            } catch (ProcessExit killedMeanwhile) {
                // escalated to kill while the worker was terminating: kill it below
            } catch (CallException | NoProcessException | CancellationException endedMeanwhile) {
                // it ended on its own meanwhile, or a kill interrupted the wait for its end: kill it below
            }
        }
        Proc.exit(current, ExitReason.kill());
        awaitKilled(current);
    }

    /** Whether a kill has overridden the exit this process is handling (its interrupt may just have been cleared). */
    private static boolean killedSince() {
        try {
            Proc.checkSignals();
            return false;
        } catch (ProcessExit e) {
            return e.reason() instanceof ExitReason.Killed;
        }
    }

    /**
     * Waits for {@code pid}, which has been sent a kill, to end. Unlike {@link #awaitEnd}, an interrupt does not
     * end the wait: this process is ending already, and must not leave the mailbox to a worker still reading it.
     */
    private static void awaitKilled(Pid pid) {
        CompletableFuture<ExitReason> end = Proc.whenExited(pid);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    end.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new IllegalStateException("the exit future never fails", e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void endForGood(ExitReason reason) {
        ProcessName current = name;
        if (current != null) {
            // now rather than when this process has ended: whoever waits for that end (a stop, a restart by the
            // parent supervisor) may take the name again at once. After a transfer it is no longer ours: no-op.
            current.unregister(self);
        }
        if (relay != null) {
            if (reason.equals(TRANSFERRED)) {
                closeRelay(); // the listener lives on with the server's new home
            } else {
                relay.terminated(reason, copy == null ? keeper.restore() : copy.copy(keeper.restore()));
            }
        }
        keeper.release();
    }

    private void closeRelay() {
        if (relay != null) {
            relay.close();
        }
    }

    /** Waits for {@code pid} to end; an exit signal to this process meanwhile is thrown as {@link ProcessExit}. */
    private static ExitReason awaitEnd(Pid pid) {
        CompletableFuture<ExitReason> end = Proc.whenExited(pid);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return end.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                    Proc.checkSignals();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("the exit future never fails", e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
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
    public void codeChanged(Dispatcher<?> newImplementation) {
        if (newImplementation == upgrading) {
            implementation = upgradingTo; // restarts from now on build the new implementation
        }
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
