package dev.peeper.cluster.groups;

import dev.peeper.process.Pid;

/**
 * One group member's answer to a {@link ClusterGroups#multiCall}: its reply, or why there is none.
 *
 * @param name    the cluster name the member joined under, or {@code null} for a member that joined by pid
 * @param pid     the process called, or {@code null} when no process held {@code name} (outcome {@code NOPROC})
 * @param outcome what happened
 * @param reply   the reply, for {@link Outcome#REPLY}; else {@code null}
 * @param failure why there is no reply: the server's failure ({@code FAILED}), or the
 *                {@link dev.peeper.server.ServerExitException} with its exit reason ({@code EXITED}, {@code NOPROC},
 *                {@code NOCONNECTION}), or {@code null} ({@code REPLY}, {@code TIMEOUT}, an unheld name)
 */
public record GroupReply(Object name, Pid pid, Outcome outcome, Object reply, Throwable failure) {
    /** What became of one member's call. */
    public enum Outcome {
        /** It replied. */
        REPLY,
        /** It answered with a failure ({@code From.fail}), or the request could not be sent to it. */
        FAILED,
        /** It ended while the call was in flight (a crash, a stop). */
        EXITED,
        /** It gave no answer within the timeout. */
        TIMEOUT,
        /** No such process: it had ended, or no process held its name. */
        NOPROC,
        /** Its member left the cluster (or was unreachable). */
        NOCONNECTION
    }

    /** {@return whether the member replied} */
    public boolean isReply() {
        return outcome == Outcome.REPLY;
    }
}
