package dev.peeper.server;

/**
 * The caller of a {@code handleCall}, for replying later: return {@link Next} from {@code handleCall}, keep the
 * {@code From} (in the state, or hand it to another process) and answer it exactly once when the answer is
 * ready. Only the first answer counts; later ones are ignored. If the server ends before answering, the caller
 * is told at once with the server's exit reason.
 *
 * <p>On a Peeper server whose keeper writes states before replies (a replicated keeper), an answer given on the
 * server's own worker waits like a returned {@link Reply}: it goes out once the callback that gave it has completed
 * and its state is acknowledged, and the caller hears the failure instead if it is not. An answer given by another
 * process goes out at once.
 *
 * <pre>{@code
 * Result<State> handleCall(Object request, From<String> from, State state) {
 *     return Next.of(state.waiting(from));      // reply when the data arrives
 * }
 * ...
 * waiting.reply("done");
 * }</pre>
 *
 * @param <R> the reply type
 */
public interface From<R> {
    /**
     * Answers the caller with {@code value}; {@code false} if it was already answered.
     *
     * @param value the reply; may be {@code null}
     * @return {@code true} if this answered the caller, {@code false} if it was already answered or gone
     */
    boolean reply(R value);

    /**
     * Answers the caller with a failure: its call throws a {@link CallFailedException} caused by it.
     *
     * @param error what went wrong; the caller gets it as the cause
     * @return {@code true} if this answered the caller, {@code false} if it was already answered or gone
     */
    boolean fail(Throwable error);

    /**
     * Whether the caller has been answered (or has stopped waiting because the server ended).
     *
     * @return whether a reply or failure can no longer reach the caller
     */
    boolean isAnswered();
}
