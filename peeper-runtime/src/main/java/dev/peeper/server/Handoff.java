package dev.peeper.server;

/**
 * What a server answers when the cluster moves its name to another member ({@link Dispatcher#handoff}), Swarm's
 * {@code begin_handoff} answers as a Java type:
 *
 * <pre>{@code
 * Handoff<Cart> handoff(Cart cart) {
 *     if (cart.isEmpty()) {
 *         return Handoff.restart();            // nothing worth moving: start afresh over there
 *     }
 *     return Handoff.resume(cart.compact());   // move, and go on from this state
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link #resume(Object)}: the server moves and goes on from the state given (the default: its current
 *       state). The new member's server starts from it through {@code restore}, instead of {@code init}.</li>
 *   <li>{@link #restart()}: the server moves and starts afresh there, from {@code init} with its first start's
 *       argument.</li>
 *   <li>{@link #stay()}: the server stays on this member, off its name's owner, until the owner changes again.
 *       A member that is shutting down cannot keep it: there a stay counts as {@code resume} with the current
 *       state.</li>
 * </ul>
 *
 * @param <S> the state type
 */
public sealed interface Handoff<S> permits Handoff.Resume, Handoff.Restart, Handoff.Stay {

    /**
     * Move, and go on from {@code state} on the new member.
     *
     * @param <S>   the state type
     * @param state the state the server resumes from there; may be {@code null} if the state type allows it
     * @return the answer to return from {@code handoff}
     */
    static <S> Handoff<S> resume(S state) {
        return new Resume<>(state);
    }

    /**
     * Move, and start afresh from {@code init} on the new member: this server's state is dropped.
     *
     * @param <S> the state type
     * @return the answer to return from {@code handoff}
     */
    @SuppressWarnings("unchecked")
    static <S> Handoff<S> restart() {
        return (Handoff<S>) Restart.INSTANCE;
    }

    /**
     * Do not move: go on serving here.
     *
     * @param <S> the state type
     * @return the answer to return from {@code handoff}
     */
    @SuppressWarnings("unchecked")
    static <S> Handoff<S> stay() {
        return (Handoff<S>) Stay.INSTANCE;
    }

    /**
     * Move with this state.
     *
     * @param state the state to resume from on the new member
     * @param <S>   the state type
     */
    record Resume<S>(S state) implements Handoff<S> {
    }

    /**
     * Move and run {@code init} again. Use {@link Handoff#restart()}.
     *
     * @param <S> the state type
     */
    record Restart<S>() implements Handoff<S> {
        private static final Restart<Object> INSTANCE = new Restart<>();
    }

    /**
     * Stay here. Use {@link Handoff#stay()}.
     *
     * @param <S> the state type
     */
    record Stay<S>() implements Handoff<S> {
        private static final Stay<Object> INSTANCE = new Stay<>();
    }
}
