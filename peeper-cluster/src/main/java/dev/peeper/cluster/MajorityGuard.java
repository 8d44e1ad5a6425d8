package dev.peeper.cluster;

import java.util.concurrent.Executors;
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
    private static final Logger log = LoggerFactory.getLogger(MajorityGuard.class);

    private final Quorum quorum;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("peeper-majority-guard").factory());

    MajorityGuard(Quorum quorum, Failover failover) {
        this.quorum = quorum;
        quorum.onMajorityChange(why -> {
            log.warn("This member {}: it stops its servers, and acknowledges and starts nothing until it hears from "
                    + "the majority again", why);
            failover.stopCutOff(why);
        }, () -> {
            log.info("This member hears from the majority again: it starts what it stopped and nobody took over");
            failover.regained();
        });
        ticker.scheduleWithFixedDelay(this::check, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
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
