package dev.peeper.process.internal;

import dev.peeper.process.ExitReason;
import dev.peeper.process.NoProcessException;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.process.ProcessBody;
import dev.peeper.process.SpawnOptions;

/**
 * A process without a thread of its own. It has what makes a process to others (a pid, a mailbox, links,
 * monitors, names), and its work is done by {@linkplain #spawnDelegate delegates}: processes that read its
 * mailbox, one at a time. The host itself only reacts: to an exit signal that ends it, by passing the signal on
 * to its delegate, and to its delegate's end, by starting the next one or {@linkplain #end ending}.
 *
 * <p>A Peeper server is a host: its pid and mailbox stay while workers come and go, and a million idle servers
 * cost a million parked virtual threads, not two million.
 *
 * <pre>{@code
 * Pid server = Host.spawn(myHost, SpawnOptions.defaults().withLink());
 * Host.spawnDelegate(server, workerBody);   // reads everything sent to `server`
 * // in myHost.delegateEnded(worker, reason): Host.spawnDelegate(server, nextBody), or Host.end(server, reason)
 * }</pre>
 *
 * <p>Both callbacks run on other processes' threads, outside any lock of the runtime: keep them short, never
 * block in them, and let nothing escape (what does is logged).
 */
public interface Host {
    /**
     * An exit signal ends this host with {@code reason}: a link's, one sent with {@link Proc#exit(Pid, ExitReason)},
     * or a kill, which can also come while an earlier signal is still being acted on, and then overrides it. Pass it
     * on to the running delegate; its end then ends the host. Called on the sender's thread.
     *
     * @param reason the signal's reason; {@link ExitReason#kill()} for a kill
     */
    void exitSignalled(ExitReason reason);

    /**
     * This host's delegate {@code delegate} ended with {@code reason}. Called on the delegate's thread once it is no
     * longer alive, before its links and monitors are told and before {@link Proc#whenExited} completes: whoever
     * hears of the end finds the next delegate already running, or the host ended.
     *
     * @param delegate the delegate that ended, as {@link #spawnDelegate} returned it
     * @param reason   the reason it ended with
     */
    void delegateEnded(Pid delegate, ExitReason reason);

    /**
     * Creates a host; it does nothing until its first delegate runs. With {@link SpawnOptions#withLink()} it is
     * linked to the calling process (which must be a process). A host cannot trap exits (its delegate can), and
     * has no monitor option: monitor it with {@link Proc#monitor} before its first delegate starts.
     *
     * @param host    the callbacks that react to exit signals and to delegates' ends
     * @param options a link or none; trapping exits and monitoring are refused
     * @return the host's pid, which others send to, link and monitor as any process
     * @throws IllegalArgumentException if {@code options} traps exits or monitors
     * @throws IllegalStateException    if {@code options} links and the caller is not a process
     */
    static Pid spawn(Host host, SpawnOptions options) {
        return ProcessAccess.get().spawnHost(host, options);
    }

    /**
     * Starts a delegate of {@code host}: a process that receives everything sent to the host, as
     * {@link InternalProc#spawnDelegate(ProcessBody)} does for the calling process, but callable from any thread,
     * including a dying delegate's in {@link #delegateEnded}. The host must have no other delegate running. Its
     * parent is the host.
     *
     * @param host the host whose mailbox the delegate reads
     * @param body what the delegate runs
     * @return the delegate's pid
     * @throws IllegalArgumentException {@code host} is not a host
     * @throws NoProcessException       the host has ended
     */
    static Pid spawnDelegate(Pid host, ProcessBody body) {
        return ProcessAccess.get().spawnDelegate(host, body);
    }

    /**
     * Ends {@code host} with {@code reason}, on the calling thread, as a process ends: names freed, queued calls
     * failed with the reason, links and monitors told, {@link Proc#whenExited} completed. Its delegate must have
     * ended. Returns {@code false} if the host had already ended.
     *
     * @param host   the host to end
     * @param reason the reason it ends with, seen by its links and monitors
     * @return {@code true} if this call ended it, {@code false} if it had already ended
     * @throws IllegalArgumentException if {@code host} is not a host
     */
    static boolean end(Pid host, ExitReason reason) {
        return ProcessAccess.get().endHost(host, reason);
    }

    /**
     * The {@link Host} behind {@code pid}, alive or not, or {@code null} if {@code pid} has a thread of its own.
     *
     * @param pid a local process
     * @return the host's callbacks, or {@code null} for an ordinary process
     */
    static Host of(Pid pid) {
        return ProcessAccess.get().hostOf(pid);
    }
}
