package dev.peeper.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.IExecutorService;
import dev.peeper.cluster.NotReplicatedException.Kind;
import dev.peeper.cluster.transport.Members;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Whether this member may acknowledge a state now: "a member acknowledges nothing unless it knows it still belongs
 * to the majority". Two conditions, both checked before a synchronous keeper releases a reply:
 * <ul>
 *   <li>it sees at least {@value #MINIMUM_MEMBERS} members (itself included; 2 by default): set it to a majority
 *       of the cluster's expected size, so a minority side of a split acknowledges nothing;</li>
 *   <li>its <b>lease</b> runs: within the last {@value #LEASE_MILLIS} ms of the <em>monotonic</em> clock, enough
 *       other members to make that minimum answered that they still count this member in. A member paused (GC,
 *       SIGSTOP, a stopped VM) longer than its lease finds the lease expired when it resumes, whatever its own
 *       member list still says, and acknowledges nothing until it has confirmed again. The lease is shorter than
 *       the failure-detection time, so the others cannot have removed this member and taken its servers over while
 *       its lease runs (they hear from it at the confirmation, and remove it only after that much silence).</li>
 * </ul>
 * A background task confirms every quarter lease; an expired lease is confirmed once more on the caller's thread
 * before it is refused. Both settings are Hazelcast config properties, so they work for a user's own
 * {@code Config} too; {@link ClusterOptions} sets them.
 */
final class Quorum {
    /** Config property: the fewest members (this one included) that may acknowledge. */
    static final String MINIMUM_MEMBERS = "peeper.minimum.members";
    /** Config property: the lease, in milliseconds. */
    static final String LEASE_MILLIS = "peeper.lease.millis";
    /** The executor that runs the membership confirmations. */
    static final String EXECUTOR = "peeper.quorum";

    private final HazelcastInstance hazelcast;
    private final Members members;
    private final int minimum;
    private final long leaseNanos;
    private final ReentrantLock confirming = new ReentrantLock();
    /** The split-brain protection's view of the majority, or {@code null} if none is configured (a minimum of 1). */
    private final MajorityFunction majority;
    /** Set while this member is cut off from the majority it had: it acknowledges nothing, and its servers stop. */
    private volatile boolean cutOff;
    /** Why this member is {@link #cutOff}, for the refusals meanwhile. */
    private volatile String cutOffWhy = "";
    /** Whether this member has had the majority: heard from it, with its lease confirmed. Only then can it lose it. */
    private volatile boolean hadMajority;
    private final ReentrantLock changing = new ReentrantLock();
    private volatile Consumer<String> whenCutOff = why -> { };
    private volatile Runnable whenRegained = () -> { };
    /** The monotonic time the last successful confirmation was asked for; {@code 0}: none yet. */
    private volatile long confirmedAt;
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("peeper-lease").factory());

    Quorum(HazelcastInstance hazelcast, Members members) {
        this.hazelcast = hazelcast;
        this.members = members;
        this.minimum = minimumMembers(hazelcast);
        this.leaseNanos = lease(hazelcast).toNanos();
        this.majority = PartitionSettings.function(hazelcast.getConfig());
        long period = Math.max(1, leaseNanos / 4);
        renewer.scheduleWithFixedDelay(this::confirm, 0, period, TimeUnit.NANOSECONDS);
    }

    /** The fewest members this member must see to acknowledge. */
    int minimum() {
        return minimum;
    }

    /** {@value #MINIMUM_MEMBERS} as configured, 2 by default. */
    static int minimumMembers(HazelcastInstance hazelcast) {
        String value = hazelcast.getConfig().getProperty(MINIMUM_MEMBERS);
        return value == null ? 2 : Integer.parseInt(value);
    }

    /** {@value #LEASE_MILLIS} as configured; by default half the failure-detection time. */
    static Duration lease(HazelcastInstance hazelcast) {
        String value = hazelcast.getConfig().getProperty(LEASE_MILLIS);
        if (value != null) {
            return Duration.ofMillis(Long.parseLong(value));
        }
        String silence = hazelcast.getConfig().getProperty("hazelcast.max.no.heartbeat.seconds");
        return Duration.ofSeconds(silence == null ? 60 : Long.parseLong(silence)).dividedBy(2);
    }

    /**
     * Returns if this member may acknowledge now; confirms an expired lease first.
     *
     * @throws NotReplicatedException if it sees too few members, or cannot confirm it still belongs to them
     * @throws MinorityException      if it had a majority and has lost it: the server stops, without restarts
     */
    void require(Object what) {
        int seen = members.size();
        if (checkMajority()) {
            throw new MinorityException(what, cutOffWhy);
        }
        if (seen < minimum) {
            throw new NotReplicatedException(Kind.TOO_FEW_MEMBERS, "the state of " + what + " was not acknowledged: "
                    + "this member sees " + seen + " member(s), fewer than the minimum of " + minimum + " ("
                    + MINIMUM_MEMBERS + "); it may be cut off from the majority, which then runs the server");
        }
        if (!leaseRuns()) {
            confirm();
            if (!leaseRuns()) {
                throw new NotReplicatedException(Kind.LEASE_EXPIRED, "the state of " + what + " was not "
                        + "acknowledged: this member could not confirm within its lease of "
                        + Duration.ofNanos(leaseNanos) + " that " + (minimum - 1) + " other member(s) still count it "
                        + "in (was it paused, or cut off?)");
            }
        }
    }

    /** Whether this member may acknowledge now as far as it knows without asking anyone: for best-effort writes. */
    boolean likely() {
        return members.size() >= minimum && leaseRuns() && !cutOff;
    }

    /** Whether this member is cut off from the majority now: its servers have stopped, and must not let go of state. */
    boolean cutOff() {
        return cutOff;
    }

    /**
     * Calls {@code cutOff} (with why) when this member loses the majority it had, and {@code regained} when it has it
     * again; both must return at once (they run on the thread that noticed, a worker's among them).
     */
    void onMajorityChange(Consumer<String> cutOff, Runnable regained) {
        this.whenCutOff = cutOff;
        this.whenRegained = regained;
    }

    /**
     * Whether this member is cut off from the majority it had: it has not heard heartbeats from enough members within
     * the lease (see {@link MajorityFunction}), or its lease has expired (after a pause the engine reports fresh
     * heartbeats of everyone, so only a round trip to the others tells); tells the
     * {@linkplain #onMajorityChange listeners} when that changes. Cheap: it reads the member list and the times
     * heartbeats arrived. Always {@code false} without split-brain protection (a minimum of 1).
     */
    boolean checkMajority() {
        if (majority == null) {
            return false;
        }
        boolean heard = majority.majority(hazelcast.getCluster().getMembers());
        boolean leased = leaseRuns();
        if (heard && leased) {
            hadMajority = true;
        }
        // a lease expired by less than another lease only refuses acknowledgements (require): the others cannot have
        // removed this member yet. Expired by more (a pause), they may have, and its servers stop
        boolean lapsed = !leased && System.nanoTime() - confirmedAt > 2 * leaseNanos;
        boolean now = hadMajority && (!heard || lapsed);
        if (now == cutOff) {
            return now;
        }
        changing.lock();
        try {
            if (now != cutOff) {
                if (now) { // the reason first: a refusal that sees cutOff set reads it
                    cutOffWhy = "is cut off from the majority it had: " + (heard ? "it could not confirm within its "
                            + "lease of " + Duration.ofNanos(leaseNanos) + " that the others still count it in"
                            : majority.describe(minimum, hazelcast.getCluster().getMembers()));
                }
                cutOff = now;
                if (now) {
                    whenCutOff.accept(cutOffWhy);
                } else {
                    whenRegained.run();
                }
            }
        } finally {
            changing.unlock();
        }
        return now;
    }

    /**
     * {@return how many membership changes this member has seen} A server may have been taken over elsewhere only
     * across such a change (a split that heals, a paused member that comes back), so a keeper re-checks that it
     * still holds its name when this moves.
     */
    long membershipChanges() {
        return members.changes();
    }

    private boolean leaseRuns() {
        long at = confirmedAt;
        return at != 0 && System.nanoTime() - at < leaseNanos;
    }

    /** Asks the other members whether they count this one in; renews the lease if enough do, within half of it. */
    private void confirm() {
        confirming.lock();
        try {
            long askedAt = System.nanoTime();
            if (minimum <= 1) {
                confirmedAt = askedAt;
                return;
            }
            Member self = hazelcast.getCluster().getLocalMember();
            Set<Member> others = hazelcast.getCluster().getMembers().stream()
                    .filter(member -> !member.getUuid().equals(self.getUuid())).collect(Collectors.toSet());
            if (others.size() + 1 < minimum) {
                return;
            }
            IExecutorService executor = hazelcast.getExecutorService(EXECUTOR);
            Map<Member, Future<Boolean>> answers = executor.submitToMembers(new CountsMeIn(self.getUuid()), others);
            long deadline = askedAt + leaseNanos / 2;
            int yes = 1;
            for (Map.Entry<Member, Future<Boolean>> answer : answers.entrySet()) {
                try {
                    if (answer.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                        yes++;
                        if (majority != null) {
                            majority.heard(answer.getKey().getUuid(), askedAt); // as good as a heartbeat, and older
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    // no answer in time, or a member that is gone: not a yes. Never cancelled: Hazelcast's cancel of
                    // a member-bound task is a remote operation it waits for and retries (50 tries, 250 ms apart)
                    // against a frozen or removed member, for seconds, while this holds the lock every expired
                    // acknowledgement waits on. A late answer is dropped with its future; the question is harmless.
                }
            }
            if (yes >= minimum && askedAt - confirmedAt > 0) {
                confirmedAt = askedAt; // from when it asked: the answers may have been given any time after
            }
        } catch (RuntimeException e) {
            // the member is shutting down, or the cluster is changing: no confirmation this time
        } finally {
            confirming.unlock();
        }
    }

    void close() {
        renewer.shutdownNow();
    }

    /** Runs on another member: whether it counts {@code member} among its members now. */
    static final class CountsMeIn implements Callable<Boolean>, Serializable, HazelcastInstanceAware {
        @Serial
        private static final long serialVersionUID = 1L;

        private final UUID member;
        private transient HazelcastInstance here;

        CountsMeIn(UUID member) {
            this.member = member;
        }

        @Override
        public void setHazelcastInstance(HazelcastInstance hazelcast) {
            this.here = hazelcast;
        }

        @Override
        public Boolean call() {
            return here != null && here.getCluster().getMembers().stream().anyMatch(m -> m.getUuid().equals(member));
        }
    }
}
