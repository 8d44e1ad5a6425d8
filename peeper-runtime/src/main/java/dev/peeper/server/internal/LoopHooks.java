package dev.peeper.server.internal;

import dev.peeper.process.ExitReason;
import dev.peeper.server.Dispatcher;
import dev.peeper.server.ServerStatistics;
import dev.peeper.server.Stop;
import dev.peeper.server.Sys;

/**
 * What the generic loop tells a runtime built on it, such as a Peeper server, which keeps every completed state
 * so a restarted worker can resume from it. Application code does not need this. All methods run on the
 * server's own process, so they must be quick; what they throw crashes the server (a keeper refusing a
 * state, say).
 */
public interface LoopHooks {
    /**
     * A callback completed ({@code init}, {@code restore}, a call, cast, info, continue, code change or state
     * replacement) and {@code state} is the server's state now; called before the next message is taken.
     *
     * @param state           the state the callback returned, as the server keeps it
     * @param messagesHandled messages this loop has handled so far (as in {@link ServerStatistics})
     */
    void stateCompleted(Object state, long messagesHandled);

    /**
     * A reply the loop holds (a {@link Reply}, a {@link Stop} with a reply, a state replacement's or a code
     * change's) is about to be released, and the state it acknowledges has been passed to {@link #stateCompleted}.
     * A runtime that keeps states makes them durable now if it has not yet; throwing refuses the acknowledgement:
     * the server crashes with that exception, and the caller hears it instead of the reply.
     */
    default void beforeReply() {
    }

    /**
     * Whether {@link #beforeReply} does work, so that a reply given through a {@code From} on the server's own worker
     * (inside a callback, for the call being handled or one deferred before) must wait for it too: the loop then
     * holds such replies until the callback that gave them has completed and {@code beforeReply} has run, and fails
     * them with the server's exit reason if it throws. Asked once, as a loop starts. By default {@code false}: such
     * replies go out when given, at no cost.
     *
     * @return whether replies through {@code From} wait for the state to be acknowledged
     */
    default boolean holdsReplies() {
        return false;
    }

    /**
     * The mailbox is empty: the loop is about to wait for its next message. The end of a group of messages handled
     * back to back, for a runtime that writes the states of such a group once (a group commit). Nothing is
     * acknowledged here, so a runtime that cannot write now should keep the state for later rather than throw.
     */
    default void mailboxDrained() {
    }

    /**
     * {@code implementation} has replaced the dispatcher, by {@link Sys#changeCode}: the one given there, or, if the
     * old dispatcher was a {@link WrappingDispatcher}, that one wrapped the same way.
     *
     * @param implementation the new dispatcher, which serves every later message
     */
    void codeChanged(Dispatcher<?> implementation);

    /**
     * The server is stopping on purpose with {@code reason}: a {@link Stop} result, a stop request, or its
     * parent's exit signal while trapping exits. {@code terminate} has run; the process ends next.
     *
     * @param reason the reason the server ends with
     */
    void stopping(ExitReason reason);

    /**
     * The server was {@linkplain Sys#suspend suspended} ({@code true}) or {@linkplain Sys#resume resumed}; called
     * before the requester hears. A runtime that restarts the loop keeps this and passes it to the next loop (see
     * {@link ServerLoops#resuming(Dispatcher, Object, ExitReason, LoopHooks, boolean)}): suspension belongs to the
     * server, not to the process that happened to serve the request.
     *
     * @param suspended {@code true} once suspended, {@code false} once resumed
     */
    default void suspensionChanged(boolean suspended) {
    }

    /**
     * Where the loop keeps the calls it answers later, if this runtime owns them; {@code null} (the default) for a
     * loop that keeps them itself and fails them whenever it ends. A runtime that restarts the loop after a crash
     * returns one set for all its loops and fails them ({@link DeferredCalls#failAll}) when the server ends for
     * good: the restarted loop still holds their {@code From}s in its state and may answer them. Asked once, as a
     * loop starts.
     *
     * @return the shared set of deferred calls, or {@code null} to let the loop keep its own
     */
    default DeferredCalls deferredCalls() {
        return null;
    }
}
