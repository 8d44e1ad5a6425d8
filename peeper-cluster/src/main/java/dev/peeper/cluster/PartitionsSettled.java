package dev.peeper.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.ReplicaMigrationEvent;
import java.util.UUID;

/**
 * Runs an action each time the cluster's partitions have finished moving: after a migration (a member joined or
 * left gracefully, the partitions rebalanced), and after the promotions that follow a member's removal, when each
 * of its partitions has a surviving backup as its new owner. The moment a member may act on what it owns now: the
 * membership event comes first, while the removed member's partitions still have no owner here.
 *
 * <p>The action runs on one of the engine's event threads: it must only hand the work on (enqueue a tick).
 */
final class PartitionsSettled implements AutoCloseable {
    private final HazelcastInstance hazelcast;
    private final UUID registration;

    PartitionsSettled(HazelcastInstance hazelcast, Runnable action) {
        this.hazelcast = hazelcast;
        this.registration = hazelcast.getPartitionService().addMigrationListener(new MigrationListener() {
            @Override
            public void migrationStarted(MigrationState state) {
            }

            @Override
            public void migrationFinished(MigrationState state) {
                action.run();
            }

            @Override
            public void replicaMigrationCompleted(ReplicaMigrationEvent event) {
            }

            @Override
            public void replicaMigrationFailed(ReplicaMigrationEvent event) {
            }
        });
    }

    @Override
    public void close() {
        try {
            hazelcast.getPartitionService().removeMigrationListener(registration);
        } catch (RuntimeException e) {
            // the member is shutting down already: its listeners go with it
        }
    }
}
