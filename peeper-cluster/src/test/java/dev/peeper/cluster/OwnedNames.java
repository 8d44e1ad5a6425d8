package dev.peeper.cluster;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Names whose partition a member owns, for the child members of pause and split tests: their server must run on
 * the child and stay there, and a name owned by another member would be handed over to it (see {@link Handoffs})
 * as soon as the partitions settle, leaving the child's pid of it stale.
 */
final class OwnedNames {
    private static final Duration SETTLE = Duration.ofSeconds(60);

    private OwnedNames() {
    }

    /**
     * Waits (bounded) until {@code member} sees {@code members} members and the partitions are arranged and settled,
     * then answers the first of {@code prefix-0}, {@code prefix-1}, ... that it owns.
     */
    static String owned(PeeperCluster member, int members, String prefix) {
        var partitions = member.hazelcast().getPartitionService();
        long deadline = System.nanoTime() + SETTLE.toNanos();
        // a partition's owner is null until the engine first arranges the partitions, which asking for it starts
        while (member.hazelcast().getCluster().getMembers().size() < members
                || partitions.getPartition(prefix).getOwner() == null || !partitions.isClusterSafe()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the partitions did not settle on " + members + " members within "
                        + SETTLE);
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos()); // the engine settles on its own threads
        }
        for (int i = 0; ; i++) {
            String name = prefix + "-" + i;
            if (partitions.getPartition(name).getOwner().localMember()) {
                return name;
            }
        }
    }
}
