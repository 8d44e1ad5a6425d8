package dev.peeper.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.internal.partition.InternalPartitionService;
import com.hazelcast.internal.partition.impl.MigrationManager;
import java.util.List;

/**
 * Waits until every partition's backup is in place. A cluster that has just formed is still migrating; a member
 * terminated before that loses the partitions it alone held ("partition is completely lost"), which is the
 * engine's limit (one backup), not what a failover test means to test.
 */
final class Backups {
    private Backups() {
    }

    /**
     * Waits until each of {@code members} reports its cluster safe (no migration going, every backup in sync) and
     * settled: as {@link #awaitSettled}, so that no rebalancing held back by a failed migration moves partitions (and
     * the servers on them, by handoff) after a test has placed them.
     */
    static void awaitInPlace(List<PeeperCluster> members) {
        awaitSettled(members);
    }

    /**
     * Waits until {@code members} are settled: every backup in place (each reports its cluster safe), and no
     * migration running, queued or held back. A migration that fails (to a member that had not finished starting, say)
     * makes the master pause migrations and resume them by itself 3 s later (Hazelcast's {@code MigrationManagerImpl}):
     * the cluster reports itself safe meanwhile, and the rebalancing after that resume undoes a {@link #pauseRepairs}
     * made in between (seen: a state copied to a third member between two deaths meant to be at once).
     */
    static void awaitSettled(List<PeeperCluster> members) {
        TestCluster.await(() -> members.stream().allMatch(m -> m.hazelcast().getPartitionService().isClusterSafe()
                        && settled(partitions(m.hazelcast()))),
                "every partition backed up, and no migration running, queued or held back");
    }

    private static boolean settled(InternalPartitionService partitions) {
        MigrationManager migrations = partitions.getMigrationManager();
        return migrations.areMigrationTasksAllowed() && !migrations.hasOnGoingMigration()
                && migrations.getMigrationQueueSize() == 0;
    }

    /**
     * Stops {@code members} from repairing their partition table (promoting backups, copying to new backups) until
     * {@link #resumeRepairs}: members terminated one after the other then count as dying at once, since no copy is
     * made in between (Hazelcast's internal {@code pauseMigration}, for tests only). Not across a master change: the
     * member that claims mastership resumes migrations itself, so the master must die last
     * ({@link TestCluster#terminateTogether} sees to it), or not at all; nor while a failed migration's own pause
     * runs: it ends by resuming migrations ({@link #awaitSettled} waits for that first).
     */
    static void pauseRepairs(List<PeeperCluster> members) {
        members.forEach(m -> partitions(m.hazelcast()).pauseMigration());
    }

    /** Lets {@code members} repair their partition table again. */
    static void resumeRepairs(List<PeeperCluster> members) {
        members.forEach(m -> partitions(m.hazelcast()).resumeMigration());
    }

    private static InternalPartitionService partitions(HazelcastInstance hazelcast) {
        return ((HazelcastInstanceProxy) hazelcast).getOriginal().node.getPartitionService();
    }
}
