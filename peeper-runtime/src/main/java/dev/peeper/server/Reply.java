package dev.peeper.server;

import java.time.Duration;
import java.util.Objects;

/**
 * Answer the caller and carry on with a new state, {@code gen_server}'s {@code {reply, R, S}}. Only
 * {@code handleCall} may return it.
 *
 * <pre>{@code
 * Reply<Integer, Integer> handleCall(Get get, Integer state) {
 *     return Reply.of(state, state);
 * }
 * }</pre>
 *
 * @param reply what the caller gets (may be {@code null})
 * @param state the new state (may be {@code null})
 * @param after what to do before the next message
 * @param <R>   the reply type
 * @param <S>   the state type
 */
public record Reply<R, S>(R reply, S state, After after) implements Result<S> {
    /** Checks {@code after}. */
    public Reply {
        Objects.requireNonNull(after, "after; use After.waitForMessage()");
    }

    /**
     * Reply with {@code reply} and keep {@code state}.
     *
     * @param <R>   the reply type
     * @param <S>   the state type
     * @param reply what the caller gets; may be {@code null}
     * @param state the state to carry on with; may be {@code null}
     * @return the result to return from {@code handleCall}, waiting for the next message
     */
    public static <R, S> Reply<R, S> of(R reply, S state) {
        return new Reply<>(reply, state, After.Wait.INSTANCE);
    }

    /**
     * The same reply and state, with an idle timeout.
     *
     * @param timeout how long the server may wait for its next message before {@code handleInfo} gets an
     *                {@link IdleTimeout}
     * @return a copy with that idle timeout
     */
    public Reply<R, S> timeout(Duration timeout) {
        return new Reply<>(reply, state, new After.Timeout(timeout));
    }

    /**
     * The same reply and state; hibernate (see {@link After.Hibernate}).
     *
     * @return a copy that hibernates after replying
     */
    public Reply<R, S> hibernate() {
        return new Reply<>(reply, state, After.Hibernate.INSTANCE);
    }

    /**
     * The same reply and state; run {@code handleContinue(continuation, state)} before the next message.
     *
     * @param continuation what {@code handleContinue} gets, saying what to do
     * @return a copy that continues before the next message
     */
    public Reply<R, S> thenContinue(Object continuation) {
        return new Reply<>(reply, state, new After.Continue(continuation));
    }
}
