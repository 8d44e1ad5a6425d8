package dev.peeper.process.internal;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;

/**
 * A message whose sender waits for it to be handled, such as a call. The runtime tells it when it never will
 * be: sent to a process that no longer exists ({@code noproc}), or still queued when its process ended (with
 * that process's reason). This is how a caller learns at once that its server died, without a monitor per call.
 */
public interface AwaitsDelivery {
    /**
     * Called at most a few times (implementations must tolerate repeats), from the thread that found the
     * message undeliverable; must be quick and must not throw.
     *
     * @param target the process the message was for
     * @param reason why it will not be handled
     */
    void undelivered(Pid target, ExitReason reason);

    /**
     * The message was certainly never handed to {@code target}: a transport could not send it at all (no
     * connection to the target's node, or the node is not in the cluster). Unlike {@link #undelivered} with a
     * reason such as {@code noconnection} after the send, the target cannot have handled it, so a call by name may
     * look the name up again and retry without repeating anything. Same rules as {@link #undelivered}.
     *
     * @param target the process the message was for
     * @param reason what to tell a caller that does not retry
     */
    default void unsent(Pid target, ExitReason reason) {
        undelivered(target, reason);
    }
}
