package dev.peeper.server;

import dev.peeper.process.ExitReason;
import java.util.Objects;

/**
 * Stop the server: {@code terminate(reason, state)} runs, then the process ends with {@code reason}.
 * {@code gen_server}'s {@code {stop, Reason, S}} and, from {@code handleCall}, {@code {stop, Reason, Reply, S}}.
 * From {@code init} it makes the start fail with {@code reason}.
 *
 * <pre>{@code
 * return Stop.of(ExitReason.normal(), state);
 * return Stop.withReply(ExitReason.normal(), "bye", state);   // from handleCall
 * }</pre>
 *
 * @param reason   why the server stops
 * @param state    the state passed to {@code terminate}
 * @param hasReply whether the caller of {@code handleCall} is answered with {@code reply}
 * @param reply    the reply, if {@code hasReply}
 * @param <S>      the state type
 */
public record Stop<S>(ExitReason reason, S state, boolean hasReply, Object reply) implements Result<S> {
    /** Checks the reason. */
    public Stop {
        Objects.requireNonNull(reason, "reason; use ExitReason.normal() for an ordinary stop");
    }

    /**
     * Stop with {@code reason}; a pending caller (from {@code handleCall}) is not answered.
     *
     * @param <S>    the state type
     * @param reason why the server stops: {@link ExitReason#normal()} for a planned stop, anything else is a crash
     *               to its supervisor
     * @param state  the state {@code terminate} gets
     * @return the result to return from a callback
     */
    public static <S> Stop<S> of(ExitReason reason, S state) {
        return new Stop<>(reason, state, false, null);
    }

    /**
     * Stop with {@code reason} after answering the caller of {@code handleCall} with {@code reply}.
     *
     * @param <S>    the state type
     * @param reason why the server stops: {@link ExitReason#normal()} for a planned stop, anything else is a crash
     *               to its supervisor
     * @param reply  what the caller of {@code handleCall} gets; may be {@code null}
     * @param state  the state {@code terminate} gets
     * @return the result to return from {@code handleCall}
     */
    public static <S> Stop<S> withReply(ExitReason reason, Object reply, S state) {
        return new Stop<>(reason, state, true, reply);
    }
}
