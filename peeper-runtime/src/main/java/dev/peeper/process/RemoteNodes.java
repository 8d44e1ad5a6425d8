package dev.peeper.process;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Where the runtime meets the cluster module: the {@link Transport}s of the cluster members running in this JVM,
 * which node each local process belongs to, and the pids that went out in messages. Internal: the cluster module
 * uses it; applications use {@code PeeperCluster}.
 *
 * <p>Normally one member runs per JVM and every local process belongs to it (its pid's node part is {@code 0},
 * written as the member's node number on the wire). Tests and demos may run several members in one JVM: a
 * process then belongs to the node of the process that spawned it, or to the node its spawning thread
 * {@linkplain #callAs runs as}, and an operation from a process of one node on a process of another goes
 * through the transport, exactly as between JVMs.
 */
public final class RemoteNodes {
    private static final ConcurrentHashMap<Long, Transport> NODES = new ConcurrentHashMap<>();
    /** Local processes whose pids went out on the wire, by serial, until they end: what a pid comes back to. */
    private static final ConcurrentHashMap<Long, ProcessCore> EXPORTED = new ConcurrentHashMap<>();
    private static final ThreadLocal<Long> THREAD_NODE = new ThreadLocal<>();
    /** The node that node {@code 0} means: the first member started in this JVM; {@code 0} when none runs. */
    private static volatile long defaultNode;
    /** Whether more than one member runs in this JVM, so that a local pid may belong to another node. */
    private static volatile boolean severalNodes;

    private RemoteNodes() {
    }

    /**
     * Makes {@code transport} this JVM's way to other nodes for processes of its node; the first one installed
     * is also the node of every process that belongs to no other.
     *
     * @throws IllegalStateException if a transport for the same node number is installed
     */
    public static synchronized void install(Transport transport) {
        long node = transport.localNode();
        if (node == 0) {
            throw new IllegalArgumentException("a transport's node number must not be 0 (0 means this JVM)");
        }
        if (NODES.putIfAbsent(node, transport) != null) {
            throw new IllegalStateException("a transport for node " + node + " is already installed");
        }
        if (defaultNode == 0) {
            defaultNode = node;
        }
        severalNodes = NODES.size() > 1;
    }

    /** Removes {@code transport}; pids of its node then reach nothing from this JVM. */
    public static synchronized void uninstall(Transport transport) {
        long node = transport.localNode();
        if (!NODES.remove(node, transport)) {
            return;
        }
        if (defaultNode == node) {
            defaultNode = NODES.keySet().stream().findFirst().orElse(0L);
        }
        severalNodes = NODES.size() > 1;
    }

    /** The node number that node {@code 0} stands for in this JVM, or {@code 0} if no member runs here. */
    public static long defaultNode() {
        return defaultNode;
    }

    /** The node of {@code pid}, with {@code 0} replaced by the {@linkplain #defaultNode() default node}. */
    public static long nodeOf(Pid pid) {
        return canonical(pid.node());
    }

    /**
     * Runs {@code body} on the calling thread as a thread of {@code node}: the processes it spawns belong to that
     * node, and what it sends to processes of other nodes goes through their transport. For several members in
     * one JVM; with one member everything already belongs to it.
     */
    public static <T> T callAs(long node, Supplier<T> body) {
        Objects.requireNonNull(body, "body");
        Long before = THREAD_NODE.get();
        THREAD_NODE.set(node);
        try {
            return body.get();
        } finally {
            if (before == null) {
                THREAD_NODE.remove();
            } else {
                THREAD_NODE.set(before);
            }
        }
    }

    // ---- what a transport does on its own node's processes (no routing) ----

    /** Puts {@code message} in the mailbox of {@code local}; an ended or unknown process is told as {@code send} does. */
    public static void deliver(Pid local, Object message) {
        ProcessCore core = local.process;
        if (core != null) {
            core.deliver(message);
        } else if (message instanceof AwaitsDelivery waiting) {
            waiting.undelivered(local, ExitReason.noproc());
        }
    }

    /** An exit signal to {@code local} from {@code from}, over a link when {@code viaLink}. */
    public static void exitSignal(Pid local, Pid from, ExitReason reason, boolean viaLink) {
        ProcessCore core = local.process;
        if (core != null) {
            core.exitSignal(from, reason, viaLink);
        }
    }

    /** The reason {@code local} ended, when it does; {@code noproc} at once for a process this JVM does not have. */
    public static CompletableFuture<ExitReason> exitFuture(Pid local) {
        ProcessCore core = local.process;
        return core != null ? core.exitFuture() : CompletableFuture.completedFuture(ExitReason.noproc());
    }

    /**
     * Runs {@code cleanup} as {@code local} ends, before its links and monitors hear of it (see
     * {@link Proc#onExit}); {@code false}, and not run, if it has ended or is not a process of this JVM.
     */
    public static boolean onExit(Pid local, Runnable cleanup) {
        ProcessCore core = local.process;
        return core != null && core.addCleanup(cleanup);
    }

    /** Whether {@code local} is a live process of this JVM. */
    public static boolean isAlive(Pid local) {
        ProcessCore core = local.process;
        return core != null && core.isAlive();
    }

    /** The local process that set {@code ref}. */
    public static Pid watcher(MonitorRef ref) {
        return ref.watcher;
    }

    // ---- pids on the wire ----

    /**
     * The pid {@code (node, serial)} read from the wire: the local process's own pid if it is one of this JVM's
     * (so it equals the pid that was sent), else a pid that reaches it through the transport.
     */
    public static Pid pid(long node, long serial) {
        if (node == 0) {
            throw new IllegalArgumentException("a pid on the wire names its node; 0 is never sent");
        }
        ProcessCore core = EXPORTED.get(serial); // serials are unique in this JVM: the node must match too
        if (core != null && canonical(core.pid.node()) == node) {
            return core.pid;
        }
        return new Pid(node, serial, null); // another JVM's, or one of ours that has ended
    }

    /** The node a pid is written with: never {@code 0}. A local process is remembered until it ends. */
    public static long wireNode(Pid pid) {
        long node = canonical(pid.node());
        if (node == 0) {
            throw new IllegalStateException("pid " + pid + " cannot leave this JVM: no cluster member runs here; "
                    + "start one first (PeeperCluster.start)");
        }
        ProcessCore core = pid.process;
        if (core != null && EXPORTED.putIfAbsent(pid.serial(), core) == null
                && !core.addCleanup(() -> EXPORTED.remove(pid.serial(), core))) {
            EXPORTED.remove(pid.serial(), core); // it had already ended
        }
        return node;
    }

    // ---- routing, for Proc ----

    static long canonical(long node) {
        return node == 0 ? defaultNode : node;
    }

    /** The node a process spawned now belongs to: its spawner's, else the calling thread's, else {@code 0}. */
    static long spawnNode(Pid parent) {
        if (parent != null) {
            return parent.node();
        }
        if (defaultNode == 0) {
            return 0; // no cluster: no thread-local read on the spawn path
        }
        Long node = THREAD_NODE.get();
        return node != null ? node : 0;
    }

    /**
     * The transport that carries an operation from the caller on {@code pid}, or {@code null} when {@code pid} is
     * a process of the caller's own node (the plain local path).
     *
     * @throws UnsupportedOperationException for a pid of another JVM when no cluster member runs here
     */
    static Transport route(Pid pid) {
        Objects.requireNonNull(pid, "pid");
        ProcessCore core = pid.process;
        if (core != null && !severalNodes) {
            return null; // the common case, one volatile read: a local process, and one node (or none) here
        }
        long caller = callerNode();
        if (core != null && canonical(pid.node()) == caller) {
            return null;
        }
        Transport transport = NODES.get(caller);
        if (transport != null) {
            return transport;
        }
        if (core != null) {
            return null;
        }
        throw new UnsupportedOperationException(pid + " is a pid of another node, and " + (caller == 0
                ? "no cluster member runs in this JVM; start one with PeeperCluster.start(...)"
                : "the member " + caller + " this code runs as has left the cluster"));
    }

    private static long callerNode() {
        ProcessCore self = ProcessCore.current();
        if (self != null) {
            return canonical(self.pid.node());
        }
        Long node = THREAD_NODE.get();
        return node != null ? node : defaultNode;
    }
}
