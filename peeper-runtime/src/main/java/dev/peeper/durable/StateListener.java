package dev.peeper.durable;

import dev.peeper.process.ExitReason;

/**
 * Hears what happens to a Peeper server's state. Calls come on a process of their own, never the worker's, one
 * at a time and in the order the changes happened; an exception here is logged and never harms the server.
 *
 * <p>A listener slower than its server never slows it down, and is never handed an unbounded backlog: once 1024
 * changes wait for it, later ones are folded into the last waiting one (a warning is logged), so it hears fewer,
 * larger steps ({@code a -> c} for {@code a -> b -> c}) that still chain and end at the current state.
 * {@code onTerminate} always comes, last.
 *
 * <pre>{@code
 * PeeperOptions.defaults().withListener(new StateListener<Integer>() {
 *     public void onStateChanged(Integer old, Integer now) { audit.append(old + " -> " + now); }
 * })
 * }</pre>
 *
 * @param <S> the state type
 */
public interface StateListener<S> {
    /**
     * A callback completed with a state that differs ({@code equals}) from the one before it.
     *
     * @param oldState the state before the callback
     * @param newState the state the callback returned, now kept
     * @throws Exception anything; it is logged, and the server and later calls are unaffected
     */
    default void onStateChanged(S oldState, S newState) throws Exception {
    }

    /**
     * The server's kept state was lost beyond recovery and the server started again from {@code init}: said so here
     * and in an error log, never silently. Only a keeper that can lose state tells it: the cluster's replicated
     * keepers, when every copy of a state died with the members holding it (more members at once than the backups).
     * It comes before any {@code onStateChanged} of the new start.
     *
     * @param detail what is known of the loss: the server's name and where its state was
     * @throws Exception anything; it is logged, and the server is unaffected
     */
    default void onStateLost(String detail) throws Exception {
    }

    /**
     * The server ended for good (stopped, or gave up after too many restarts) with {@code reason}.
     *
     * @param reason    why the server ended
     * @param lastState the last kept state
     * @throws Exception anything; it is logged
     */
    default void onTerminate(ExitReason reason, S lastState) throws Exception {
    }
}
