package dev.peeper.supervisor;

import static org.assertj.core.api.Assertions.fail;

import dev.peeper.process.Down;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Watches a process with a monitor, so a test can wait until the process has ended <em>and its links were
 * told</em>: a process tells its links before its monitors, so once the {@link Down} is here, the exit signal
 * is already in the supervisor's mailbox, and a supervisor request sent afterwards is served after the supervisor
 * handled that exit. ({@code Proc.awaitExit} completes earlier, before links are told, so it cannot order a
 * later request after the supervisor's reaction.)
 *
 * <pre>{@code
 * ExitWatch exit = ExitWatch.on(child);          // before making it end
 * ServerRef.of(child).cast(new StopWith(ExitReason.normal()));
 * assertThat(exit.await()).isEqualTo(ExitReason.normal());
 * assertThat(supervisor.countChildren().active()).isEqualTo(1);   // sees the supervisor's reaction
 * }</pre>
 */
final class ExitWatch {
    private final CompletableFuture<ExitReason> down = new CompletableFuture<>();

    private ExitWatch() {
    }

    /** Starts watching {@code pid}; returns once the monitor is in place. */
    static ExitWatch on(Pid pid) throws InterruptedException {
        ExitWatch watch = new ExitWatch();
        CountDownLatch watching = new CountDownLatch(1);
        Proc.spawn(() -> {
            Proc.monitor(pid);
            watching.countDown();
            // bounded, so that a failed test leaves no watcher behind for ever
            if (Proc.receive(Journal.TIMEOUT.multipliedBy(2)) instanceof Down(var ref, var from, var reason)) {
                watch.down.complete(reason);
            } else {
                watch.down.completeExceptionally(new TimeoutException(pid + " did not end"));
            }
        });
        if (!watching.await(Journal.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
            fail("could not start watching " + pid);
        }
        return watch;
    }

    /** Waits for the watched process to end and returns its reason; its links have been told by then. */
    ExitReason await() throws InterruptedException {
        try {
            return down.get(Journal.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return fail("the watched process did not end within " + Journal.TIMEOUT, e);
        }
    }

    /** Waits up to {@link Journal#TIMEOUT} for {@code pid} to end and returns its reason (links maybe not told yet). */
    static ExitReason awaitExit(Pid pid) throws InterruptedException {
        try {
            return Proc.awaitExit(pid, Journal.TIMEOUT);
        } catch (TimeoutException e) {
            return fail(pid + " was still alive after " + Journal.TIMEOUT);
        }
    }
}
