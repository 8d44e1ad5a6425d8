package dev.peeper.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
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
 * <p>Conversely, two other events count as hearing from a member: its joining (the engine tells this function),
 * and its answer to that round trip ({@link #heard}), which proves more than a heartbeat does. Heartbeats alone
 * missed a member that had joined less than a heartbeat before the master left: the member that had heard only the
 * master found itself alone, and stopped its servers for nothing (a test cluster, whose members are all young).
 *
 * <p>One instance per member: {@link HazelcastSettings#prepare} makes a new one for each start.
 */
final class MajorityFunction implements SplitBrainProtectionFunction, HeartbeatAware, MembershipListener {
    /** After how many tolerances without news a member's record is dropped (it left, or is long cut off). */
    private static final long FORGOTTEN_AFTER_TOLERANCES = 20;

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
        heard(member.getUuid(), System.nanoTime()); // the sender's timestamp is wall-clock: not used
    }

    /** A member joined: the join was an exchange with it, as good as a heartbeat. */
    @Override
    public void memberAdded(MembershipEvent event) {
        heard(event.getMember().getUuid(), System.nanoTime());
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
        heardAt.remove(event.getMember().getUuid());
    }

    /** Notes that {@code member} was heard from at {@code nanoTime} (monotonic), unless it was heard from later. */
    void heard(UUID member, long nanoTime) {
        heardAt.merge(member, nanoTime, (earlier, later) -> later - earlier > 0 ? later : earlier);
    }

    @Override
    public boolean apply(Collection<Member> members) {
        int active = recentlyActive(members); // first: it notes a first majority, which only then holds this member
        return !reached || active >= minimum;
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
        // members gone for good, whose removal this function missed: by age, not by the list given, which may lack
        // a live member while it changes
        heardAt.values().removeIf(at -> now - at > FORGOTTEN_AFTER_TOLERANCES * toleranceNanos);
        return active;
    }

    /** For messages: what this member heard from each of {@code members}, against the minimum. */
    String describe(int minimum, Collection<Member> members) {
        long now = System.nanoTime();
        StringBuilder heard = new StringBuilder();
        for (Member member : members) {
            if (!member.localMember()) {
                Long at = heardAt.get(member.getUuid());
                heard.append(heard.isEmpty() ? "" : ", ").append(member.getAddress()).append(' ')
                        .append(at == null ? "never" : (now - at) / 1_000_000 + " ms ago");
            }
        }
        return "fewer than " + minimum + " members, itself included, were heard from within "
                + toleranceNanos / 1_000_000 + " ms (last heard: " + (heard.isEmpty() ? "no other member" : heard)
                + ")";
    }

    @Override
    public String toString() {
        return "MajorityFunction[minimum " + minimum + ", tolerance " + toleranceNanos / 1_000_000 + " ms]";
    }
}
