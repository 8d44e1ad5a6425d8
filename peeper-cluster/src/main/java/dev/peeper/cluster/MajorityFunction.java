package dev.peeper.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.splitbrainprotection.HeartbeatAware;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionFunction;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hazelcast's "recently active" split-brain protection, measured on the <em>monotonic</em> clock of this member: the
 * majority is present while this member and enough others that it has heard a heartbeat from within the tolerance
 * make the {@linkplain Quorum#MINIMUM_MEMBERS minimum}. Two differences from the engine's own function, each for a
 * failure measured here (CLUSTER.md):
 * <ul>
 *   <li>a heartbeat counts from when it <em>arrived</em>, on {@link System#nanoTime()}, not by the sender's
 *       wall-clock timestamp;</li>
 *   <li>a member that has never seen the minimum (a cluster still forming, one member for development) is not
 *       held to it: only a member that had a majority and lost it is a minority. Acknowledgements still need the
 *       minimum ({@link Quorum}); this only keeps the maps usable where no majority was ever expected.</li>
 * </ul>
 * A heartbeat is not proof enough after a pause: the engine, seeing the clock jump, reports a heartbeat of every
 * member "now" to this function (it resets its own timestamps that way), so {@link Quorum} also requires its lease
 * (a round trip to the others, who answer that they no longer count a member they removed).
 *
 * <p>One instance per member: {@link HazelcastSettings#prepare} makes a new one for each start.
 */
final class MajorityFunction implements SplitBrainProtectionFunction, HeartbeatAware {
    private final int minimum;
    private final long toleranceNanos;
    /** When a heartbeat of each member last arrived, by member, on the monotonic clock. */
    private final Map<UUID, Long> heardAt = new ConcurrentHashMap<>();
    /** Whether this member has ever counted the minimum. */
    private volatile boolean reached;

    MajorityFunction(int minimum, long toleranceNanos) {
        this.minimum = minimum;
        this.toleranceNanos = toleranceNanos;
    }

    @Override
    public void onHeartbeat(Member member, long timestamp) {
        heardAt.put(member.getUuid(), System.nanoTime()); // the sender's timestamp is wall-clock: not used
    }

    @Override
    public boolean apply(Collection<Member> members) {
        return !reached || recentlyActive(members) >= minimum;
    }

    /** Whether this member and those of {@code members} heard from within the tolerance make the minimum. */
    boolean majority(Collection<Member> members) {
        return recentlyActive(members) >= minimum;
    }

    /** This member plus the others of {@code members} heard from within the tolerance; notes a first majority. */
    private int recentlyActive(Collection<Member> members) {
        long now = System.nanoTime();
        int active = 0;
        for (Member member : members) {
            Long at = member.localMember() ? Long.valueOf(now) : heardAt.get(member.getUuid());
            if (at != null && now - at < toleranceNanos) {
                active++;
            }
        }
        if (active >= minimum && !reached) {
            reached = true;
        }
        heardAt.keySet().retainAll(members.stream().map(Member::getUuid).toList()); // members gone for good
        return active;
    }

    /** For messages: what the member heard, against the minimum. */
    String describe(int minimum) {
        return "fewer than " + minimum + " members, itself included, were heard from within "
                + toleranceNanos / 1_000_000 + " ms";
    }

    @Override
    public String toString() {
        return "MajorityFunction[minimum " + minimum + ", tolerance " + toleranceNanos / 1_000_000 + " ms]";
    }
}
