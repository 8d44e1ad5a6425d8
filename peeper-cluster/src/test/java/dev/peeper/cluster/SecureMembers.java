package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.await;

import dev.peeper.testkit.LoopbackPorts;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Members of one security test's cluster on 127.0.0.1, each started with options of its own (a secret, an
 * allow-list, a size limit), all on one cluster name and member list, so that the engine lets every one of them in
 * and only Peeper's checks tell them apart. Terminates its members after each test.
 */
final class SecureMembers implements AfterEachCallback {
    private final List<PeeperCluster> started = new ArrayList<>();
    private final String name = "peeper-secure-" + UUID.randomUUID();
    private List<Integer> ports;

    /** Reserves ports for {@code capacity} members. */
    SecureMembers reserve(int capacity) {
        ports = new ArrayList<>(LoopbackPorts.reserve(capacity));
        return this;
    }

    /** Starts member {@code index}, its options the cluster's as {@code options} changes them. */
    PeeperCluster start(int index, UnaryOperator<ClusterOptions> options) {
        PeeperCluster member = PeeperCluster.start(options.apply(ClusterOptions.named(name)
                .withPort(ports.get(index)).withMembers(ports.stream().map(p -> "127.0.0.1:" + p).toList())));
        started.add(member);
        return member;
    }

    /** Waits until each of {@code members} admits exactly the {@code expected} ones (itself included). */
    static void awaitAdmitted(List<PeeperCluster> members, List<PeeperCluster> expected) {
        var nodes = expected.stream().map(PeeperCluster::node).collect(java.util.stream.Collectors.toSet());
        for (PeeperCluster member : members) {
            await(() -> member.nodes().equals(nodes), member + " to admit exactly " + nodes);
        }
    }

    /** Waits until the engine of {@code member} sees {@code size} members, admitted or not. */
    static void awaitEngineSize(PeeperCluster member, int size) {
        await(() -> member.hazelcast().getCluster().getMembers().size() == size, member + " to see " + size
                + " engine members");
    }

    /** A name whose partition {@code owner} owns, as {@code observer} sees it. */
    static String nameOwnedBy(PeeperCluster observer, PeeperCluster owner) {
        UUID uuid = owner.hazelcast().getCluster().getLocalMember().getUuid();
        return IntStream.range(0, 10_000).mapToObj(i -> "name-" + i)
                .filter(name -> {
                    var partitionOwner = observer.hazelcast().getPartitionService().getPartition(name).getOwner();
                    return partitionOwner != null && partitionOwner.getUuid().equals(uuid);
                })
                .findFirst().orElseThrow(() -> new AssertionError(owner + " owns no partition"));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (PeeperCluster member : started) {
            TestCluster.terminate(member);
        }
        started.clear();
    }
}
