package dev.peeper.process;

import dev.peeper.process.internal.ProcessAccess;
import dev.peeper.process.internal.Transport;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Processes: spawn, send, receive, exit, link and monitor, with Erlang's semantics on virtual threads.
 *
 * <p>A process is a virtual thread with a mailbox. Messages are any non-null objects, delivered in the order
 * each sender sent them. A process that ends (its body returns, throws, or it gets an exit signal) notifies
 * the processes linked to it and those monitoring it, and is unregistered from every name at once.
 *
 * <pre>{@code
 * Pid echo = Proc.spawn(() -> {
 *     while (true) {
 *         if (Proc.receive() instanceof Ping(Pid from)) {
 *             Proc.send(from, new Pong());
 *         }
 *     }
 * });
 * }</pre>
 *
 * <p><b>Exit signals on the JVM.</b> A thread cannot be stopped at an arbitrary instruction. An exit signal
 * that ends a process takes effect at once if the process is waiting (in {@link #receive()}, in a call, or in
 * any interruptible wait, which the signal interrupts), and otherwise at its next {@code receive}. Code that
 * computes for a long time without receiving is ended when it next receives or returns.
 */
public final class Proc {
    private static final Duration FOREVER = Duration.ofDays(36_500);

    static {
        ProcessAccess.install(new ProcessInternals()); // how dev.peeper.process.internal reaches the process core
    }

    private Proc() {
    }

    // ---- spawning ----

    /**
     * Starts a process running {@code body}.
     *
     * @param body what the process runs; it ends when {@code body} returns or throws
     * @return the new process
     */
    public static Pid spawn(ProcessBody body) {
        return spawn(body, SpawnOptions.defaults());
    }

    /**
     * Starts a process linked to the calling process (which must be a process).
     *
     * @param body what the process runs
     * @return the new process, linked to the caller before its first instruction
     * @throws IllegalStateException if the caller is not a process
     */
    public static Pid spawnLink(ProcessBody body) {
        return spawn(body, SpawnOptions.defaults().withLink());
    }

    /**
     * Starts a process monitored by the calling process (which must be a process).
     *
     * @param body what the process runs
     * @return the new process and the caller's monitor on it
     * @throws IllegalStateException if the caller is not a process
     */
    public static Spawned spawnMonitor(ProcessBody body) {
        return spawnMonitor(body, SpawnOptions.defaults());
    }

    /**
     * Starts a process with the given options, monitored by the calling process (which must be a process) from
     * before its first instruction, and returns the monitor with it.
     *
     * @param body    what the process runs
     * @param options a link and whether it traps exits; the monitor is added
     * @return the new process and the caller's monitor on it
     * @throws IllegalStateException if the caller is not a process
     */
    public static Spawned spawnMonitor(ProcessBody body, SpawnOptions options) {
        requireProcess("spawnMonitor");
        return start(body, options.withMonitor());
    }

    /**
     * Starts a process with the given options. A link or monitor is in place before the new process runs its
     * first instruction, so even an immediate crash is seen. (To get the monitor's ref, use
     * {@link #spawnMonitor(ProcessBody, SpawnOptions)}.)
     *
     * @param body    what the process runs
     * @param options whether it is linked to or monitored by the caller, and whether it traps exits
     * @return the new process
     * @throws IllegalStateException if {@code options} links or monitors and the caller is not a process
     */
    public static Pid spawn(ProcessBody body, SpawnOptions options) {
        return start(body, options).pid();
    }

    private static Spawned start(ProcessBody body, SpawnOptions options) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(options, "options");
        ProcessCore self = ProcessCore.current();
        if ((options.link() || options.monitor()) && self == null) {
            throw new IllegalStateException(
                    "spawn with link or monitor must be called inside a process; use plain Proc.spawn(body) here");
        }
        return launch(new ProcessCore(body, self == null ? null : self.pid, options.trapExit()), self, options);
    }

    /** Links and monitors {@code child} as {@code options} say, then starts it (a host has nothing to start). */
    static Spawned launch(ProcessCore child, ProcessCore self, SpawnOptions options) {
        if (options.link()) {
            self.addLink(child.pid);
            child.addLink(self.pid);
        }
        MonitorRef monitor = null;
        if (options.monitor()) {
            monitor = ProcessCore.newMonitorRef(self.pid, child.pid);
            child.addMonitor(monitor);
        }
        child.start();
        return new Spawned(child.pid, monitor);
    }

    /** See {@link dev.peeper.process.internal.InternalProc#spawnDelegate}. */
    static Pid spawnDelegate(ProcessBody body) {
        ProcessCore delegate = requireProcess("spawnDelegate").delegate(Objects.requireNonNull(body, "body"));
        delegate.start();
        return delegate.pid;
    }

    // ---- identity ----

    /**
     * The calling process.
     *
     * @return the caller's pid
     * @throws IllegalStateException if the caller is not a process
     */
    public static Pid self() {
        return requireProcess("self").pid;
    }

    /**
     * The calling process, or {@code null} on a thread that is not a process: one lookup where
     * {@code isProcess() ? self() : null} would take two, for code on a hot path that only needs to know who calls.
     *
     * <pre>{@code
     * Pid caller = Proc.selfOrNull();
     * if (caller != null && caller.equals(target)) { ... }
     * }</pre>
     *
     * @return the caller's pid, or {@code null} on a thread that is not a process
     */
    public static Pid selfOrNull() {
        ProcessCore self = ProcessCore.current();
        return self == null ? null : self.pid;
    }

    /** {@return whether the calling thread is a process} */
    public static boolean isProcess() {
        return ProcessCore.current() != null;
    }

    /**
     * The process that spawned the caller.
     *
     * @return the parent, or {@code null} if the caller was spawned from a plain thread
     * @throws IllegalStateException if the caller is not a process
     */
    public static Pid parent() {
        return requireProcess("parent").parent;
    }

    /**
     * Whether {@code pid} is a live process. For a process of this JVM the answer is immediate. Erlang's
     * {@code is_process_alive/1} accepts local pids only; here a process of another node (a cluster member) is
     * answered too, by asking its node, with a short bounded wait (half a second with {@code peeper-cluster}),
     * never an exception: {@code false} at once if its node is not in the cluster or cannot be reached now, and
     * {@code false} if its node does not answer in time (frozen, overloaded or leaving). So {@code false} for a
     * remote pid means "not alive, or not reachable from here"; to learn when a remote process ends, monitor it
     * ({@link #monitor}), which reports {@code noconnection} when its node leaves.
     *
     * @param pid any process
     * @return {@code true} while it runs (and, for a remote pid, its node answered so)
     */
    public static boolean isAlive(Pid pid) {
        Transport remote = Nodes.route(pid);
        return remote != null ? remote.isAlive(pid) : local(pid).isAlive();
    }

    /**
     * Where {@code pid} is now: the stack of its thread, Erlang's {@code process_info(Pid, current_stacktrace)}, for
     * diagnostics such as a process that ignores its signals. Empty for a process that has ended and for a
     * process without a thread of its own (a Peeper server's pid: its worker has the thread).
     *
     * <pre>{@code
     * Throwable where = new Throwable("stack of " + pid);
     * where.setStackTrace(Proc.stackTrace(pid));
     * log.warn("{} is slow to stop", pid, where);
     * }</pre>
     *
     * @param pid a process of this JVM
     * @return the stack of its thread now, innermost frame first; empty if it has none
     * @throws UnsupportedOperationException if {@code pid} is a process of another node
     */
    public static StackTraceElement[] stackTrace(Pid pid) {
        return local(pid).stackTrace();
    }

    /**
     * How many messages wait in {@code pid}'s mailbox ({@code 0} once it has ended). Constant time under any load
     * (the mailbox counts), and not a snapshot: a message sent or taken meanwhile may or may not be counted.
     *
     * @param pid a process of this JVM
     * @return how many messages wait in its mailbox
     * @throws UnsupportedOperationException if {@code pid} is a process of another node
     */
    public static int mailboxLength(Pid pid) {
        return local(pid).mailboxLength();
    }

    // ---- messages ----

    /**
     * Puts {@code message} in {@code pid}'s mailbox. Sending to a process that has ended does nothing (as in
     * Erlang), except that a call sent to it fails at once with the reason {@code noproc}.
     *
     * @param pid     the receiver, here or on another node
     * @param message any non-null object
     */
    public static void send(Pid pid, Object message) {
        Objects.requireNonNull(message, "message");
        Transport remote = Nodes.route(pid);
        if (remote != null) {
            remote.send(pid, message);
            return;
        }
        local(pid).deliver(message);
    }

    /**
     * Sends {@code message} to {@code pid} after {@code delay}, Erlang's {@code erlang:send_after/3}. When {@code pid}
     * ends, its pending timers are cancelled, so a crashed worker's timers never reach its successor (a new pid)
     * and cost nothing after it: what must outlive a crash belongs in the state, and a restarted worker arms its
     * timers again from it. A zero or negative delay sends as soon as the timer thread gets to it; timers due at
     * the same time fire in the order they were armed. Callable from any thread.
     *
     * <pre>{@code
     * TimerRef expiry = Proc.sendAfter(Proc.self(), Duration.ofSeconds(30), new Expire(key));
     * expiry.cancel(); // if the entry goes first
     * }</pre>
     *
     * @param pid     the receiver
     * @param delay   how long to wait before sending
     * @param message any non-null object
     * @return the timer, to {@linkplain TimerRef#cancel() cancel} it
     */
    public static TimerRef sendAfter(Pid pid, Duration delay, Object message) {
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(message, "message");
        return Timers.sendAfter(pid, delay, message);
    }

    /**
     * {@link #sendAfter(Pid, Duration, Object)} to the calling process. Must be called inside a process.
     *
     * @param delay   how long to wait before sending
     * @param message any non-null object
     * @return the timer, to {@linkplain TimerRef#cancel() cancel} it
     * @throws IllegalStateException if the caller is not a process
     */
    public static TimerRef sendAfter(Duration delay, Object message) {
        return sendAfter(self(), delay, message);
    }

    /**
     * Takes the next message, waiting as long as it takes. System messages come before ordinary ones; there is
     * no selective receive: messages come in order. Must be called inside a process.
     *
     * @return the next message
     * @throws ProcessExit           when an exit signal ends the process meanwhile; let it propagate
     * @throws IllegalStateException if the caller is not a process
     */
    public static Object receive() {
        return requireProcess("receive").receive(false, Long.MAX_VALUE);
    }

    /**
     * Like {@link #receive()}, but returns {@code null} if no message arrived within {@code timeout}.
     *
     * @param timeout how long to wait; a century or more waits for ever
     * @return the next message, or {@code null} if none came in time
     * @throws ProcessExit              when an exit signal ends the process meanwhile; let it propagate
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws IllegalStateException    if the caller is not a process
     */
    public static Object receive(Duration timeout) {
        return requireProcess("receive").receive(false, deadline(timeout));
    }

    /** See {@link dev.peeper.process.internal.InternalProc#receiveSystem}. */
    static Object receiveSystem(Duration timeout) {
        return requireProcess("receiveSystem").receive(true, deadline(timeout));
    }

    /** See {@link dev.peeper.process.internal.InternalProc#parentExitsFirst}. */
    static void parentExitsFirst(boolean on) {
        ProcessCore self = requireProcess("parentExitsFirst");
        self.mailbox.urgentExitsFrom(on ? self.parent : null);
    }

    /**
     * Throws {@link ProcessExit} if an exit signal has ended the calling process; otherwise returns at once.
     * Long computations that do not receive can call it now and then to honour signals promptly. Does nothing
     * on a thread that is not a process.
     */
    public static void checkSignals() {
        ProcessCore self = ProcessCore.current();
        if (self != null) {
            self.checkPendingExit();
        }
    }

    // ---- exits ----

    /**
     * Ends the calling process with {@code reason} by throwing {@link ProcessExit}; never returns normally.
     * Declared to return the exception so that a caller can write {@code throw Proc.exit(reason)} where the
     * compiler needs to see that the code does not go on.
     *
     * @param reason why the process ends, as its links and monitors see it
     * @return never returns
     * @throws ProcessExit           always, carrying {@code reason}
     * @throws IllegalStateException if the caller is not a process
     */
    public static ProcessExit exit(ExitReason reason) {
        Objects.requireNonNull(reason, "reason");
        requireProcess("exit");
        throw new ProcessExit(reason);
    }

    /**
     * Sends an exit signal to {@code pid}, Erlang's {@code exit(Pid, Reason)}: {@code kill} ends it whatever it
     * does; if it traps exits it receives an {@link ExitSignal}; else {@code normal} is ignored and any other
     * reason ends it. A process that sends {@code normal} to itself ends. Signals sent from a plain thread
     * come from the pid {@code <0.0>}.
     *
     * @param pid    the process to signal, here or on another node
     * @param reason the signal's reason
     */
    public static void exit(Pid pid, ExitReason reason) {
        Objects.requireNonNull(reason, "reason");
        ProcessCore self = ProcessCore.current();
        Transport remote = Nodes.route(pid);
        if (remote != null) {
            remote.exit(pid, self == null ? ProcessCore.OUTSIDE : self.pid, reason);
            return;
        }
        ProcessCore target = local(pid);
        target.exitSignal(self == null ? ProcessCore.OUTSIDE : self.pid, reason, false);
        if (target == self) {
            self.checkPendingExit();
        }
    }

    /**
     * Turns exit signals into {@link ExitSignal} messages (on) or lets them end the process (off); returns the
     * previous setting. {@code kill} is never trapped.
     *
     * @param on whether to trap exits from now on
     * @return whether the caller trapped exits before
     * @throws IllegalStateException if the caller is not a process
     */
    public static boolean trapExit(boolean on) {
        return requireProcess("trapExit").trapExit(on);
    }

    /**
     * Whether the calling process traps exits.
     *
     * @return {@code true} if exit signals come to it as {@link ExitSignal} messages
     * @throws IllegalStateException if the caller is not a process
     */
    public static boolean isTrappingExits() {
        return requireProcess("isTrappingExits").isTrappingExits();
    }

    // ---- links and monitors ----

    /**
     * Links the calling process with {@code pid}, both ways: when either ends, the other gets an exit signal.
     * Linking to a process that has already ended delivers an exit signal with reason {@code noproc} at once.
     *
     * @param pid the process to link with, here or on another node
     * @throws IllegalStateException if the caller is not a process
     */
    public static void link(Pid pid) {
        ProcessCore self = requireProcess("link");
        Transport remote = Nodes.route(pid);
        if (remote != null) {
            remote.link(self.pid, pid);
            return;
        }
        ProcessCore other = local(pid);
        if (other == self) {
            return;
        }
        if (self.isLinkedTo(pid)) {
            // already linked: linking again changes nothing, and must not disturb the link a signal is travelling on
            return;
        }
        // our side first: if the other ends right after linking, its exit signal must find the link
        self.addLink(pid);
        if (!other.addLink(self.pid)) {
            self.removeLink(pid);
            self.exitSignal(pid, ExitReason.noproc(), true);
            self.checkPendingExit();
        }
    }

    /**
     * Removes the link between the calling process and {@code pid}, if any.
     *
     * @param pid the process to unlink from
     * @throws IllegalStateException if the caller is not a process
     */
    public static void unlink(Pid pid) {
        ProcessCore self = requireProcess("unlink");
        Transport remote = Nodes.route(pid);
        if (remote != null) {
            remote.unlink(self.pid, pid);
            return;
        }
        self.removeLink(pid);
        local(pid).removeLink(self.pid);
    }

    /**
     * Watches {@code pid}: when it ends, the calling process receives one {@link Down} message. If it has
     * already ended, the {@code Down} (reason {@code noproc}) is sent at once.
     *
     * @param pid the process to watch, here or on another node
     * @return the monitor, which its {@code Down} carries; pass it to {@link #demonitor} to stop watching
     * @throws IllegalStateException if the caller is not a process
     */
    public static MonitorRef monitor(Pid pid) {
        ProcessCore self = requireProcess("monitor");
        MonitorRef ref = ProcessCore.newMonitorRef(self.pid, pid);
        Transport remote = Nodes.route(pid);
        if (remote != null) {
            remote.monitor(ref, self.pid);
        } else if (!local(pid).addMonitor(ref)) {
            self.deliver(new Down(ref, pid, ExitReason.noproc()));
        }
        return ref;
    }

    /**
     * Stops a monitor.
     *
     * @param ref the monitor, as {@link #monitor} returned it
     * @return {@code false} if it had already fired (its {@link Down} may be in the mailbox) or was removed before
     */
    public static boolean demonitor(MonitorRef ref) {
        Transport remote = Nodes.route(ref.target);
        return remote != null ? remote.demonitor(ref) : local(ref.target).removeMonitor(ref);
    }

    /**
     * Stops a monitor and makes sure its {@link Down} is not, and will not be, in the caller's mailbox: OTP's
     * {@code demonitor(Ref, [flush])}. If the monitor has fired and its {@code Down} is still on its way, waits for
     * the watched process to finish ending (it sends its {@code Down}s before that) and removes the {@code Down};
     * a monitor removed before returns at once. Must be called by the process that set the monitor.
     *
     * @param ref the monitor, as the caller's {@link #monitor} returned it
     * @return {@code true} if the monitor was removed before it fired
     * @throws IllegalArgumentException if another process set the monitor
     * @throws IllegalStateException    if the caller is not a process
     */
    public static boolean demonitorAndFlush(MonitorRef ref) {
        ProcessCore self = requireProcess("demonitorAndFlush");
        if (!self.pid.equals(ref.watcher)) {
            throw new IllegalArgumentException(ref + " was set by " + ref.watcher + ", not by " + self.pid);
        }
        return self.demonitorAndFlush(ref);
    }

    /** See {@link dev.peeper.process.internal.InternalProc#onExit}. */
    static void onExit(Pid pid, Runnable cleanup) {
        Objects.requireNonNull(cleanup, "cleanup");
        Transport remote = Nodes.route(pid);
        if (remote != null) { // another node's process: run when we hear of its end
            remote.whenExited(pid).thenRun(cleanup);
            return;
        }
        if (!local(pid).addCleanup(cleanup)) {
            cleanup.run();
        }
    }

    /**
     * A future completed with the reason {@code pid} ended (at once if it has). It completes last, after the
     * process's clean-ups have run and its links and monitors have been told, so whoever waits on it finds its
     * names free and every {@link Down} already in its watcher's mailbox. Asked while the process is ending, it
     * waits for the rest of the end too: so never block on it from a hook of that same end (a clean-up, or an
     * action on this future), which would wait for ever. Dependent actions added without {@code *Async} run on
     * the ending process's thread: keep them short. Works from any thread; this is how plain code waits for a
     * process to end.
     *
     * @param pid the process to wait for, here or on another node
     * @return completes with its exit reason ({@code noconnection} if its node leaves first)
     */
    public static CompletableFuture<ExitReason> whenExited(Pid pid) {
        Transport remote = Nodes.route(pid);
        return remote != null ? remote.whenExited(pid) : local(pid).exitFuture();
    }

    /**
     * Waits up to {@code timeout} for {@code pid} to end and returns why it ended.
     *
     * @param pid     the process to wait for
     * @param timeout how long to wait
     * @return its exit reason
     * @throws TimeoutException     if it is still alive after {@code timeout}
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public static ExitReason awaitExit(Pid pid, Duration timeout) throws TimeoutException, InterruptedException {
        try {
            return whenExited(pid).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the exit future never fails", e);
        }
    }

    // ---- helpers ----

    private static ProcessCore requireProcess(String operation) {
        ProcessCore self = ProcessCore.current();
        if (self == null) {
            throw new IllegalStateException("Proc." + operation
                    + " must be called inside a process; start one with Proc.spawn(...) or a server");
        }
        return self;
    }

    static ProcessCore local(Pid pid) {
        Objects.requireNonNull(pid, "pid");
        if (pid.process == null) {
            throw new UnsupportedOperationException(pid + " is a process of another node: this operation works on "
                    + "processes of this JVM only; ask that node (or call it through a server it runs)");
        }
        return pid.process;
    }

    private static long deadline(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        // anything beyond a century means "for ever"; it also keeps now + nanos from overflowing
        return timeout.compareTo(FOREVER) >= 0 ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
    }
}
