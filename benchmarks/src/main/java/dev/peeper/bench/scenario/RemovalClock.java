package dev.peeper.bench.scenario;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import dev.peeper.cluster.PeeperCluster;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When the first of some members heard of another's removal, on {@link System#nanoTime()}: splits a failover into
 * the engine's failure detection (signal to removal) and Peeper's own part (removal to the first answer). The first
 * of them, because any of them may be the one that starts the server again.
 */
final class RemovalClock implements MembershipListener {
    private final AtomicLong removedAt = new AtomicLong();

    RemovalClock(List<PeeperCluster> members) {
        members.forEach(member -> member.hazelcast().getCluster().addMembershipListener(this));
    }

    /** Forgets the removals heard so far: the next {@link #removedAt} is one after this call, or {@code 0}. */
    void reset() {
        removedAt.set(0);
    }

    /** {@return when the first removal since {@link #reset} was heard, or {@code 0} if none was} */
    long removedAt() {
        return removedAt.get();
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
