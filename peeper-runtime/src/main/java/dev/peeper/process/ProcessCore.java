package dev.peeper.process;

import dev.peeper.observe.EventGate;
import dev.peeper.process.internal.AwaitsDelivery;
import dev.peeper.process.internal.Host;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One local process: its thread, mailbox, links, monitors and the way it ends. Everything that other threads
 * change (links, monitors, the pending exit) is guarded by the core's monitor or set by compare-and-set, so a
 * signal and the process's own end never race into an inconsistent state.
 *
 * <p>A {@link Host} is a process with no thread: its pending exit goes to the host's callback instead of
 * interrupting a thread, its end runs on whichever thread calls {@link #endHost}, and the end of each of its
 * delegates is reported to it.
 */
final class ProcessCore implements Runnable {
    private static final Logger log = LoggerFactory.getLogger("dev.peeper.process");
    private static final AtomicLong SERIALS = new AtomicLong();
    private static final AtomicLong MONITOR_IDS = new AtomicLong();
    private static final ThreadLocal<ProcessCore> CURRENT = new ThreadLocal<>();
    private static final VarHandle PENDING_EXIT;
    /**
     * The {@link #pendingExit} of a process whose body has ended on its own: no signal from then on replaces its
     * reason or interrupts its end. Compared by identity, never seen outside.
     */
    private static final ExitReason BODY_FINISHED = new ExitReason.Custom("body finished");
    /** The sender of exit signals that come from plain threads rather than processes. */
    static final Pid OUTSIDE = new Pid(0, 0, null);

    final Pid pid;
    final Pid parent;
    final Mailbox mailbox;
    /**
     * {@code false} for a delegate (see {@link Proc#spawnDelegate}), which reads its spawner's mailbox: the mailbox
     * outlives the delegate, so the delegate's end neither closes nor drains it.
     */
    private final boolean ownsMailbox;
    private final ProcessBody body;
    /** {@code null} for a host. */
    private final Thread thread;
    /** What a host does with exit signals and its delegates' ends; {@code null} for a process with a thread. */
    final Host host;
    private volatile boolean trapExit;
    /** Set once by the first exit signal that ends this process. */
    private volatile ExitReason pendingExit;

    // guarded by this: a monitor rather than a ReentrantLock, 64 bytes less per process; no section blocks or
    // waits, so on JDK 21 (where a virtual thread in a monitor pins its carrier) the pin is brief. Created on
    // first use because most processes have none of them
    private boolean ended;
    /** Set by the last step of the end, after which {@link #exitFuture} is complete from the start. */
    private boolean endComplete;
    private ExitReason finalReason;
    private Set<Pid> links;
    /**
     * Both sides of this process's monitors, in one set to keep the core small: a ref whose target is this process
     * is a monitor on it; any other ref is one this process has on another, kept so that its end removes it there,
     * as Erlang does.
     */
    private Set<MonitorRef> monitors;
    private CompletableFuture<ExitReason> exit;
    private List<Runnable> cleanups;

    ProcessCore(ProcessBody body, Pid parent, boolean trapExit) {
        this(body, parent, trapExit, new Mailbox(), true);
    }

    private ProcessCore(ProcessBody body, Pid parent, boolean trapExit, Mailbox mailbox, boolean ownsMailbox) {
        this.pid = new Pid(Nodes.spawnNode(parent), SERIALS.incrementAndGet(), this);
        this.parent = parent;
        this.body = body;
        this.trapExit = trapExit;
        this.mailbox = mailbox;
        this.ownsMailbox = ownsMailbox;
        this.thread = Thread.ofVirtual().unstarted(this);
        this.host = null;
    }

    /** A host: a process without a thread, see {@link Host}. */
    ProcessCore(Host host, Pid parent) {
        this.pid = new Pid(Nodes.spawnNode(parent), SERIALS.incrementAndGet(), this);
        this.parent = parent;
        this.body = null;
        this.mailbox = new Mailbox();
        this.ownsMailbox = true;
        this.thread = null;
        this.host = host;
    }

    /** {@code false} for a delegate, which reads its spawner's mailbox. */
    boolean ownsMailbox() {
        return ownsMailbox;
    }

    /** A process that reads this process's mailbox; see {@link Proc#spawnDelegate}. */
    ProcessCore delegate(ProcessBody body) {
        return new ProcessCore(body, pid, false, mailbox, false);
    }

    static ProcessCore current() {
        return CURRENT.get();
    }

    void start() {
        if (thread != null) {
            thread.start();
        }
    }

    @Override
    public void run() {
        CURRENT.set(this);
        ExitReason reason;
        try {
            ExitReason early = pendingExit;
            if (early != null) {
                throw new ProcessExit(early);
            }
            body.run();
            reason = ExitReason.normal();
        } catch (ProcessExit e) {
            reason = e.reason();
        } catch (Throwable e) {
            reason = ExitReason.crash(e);
        }
        ExitReason signalled = finishBody();
        end(signalled != null ? signalled : reason);
    }

    /**
     * Marks the body as over, so that a signal from now on neither replaces the reason it ended with nor interrupts
     * the end; returns the signal that came before, which is then the reason (the body may have thrown only because
     * the signal interrupted it), or {@code null}.
     */
    private ExitReason finishBody() {
        while (true) {
            ExitReason signalled = pendingExit;
            if (signalled != null || PENDING_EXIT.compareAndSet(this, null, BODY_FINISHED)) {
                return signalled;
            }
        }
    }

    // ---- receiving ----

    Object receive(boolean systemOnly, long deadline) {
        while (true) {
            checkPendingExit();
            Object message = mailbox.await(systemOnly, deadline);
            if (message != null) {
                ExitReason reason = pendingExit;
                if (reason != null) {
                    // the signal came while we waited, maybe before this message: a process that an exit signal
                    // has ended must not act on anything more (Erlang orders a link's signal before the Down
                    // that follows it). Give the message back: the end's drain tells it our reason, or, for a
                    // delegate, the mailbox keeps it for the next reader.
                    mailbox.unread(message);
                    throw new ProcessExit(reason);
                }
                return message;
            }
            checkPendingExit();
            if (deadline != Long.MAX_VALUE && System.nanoTime() - deadline >= 0) {
                return null;
            }
        }
    }

    /** Throws {@link ProcessExit} if an exit signal has ended this process. */
    void checkPendingExit() {
        ExitReason reason = pendingExit;
        if (reason != null && reason != BODY_FINISHED) { // past its body (a hook of its end), nothing ends it again
            throw new ProcessExit(reason);
        }
    }

    boolean trapExit(boolean on) {
        boolean old = trapExit;
        trapExit = on;
        return old;
    }

    boolean isTrappingExits() {
        return trapExit;
    }

    // ---- delivery and signals (any thread) ----

    void deliver(Object message) {
        if (!ownsMailbox && !isAlive()) {
            // a delegate's mailbox is its host's and outlives it: what is sent to a delegate that has ended must
            // not reach its successor, as the pid's contract says (sending to an ended process does nothing)
            if (message instanceof AwaitsDelivery waiting) {
                waiting.undelivered(pid, ExitReason.noproc());
            }
            return;
        }
        if (!mailbox.put(message) && message instanceof AwaitsDelivery waiting) {
            // the mailbox closes as the process ends, so this was sent to a process that no longer exists
            waiting.undelivered(pid, ExitReason.noproc());
        }
    }

    /**
     * An exit signal from {@code from}: over a link when {@code viaLink}, else from {@link Proc#exit(Pid,
     * ExitReason)}. Follows Erlang: {@code kill} sent directly cannot be trapped; a trapping process gets an
     * {@link ExitSignal} message; otherwise {@code normal} is ignored (unless a process sends it to itself)
     * and any other reason ends the process.
     */
    void exitSignal(Pid from, ExitReason reason, boolean viaLink) {
        if (!viaLink && reason instanceof ExitReason.Kill) {
            die(ExitReason.killed());
        } else if (trapExit) {
            deliver(new ExitSignal(from, reason));
        } else if (!reason.isNormal() || (!viaLink && from.equals(pid))) {
            die(reason);
        }
    }

    private void die(ExitReason reason) {
        while (true) {
            ExitReason earlier = pendingExit;
            if (earlier == BODY_FINISHED) {
                return; // too late: the body has ended, with a reason of its own, and its end runs undisturbed
            }
            // already ending, but maybe stuck in its own clean-up (a supervisor waiting for a child, say): kill
            // overrides, and interrupts again, so whoever escalates from shutdown to kill is obeyed
            if (earlier != null && (!(reason instanceof ExitReason.Killed) || earlier instanceof ExitReason.Killed)) {
                return;
            }
            if (PENDING_EXIT.compareAndSet(this, earlier, reason)) {
                break;
            }
        }
        if (host != null) {
            try { // a host has no thread to interrupt: it passes the signal to its delegate
                host.exitSignalled(reason);
            } catch (Throwable e) {
                Failures.log(log, "Host " + pid + " failed on the exit signal " + reason, e);
            }
        } else if (Thread.currentThread() != thread) {
            interruptUnlessEnded();
        }
    }

    /**
     * Wakes the process if it waits: in receive, in a call, in any blocking wait. Under the lock, and never once
     * {@link #ended} is set, so that the end, which clears the flag after setting {@code ended}, runs its hooks
     * with no interrupt left over from a signal that came too late to matter.
     */
    private void interruptUnlessEnded() {
        synchronized (this) {
            if (!ended) {
                thread.interrupt();
            }
        }
    }

    // ---- links and monitors ----

    /** Adds a link on this side; {@code false} if this process has ended. */
    boolean addLink(Pid other) {
        synchronized (this) {
            if (ended) {
                return false;
            }
            if (links == null) {
                links = new HashSet<>();
            }
            links.add(other);
            return true;
        }
    }

    boolean isLinkedTo(Pid other) {
        synchronized (this) {
            return links != null && links.contains(other);
        }
    }

    boolean removeLink(Pid other) {
        synchronized (this) {
            return !ended && links != null && links.remove(other);
        }
    }

    /**
     * Watches this process for {@code ref.watcher}; {@code false} if it has ended (the caller sends noproc). The
     * watcher is told first, so that a monitor is never on this side without the watcher knowing of it.
     */
    boolean addMonitor(MonitorRef ref) {
        ProcessCore watcher = ref.watcher.process;
        if (watcher != null) {
            watcher.watch(ref);
        }
        if (record(ref)) {
            return true;
        }
        if (watcher != null) {
            watcher.unwatch(ref);
        }
        return false;
    }

    /** Removes the monitor on both sides; {@code false} if it was not here (fired, or removed before). */
    boolean removeMonitor(MonitorRef ref) {
        ProcessCore watcher = ref.watcher.process;
        if (watcher != null) {
            watcher.unwatch(ref);
        }
        return forget(ref);
    }

    /** Records a monitor this process has on another (one on itself needs no record: it ends with it). */
    private void watch(MonitorRef ref) {
        if (!pid.equals(ref.target)) {
            record(ref);
        }
    }

    /** Forgets a monitor this process had on another: it fired, or was removed. */
    void unwatch(MonitorRef ref) {
        if (!pid.equals(ref.target)) {
            forget(ref);
        }
    }

    /** Adds {@code ref} to {@link #monitors}; {@code false} if this process has ended. */
    private boolean record(MonitorRef ref) {
        synchronized (this) {
            if (ended) {
                return false;
            }
            if (monitors == null) {
                monitors = new HashSet<>();
            }
            monitors.add(ref);
            return true;
        }
    }

    /** Removes {@code ref} from {@link #monitors}; {@code false} if it was not there. */
    boolean forget(MonitorRef ref) {
        synchronized (this) {
            return monitors != null && monitors.remove(ref);
        }
    }

    /** How many monitors are on this process, and how many it has on others: for tests. */
    int[] monitorCounts() {
        synchronized (this) {
            int on = 0;
            int held = 0;
            if (monitors != null) {
                for (MonitorRef ref : monitors) {
                    if (pid.equals(ref.target)) {
                        on++;
                    } else {
                        held++;
                    }
                }
            }
            return new int[] {on, held};
        }
    }

    /**
     * {@link Proc#demonitorAndFlush}, on the watcher's own core: removes the monitor and any {@link Down} of it, now
     * and to come. A monitor no longer on its target was either removed before (no {@code Down} ever comes) or
     * fired; a fired one stays on the watcher's side until its {@code Down} has been sent (see
     * {@link ProcessEnd}), so only then, with the {@code Down} yet to come, is the target's end waited for.
     *
     * @return {@code true} if the monitor was removed before it fired
     */
    boolean demonitorAndFlush(MonitorRef ref) {
        ProcessCore target = Proc.local(ref.target);
        boolean removed = target.forget(ref);
        boolean downToCome = !removed && holds(ref);
        unwatch(ref);
        if (removed) {
            return true;
        }
        if (downToCome) {
            try {
                target.exitFuture().get(); // completes after every Down of the target's end is sent
            } catch (InterruptedException e) {
                checkPendingExit();
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                throw new IllegalStateException("the exit future never fails", e);
            }
        }
        mailbox.removeIf(message -> message instanceof Down down && down.ref() == ref);
        return false;
    }

    /** Whether {@code ref} is in {@link #monitors}. */
    private boolean holds(MonitorRef ref) {
        synchronized (this) {
            return monitors != null && monitors.contains(ref);
        }
    }

    static MonitorRef newMonitorRef(Pid watcher, Pid target) {
        return new MonitorRef(MONITOR_IDS.incrementAndGet(), watcher, target);
    }

    // ---- ending ----

    /** How many clean-ups wait for this process's end: for tests. */
    int cleanupCount() {
        synchronized (this) {
            return cleanups == null ? 0 : cleanups.size();
        }
    }

    /**
     * Adds a clean-up that runs as this process ends, before anyone can hear of the end; {@code false} (and not
     * added) if it has already ended.
     */
    boolean addCleanup(Runnable cleanup) {
        synchronized (this) {
            if (ended) {
                return false;
            }
            if (cleanups == null) {
                cleanups = new ArrayList<>(1);
            }
            cleanups.add(cleanup);
            return true;
        }
    }

    /**
     * Completes with the reason this process ended, once its end has run to completion: asked while the end is
     * under way, it waits for the rest of it (clean-ups, links, monitors), as one asked before does.
     */
    CompletableFuture<ExitReason> exitFuture() {
        synchronized (this) {
            if (exit == null) {
                exit = endComplete ? CompletableFuture.completedFuture(finalReason) : new CompletableFuture<>();
            }
            return exit;
        }
    }

    boolean isAlive() {
        synchronized (this) {
            return !ended;
        }
    }

    /** The stack of the process's thread now; empty for a host, or once the thread has finished. */
    StackTraceElement[] stackTrace() {
        return thread == null ? new StackTraceElement[0] : thread.getStackTrace();
    }

    int mailboxLength() {
        return mailbox.isClosed() ? 0 : mailbox.size(); // what the end has yet to drain is not waiting any more
    }

    /**
     * Ends a host with {@code reason}, on the calling thread (see {@link #end}); {@code false} if it had already
     * ended.
     */
    boolean endHost(ExitReason reason) {
        if (host == null) {
            throw new IllegalArgumentException(pid + " has a thread of its own: it ends when its body does");
        }
        return end(reason);
    }

    /**
     * The end of a process, in the order OTP uses, step by step:
     * <ol>
     *   <li>{@link #markEnded}: no longer alive, mailbox closed, links, monitors and clean-ups taken out;</li>
     *   <li>{@link ProcessEnd#tellEveryone}: a crash is logged; the clean-ups run (the registry drops the process's
     *       names there, so a name is free before anyone hears of the end); a host's delegate's host restarts it or
     *       ends; calls still queued fail with the reason; links are signalled and monitors fired;</li>
     *   <li>{@link #completeExit}: last, so that whoever {@linkplain #exitFuture waits for the end}, even asking
     *       while it runs, finds all of the above done.</li>
     * </ol>
     * Each step runs whatever the one before did: what a step throws (user code, an exception whose message
     * cannot be read) is logged and the end goes on, since a cut-short end would leave a dead process holding its
     * names with nobody told. On the process's own thread each step starts with no interrupt left over from a
     * signal. {@code false} if the process had already ended (only a host's end can be attempted twice).
     */
    private boolean end(ExitReason reason) {
        Set<Pid> linked;
        Set<MonitorRef> monitoring;
        List<Runnable> cleaning;
        synchronized (this) {
            if (!markEnded(reason)) {
                return false;
            }
            cleaning = cleanups;
            cleanups = null;
            linked = links;
            links = null;
            monitoring = monitors;
            monitors = null;
        }
        try {
            ProcessEnd.tellEveryone(this, reason, cleaning, linked, monitoring);
            completeExit(reason);
        } finally {
            if (host == null) { // a host ends on another process's thread, whose binding must stay
                CURRENT.remove();
            }
        }
        return true;
    }

    /** The first step of the end, under the lock; {@code false} if it has already ended. */
    private boolean markEnded(ExitReason reason) {
        if (ended) {
            return false;
        }
        ended = true;
        finalReason = reason;
        // with `ended`, so that whoever can see this process has ended also finds its mailbox closed: a message sent
        // from then on is told noproc, not taken in by the drain below and told our reason
        if (ownsMailbox) {
            mailbox.close();
        }
        return true;
    }

    /**
     * Clears the interrupt a signal may have left on the process's own thread (a kill that landed while it computed):
     * the end's hooks (clean-ups, a host's restart, {@code whenExited} callbacks) may block, and must not be cut
     * short by a signal meant for the body. No later signal interrupts it: see {@link #interruptUnlessEnded}.
     */
    void forgetInterrupt() {
        if (host == null) {
            Thread.interrupted();
        }
    }

    /**
     * Last: whoever waits for the end finds every {@link Down} already in its watcher's mailbox (demonitor's flush),
     * and every name free.
     */
    private void completeExit(ExitReason reason) {
        CompletableFuture<ExitReason> waiting;
        synchronized (this) {
            endComplete = true;
            waiting = exit;
        }
        if (waiting != null) {
            forgetInterrupt();
            try {
                waiting.complete(reason); // runs the dependent actions added without *Async, here
            } catch (Throwable e) {
                Failures.log(log, "An action on the end of process " + pid + " threw", e);
            }
        }
    }

    static {
        EventGate.prepare(); // the flight recorder's set-up starts with the first process, off the crash path
        try {
            PENDING_EXIT = MethodHandles.lookup().findVarHandle(ProcessCore.class, "pendingExit", ExitReason.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
