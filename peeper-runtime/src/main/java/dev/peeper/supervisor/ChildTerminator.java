package dev.peeper.supervisor;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops one child the way its {@link Shutdown} says, OTP's {@code shutdown/2}: unlink first (so no exit
 * message about it comes back to the supervisor), send {@code shutdown} or {@code kill}, and wait for the
 * process to end, killing it when the timeout passes.
 *
 * <p>Unlike the BEAM's, a JVM thread cannot be stopped at an arbitrary instruction: a killed child that computes
 * without ever waiting or receiving goes on running. So after a kill the supervisor waits a bounded
 * {@linkplain #killGrace() grace}, then logs an error naming the child with its stack, leaves it behind and
 * carries on (with its shutdown, or its restart strategy), rather than hang for ever. Only
 * {@link Shutdown#infinity()} waits without bound, as it says.
 */
final class ChildTerminator {
    /** The system property that sets the grace after a kill, in milliseconds. */
    static final String KILL_GRACE_PROPERTY = "peeper.supervisor.killGraceMillis";
    /** The grace after a kill when the property is not set. */
    static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(5);
    /** The longest wait a nanosecond clock can count (about 292 years); a longer timeout is infinity. */
    private static final Duration FOREVER = Duration.ofNanos(Long.MAX_VALUE);
    private static final Logger log = LoggerFactory.getLogger("dev.peeper.supervisor");

    private ChildTerminator() {
    }

    /**
     * Stops {@code pid}, the child {@code childId}, and returns the reason it ended with ({@code killed} for a child
     * left behind after the grace). Must run on the supervisor's process.
     */
    static ExitReason terminate(Object childId, Pid pid, Shutdown shutdown) {
        Proc.unlink(pid);
        return switch (shutdown) {
            case Shutdown.BrutalKill ignored -> killAndWait(childId, pid);
            case Shutdown.Infinity ignored -> {
                Proc.exit(pid, ExitReason.shutdown());
                yield await(pid, null);
            }
            case Shutdown.Timeout timeout -> {
                Proc.exit(pid, ExitReason.shutdown());
                ExitReason reason = await(pid, timeout.timeout());
                yield reason != null ? reason : killAndWait(childId, pid);
            }
        };
    }

    /** How long a killed child may take to end before the supervisor gives up on it. */
    static Duration killGrace() {
        Long millis = Long.getLong(KILL_GRACE_PROPERTY);
        return millis == null || millis <= 0 ? DEFAULT_KILL_GRACE : Duration.ofMillis(millis);
    }

    private static ExitReason killAndWait(Object childId, Pid pid) {
        Proc.exit(pid, ExitReason.kill());
        Duration grace = killGrace();
        ExitReason reason = await(pid, grace);
        if (reason != null) {
            return reason;
        }
        Throwable where = new Throwable("where child " + childId + " (" + pid + ") runs on, killed " + grace + " ago");
        where.setStackTrace(Proc.stackTrace(pid));
        log.error("Supervisor {} leaves child {} ({}) behind: it was killed and is still running {} later, most "
                        + "likely computing without ever waiting or receiving (a JVM thread cannot be stopped there). "
                        + "It may still hold its names and resources; the supervisor carries on. Make long "
                        + "computations call Proc.checkSignals() now and then.",
                Proc.selfOrNull(), childId, pid, grace, where);
        return ExitReason.killed();
    }

    /** The reason {@code pid} ended, or {@code null} if it is still alive after {@code timeout}. */
    private static ExitReason await(Pid pid, Duration timeout) {
        try {
            // Duration.toNanos throws beyond FOREVER, which would crash the supervisor halfway through a stop
            return timeout == null || timeout.compareTo(FOREVER) >= 0
                    ? Proc.whenExited(pid).get()
                    : Proc.whenExited(pid).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Proc.checkSignals(); // the supervisor itself was killed meanwhile
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while stopping child " + pid);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the exit future never fails", e);
        }
    }
}
