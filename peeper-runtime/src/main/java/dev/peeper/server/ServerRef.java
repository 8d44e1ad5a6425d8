package dev.peeper.server;

import dev.peeper.process.ExitReason;
import dev.peeper.process.NoProcessException;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.process.internal.Host;
import dev.peeper.registry.ProcessName;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;

/**
 * A handle to a server, by pid or by name: call, cast, send and stop. A handle by name looks the name up on
 * every use, so it reaches whichever process holds the name now (a restarted server, say); a handle by pid
 * always reaches that one process.
 *
 * <pre>{@code
 * ServerRef counter = ServerRef.named("counter");
 * counter.cast(new Add(5));
 * int value = counter.call(new Get());                       // waits up to 5 s
 * int later = counter.call(new Get(), Duration.ofMillis(50));
 * counter.callAsync(new Get()).thenAccept(System.out::println);
 * }</pre>
 *
 * <p>A call fails fast: with {@link NoProcessException} if the name is not registered, with
 * {@link ServerExitException} as soon as the server ends without answering (also when it was already dead),
 * and with {@link CallTimeoutException} when the timeout passes. No thread or timer task is made per call (but for
 * the pauses between the retries of a {@link #callAsync} by a cluster's name, each a task of the JDK's delay
 * scheduler).
 */
public final class ServerRef {
    /** Slowest pace of {@link #awaitHolder}'s lookups: a name is usually back within a few of them. */
    static final long MAX_LOOKUP_PAUSE_NANOS = Duration.ofMillis(50).toNanos();
    /** Where {@link #callAsync} futures complete: a fresh virtual thread each, so no callback runs as a process. */
    static final Executor CALLBACKS = task -> Thread.ofVirtual().name("peeper-call-async").start(task);

    private final Pid pid;
    private final ProcessName name;

    private ServerRef(Pid pid, ProcessName name) {
        this.pid = pid;
        this.name = name;
    }

    /**
     * A handle to the server process {@code pid}.
     *
     * @param pid the server's process, as its starter returned it
     * @return a handle that always talks to {@code pid}, alive or not
     */
    public static ServerRef of(Pid pid) {
        return new ServerRef(Objects.requireNonNull(pid, "pid"), null);
    }

    /**
     * A handle to whichever server is registered under the local name {@code name} at each use.
     *
     * @param name the name in the local registry, any value with {@code equals}
     * @return a handle that looks the name up at each use; the name need not be registered yet
     */
    public static ServerRef named(Object name) {
        return new ServerRef(null, ProcessName.local(name));
    }

    /**
     * A handle to whichever server is registered under {@code name} at each use.
     *
     * @param name the name, in whichever registry it belongs to
     * @return a handle that looks the name up at each use; the name need not be registered yet
     */
    public static ServerRef named(ProcessName name) {
        return new ServerRef(null, Objects.requireNonNull(name, "name"));
    }

    /**
     * The server's pid now.
     *
     * @return the pid given, or the pid that holds the name at this moment
     * @throws NoProcessException if this handle is by name and nothing is registered under it
     */
    public Pid pid() {
        if (pid != null) {
            return pid;
        }
        Pid holder = name.whereis();
        if (holder == null) {
            throw new NoProcessException("no server is registered under the name " + name
                    + "; start it first, or check the name");
        }
        return holder;
    }

    /** {@return whether the server is alive now; for a handle by name, whether a live process holds the name} */
    public boolean isAlive() {
        Pid target = pid != null ? pid : name.whereis();
        return target != null && Proc.isAlive(target);
    }

    /**
     * Calls with {@link GenServers#DEFAULT_CALL_TIMEOUT} and returns the reply, cast to what the caller expects.
     *
     * @param <R>     the reply's type, as the caller expects it; a wrong guess fails with a {@link ClassCastException}
     *                where the reply is used
     * @param request the request {@code handleCall} gets; not {@code null}
     * @return the reply
     * @throws CallTimeoutException  no reply in time
     * @throws ServerExitException   the server ended first, or was not alive
     * @throws CallFailedException   the server answered with a failure
     * @throws NoProcessException    this handle is by name and the name is not registered
     */
    public <R> R call(Object request) {
        return call(request, GenServers.DEFAULT_CALL_TIMEOUT);
    }

    /**
     * Sends {@code request} to {@code handleCall} and waits up to {@code timeout} for the reply. Timeouts are kept
     * in 10 ms ticks by one runtime thread, so that the caller can wait without a timer of its own: a call never
     * times out before {@code timeout}, and usually within a tick after it.
     *
     * @param <R>     the reply's type, as the caller expects it; a wrong guess fails with a {@link ClassCastException}
     *                where the reply is used
     * @param request the request {@code handleCall} gets; not {@code null}
     * @param timeout how long to wait for the reply
     * @return the reply
     * @throws CallTimeoutException  no reply in time
     * @throws ServerExitException   the server ended first, or was not alive. By a name of a registry whose names
     *                               come back by themselves (a cluster's), a call that certainly never reached its
     *                               server (gone, or its member unreachable before the send) is made again to the
     *                               name's next holder within {@code timeout}; one whose server's member left after
     *                               it was sent fails with reason {@code noconnection} (it may have run) and is never
     *                               repeated
     * @throws CallFailedException   the server answered with a failure
     * @throws NoProcessException    this handle is by name and the name is not registered (by a registry whose
     *                               names come back by themselves, a cluster's: not within {@code timeout})
     */
    @SuppressWarnings("unchecked")
    public <R> R call(Object request, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(request, "request");
        if (pid == null && name.registry().waitsForHolder()) {
            return (R) callHolder(request, timeout);
        }
        return (R) send(new Call(request)).await(this, timeout);
    }

    /**
     * A call by a name that comes back by itself (a cluster's): waits for a holder, and calls again, by the name,
     * while a call certainly never reached the holder it was sent to (it was gone, {@code noproc}, or its member
     * could not be reached before the send), until {@code timeout} passes. A call that was sent and then lost its
     * server (its member left: {@code noconnection}) may have run, so it fails at once and is never repeated.
     */
    private Object callHolder(Object request, Duration timeout) {
        long start = System.nanoTime();
        long budget = TimedFuture.nanos(timeout);
        long pause = Duration.ofMillis(1).toNanos();
        while (true) {
            Pid holder = awaitHolder(timeout, budget - (System.nanoTime() - start));
            Call call = new Call(request);
            try {
                return send(call, holder).await(this, timeout, budget - (System.nanoTime() - start));
            } catch (ServerExitException notReached) {
                forgetIfEnded(name, call, holder); // before the next attempt looks the name up again
                long left = budget - (System.nanoTime() - start);
                if (!call.neverDelivered() || left <= 0) {
                    throw notReached;
                }
                // the name still points at the gone holder until its clean-up or a new start replaces it
                LockSupport.parkNanos(Math.min(pause, left));
                pause = Math.min(pause * 2, MAX_LOOKUP_PAUSE_NANOS);
            }
        }
    }

    /**
     * Tells {@code name}'s registry that its answer {@code holder} had ended, if {@code call} found no such process,
     * so that a cache of its does not answer it again while the call is made again.
     */
    static void forgetIfEnded(ProcessName name, Call call, Pid holder) {
        if (call.foundNoProcess()) {
            name.registry().holderEnded(name.name(), holder);
        }
    }

    /**
     * The holder of this handle's name, looked up again until one registers or {@code timeout} passes: for a
     * registry whose names come back by themselves ({@link dev.peeper.registry.NameRegistry#waitsForHolder()}: a
     * cluster's, while a server starts again on another member). Nothing was sent yet, so waiting repeats nothing.
     */
    private Pid awaitHolder(Duration timeout, long budget) {
        long start = System.nanoTime();
        long pause = Duration.ofMillis(1).toNanos();
        while (true) {
            Pid holder = name.whereis();
            if (holder != null) {
                return holder;
            }
            long left = budget - (System.nanoTime() - start);
            if (left <= 0) {
                throw new NoProcessException("no server registered under the name " + name + " within " + timeout
                        + "; start it first, or check the name");
            }
            LockSupport.parkNanos(Math.min(pause, left));
            pause = Math.min(pause * 2, MAX_LOOKUP_PAUSE_NANOS);
        }
    }

    /**
     * Sends {@code request} to {@code handleCall} and returns at once; the future completes with the reply, or
     * fails (wrapped in a {@link java.util.concurrent.CompletionException}) with what
     * {@link #call(Object, Duration)} would throw. It has no timeout of its own: add one with
     * {@link CompletableFuture#orTimeout}. Completing or cancelling it does not touch the server's {@link From}.
     *
     * <p>The future completes on a virtual thread of its own, which is no process: callbacks attached to it never
     * run on the server's thread (nor on a dying server's) with its identity, where a slow callback would stall
     * the server and {@code Proc.self()} would name it. A call answered before this returns (a dead pid fails at
     * once) is returned complete. (A callback attached after completion runs, as always with
     * {@code CompletableFuture}, on the thread that attaches it.)
     *
     * <p>By a name of a registry whose names come back by themselves (a cluster's), it retries as
     * {@link #call(Object)} does, within {@link GenServers#DEFAULT_CALL_TIMEOUT}, without a thread waiting meanwhile:
     * a name not registered yet is looked up again until a server holds it (else the future fails with
     * {@link NoProcessException}), and a call that certainly never reached its server (gone, {@code noproc}, or its
     * member unreachable before the send) is made again to the name's next holder; one whose server's member left
     * after it was sent fails with reason {@code noconnection} (it may have run) and is never repeated.
     *
     * @param request the request {@code handleCall} gets; not {@code null}
     * @return a future completed with the reply, on a virtual thread of its own
     * @throws NoProcessException    this handle is by name and the name is not registered (by a registry whose names
     *                               come back by themselves: the future fails with it instead, after the retries)
     * @throws IllegalStateException the calling process is this server itself, which could never answer
     */
    public CompletableFuture<Object> callAsync(Object request) {
        return callAsync(request, GenServers.DEFAULT_CALL_TIMEOUT);
    }

    /**
     * {@link #callAsync(Object)}, whose retries by a name that comes back by itself stop once {@code retryWithin}
     * has passed since it was made (the reply itself still has no timeout). For tests of that bound.
     */
    CompletableFuture<Object> callAsync(Object request, Duration retryWithin) {
        Objects.requireNonNull(request, "request");
        if (pid == null && name.registry().waitsForHolder()) {
            return new HolderCallAsync(this, name, request, retryWithin).start();
        }
        Call call = send(new Call(request));
        CompletableFuture<Object> answer = new CompletableFuture<>();
        if (call.isDone()) { // answered already (a dead pid fails at once): complete it here, on the caller's thread
            pass(call, answer);
        } else {
            // whenCompleteAsync, not thenApplyAsync: that one passes a failure on at once, on the completing thread
            call.whenCompleteAsync((reply, failure) -> pass(call, answer), CALLBACKS);
        }
        return answer;
    }

    /** Completes {@code answer} as {@code call} completed; a failure wrapped, as {@code copy()} would have it. */
    static void pass(Call call, CompletableFuture<Object> answer) {
        switch (call.state()) {
            case SUCCESS -> answer.complete(call.resultNow());
            case FAILED -> answer.completeExceptionally(new CompletionException(call.exceptionNow()));
            default -> answer.cancel(false);
        }
    }

    /**
     * Sends {@code request} to {@code handleCast} and returns at once; nothing is reported back.
     *
     * @param request the request {@code handleCast} gets; not {@code null}
     * @throws NoProcessException this handle is by name and the name is not registered
     */
    public void cast(Object request) {
        Proc.send(pid(), new Cast(Objects.requireNonNull(request, "request")));
    }

    /**
     * Sends {@code message} as is; the server's {@code handleInfo} gets it.
     *
     * @param message the message {@code handleInfo} gets
     * @throws NoProcessException this handle is by name and the name is not registered
     */
    public void send(Object message) {
        Proc.send(pid(), message);
    }

    /** Stops the server with reason {@code normal}, waiting up to {@link GenServers#DEFAULT_CALL_TIMEOUT}. */
    public void stop() {
        stop(ExitReason.normal(), GenServers.DEFAULT_CALL_TIMEOUT);
    }

    /**
     * Stops the server: it runs {@code terminate(reason, state)} and ends with {@code reason}. The request takes
     * its turn after the messages already queued (as OTP's {@code gen_server:stop}), so nothing sent before it is
     * dropped; a suspended server stops once resumed. Returns once the process has ended (its name is free by
     * then). To stop at once, ahead of the queue or while suspended, use {@link Sys#terminate}.
     *
     * @param reason  the exit reason {@code terminate} gets and the server ends with; {@link ExitReason#normal()}
     *                for a planned stop
     * @param timeout how long to wait for the process to end
     * @throws ServerExitException  the server was not alive or ended otherwise
     * @throws CallTimeoutException it did not end within {@code timeout}
     */
    public void stop(ExitReason reason, Duration timeout) {
        stop(new StopCall(Objects.requireNonNull(reason, "reason")), timeout);
    }

    /** Sends a stop request and waits for the reply and then for the process to end. */
    void stop(Call request, Duration timeout) {
        long nanos = TimedFuture.nanos(timeout);
        long start = System.nanoTime();
        Pid target = pid();
        send(request).await(this, timeout);
        try {
            if (!TimedFuture.awaitDone(Proc.whenExited(target), nanos - (System.nanoTime() - start))) {
                throw new CallTimeoutException(this, request.request, timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while stopping " + this);
        }
    }

    /** Puts a call in the mailbox of the server's pid now. */
    <C extends Call> C send(C call) {
        return send(call, pid());
    }

    /** Puts a call in {@code target}'s mailbox, refusing a call to oneself, which could never be answered. */
    <C extends Call> C send(C call, Pid target) {
        Pid self = Proc.selfOrNull(); // one thread-local read: this runs on every call
        if (self != null && (target.equals(self) || isOwnHost(target))) {
            throw new IllegalStateException("server " + target + " called itself with " + call.request
                    + "; it would wait for ever. Handle the request directly, or cast it to yourself");
        }
        call.server = target;
        Proc.send(target, call);
        return call;
    }

    /**
     * Whether {@code target} is a host (a Peeper server) whose delegate (its worker) is the calling process: the
     * worker reads the host's mailbox, so a call to the host waits for the caller itself. A process whose parent
     * is a host is always its delegate: a host has no thread to spawn anything else with.
     */
    private static boolean isOwnHost(Pid target) {
        return target.isLocal() && Host.of(target) != null && target.equals(Proc.parent());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServerRef ref && Objects.equals(ref.pid, pid) && Objects.equals(ref.name, name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pid, name);
    }

    @Override
    public String toString() {
        return pid != null ? pid.toString() : String.valueOf(name);
    }
}
