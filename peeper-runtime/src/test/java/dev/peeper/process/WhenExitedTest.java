package dev.peeper.process;

import static dev.peeper.process.Inbox.awaitExit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Waiting for a process to end from plain threads. */
class WhenExitedTest {
    @RegisterExtension
    final ProcessCleanup processes = new ProcessCleanup();

    @Test
    void whenExitedCompletesWithTheReason() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Pid pid = processes.spawn(() -> {
            release.await();
            throw Proc.exit(ExitReason.shutdown("done"));
        });

        CompletableFuture<ExitReason> exited = Proc.whenExited(pid);
        assertThat(exited).isNotDone();
        release.countDown();

        assertThat(exited.get(Inbox.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)).isEqualTo(ExitReason.shutdown("done"));
        assertThat(Proc.isAlive(pid)).isFalse(); // not alive by the time the future completes
    }

    @Test
    void whenExitedOfAnEndedProcessIsAlreadyComplete() throws Exception {
        Pid pid = Proc.spawn(() -> { });
        awaitExit(pid);

        assertThat(Proc.whenExited(pid)).isCompletedWithValue(ExitReason.normal());
    }

    @Test
    void dependentsAddedBeforeTheEndRunBeforeMonitorsHearOfIt() throws Exception {
        Inbox seen = new Inbox();
        CountDownLatch release = new CountDownLatch(1);
        Pid pid = processes.spawn(release::await);
        CompletableFuture<Void> dependent = Proc.whenExited(pid).thenRun(() -> seen.add("dependent ran"));
        processes.spawn(() -> {
            Proc.monitor(pid);
            seen.add("watching");
            seen.add(Proc.receive());
        });
        assertThat(seen.next()).isEqualTo("watching");

        release.countDown();

        assertThat(seen.next()).isEqualTo("dependent ran");
        assertThat(seen.next()).isInstanceOf(Down.class);
        assertThat(dependent).isDone();
    }

    @Test
    void awaitExitReturnsTheReason() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom (thrown on purpose by a test)");
        Pid pid = Proc.spawn(() -> {
            throw boom;
        });

        assertThat(Proc.awaitExit(pid, Inbox.TIMEOUT)).isEqualTo(ExitReason.crash(boom));
    }

    @Test
    void awaitExitTimesOutWhileTheProcessLives() {
        Pid pid = processes.spawn(Proc::receive);

        assertThatThrownBy(() -> Proc.awaitExit(pid, Duration.ofMillis(10))).isInstanceOf(TimeoutException.class);
        assertThat(Proc.isAlive(pid)).isTrue();
    }

    @Test
    void awaitExitWorksFromManyThreadsAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Pid pid = processes.spawn(release::await);
        List<Future<ExitReason>> waiters = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 4; i++) {
                waiters.add(threads.submit(() -> Proc.awaitExit(pid, Inbox.TIMEOUT)));
            }

            release.countDown();

            for (Future<ExitReason> waiter : waiters) {
                assertThat(waiter.get(Inbox.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)).isEqualTo(ExitReason.normal());
            }
        }
    }
}
