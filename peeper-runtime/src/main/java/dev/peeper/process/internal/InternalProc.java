package dev.peeper.process.internal;

import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.process.ProcessBody;
import java.time.Duration;

/**
 * The operations of {@link Proc} that runtimes built on processes need and applications do not: delegates (how a
 * Peeper server keeps its mailbox across worker crashes), the system lane of the mailbox (how a suspended server
 * waits), and clean-ups that run as a process ends (how registries free names). Internal, as OTP keeps
 * {@code proc_lib} and {@code sys} internals apart from {@code erlang}'s API.
 */
public final class InternalProc {
    private InternalProc() {
    }

    /**
     * Starts a <em>delegate</em>: a process that reads the calling process's mailbox instead of one of its own.
     * Everything sent to the caller, or to the delegate, is received by the delegate; when the delegate ends, the
     * mailbox and what is queued in it stay with the caller, for the next delegate. This is how a Peeper server
     * keeps its mailbox across worker crashes. The caller must not receive while a delegate of it runs, and
     * must not end before its delegate has (the mailbox has one reader at a time). Not linked, not trapping exits.
     *
     * @param body what the delegate runs
     * @return the delegate's pid
     * @throws IllegalStateException if the caller is not a process
     */
    public static Pid spawnDelegate(ProcessBody body) {
        return ProcessAccess.get().spawnDelegate(body);
    }

    /**
     * Takes the next {@link SystemMessage} only, leaving ordinary messages queued; {@code null} on timeout.
     * A suspended server waits here.
     *
     * @param timeout how long to wait; a century or more waits for ever
     * @return the system message, or {@code null} if none arrived within {@code timeout}
     * @throws IllegalStateException if the caller is not a process
     */
    public static Object receiveSystem(Duration timeout) {
        return ProcessAccess.get().receiveSystem(timeout);
    }

    /**
     * While {@code on}, an {@code ExitSignal} message from the calling process's parent skips the queue into the
     * system lane, and one already queued moves there: for a loop that serves only system messages for a while
     * (a suspended server, see {@link #receiveSystem}) and must still obey its parent's order to stop, as OTP's
     * suspended {@code sys} loop does. Off again, later signals keep their place among ordinary messages.
     *
     * @param on whether the parent's exit signals go to the system lane from now on
     * @throws IllegalStateException if the caller is not a process
     */
    public static void parentExitsFirst(boolean on) {
        ProcessAccess.get().parentExitsFirst(on);
    }

    /**
     * Runs {@code cleanup} when {@code pid} ends, on its thread, before {@link Proc#whenExited} completes and before
     * links and monitors are told: what registries use to free a process's names, so that anyone who hears of the
     * end finds them free. Runs at once, on the caller's thread, if the process has already ended. Keep it short;
     * an exception is logged. For a process of another node, it runs when this node hears of the end.
     *
     * @param pid     the process whose end runs {@code cleanup}
     * @param cleanup what to run
     */
    public static void onExit(Pid pid, Runnable cleanup) {
        ProcessAccess.get().onExit(pid, cleanup);
    }
}
