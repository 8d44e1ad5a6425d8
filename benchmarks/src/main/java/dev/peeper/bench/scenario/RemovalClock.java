package dev.peeper.bench.scenario;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import dev.peeper.cluster.PeeperCluster;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * When the first of some members heard of another's removal, on {@link System#nanoTime()}: splits a failover into
 * the engine's failure detection (signal to removal) and Peeper's own part (removal to the first answer). The first
 * of them, because any of them may be the one that starts the server again.
 */
final class RemovalClock implements MembershipListener, AutoCloseable {
    private final AtomicLong removedAt = new AtomicLong();
    private final Map<PeeperCluster, UUID> registrations;

    RemovalClock(List<PeeperCluster> members) {
        registrations = members.stream().collect(Collectors.toMap(member -> member,
                member -> member.hazelcast().getCluster().addMembershipListener(this)));
    }

    /** Forgets the removals heard so far: the next {@link #removedAt} is one after this call, or {@code 0}. */
    void reset() {
        removedAt.set(0);
    }

    /** {@return when the first removal since {@link #reset} was heard, or {@code 0} if none was} */
    long removedAt() {
        return removedAt.get();
    }

    /** Stops listening on the members that still run. */
    @Override
    public void close() {
        registrations.forEach((member, registration) -> {
            if (member.hazelcast().getLifecycleService().isRunning()) {
                member.hazelcast().getCluster().removeMembershipListener(registration);
            }
        });
    }

    @Override
    public void memberAdded(MembershipEvent event) {
        // only removals are timed
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
        removedAt.compareAndSet(0, System.nanoTime());
    }
}
