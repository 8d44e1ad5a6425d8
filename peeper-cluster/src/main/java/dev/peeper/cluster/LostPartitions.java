package dev.peeper.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.MapPartitionLostEvent;
import java.util.SortedSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every partition of Peeper's maps that lost all its copies: never silently (an error for the specs, a warning
 * for the states). The replicated states ({@value ClusterKeepers#MAP}, one backup) are lost when a server's member and
 * its backup's die at once; each such server still starts again, from {@code init}, as long as its spec
 * ({@value Failover#MAP}, two backups) survives, and logs an error and tells its listener itself. A lost spec is the
 * loss this log alone can report: what is known is the partition, not the names that were in it. Logged by the
 * oldest member only (each member hears the event), one line per map for the partitions lost within a second
 * ({@link PartitionLossBurst}): a member a split leaves alone hears of every partition whose copies were all on the
 * other side at once.
 */
final class LostPartitions {
    private static final Logger log = LoggerFactory.getLogger(LostPartitions.class);

    /** How long the losses of one burst are gathered before one line reports them. */
    private static final long BURST_MILLIS = 1_000;

    private final HazelcastInstance hazelcast;
    private final IMap<?, ?> specs;
    private final IMap<?, ?> states;
    private final UUID specsListener;
    private final UUID statesListener;
    private final PartitionLossBurst specsLost;
    private final PartitionLossBurst statesLost;

    LostPartitions(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
        this.specs = hazelcast.getMap(Failover.MAP);
        this.states = hazelcast.getMap(ClusterKeepers.MAP);
        Executor later = CompletableFuture.delayedExecutor(BURST_MILLIS, TimeUnit.MILLISECONDS);
        this.specsLost = new PartitionLossBurst(LostPartitions::specsLost, later);
        this.statesLost = new PartitionLossBurst(LostPartitions::statesLost, later);
        this.specsListener = specs.addPartitionLostListener(event -> heard(specsLost, event));
        this.statesListener = states.addPartitionLostListener(event -> heard(statesLost, event));
    }

    private void heard(PartitionLossBurst burst, MapPartitionLostEvent event) {
        if (reporter()) {
            burst.lost(event.getPartitionId());
        }
    }

    private static void specsLost(SortedSet<Integer> partitions) {
        log.error("{} partition(s) of the map {} lost every copy on this member's side of the cluster ({}): more "
                + "members died or left at once than its backups. After a split the other side may still hold them, "
                + "and the heal brings them back; otherwise the servers whose names fall in them, if any ran, are not "
                + "started again by the cluster: start them again (startOnOwner) if they still matter",
                partitions.size(), Failover.MAP, PartitionLossBurst.describe(partitions));
    }

    private static void statesLost(SortedSet<Integer> partitions) {
        // a warning: most such partitions hold no state; each server that had one there logs an error itself
        log.warn("{} partition(s) of the map {} lost every copy on this member's side of the cluster ({}): more "
                + "members died or left at once than its backups. After a split the other side may still hold them, "
                + "and the heal brings them back; otherwise the servers whose names fall in them, if any, start "
                + "again from init", partitions.size(), ClusterKeepers.MAP, PartitionLossBurst.describe(partitions));
    }

    /** Whether this member reports losses: the oldest one, so that a loss is logged once, not once per member. */
    private boolean reporter() {
        return hazelcast.getCluster().getMembers().iterator().next().localMember();
    }

    void close() {
        try {
            specs.removePartitionLostListener(specsListener);
            states.removePartitionLostListener(statesListener);
        } catch (RuntimeException e) {
            // the member is going down: its listeners go with it
        }
    }
}
