package dev.peeper.server;

import java.time.Duration;
import java.util.Objects;

/**
 * Carry on with a new state and no reply now, {@code gen_server}'s {@code {noreply, S}}. From
 * {@code handleCall} it means the reply comes later, through the call's {@link From}.
 *
 * <pre>{@code
 * return Next.of(state + 1);
 * return Next.of(state).timeout(Duration.ofSeconds(30));   // handleInfo(IdleTimeout) if idle that long
 * return Next.of(state).thenContinue(new LoadRest());      // handleContinue before the next message
 * }</pre>
 *
 * @param state the new state (may be {@code null})
 * @param after what to do before the next message
 * @param <S>   the state type
 */
public record Next<S>(S state, After after) implements Result<S> {
    /** Checks {@code after}. */
    public Next {
        Objects.requireNonNull(after, "after; use After.waitForMessage()");
    }

    /**
     * The new state; then wait for the next message.
     *
     * @param <S>   the state type
     * @param state the state to carry on with; may be {@code null}
     * @return the result to return from a callback
     */
    public static <S> Next<S> of(S state) {
        return new Next<>(state, After.Wait.INSTANCE);
    }

    /**
     * The same state, with an idle timeout.
     *
     * @param timeout how long the server may wait for its next message before {@code handleInfo} gets an
     *                {@link IdleTimeout}
     * @return a copy with that idle timeout
     */
    public Next<S> timeout(Duration timeout) {
        return new Next<>(state, new After.Timeout(timeout));
    }

    /**
     * The same state; hibernate (see {@link After.Hibernate} for what that means on the JVM).
     *
     * @return a copy that hibernates until the next message
     */
    public Next<S> hibernate() {
        return new Next<>(state, After.Hibernate.INSTANCE);
    }

    /**
     * The same state; run {@code handleContinue(continuation, state)} before the next message.
     *
     * @param continuation what {@code handleContinue} gets, saying what to do
     * @return a copy that continues before the next message
     */
    public Next<S> thenContinue(Object continuation) {
        return new Next<>(state, new After.Continue(continuation));
    }
}
