package dev.peeper.process;

import dev.peeper.process.internal.AwaitsDelivery;
import dev.peeper.process.internal.RemoteNodes;
import dev.peeper.process.internal.Transport;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The state behind {@link RemoteNodes}, and the routing {@link Proc} does with it: the {@link Transport}s of the
 * cluster members running in this JVM, which node each local process belongs to, and the pids that went out in
 * messages. The cluster module reaches it through {@link RemoteNodes}, whose javadoc describes each operation.
 *
 * <p>Normally one member runs per JVM and every local process belongs to it (its pid's node part is {@code 0},
 * written as the member's node number on the wire). Tests and demos may run several members in one JVM: a
 * process then belongs to the node of the process that spawned it, or to the node its spawning thread
 * {@linkplain #callAs runs as}, and an operation from a process of one node on a process of another goes
 * through the transport, exactly as between JVMs.
 */
final class Nodes {
    private static final ConcurrentHashMap<Long, Transport> NODES = new ConcurrentHashMap<>();
    /** Local processes whose pids went out on the wire, by serial, until they end: what a pid comes back to. */
    private static final ConcurrentHashMap<Long, ProcessCore> EXPORTED = new ConcurrentHashMap<>();
    private static final ThreadLocal<Long> THREAD_NODE = new ThreadLocal<>();
    /** The node that node {@code 0} means: the first member started in this JVM; {@code 0} when none runs. */
    private static volatile long defaultNode;
    /** Whether more than one member runs in this JVM, so that a local pid may belong to another node. */
    private static volatile boolean severalNodes;

    private Nodes() {
    }

    // ---- for RemoteNodes, which documents them ----

    static synchronized void install(Transport transport) {
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

    static synchronized void uninstall(Transport transport) {
        long node = transport.localNode();
        if (!NODES.remove(node, transport)) {
            return;
        }
        if (defaultNode == node) {
            defaultNode = NODES.keySet().stream().findFirst().orElse(0L);
        }
        severalNodes = NODES.size() > 1;
    }

    static long defaultNode() {
        return defaultNode;
    }

    static long nodeOf(Pid pid) {
        return canonical(pid.node());
    }

    static <T> T callAs(long node, Supplier<T> body) {
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

    static void deliver(Pid local, Object message) {
        ProcessCore core = local.process;
        if (core != null) {
            core.deliver(message);
        } else if (message instanceof AwaitsDelivery waiting) {
            waiting.undelivered(local, ExitReason.noproc());
        }
    }

    static void exitSignal(Pid local, Pid from, ExitReason reason, boolean viaLink) {
        ProcessCore core = local.process;
        if (core != null) {
            core.exitSignal(from, reason, viaLink);
        }
    }

    static CompletableFuture<ExitReason> exitFuture(Pid local) {
        ProcessCore core = local.process;
        return core != null ? core.exitFuture() : CompletableFuture.completedFuture(ExitReason.noproc());
    }

    static boolean onExit(Pid local, Runnable cleanup) {
        ProcessCore core = local.process;
        return core != null && core.addCleanup(cleanup);
    }

    static boolean isAlive(Pid local) {
        ProcessCore core = local.process;
        return core != null && core.isAlive();
    }

    static Pid watcher(MonitorRef ref) {
        return ref.watcher;
    }

    // ---- pids on the wire ----

    static Pid pid(long node, long serial) {
        if (node == 0) {
            throw new IllegalArgumentException("a pid on the wire names its node; 0 is never sent");
        }
        ProcessCore core = EXPORTED.get(serial); // serials are unique in this JVM: the node must match too
        if (core != null && canonical(core.pid.node()) == node) {
            return core.pid;
        }
        return new Pid(node, serial, null); // another JVM's, or one of ours that has ended
    }

    static long wireNode(Pid pid) {
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

    /** The node the calling code acts as: its process's, else its thread's, else the default node. */
    static long callerNode() {
        ProcessCore self = ProcessCore.current();
        if (self != null) {
            return canonical(self.pid.node());
        }
        Long node = THREAD_NODE.get();
        return node != null ? node : defaultNode;
    }
}
