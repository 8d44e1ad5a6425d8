package dev.peeper.process.internal;

import dev.peeper.process.ExitReason;
import dev.peeper.process.MonitorRef;
import dev.peeper.process.Pid;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Where the runtime meets a cluster: the {@link Transport}s of the cluster members running in this JVM, which node
 * each local process belongs to, and the pids that went out in messages. Internal: {@code dev.peeper.cluster}
 * uses it; applications use its {@code PeeperCluster}.
 *
 * <p>Normally one member runs per JVM and every local process belongs to it (its pid's node part is {@code 0},
 * written as the member's node number on the wire). Tests and demos may run several members in one JVM: a
 * process then belongs to the node of the process that spawned it, or to the node its spawning thread
 * {@linkplain #callAs runs as}, and an operation from a process of one node on a process of another goes
 * through the transport, exactly as between JVMs.
 */
public final class RemoteNodes {
    private RemoteNodes() {
    }

    /**
     * Makes {@code transport} this JVM's way to other nodes for processes of its node; the first one installed
     * is also the node of every process that belongs to no other.
     *
     * @param transport the member's transport; its node number must not be {@code 0}
     * @throws IllegalArgumentException if its node number is {@code 0}
     * @throws IllegalStateException    if a transport for the same node number is installed
     */
    public static void install(Transport transport) {
        ProcessAccess.get().install(transport);
    }

    /**
     * Removes {@code transport}; pids of its node then reach nothing from this JVM.
     *
     * @param transport a transport {@link #install} installed; any other is ignored
     */
    public static void uninstall(Transport transport) {
        ProcessAccess.get().uninstall(transport);
    }

    /** {@return the node number that node {@code 0} stands for in this JVM, or {@code 0} if no member runs here} */
    public static long defaultNode() {
        return ProcessAccess.get().defaultNode();
    }

    /**
     * The node of {@code pid}, with {@code 0} replaced by the {@linkplain #defaultNode() default node}.
     *
     * @param pid any pid
     * @return its node number as the cluster knows it
     */
    public static long nodeOf(Pid pid) {
        return ProcessAccess.get().nodeOf(pid);
    }

    /**
     * Runs {@code body} on the calling thread as a thread of {@code node}: the processes it spawns belong to that
     * node, and what it sends to processes of other nodes goes through their transport. For several members in
     * one JVM; with one member everything already belongs to it.
     *
     * @param <T>  what {@code body} returns
     * @param node the node the calling thread acts as while {@code body} runs
     * @param body what to run
     * @return what {@code body} returned
     */
    public static <T> T callAs(long node, Supplier<T> body) {
        return ProcessAccess.get().callAs(node, body);
    }

    /**
     * The node the calling code acts as: its process's node, else the node its thread {@linkplain #callAs runs as},
     * else the {@linkplain #defaultNode() default node}. For work the caller hands to another thread, which
     * {@link #callAs} then runs as the same node.
     *
     * @return that node's number, or {@code 0} if no member runs in this JVM
     */
    public static long callerNode() {
        return ProcessAccess.get().callerNode();
    }

    // ---- what a transport does on its own node's processes (no routing) ----

    /**
     * Puts {@code message} in the mailbox of {@code local}; an ended or unknown process is told as {@code send}
     * does ({@link AwaitsDelivery}).
     *
     * @param local   a process of this JVM
     * @param message what to deliver
     */
    public static void deliver(Pid local, Object message) {
        ProcessAccess.get().deliver(local, message);
    }

    /**
     * An exit signal to {@code local} from {@code from}, over a link when {@code viaLink}.
     *
     * @param local   a process of this JVM
     * @param from    who sends the signal
     * @param reason  the signal's reason
     * @param viaLink whether it comes over a link (a link's end) rather than from an explicit exit
     */
    public static void exitSignal(Pid local, Pid from, ExitReason reason, boolean viaLink) {
        ProcessAccess.get().exitSignal(local, from, reason, viaLink);
    }

    /**
     * The reason {@code local} ended, when it does; {@code noproc} at once for a process this JVM does not have.
     *
     * @param local a process of this JVM
     * @return completes with its exit reason
     */
    public static CompletableFuture<ExitReason> exitFuture(Pid local) {
        return ProcessAccess.get().exitFuture(local);
    }

    /**
     * Runs {@code cleanup} as {@code local} ends, before its links and monitors hear of it (see
     * {@link InternalProc#onExit}).
     *
     * @param local   a process of this JVM
     * @param cleanup what to run as it ends
     * @return {@code false}, and {@code cleanup} not run, if it has ended or is not a process of this JVM
     */
    public static boolean onExit(Pid local, Runnable cleanup) {
        return ProcessAccess.get().onLocalExit(local, cleanup);
    }

    /**
     * Whether {@code local} is a live process of this JVM.
     *
     * @param local any pid
     * @return {@code true} if it names a live process of this JVM
     */
    public static boolean isAlive(Pid local) {
        return ProcessAccess.get().isAlive(local);
    }

    /**
     * The local process that set {@code ref}.
     *
     * @param ref a monitor
     * @return the process that watches through it
     */
    public static Pid watcher(MonitorRef ref) {
        return ProcessAccess.get().watcher(ref);
    }

    // ---- pids on the wire ----

    /**
     * The pid {@code (node, serial)} read from the wire: the local process's own pid if it is one of this JVM's
     * (so it equals the pid that was sent), else a pid that reaches it through the transport.
     *
     * @param node   the node number written with it; never {@code 0}
     * @param serial the serial written with it
     * @return the pid
     * @throws IllegalArgumentException if {@code node} is {@code 0}
     */
    public static Pid pid(long node, long serial) {
        return ProcessAccess.get().pid(node, serial);
    }

    /**
     * The node a pid is written with: never {@code 0}. A local process is remembered until it ends, so that its
     * pid comes back to it.
     *
     * @param pid the pid going out
     * @return its node number
     * @throws IllegalStateException if no cluster member runs in this JVM
     */
    public static long wireNode(Pid pid) {
        return ProcessAccess.get().wireNode(pid);
    }
}
