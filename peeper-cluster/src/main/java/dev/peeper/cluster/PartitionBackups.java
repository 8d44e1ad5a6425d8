package dev.peeper.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.impl.HazelcastInstanceImpl;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.internal.cluster.ClusterService;
import com.hazelcast.internal.partition.InternalPartition;
import com.hazelcast.internal.partition.InternalPartitionService;
import com.hazelcast.internal.partition.PartitionReplica;
import java.util.UUID;

/**
 * Which member holds the backup of a key's partition now: the check that a state "really reached another member".
 * Hazelcast acknowledges a write with a synchronous backup without waiting when the partition has no backup
 * replica (one member, or just after a member left and before the backups are reassigned), so the keeper asks
 * before and after its write. The public API names only a partition's owner; the backups are in the partition
 * table, read through Hazelcast's internal (but stable since 4.0) {@code InternalPartition}: kept to this class.
 *
 * <p>A synchronous reply asks twice (before and after its write), so the question goes straight to the engine's
 * partition service (no partition proxy made) and finds the backup's member by its UUID (no scan of the member
 * list).
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
        HazelcastInstanceImpl engine = internal(); // throws once the member has shut down, as the engine's calls do
        InternalPartitionService partitions = engine.node.getPartitionService();
        InternalPartition table = partitions.getPartition(partitions.getPartitionId(key));
        PartitionReplica owner = table.getReplica(0);
        PartitionReplica backup = table.getReplica(1);
        if (owner == null || backup == null || owner.uuid().equals(backup.uuid())) {
            return null;
        }
        ClusterService members = engine.node.getClusterService();
        return members.getMember(backup.uuid()) != null ? backup.uuid() : null;
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
