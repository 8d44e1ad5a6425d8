package dev.peeper.server;

import dev.peeper.process.ExitReason;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Looks into and steers any running server, OTP's {@code sys} module. These requests are system messages:
 * the server serves them before its queued user messages, and even while suspended. So they overtake what is
 * already queued, even the same caller's earlier casts: {@code cast(x)} then {@code getState} may see the state
 * before {@code x}. Make a call first if the answer must reflect earlier messages.
 *
 * <pre>{@code
 * Integer n = Sys.getState(counter);
 * Sys.replaceState(counter, s -> 0);
 * Sys.suspend(counter);   // user messages queue up, system messages are still served
 * Sys.resume(counter);
 * ServerStatistics stats = Sys.statistics(counter);
 * Integer m = Sys.getState(counter, Duration.ofMillis(200)); // each request also takes a timeout
 * }</pre>
 *
 * <p>Without a timeout a request waits {@link GenServers#DEFAULT_CALL_TIMEOUT} (5 s), as a call does; past it, a
 * {@link CallTimeoutException} (the server may still serve the request later). A server that is not alive, or
 * dies first, fails the request at once with a {@link ServerExitException}.
 */
public final class Sys {
    private Sys() {
    }

    /**
     * The server's current state, waiting at most {@link GenServers#DEFAULT_CALL_TIMEOUT}.
     *
     * @param <S>    the server's state type, as the caller expects it (not checked here)
     * @param server the server to ask
     * @return the state the server holds between messages, the very object (not a copy)
     */
    public static <S> S getState(ServerRef server) {
        return getState(server, GenServers.DEFAULT_CALL_TIMEOUT);
    }

    /**
     * The server's current state, waiting at most {@code timeout}.
     *
     * @param <S>     the server's state type, as the caller expects it (not checked here)
     * @param server  the server to ask
     * @param timeout how long to wait for the answer before a {@link CallTimeoutException}
     * @return the state the server holds between messages, the very object (not a copy)
     */
    @SuppressWarnings("unchecked")
    public static <S> S getState(ServerRef server, Duration timeout) {
        return (S) request(server, new SystemRequest.GetState(), timeout);
    }

    /**
     * Replaces the state with {@code change.apply(state)} and returns the new state. If {@code change} throws,
     * the state stays and the exception comes back as a {@link CallFailedException}; the server carries on.
     *
     * @param <S>    the server's state type, as the caller expects it (not checked here)
     * @param server the server whose state to replace
     * @param change computes the new state from the current one, run on the server's own thread
     * @return the new state, as {@code change} returned it
     */
    public static <S> S replaceState(ServerRef server, UnaryOperator<S> change) {
        return replaceState(server, change, GenServers.DEFAULT_CALL_TIMEOUT);
    }

    /**
     * {@link #replaceState(ServerRef, UnaryOperator)}, waiting at most {@code timeout}. A timeout does not cancel
     * the change: the server may still apply it when it gets to the request.
     *
     * @param <S>     the server's state type, as the caller expects it (not checked here)
     * @param server  the server whose state to replace
     * @param change  computes the new state from the current one, run on the server's own thread
     * @param timeout how long to wait for the answer before a {@link CallTimeoutException}
     * @return the new state, as {@code change} returned it
     */
    @SuppressWarnings("unchecked")
    public static <S> S replaceState(ServerRef server, UnaryOperator<S> change, Duration timeout) {
        Objects.requireNonNull(change, "change");
        return (S) request(server, new SystemRequest.ReplaceState((UnaryOperator<Object>) change), timeout);
    }

    /**
     * Suspends the server: it serves only system messages until {@link #resume}; user messages wait. It still
     * obeys its parent's order to stop, as OTP's suspended loop does: a supervisor's shutdown (an exit signal the
     * server traps; for a Peeper server, any exit signal but {@code kill}) runs {@code terminate} at once. A Peeper
     * server stays suspended across worker restarts.
     *
     * @param server the server to suspend; suspending a suspended server changes nothing
     */
    public static void suspend(ServerRef server) {
        suspend(server, GenServers.DEFAULT_CALL_TIMEOUT);
    }

    /**
     * {@link #suspend(ServerRef)}, waiting at most {@code timeout} for the server to confirm.
     *
     * @param server  the server to suspend; suspending a suspended server changes nothing
     * @param timeout how long to wait for the confirmation before a {@link CallTimeoutException}
     */
    public static void suspend(ServerRef server, Duration timeout) {
        request(server, new SystemRequest.Suspend(), timeout);
    }

    /**
     * Resumes a suspended server: it serves its queued user messages again, oldest first.
     *
     * @param server the server to resume; resuming a server that is not suspended changes nothing
     */
    public static void resume(ServerRef server) {
        resume(server, GenServers.DEFAULT_CALL_TIMEOUT);
    }

    /**
     * {@link #resume(ServerRef)}, waiting at most {@code timeout} for the server to confirm.
     *
     * @param server  the server to resume; resuming a server that is not suspended changes nothing
     * @param timeout how long to wait for the confirmation before a {@link CallTimeoutException}
     */
    public static void resume(ServerRef server, Duration timeout) {
        request(server, new SystemRequest.Resume(), timeout);
    }

    /**
     * Counters: when it started, messages handled, mailbox length.
     *
     * @param server the server to ask
     * @return a snapshot taken by the server between two messages
     */
    public static ServerStatistics statistics(ServerRef server) {
        return statistics(server, GenServers.DEFAULT_CALL_TIMEOUT);
    }

    /**
     * {@link #statistics(ServerRef)}, waiting at most {@code timeout}.
     *
     * @param server  the server to ask
     * @param timeout how long to wait for the answer before a {@link CallTimeoutException}
     * @return a snapshot taken by the server between two messages
     */
    public static ServerStatistics statistics(ServerRef server, Duration timeout) {
        return (ServerStatistics) request(server, new SystemRequest.GetStatistics(), timeout);
    }

    /**
     * Swaps the server's implementation between two messages: {@code implementation.codeChange(oldVersion,
     * state, extra)} computes the new state, then {@code implementation} handles every later message. If
     * {@code codeChange} throws, the old implementation and state stay and the error is thrown here as a
     * {@link CallFailedException}. To move to a new state type, override
     * {@link Dispatcher#codeChangeFrom(Object, Object, Object)}, which takes the old state untyped.
     *
     * @param server         the server to upgrade
     * @param implementation the dispatch table (a generated {@code *_Dispatcher}, or a hand-written one) that
     *                       serves every message after this one
     * @param oldVersion     the version being replaced, passed to {@code codeChange} as is; may be {@code null}
     * @param extra          anything else {@code codeChange} needs, passed as is; may be {@code null}
     */
    public static void changeCode(ServerRef server, Dispatcher<?> implementation, Object oldVersion, Object extra) {
        changeCode(server, implementation, oldVersion, extra, GenServers.DEFAULT_CALL_TIMEOUT);
    }

    /**
     * {@link #changeCode(ServerRef, Dispatcher, Object, Object)}, waiting at most {@code timeout}. A timeout does not
     * cancel the change: the server may still make it when it gets to the request.
     *
     * @param server         the server to upgrade
     * @param implementation the dispatch table that serves every message after this one
     * @param oldVersion     the version being replaced, passed to {@code codeChange} as is; may be {@code null}
     * @param extra          anything else {@code codeChange} needs, passed as is; may be {@code null}
     * @param timeout        how long to wait for the confirmation before a {@link CallTimeoutException}
     */
    public static void changeCode(ServerRef server, Dispatcher<?> implementation, Object oldVersion, Object extra,
                                  Duration timeout) {
        Objects.requireNonNull(implementation, "implementation");
        request(server, new SystemRequest.ChangeCode(implementation, oldVersion, extra), timeout);
    }

    /**
     * Stops the server now, OTP's {@code sys:terminate}: served before queued user messages and even while
     * suspended, it runs {@code terminate(reason, state)} and ends the server, and what was still queued is failed
     * (calls) or dropped. Returns once the process has ended. {@link ServerRef#stop} instead waits its turn.
     *
     * @param server  the server to stop
     * @param reason  the exit reason {@code terminate} gets and the server ends with; {@link ExitReason#normal()}
     *                for a planned stop (a transient child is then not restarted)
     * @param timeout how long to wait for the process to end before a {@link CallTimeoutException}
     */
    public static void terminate(ServerRef server, ExitReason reason, Duration timeout) {
        server.stop(new SystemCall(new SystemRequest.Terminate(Objects.requireNonNull(reason, "reason"))), timeout);
    }

    private static Object request(ServerRef server, SystemRequest request, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return server.send(new SystemCall(request)).await(server, timeout);
    }
}
