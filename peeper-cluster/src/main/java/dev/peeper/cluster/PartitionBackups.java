package dev.peeper.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.impl.HazelcastInstanceImpl;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.internal.partition.InternalPartition;
import com.hazelcast.internal.partition.PartitionReplica;
import java.util.UUID;

/**
 * Which member holds the backup of a key's partition now: the check that a state "really reached another member".
 * Hazelcast acknowledges a write with a synchronous backup without waiting when the partition has no backup
 * replica (one member, or just after a member left and before the backups are reassigned), so the keeper asks
 * before and after its write. The public API names only a partition's owner; the backups are in the partition
 * table, read through Hazelcast's internal (but stable since 4.0) {@code InternalPartition}: kept to this class.
 */
final class PartitionBackups {
    private final HazelcastInstance hazelcast;

    PartitionBackups(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    /**
     * The member that holds the first backup of {@code key}'s partition, if it is a member now and not the owner;
     * else {@code null}: a write there would live on one member only.
     */
    UUID backupOf(Object key) {
        int partition = hazelcast.getPartitionService().getPartition(key).getPartitionId();
        InternalPartition table = internal().node.getPartitionService().getPartition(partition);
        PartitionReplica owner = table.getReplica(0);
        PartitionReplica backup = table.getReplica(1);
        if (owner == null || backup == null || owner.uuid().equals(backup.uuid())) {
            return null;
        }
        boolean member = hazelcast.getCluster().getMembers().stream().anyMatch(m -> m.getUuid().equals(backup.uuid()));
        return member ? backup.uuid() : null;
    }

    private HazelcastInstanceImpl internal() {
        if (hazelcast instanceof HazelcastInstanceProxy proxy) {
            return proxy.getOriginal();
        }
        if (hazelcast instanceof HazelcastInstanceImpl impl) {
            return impl;
        }
        throw new IllegalStateException("a replicated keeper needs an embedded Hazelcast member, not a "
                + hazelcast.getClass().getName() + " (a client?)");
    }
}
