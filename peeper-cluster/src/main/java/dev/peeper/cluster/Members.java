package dev.peeper.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * The Peeper nodes in the cluster now, by node number (the {@value #NODE_ATTRIBUTE} attribute each member
 * publishes), kept from Hazelcast's membership events. A member without the attribute hosts no Peeper node and is
 * ignored. Whoever cares about a node leaving {@linkplain #onLeave subscribes}.
 */
final class Members implements MembershipListener {
    /** The member attribute that carries a member's node number. */
    static final String NODE_ATTRIBUTE = "peeper.node";

    private final Map<Long, Member> nodes = new ConcurrentHashMap<>();
    /** Counts the joins and leaves seen: whoever must re-check something after any change compares it. */
    private final AtomicLong changes = new AtomicLong();
    private final CopyOnWriteArrayList<LongConsumer> leaveListeners = new CopyOnWriteArrayList<>();
    private final UUID registration;
    private final HazelcastInstance hazelcast;

    Members(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
        // listen first, then read the members: a member that leaves in between is removed by the event
        this.registration = hazelcast.getCluster().addMembershipListener(this);
        hazelcast.getCluster().getMembers().forEach(this::add);
    }

    /** The node number {@code member} publishes, or {@code 0} if it runs no Peeper node. */
    static long nodeOf(Member member) {
        String value = member.getAttribute(NODE_ATTRIBUTE);
        return value == null ? 0 : Long.parseLong(value);
    }

    /** Whether node {@code node} is in the cluster now. */
    boolean contains(long node) {
        return nodes.containsKey(node);
    }

    /** {@return the member that runs node {@code node} now, or {@code null} if it is not in the cluster} */
    Member member(long node) {
        return nodes.get(node);
    }

    /** {@return how many joins and leaves this member has seen: a change of it means the membership changed} */
    long changes() {
        return changes.get();
    }

    /** How many Peeper nodes are in the cluster now, this one included. */
    int size() {
        return nodes.size();
    }

    /** The node numbers in the cluster now. */
    Set<Long> nodes() {
        return Set.copyOf(nodes.keySet());
    }

    /** Calls {@code listener} with the number of each node that leaves, on a Hazelcast event thread. */
    void onLeave(LongConsumer listener) {
        leaveListeners.add(listener);
    }

    /** Stops listening; every node is then as good as gone. */
    void close() {
        try {
            hazelcast.getCluster().removeMembershipListener(registration);
        } catch (RuntimeException e) {
            // the member has shut down: nothing to remove
        }
        for (Long node : Set.copyOf(nodes.keySet())) {
            left(node);
        }
    }

    @Override
    public void memberAdded(MembershipEvent event) {
        changes.incrementAndGet();
        add(event.getMember());
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
        changes.incrementAndGet(); // a member that is no Peeper node counts: it may have held partitions
        long node = nodeOf(event.getMember());
        if (node != 0) {
            left(node);
        }
    }

    private void add(Member member) {
        long node = nodeOf(member);
        if (node != 0) {
            nodes.put(node, member);
        }
    }

    private void left(long node) {
        if (nodes.remove(node) != null) {
            changes.incrementAndGet();
            leaveListeners.forEach(listener -> listener.accept(node));
        }
    }
}
