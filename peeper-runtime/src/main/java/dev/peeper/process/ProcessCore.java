package dev.peeper.process;

import dev.peeper.observe.ProcessCrashedEvent;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
        this.pid = new Pid(RemoteNodes.spawnNode(parent), SERIALS.incrementAndGet(), this);
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
        this.pid = new Pid(RemoteNodes.spawnNode(parent), SERIALS.incrementAndGet(), this);
        this.parent = parent;
        this.body = null;
        this.mailbox = new Mailbox();
        this.ownsMailbox = true;
        this.thread = null;
        this.host = host;
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
        ExitReason signalled = pendingExit;
        end(signalled != null ? signalled : reason);
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
        if (reason != null) {
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
        boolean first = PENDING_EXIT.compareAndSet(this, null, reason);
        if (!first && reason instanceof ExitReason.Killed && !(pendingExit instanceof ExitReason.Killed)) {
            // already ending, but maybe stuck in its clean-up (a supervisor waiting for a child, say): kill
            // overrides, and interrupts again, so whoever escalates from shutdown to kill is obeyed
            pendingExit = reason;
            first = true;
        }
        if (!first) {
            return;
        }
        if (host != null) {
            host.exitSignalled(reason); // a host has no thread to interrupt: it passes the signal to its delegate
        } else if (Thread.currentThread() != thread) {
            thread.interrupt(); // wakes the process if it waits: in receive, in a call, in any blocking wait
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
    private void unwatch(MonitorRef ref) {
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
    private boolean forget(MonitorRef ref) {
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

    /** Removes a {@link Down} of {@code ref} from this process's own mailbox; only the process itself calls it. */
    void forgetDown(MonitorRef ref) {
        mailbox.removeIf(message -> message instanceof Down down && down.ref() == ref);
    }

    static MonitorRef newMonitorRef(Pid watcher, Pid target) {
        return new MonitorRef(MONITOR_IDS.incrementAndGet(), watcher, target);
    }

    // ---- ending ----

    /** Completes with the reason this process ended; already complete if it has. */
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

    CompletableFuture<ExitReason> exitFuture() {
        synchronized (this) {
            if (exit == null) {
                exit = ended ? CompletableFuture.completedFuture(finalReason) : new CompletableFuture<>();
            }
            return exit;
        }
    }

    boolean isAlive() {
        synchronized (this) {
            return !ended;
        }
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
     * The end of a process, in the order OTP uses: after this it is no longer alive; then its clean-ups run (the
     * registry drops the process's names there, so a name is free before anyone hears of the end); then, for a
     * host's delegate, the host hears of it; then calls still queued fail with the reason; then links and monitors
     * are told; then {@link #exitFuture()} completes. {@code false} if the process had already ended (only a
     * host's end can be attempted twice).
     */
    private boolean end(ExitReason reason) {
        Set<Pid> linked;
        Set<MonitorRef> monitoring;
        CompletableFuture<ExitReason> exitFuture;
        List<Runnable> cleaning;
        synchronized (this) {
            if (ended) {
                return false;
            }
            ended = true;
            cleaning = cleanups;
            cleanups = null;
            finalReason = reason;
            linked = links;
            exitFuture = exit;
            links = null;
            monitoring = monitors;
            monitors = null;
            // with `ended`, so that whoever can see this process has ended also finds its mailbox closed: a
            // message sent from then on is told noproc, not taken in by the drain below and told our reason
            if (ownsMailbox) {
                mailbox.close();
            }
        }
        report(reason);
        if (cleaning != null) { // names go first: whoever hears of the end may take them at once
            for (Runnable cleanup : cleaning) {
                try {
                    cleanup.run();
                } catch (RuntimeException e) {
                    log.error("A clean-up of process {} threw; the others still run", pid, e);
                }
            }
        }
        Host spawner = ownsMailbox || parent == null || parent.process == null ? null : parent.process.host;
        if (spawner != null) { // a host's delegate: the host restarts it or ends, before anyone hears of this end
            try {
                spawner.delegateEnded(pid, reason);
            } catch (RuntimeException | Error e) {
                log.error("Host {} failed on the end of its delegate {}", parent, pid, e);
            }
        }
        if (ownsMailbox) {
            for (Object left : mailbox.drain()) {
                if (left instanceof AwaitsDelivery waiting) {
                    waiting.undelivered(pid, reason);
                }
            }
        }
        if (linked != null) {
            for (Pid other : linked) {
                ProcessCore peer = other.process;
                if (peer != null && peer.removeLink(pid)) { // not unlinked meanwhile
                    peer.exitSignal(pid, reason, true);
                }
            }
        }
        if (monitoring != null) {
            for (MonitorRef ref : monitoring) { // no longer shared: taken out under the lock above
                if (!pid.equals(ref.target)) { // ours on another: it would stay there until that one ends
                    ProcessCore target = ref.target.process;
                    if (target != null) {
                        target.forget(ref);
                    }
                    continue;
                }
                ProcessCore watcher = ref.watcher.process;
                if (watcher != null) {
                    watcher.unwatch(ref); // it fired: nothing left to remove when the watcher ends
                }
                Proc.send(ref.watcher, new Down(ref, pid, reason));
            }
        }
        // last: whoever waits for the end finds every Down already in its watcher's mailbox (demonitor's flush)
        if (exitFuture != null) {
            exitFuture.complete(reason);
        }
        if (host == null) { // a host ends on another process's thread, whose binding must stay
            CURRENT.remove();
        }
        return true;
    }

    private void report(ExitReason reason) {
        if (reason instanceof ExitReason.Crash crash) {
            if (log.isErrorEnabled()) { // the message's toString is a tenth of a crash's allocation: only if logged
                log.error("Process {} crashed: {}", pid, crash.exception().toString(), crash.exception());
            }
            ProcessCrashedEvent.emit(pid, crash.exception());
        } else if (!reason.isNormalOrShutdown() && log.isDebugEnabled()) {
            log.debug("Process {} exited: {}", pid, reason);
        }
    }

    static {
        try {
            PENDING_EXIT = MethodHandles.lookup().findVarHandle(ProcessCore.class, "pendingExit", ExitReason.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
