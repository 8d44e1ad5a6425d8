package dev.peeper.server;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import java.util.ArrayList;
import java.util.List;

/**
 * The replies a server's callbacks gave through a {@link From} on the server's own worker, held until the state of
 * the callback that gave them has been acknowledged ({@code LoopHooks.beforeReply}): a reply through {@code From}
 * must not tell a caller about a state that may still be lost, any more than a {@link Reply} may. Only a loop whose
 * runtime writes states before replies has one ({@code LoopHooks.holdsReplies}); elsewhere a {@code From} answers at
 * once and nothing here is touched. Used on the loop's thread only.
 *
 * <p>What counts is where the reply is given, not which server took the call: a {@code From} answered on the
 * worker of a server that holds replies waits for that worker's state, the state of the callback that answered it
 * (after a transfer or a restart, that is the server's current worker). A reply given from any other process is
 * not held: that process cannot know the server's state, so it acknowledges only what the server had made durable
 * when it handed the {@code From} over.
 */
final class HeldReplies {
    /** The held replies of the loop running on this thread, if it holds replies. */
    private static final ThreadLocal<HeldReplies> ON_THIS_WORKER = new ThreadLocal<>();
    /**
     * Whether any loop in this JVM has held replies: until one does, a {@code From} answers without looking up its
     * thread's loop, so servers without such a keeper pay one field read per reply.
     */
    private static volatile boolean inUse;

    private final List<Held> held = new ArrayList<>();

    private record Held(Call call, Object value, Throwable failure) {
    }

    /** This thread's loop holds replies from now on. */
    void bindToThisThread() {
        inUse = true;
        ON_THIS_WORKER.set(this);
    }

    void unbind() {
        ON_THIS_WORKER.remove();
    }

    /**
     * The held replies of the worker running on this thread, or {@code null} if this thread is not the worker of a
     * server that holds replies: then a reply goes out at once.
     */
    static HeldReplies ofThisThread() {
        return inUse ? ON_THIS_WORKER.get() : null;
    }

    /** Holds an answer to {@code call}; {@code false} if it was answered (or held) already. */
    boolean hold(Call call, Object value, Throwable failure) {
        if (call.isAnswered()) {
            return false;
        }
        call.held = true;
        held.add(new Held(call, value, failure));
        return true;
    }

    boolean isEmpty() {
        return held.isEmpty();
    }

    /** The state they follow is acknowledged: every held reply goes out. */
    void release() {
        for (Held reply : held) {
            if (reply.failure() == null) {
                reply.call().complete(reply.value());
            } else {
                reply.call().completeExceptionally(new CallFailedException(reply.failure()));
            }
        }
        held.clear();
    }

    /** The state they follow was never acknowledged: their callers hear that {@code server} ended, not the reply. */
    void failAll(Pid ended, ExitReason reason) {
        for (Held reply : held) {
            reply.call().serverEnded(ended, reason);
        }
        held.clear();
    }
}
