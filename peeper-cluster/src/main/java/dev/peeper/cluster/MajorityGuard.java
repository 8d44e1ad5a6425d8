package dev.peeper.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.splitbrainprotection.SplitBrainProtection;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops this member's servers when it is cut off from the majority, before the majority takes them over, and lets
 * it run them again when it is back. {@link Quorum#checkMajority} decides (heartbeats heard recently, on
 * the monotonic clock: {@link MajorityFunction}); a replicated keeper asks it before every acknowledgement, and this
 * guard every {@value #PERIOD_MILLIS} ms, so an idle member notices too. Its tolerance is shorter than the
 * failure-detection time, so the cut-off side stops its servers about half a detection time before the others
 * remove it and start them. A member that resumes after a pause has heard nobody for the pause's length, and stops
 * its servers at the first check, while its own member list may still show everyone.
 *
 * <p>While cut off, {@link Quorum} refuses every acknowledgement and {@link Failover} starts nothing; the stopped
 * servers keep their states and specs (a minority's release would delete what the majority resumes from).
 */
final class MajorityGuard {
    static final long PERIOD_MILLIS = 100;
    /** The longest a start waits for the protection's first evaluation: a few heartbeats. */
    private static final Duration PROTECTION_WAIT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(MajorityGuard.class);

    private final Quorum quorum;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("peeper-majority-guard").factory());

    MajorityGuard(Object member, Quorum quorum, Failover failover) {
        this.quorum = quorum;
        quorum.onMajorityChange(why -> {
            log.warn("This member ({}) {}: it stops its servers, and acknowledges and starts nothing until it hears "
                    + "from the majority again", member, why);
            failover.stopCutOff(why);
        }, () -> {
            log.info("This member ({}) hears from the majority again: it starts what it stopped and nobody took over",
                    member);
            failover.regained();
        });
        ticker.scheduleWithFixedDelay(this::check, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Waits (a bounded time) until the engine has evaluated Peeper's split-brain protection once: until then it
     * refuses every write to the guarded maps, even on a member that was never held to a majority. It evaluates it
     * every heartbeat, so a member's start takes up to one heartbeat longer.
     */
    static void awaitProtection(HazelcastInstance hazelcast) {
        if (PartitionSettings.function(hazelcast.getConfig()) == null) {
            return;
        }
        SplitBrainProtection protection = hazelcast.getSplitBrainProtectionService()
                .getSplitBrainProtection(PartitionSettings.PROTECTION);
        long deadline = System.nanoTime() + PROTECTION_WAIT.toNanos();
        while (!protection.hasMinimumSize() && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos()); // evaluated on the engine's thread: poll it
        }
    }

    private void check() {
        try {
            quorum.checkMajority();
        } catch (RuntimeException e) {
            log.debug("Could not check whether this member has the majority; next tick tries again", e);
        }
    }

    void close() {
        ticker.shutdownNow();
    }
}
