package dev.peeper.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.MapPartitionLostEvent;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every partition of Peeper's maps that lost all its copies: never silently (an error for the specs, a warning
 * for the states). The replicated states ({@value ClusterKeepers#MAP}, one backup) are lost when a server's member and
 * its backup's die at once; each such server still starts again, from {@code init}, as long as its spec
 * ({@value Failover#MAP}, two backups) survives, and logs an error and tells its listener itself. A lost spec is the loss this log alone can report: what is known is the
 * partition, not the names that were in it. Logged by the oldest member only (each member hears the event), from
 * Hazelcast's event thread, which only formats a line here.
 */
final class LostPartitions {
    private static final Logger log = LoggerFactory.getLogger(LostPartitions.class);

    private final HazelcastInstance hazelcast;
    private final IMap<?, ?> specs;
    private final IMap<?, ?> states;
    private final UUID specsListener;
    private final UUID statesListener;

    LostPartitions(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
        this.specs = hazelcast.getMap(Failover.MAP);
        this.states = hazelcast.getMap(ClusterKeepers.MAP);
        this.specsListener = specs.addPartitionLostListener(this::specsLost);
        this.statesListener = states.addPartitionLostListener(this::statesLost);
    }

    private void specsLost(MapPartitionLostEvent event) {
        if (reporter()) {
            log.error("Partition {} of the map {} lost every copy (more members died at once than its backups): the "
                    + "servers whose names fall in it, if any ran, are not started again by the cluster; start them "
                    + "again (startOnOwner) if they still matter", event.getPartitionId(), Failover.MAP);
        }
    }

    private void statesLost(MapPartitionLostEvent event) {
        if (reporter()) {
            // a warning: most such partitions hold no state; each server that had one there logs an error itself
            log.warn("Partition {} of the map {} lost every copy (more members died at once than its backups): the "
                    + "servers whose names fall in it, if any, start again from init", event.getPartitionId(),
                    ClusterKeepers.MAP);
        }
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
