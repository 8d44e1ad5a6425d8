package dev.peeper.cluster;

import java.util.List;

/**
 * Waits until every partition's backup is in place. A cluster that has just formed is still migrating; a member
 * terminated before that loses the partitions it alone held ("partition is completely lost"), which is the
 * engine's limit (one backup), not what a failover test means to test.
 */
final class Backups {
    private Backups() {
    }

    /** Waits until each of {@code members} reports its cluster safe: no migration going, every backup in sync. */
    static void awaitInPlace(List<PeeperCluster> members) {
        TestCluster.await(() -> members.stream().allMatch(m -> m.hazelcast().getPartitionService().isClusterSafe()),
                "every partition backed up");
    }
}
