package dev.peeper.supervisor;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops one child the way its {@link Shutdown} says, OTP's {@code shutdown/2}: unlink first (so no exit
 * message about it comes back to the supervisor), send {@code shutdown} or {@code kill}, and wait for the
 * process to end, killing it when the timeout passes.
 */
final class ChildTerminator {
    /** The longest wait a nanosecond clock can count (about 292 years); a longer timeout is infinity. */
    private static final Duration FOREVER = Duration.ofNanos(Long.MAX_VALUE);

    private ChildTerminator() {
    }

    /** Stops {@code pid} and returns the reason it ended with. Must run on the supervisor's process. */
    static ExitReason terminate(Pid pid, Shutdown shutdown) {
        Proc.unlink(pid);
        return switch (shutdown) {
            case Shutdown.BrutalKill ignored -> killAndWait(pid);
            case Shutdown.Infinity ignored -> {
                Proc.exit(pid, ExitReason.shutdown());
                yield await(pid, null);
            }
            case Shutdown.Timeout timeout -> {
                Proc.exit(pid, ExitReason.shutdown());
                ExitReason reason = await(pid, timeout.timeout());
                yield reason != null ? reason : killAndWait(pid);
            }
        };
    }

    private static ExitReason killAndWait(Pid pid) {
        Proc.exit(pid, ExitReason.kill());
        return await(pid, null);
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
