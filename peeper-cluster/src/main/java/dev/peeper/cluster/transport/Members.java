package dev.peeper.cluster.transport;

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
 *
 * <p>With a cluster secret, a member the engine lets in is only <em>seen</em> until it proves it knows the secret
 * ({@link JoinChallenges}, then {@link #admit}): until then it is not among the {@linkplain #nodes() nodes}, so
 * Peeper sends it nothing, and the transport accepts nothing from it. Without a secret, every member is admitted as
 * it joins. A node is keyed by its member's UUID too, so a member that claims another's node number can neither
 * take its place nor remove it by leaving.
 *
 * <p>Internal to the cluster module (its package is not exported): public because the failover, the names and the
 * quorum in {@code dev.peeper.cluster} read the membership.
 */
public final class Members implements MembershipListener {
    /** The member attribute that carries a member's node number. */
    public static final String NODE_ATTRIBUTE = "peeper.node";

    private final Map<Long, Member> nodes = new ConcurrentHashMap<>();
    /** Counts the joins and leaves seen: whoever must re-check something after any change compares it. */
    private final AtomicLong changes = new AtomicLong();
    /** Members seen but not admitted yet: their UUID and the node number they claim. */
    private final Map<UUID, Long> unproven = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<LongConsumer> leaveListeners = new CopyOnWriteArrayList<>();
    private final UUID registration;
    private final HazelcastInstance hazelcast;
    private final boolean requireProof;

    /** Members of {@code hazelcast}'s cluster; with {@code requireProof}, each must be {@linkplain #admit admitted}. */
    public Members(HazelcastInstance hazelcast, boolean requireProof) {
        this.hazelcast = hazelcast;
        this.requireProof = requireProof;
        // listen first, then read the members: a member that leaves in between is removed by the event
        this.registration = hazelcast.getCluster().addMembershipListener(this);
        hazelcast.getCluster().getMembers().forEach(this::add);
    }

    /** The node number {@code member} publishes, or {@code 0} if it runs no Peeper node. */
    public static long nodeOf(Member member) {
        String value = member.getAttribute(NODE_ATTRIBUTE);
        return value == null ? 0 : Long.parseLong(value);
    }

    /** Whether node {@code node} is in the cluster now (and has proven it knows the secret, if one is set). */
    public boolean contains(long node) {
        return nodes.containsKey(node);
    }

    /** {@return the member that runs node {@code node} now (admitted), or {@code null} if it is not in the cluster} */
    Member member(long node) {
        return nodes.get(node);
    }

    /** {@return how many joins and leaves this member has seen: a change of it means the membership changed} */
    public long changes() {
        return changes.get();
    }

    /**
     * Whether node {@code node} is in the engine's cluster, admitted or not: what decides that a node is gone (its
     * names free, its servers to start elsewhere), so that an honest member in the moments between its join and its
     * admission is not taken for dead.
     */
    public boolean isPresent(long node) {
        return nodes.containsKey(node) || unproven.containsValue(node);
    }

    /** Whether a member claiming node {@code node} is in the cluster but has not proven it knows the secret yet. */
    boolean isUnproven(long node) {
        return unproven.containsValue(node);
    }

    /** The node numbers the members seen but not admitted claim. */
    Set<Long> unproven() {
        return Set.copyOf(unproven.values());
    }

    /** The member that claims node {@code node} without having proven it, for logs; {@code null} if none. */
    Member unprovenMember(long node) {
        return hazelcast.getCluster().getMembers().stream()
                .filter(member -> nodeOf(member) == node && unproven.containsKey(member.getUuid()))
                .findFirst().orElse(null);
    }

    /**
     * Admits node {@code node}: a member claiming it has proven it knows the cluster secret.
     *
     * @return {@code true} if it was waiting and is admitted now
     */
    boolean admit(long node) {
        for (Map.Entry<UUID, Long> waiting : unproven.entrySet()) {
            if (waiting.getValue() == node && unproven.remove(waiting.getKey(), node)) {
                Member member = hazelcast.getCluster().getMembers().stream()
                        .filter(m -> m.getUuid().equals(waiting.getKey())).findFirst().orElse(null);
                if (member == null) {
                    return false; // it left while it proved itself
                }
                nodes.putIfAbsent(node, member);
                changes.incrementAndGet();
                return true;
            }
        }
        return false;
    }

    /** How many Peeper nodes are in the cluster now, this one included. */
    public int size() {
        return nodes.size();
    }

    /** The node numbers in the cluster now. */
    public Set<Long> nodes() {
        return Set.copyOf(nodes.keySet());
    }

    /** Calls {@code listener} with the number of each node that leaves, on a Hazelcast event thread. */
    public void onLeave(LongConsumer listener) {
        leaveListeners.add(listener);
    }

    /** Stops listening; every node is then as good as gone. */
    public void close() {
        try {
            hazelcast.getCluster().removeMembershipListener(registration);
        } catch (RuntimeException e) {
            // the member has shut down: nothing to remove
        }
        unproven.clear();
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
        Member member = event.getMember();
        unproven.remove(member.getUuid());
        long node = nodeOf(member);
        if (node != 0 && isCurrent(node, member)) {
            left(node);
        }
    }

    private void add(Member member) {
        long node = nodeOf(member);
        if (node == 0) {
            return;
        }
        if (!requireProof || member.localMember()) {
            nodes.put(node, member);
        } else if (!isCurrent(node, member)) {
            unproven.put(member.getUuid(), node);
        }
    }

    /** Whether {@code member} is the one admitted for {@code node}, not another claiming its number. */
    private boolean isCurrent(long node, Member member) {
        Member admitted = nodes.get(node);
        return admitted != null && admitted.getUuid().equals(member.getUuid());
    }

    private void left(long node) {
        if (nodes.remove(node) != null) {
            changes.incrementAndGet();
            leaveListeners.forEach(listener -> listener.accept(node));
        }
    }
}
