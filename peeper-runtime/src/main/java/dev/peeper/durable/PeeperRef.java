package dev.peeper.durable;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.registry.ProcessName;
import dev.peeper.server.Dispatcher;
import dev.peeper.server.ServerRef;
import dev.peeper.server.Sys;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A handle to a Peeper server, by pid or by name: the untyped client (call, cast, send, stop), its current worker,
 * its statistics, and code upgrades. Calls, casts and sends go to the server's mailbox, which outlives its
 * workers; they behave as on a {@link ServerRef}.
 *
 * <pre>{@code
 * PeeperRef cache = PeeperRef.named("cache");
 * cache.cast(new Put("k", "v"));
 * String v = cache.call(new Get("k"), Duration.ofMillis(100));
 * cache.statistics().restarts();
 * }</pre>
 */
public final class PeeperRef {
    private final ServerRef server;

    private PeeperRef(ServerRef server) {
        this.server = server;
    }

    /**
     * A handle to the Peeper server {@code pid}.
     *
     * @param pid the server's pid, as {@link #pid()} or its starter gave it
     * @return a handle that always talks to {@code pid}
     */
    public static PeeperRef of(Pid pid) {
        return new PeeperRef(ServerRef.of(pid));
    }

    /**
     * A handle to whichever Peeper server holds the local name {@code name} at each use.
     *
     * @param name the name in the local registry, any value with {@code equals}
     * @return a handle that looks the name up at each use, so it follows a re-registered server
     */
    public static PeeperRef named(Object name) {
        return new PeeperRef(ServerRef.named(name));
    }

    /**
     * A handle to whichever Peeper server holds {@code name} at each use.
     *
     * @param name the name, in whichever registry it belongs to
     * @return a handle that looks the name up at each use, so it follows a re-registered server
     */
    public static PeeperRef named(ProcessName name) {
        return new PeeperRef(ServerRef.named(name));
    }

    /** {@return the server as a plain {@link ServerRef}, for {@link Sys} requests or code written against plain servers} */
    public ServerRef server() {
        return server;
    }

    /** {@return the server's pid, which stays the same across worker restarts} */
    public Pid pid() {
        return server.pid();
    }

    /**
     * The worker running the callbacks now, Peeper's {@code gen_server/1}: calls sent straight to it still keep
     * state. Once it has ended, its pid is that of an ended process: a call to it fails at once with
     * {@code noproc} and a message to it is dropped, rather than reaching its successor; talk to the server's pid
     * or name, which stay. {@code null} in the instant between a crash and the restart.
     *
     * @return the current worker's pid, or {@code null} between a crash and the restart
     * @throws UnsupportedOperationException if the server runs in another JVM (a cluster member): ask on its member
     */
    public Pid worker() {
        return front("worker()").worker();
    }

    /** {@return whether the server is alive} */
    public boolean isAlive() {
        return server.isAlive();
    }

    /**
     * See {@link ServerRef#call(Object)}.
     *
     * @param <R>     the reply's type, as the caller expects it (not checked here)
     * @param request the request {@code handleCall} gets
     * @return the reply
     */
    public <R> R call(Object request) {
        return server.call(request);
    }

    /**
     * See {@link ServerRef#call(Object, Duration)}.
     *
     * @param <R>     the reply's type, as the caller expects it (not checked here)
     * @param request the request {@code handleCall} gets
     * @param timeout how long to wait for the reply before a {@link dev.peeper.server.CallTimeoutException}
     * @return the reply
     */
    public <R> R call(Object request, Duration timeout) {
        return server.call(request, timeout);
    }

    /**
     * See {@link ServerRef#callAsync(Object)}.
     *
     * @param request the request {@code handleCall} gets
     * @return a future completed with the reply, or exceptionally as {@link ServerRef#call(Object)} would throw
     */
    public CompletableFuture<Object> callAsync(Object request) {
        return server.callAsync(request);
    }

    /**
     * See {@link ServerRef#cast(Object)}.
     *
     * @param request the request {@code handleCast} gets
     */
    public void cast(Object request) {
        server.cast(request);
    }

    /**
     * See {@link ServerRef#send(Object)}.
     *
     * @param message the message {@code handleInfo} gets
     */
    public void send(Object message) {
        server.send(message);
    }

    /**
     * The current state, as {@link Sys#getState} gives it.
     *
     * @param <S> the server's state type, as the caller expects it (not checked here)
     * @return the state the server holds between messages
     */
    public <S> S state() {
        return Sys.getState(server);
    }

    /**
     * Restarts, last crash, messages handled, mailbox length and the current worker.
     *
     * @return a snapshot of the counters, taken by the server between two messages
     * @throws UnsupportedOperationException if the server runs in another JVM (a cluster member): these counters are
     *                                       read in the server's own JVM; {@code Sys.statistics(ref.server())} travels
     */
    public PeeperStatistics statistics() {
        return front("statistics()").statistics();
    }

    /**
     * Replaces the implementation between two messages: a new instance from {@code implementation} migrates the
     * state in its {@code codeChange(oldVersion, state, extra)} and handles every later message, and later
     * restarts build from {@code implementation} too. If {@code codeChange} throws, the old implementation and
     * state stay and the error is thrown here as a {@link dev.peeper.server.CallFailedException}. A new state type
     * is allowed: override {@link Dispatcher#codeChangeFrom(Object, Object, Object)}, which takes the old state
     * untyped, and the keeper holds the new type from then on. (Use this rather
     * than a bare {@link Sys#changeCode}: that swaps the running instance only, and the next restart would build
     * the old implementation again.) A server whose dispatcher a runtime wraps around the user's, as the cluster's
     * starters do, keeps that wrapper: the new implementation runs inside it, and so do later restarts.
     *
     * @param implementation makes the new implementation: called once now, and again for every later restart
     * @param oldVersion     whatever the upgrader says the old version was, passed to {@code codeChange}
     * @param extra          extra data for {@code codeChange}; may be {@code null}
     * @throws UnsupportedOperationException if the server runs in another JVM (a cluster member): upgrade it there
     */
    public void upgrade(Supplier<? extends Dispatcher<?>> implementation, Object oldVersion, Object extra) {
        Objects.requireNonNull(implementation, "implementation");
        Dispatcher<?> instance = Objects.requireNonNull(implementation.get(), "the implementation factory returned null");
        front("upgrade(...)").expectUpgrade(instance, implementation);
        Sys.changeCode(server, instance, oldVersion, extra);
    }

    /** Stops the server with reason {@code normal}: {@code terminate} runs, the listener hears, the name is freed. */
    public void stop() {
        server.stop();
    }

    /**
     * Stops the server with {@code reason}, waiting up to {@code timeout}.
     *
     * @param reason  the exit reason {@code terminate} gets and the server ends with
     * @param timeout how long to wait for the server to end before a {@link dev.peeper.server.CallTimeoutException}
     */
    public void stop(ExitReason reason, Duration timeout) {
        server.stop(reason, timeout);
    }

    /**
     * The server's own object, read in this JVM: what {@code operation} needs. A server of another JVM has none here,
     * and its absence must not read as "not running" ({@code PeeperFront.of} would say so).
     */
    PeeperFront front(String operation) {
        Pid pid = server.pid();
        if (!pid.isLocal()) {
            throw new UnsupportedOperationException("PeeperRef." + operation + " reads the Peeper server " + pid
                    + " in its own JVM, and it runs on another cluster member: call it there, or use what travels "
                    + "(Sys.statistics(ref.server()), Sys.getState, calls and casts)");
        }
        return PeeperFront.of(pid);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PeeperRef ref && ref.server.equals(server);
    }

    @Override
    public int hashCode() {
        return server.hashCode();
    }

    @Override
    public String toString() {
        return "Peeper" + server;
    }
}
