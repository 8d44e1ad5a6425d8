package dev.peeper.bench.scenario;

import dev.peeper.cluster.ClusterOptions;
import dev.peeper.cluster.PeeperCluster;
import dev.peeper.testkit.LoopbackPorts;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * Members of one benchmark cluster in this JVM, on 127.0.0.1: a cluster name of its own, a pool of free ports and
 * the explicit member list of all of them, {@link ClusterOptions}' defaults otherwise (heartbeat 1 s, a silent
 * member removed after 5 s). A member that ends gives its port back to the end of the pool, for a later member.
 */
final class LoopbackCluster implements AutoCloseable {
    /** The bound of every wait for the cluster to form. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String name = "peeper-bench-" + UUID.randomUUID();
    private final List<Integer> allPorts;
    private final Deque<Integer> freePorts;
    private final List<PeeperCluster> running = new ArrayList<>();

    LoopbackCluster(int portPool) {
        // below the ephemeral range (see LoopbackPorts): safe to hand out again after a killed member gave it back
        allPorts = LoopbackPorts.reserve(portPool);
        freePorts = new ArrayDeque<>(allPorts);
    }

    /** Starts {@code count} members and waits until each sees all members running and the partitions settle. */
    List<PeeperCluster> start(int count) {
        for (int i = 0; i < count; i++) {
            startMember();
        }
        awaitFormed();
        awaitSafe();
        return List.copyOf(running);
    }

    /** Starts one more member on the next free port of the pool. */
    PeeperCluster startMember() {
        PeeperCluster member = PeeperCluster.start(options(takePort()));
        running.add(member);
        return member;
    }

    /** The options of a member of this cluster on {@code port}: its name, and all the pool's ports as members. */
    ClusterOptions options(int port) {
        return ClusterOptions.named(name).withPort(port).withMembers(memberList());
    }

    /** The explicit member list: every port of the pool on 127.0.0.1. */
    List<String> memberList() {
        return allPorts.stream().map(p -> "127.0.0.1:" + p).toList();
    }

    /** This cluster's name. */
    String name() {
        return name;
    }

    /** Takes the next free port of the pool, for a member started elsewhere (another JVM). */
    int takePort() {
        return freePorts.removeFirst();
    }

    /** Gives {@code port} back to the end of the pool, once its member (started elsewhere) has ended. */
    void givePort(int port) {
        freePorts.addLast(port);
    }

    /** Kills {@code member} as a crash would: its sockets close, with no goodbye. */
    void kill(PeeperCluster member) {
        int port = member.hazelcast().getCluster().getLocalMember().getAddress().getPort();
        member.hazelcast().getLifecycleService().terminate();
        running.remove(member);
        freePorts.addLast(port);
    }

    /** Waits until every running member sees exactly the running members. */
    void awaitFormed() {
        awaitSize(running.size());
    }

    /** Waits until every member running in this JVM sees {@code count} members (some may run elsewhere). */
    void awaitSize(int count) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (PeeperCluster member : running) {
            while (member.nodes().size() != count) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(member + " sees " + member.nodes().size() + " members, not "
                            + count + ", after " + TIMEOUT);
                }
                LockSupport.parkNanos(1_000_000);
            }
        }
    }

    /**
     * Waits until no partition is migrating and every one has its backups: where a key lives is settled, and a
     * kill loses nothing to a migration.
     */
    void awaitSafe() {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!running.get(0).hazelcast().getPartitionService().isClusterSafe()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the cluster was not safe within " + TIMEOUT);
            }
            LockSupport.parkNanos(10_000_000);
        }
    }

    /** The members running now. */
    List<PeeperCluster> running() {
        return List.copyOf(running);
    }

    @Override
    public void close() {
        for (PeeperCluster member : List.copyOf(running)) {
            member.hazelcast().getLifecycleService().terminate();
        }
        running.clear();
    }
}
