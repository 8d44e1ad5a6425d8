package dev.peeper.process;

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

    private Proc() {
    }

    // ---- spawning ----

    /** Starts a process running {@code body}. */
    public static Pid spawn(ProcessBody body) {
        return spawn(body, SpawnOptions.defaults());
    }

    /** Starts a process linked to the calling process (which must be a process). */
    public static Pid spawnLink(ProcessBody body) {
        return spawn(body, SpawnOptions.defaults().withLink());
    }

    /** Starts a process monitored by the calling process (which must be a process). */
    public static Spawned spawnMonitor(ProcessBody body) {
        return spawnMonitor(body, SpawnOptions.defaults());
    }

    /**
     * Starts a process with the given options, monitored by the calling process (which must be a process) from
     * before its first instruction, and returns the monitor with it.
     */
    public static Spawned spawnMonitor(ProcessBody body, SpawnOptions options) {
        requireProcess("spawnMonitor");
        return start(body, options.withMonitor());
    }

    /**
     * Starts a process with the given options. A link or monitor is in place before the new process runs its
     * first instruction, so even an immediate crash is seen. (To get the monitor's ref, use
     * {@link #spawnMonitor(ProcessBody, SpawnOptions)}.)
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

    /**
     * Starts a <em>delegate</em>: a process that reads the calling process's mailbox instead of one of its own.
     * Everything sent to the caller, or to the delegate, is received by the delegate; when the delegate ends, the
     * mailbox and what is queued in it stay with the caller, for the next delegate. This is how a Peeper server
     * keeps its mailbox across worker crashes. The caller must not receive while a delegate of it runs, and
     * must not end before its delegate has (the mailbox has one reader at a time). Not linked, not trapping exits.
     */
    public static Pid spawnDelegate(ProcessBody body) {
        ProcessCore delegate = requireProcess("spawnDelegate").delegate(Objects.requireNonNull(body, "body"));
        delegate.start();
        return delegate.pid;
    }

    // ---- identity ----

    /** The calling process. Throws {@link IllegalStateException} on a thread that is not a process. */
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
     */
    public static Pid selfOrNull() {
        ProcessCore self = ProcessCore.current();
        return self == null ? null : self.pid;
    }

    /** Whether the calling thread is a process. */
    public static boolean isProcess() {
        return ProcessCore.current() != null;
    }

    /** The process that spawned the caller, or {@code null} if it was spawned from a plain thread. */
    public static Pid parent() {
        return requireProcess("parent").parent;
    }

    /** Whether {@code pid} is a live process. */
    public static boolean isAlive(Pid pid) {
        Transport remote = RemoteNodes.route(pid);
        return remote != null ? remote.isAlive(pid) : local(pid).isAlive();
    }

    /**
     * Where {@code pid} is now: the stack of its thread, Erlang's {@code process_info(Pid, current_stacktrace)}, for
     * diagnostics such as a process that ignores its signals. Empty for a process that has ended and for a
     * {@link Host} (it has no thread; its delegate does).
     *
     * <pre>{@code
     * Throwable where = new Throwable("stack of " + pid);
     * where.setStackTrace(Proc.stackTrace(pid));
     * log.warn("{} is slow to stop", pid, where);
     * }</pre>
     */
    public static StackTraceElement[] stackTrace(Pid pid) {
        return local(pid).stackTrace();
    }

    /**
     * How many messages wait in {@code pid}'s mailbox ({@code 0} once it has ended). Constant time under any load
     * (the mailbox counts), and not a snapshot: a message sent or taken meanwhile may or may not be counted.
     */
    public static int mailboxLength(Pid pid) {
        return local(pid).mailboxLength();
    }

    // ---- messages ----

    /**
     * Puts {@code message} in {@code pid}'s mailbox. Sending to a process that has ended does nothing (as in
     * Erlang), except that a message which {@link AwaitsDelivery awaits delivery} is told so.
     */
    public static void send(Pid pid, Object message) {
        Objects.requireNonNull(message, "message");
        Transport remote = RemoteNodes.route(pid);
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
     * @return the timer, to {@linkplain TimerRef#cancel() cancel} it
     */
    public static TimerRef sendAfter(Pid pid, Duration delay, Object message) {
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(message, "message");
        return Timers.sendAfter(pid, delay, message);
    }

    /** {@link #sendAfter(Pid, Duration, Object)} to the calling process. Must be called inside a process. */
    public static TimerRef sendAfter(Duration delay, Object message) {
        return sendAfter(self(), delay, message);
    }

    /**
     * Takes the next message, waiting as long as it takes. System messages come before ordinary ones; there is
     * no selective receive: messages come in order. Must be called inside a process.
     *
     * @throws ProcessExit when an exit signal ends the process meanwhile; let it propagate
     */
    public static Object receive() {
        return requireProcess("receive").receive(false, Long.MAX_VALUE);
    }

    /** Like {@link #receive()}, but returns {@code null} if no message arrived within {@code timeout}. */
    public static Object receive(Duration timeout) {
        return requireProcess("receive").receive(false, deadline(timeout));
    }

    /**
     * Takes the next {@link SystemMessage} only, leaving ordinary messages queued; {@code null} on timeout.
     * A suspended server waits here.
     */
    public static Object receiveSystem(Duration timeout) {
        return requireProcess("receiveSystem").receive(true, deadline(timeout));
    }

    /**
     * While {@code on}, an {@link ExitSignal} message from the calling process's parent skips the queue into the
     * system lane, and one already queued moves there: for a loop that serves only system messages for a while
     * (a suspended server, see {@link #receiveSystem}) and must still obey its parent's order to stop, as OTP's
     * suspended {@code sys} loop does. Off again, later signals keep their place among ordinary messages.
     */
    public static void parentExitsFirst(boolean on) {
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

    /** Ends the calling process with {@code reason} by throwing {@link ProcessExit}; never returns normally. */
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
     */
    public static void exit(Pid pid, ExitReason reason) {
        Objects.requireNonNull(reason, "reason");
        ProcessCore self = ProcessCore.current();
        Transport remote = RemoteNodes.route(pid);
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
     */
    public static boolean trapExit(boolean on) {
        return requireProcess("trapExit").trapExit(on);
    }

    /** Whether the calling process traps exits. */
    public static boolean isTrappingExits() {
        return requireProcess("isTrappingExits").isTrappingExits();
    }

    // ---- links and monitors ----

    /**
     * Links the calling process with {@code pid}, both ways: when either ends, the other gets an exit signal.
     * Linking to a process that has already ended delivers an exit signal with reason {@code noproc} at once.
     */
    public static void link(Pid pid) {
        ProcessCore self = requireProcess("link");
        Transport remote = RemoteNodes.route(pid);
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

    /** Removes the link between the calling process and {@code pid}, if any. */
    public static void unlink(Pid pid) {
        ProcessCore self = requireProcess("unlink");
        Transport remote = RemoteNodes.route(pid);
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
     */
    public static MonitorRef monitor(Pid pid) {
        ProcessCore self = requireProcess("monitor");
        MonitorRef ref = ProcessCore.newMonitorRef(self.pid, pid);
        Transport remote = RemoteNodes.route(pid);
        if (remote != null) {
            remote.monitor(ref, self.pid);
        } else if (!local(pid).addMonitor(ref)) {
            self.deliver(new Down(ref, pid, ExitReason.noproc()));
        }
        return ref;
    }

    /**
     * Stops a monitor. Returns {@code false} if it had already fired (its {@link Down} may be in the
     * mailbox) or was removed before.
     */
    public static boolean demonitor(MonitorRef ref) {
        Transport remote = RemoteNodes.route(ref.target);
        return remote != null ? remote.demonitor(ref) : local(ref.target).removeMonitor(ref);
    }

    /**
     * Stops a monitor and makes sure its {@link Down} is not, and will not be, in the caller's mailbox: OTP's
     * {@code demonitor(Ref, [flush])}. If the monitor has fired and its {@code Down} is still on its way, waits for
     * the watched process to finish ending (it sends its {@code Down}s before that) and removes the {@code Down};
     * a monitor removed before returns at once. Must be called by the process that set the monitor.
     *
     * @return {@code true} if the monitor was removed before it fired
     */
    public static boolean demonitorAndFlush(MonitorRef ref) {
        ProcessCore self = requireProcess("demonitorAndFlush");
        if (!self.pid.equals(ref.watcher)) {
            throw new IllegalArgumentException(ref + " was set by " + ref.watcher + ", not by " + self.pid);
        }
        return self.demonitorAndFlush(ref);
    }

    /**
     * Runs {@code cleanup} when {@code pid} ends, on its thread, before {@link #whenExited} completes and before
     * links and monitors are told: what registries use to free a process's names, so that anyone who hears of the
     * end finds them free. Runs at once, on the caller's thread, if the process has already ended. Keep it short;
     * an exception is logged.
     */
    public static void onExit(Pid pid, Runnable cleanup) {
        Objects.requireNonNull(cleanup, "cleanup");
        Transport remote = RemoteNodes.route(pid);
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
     * the ending process's thread: keep them short; to act before anyone hears of the end, use {@link #onExit}.
     * Works from any thread; this is how plain code waits for a process to end.
     */
    public static CompletableFuture<ExitReason> whenExited(Pid pid) {
        Transport remote = RemoteNodes.route(pid);
        return remote != null ? remote.whenExited(pid) : local(pid).exitFuture();
    }

    /**
     * Waits up to {@code timeout} for {@code pid} to end and returns why it ended.
     *
     * @throws TimeoutException if it is still alive after {@code timeout}
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
            throw new UnsupportedOperationException(pid + " is a pid of another node; remote processes need the cluster module");
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
