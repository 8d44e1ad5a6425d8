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
 * }</pre>
 */
public final class Sys {
    private Sys() {
    }

    /** The server's current state. */
    @SuppressWarnings("unchecked")
    public static <S> S getState(ServerRef server) {
        return (S) request(server, new SystemRequest.GetState());
    }

    /**
     * Replaces the state with {@code change.apply(state)} and returns the new state. If {@code change} throws,
     * the state stays and the exception comes back as a {@link CallFailedException}; the server carries on.
     */
    @SuppressWarnings("unchecked")
    public static <S> S replaceState(ServerRef server, UnaryOperator<S> change) {
        Objects.requireNonNull(change, "change");
        return (S) request(server, new SystemRequest.ReplaceState((UnaryOperator<Object>) change));
    }

    /** Suspends the server: it serves only system messages until {@link #resume}; user messages wait. */
    public static void suspend(ServerRef server) {
        request(server, new SystemRequest.Suspend());
    }

    /** Resumes a suspended server. */
    public static void resume(ServerRef server) {
        request(server, new SystemRequest.Resume());
    }

    /** Counters: when it started, messages handled, mailbox length. */
    public static ServerStatistics statistics(ServerRef server) {
        return (ServerStatistics) request(server, new SystemRequest.GetStatistics());
    }

    /**
     * Swaps the server's implementation between two messages: {@code implementation.codeChange(oldVersion,
     * state, extra)} computes the new state, then {@code implementation} handles every later message. If
     * {@code codeChange} throws, the old implementation and state stay and the error is thrown here as a
     * {@link CallFailedException}.
     */
    public static void changeCode(ServerRef server, Dispatcher<?> implementation, Object oldVersion, Object extra) {
        Objects.requireNonNull(implementation, "implementation");
        request(server, new SystemRequest.ChangeCode(implementation, oldVersion, extra));
    }

    /**
     * Stops the server now, OTP's {@code sys:terminate}: served before queued user messages and even while
     * suspended, it runs {@code terminate(reason, state)} and ends the server, and what was still queued is failed
     * (calls) or dropped. Returns once the process has ended. {@link ServerRef#stop} instead waits its turn.
     */
    public static void terminate(ServerRef server, ExitReason reason, Duration timeout) {
        server.stop(new SystemCall(new SystemRequest.Terminate(Objects.requireNonNull(reason, "reason"))), timeout);
    }

    private static Object request(ServerRef server, SystemRequest request) {
        return server.send(new SystemCall(request)).await(server, GenServers.DEFAULT_CALL_TIMEOUT);
    }
}
