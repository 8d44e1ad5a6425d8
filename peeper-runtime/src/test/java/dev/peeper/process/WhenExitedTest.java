package dev.peeper.process;

import static dev.peeper.process.Inbox.awaitExit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.process.internal.InternalProc;
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
    void completesAfterMonitorsHaveBeenTold() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch readDown = new CountDownLatch(1);
        Inbox seen = new Inbox();
        Pid pid = processes.spawn(release::await);
        Pid watcher = processes.spawn(() -> {
            Proc.monitor(pid);
            seen.add("watching");
            readDown.await();
            seen.add(Proc.receive());
        });
        assertThat(seen.next()).isEqualTo("watching");
        // runs on the ending process's thread, while the watcher is still held back from its mailbox
        CompletableFuture<Integer> queuedAtCompletion = Proc.whenExited(pid).thenApply(reason ->
                Proc.mailboxLength(watcher));

        release.countDown();

        assertThat(queuedAtCompletion.get(Inbox.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)).isEqualTo(1);
        readDown.countDown();
        assertThat(seen.next()).isInstanceOf(Down.class);
    }

    @Test
    void onExitCleanUpsRunBeforeMonitorsHearOfTheEnd() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Inbox seen = new Inbox();
        Pid pid = processes.spawn(release::await);
        Pid watcher = processes.spawn(() -> {
            Proc.monitor(pid);
            seen.add("watching");
            seen.add(Proc.receive());
        });
        assertThat(seen.next()).isEqualTo("watching");
        InternalProc.onExit(pid, () -> seen.add("cleaned up with " + Proc.mailboxLength(watcher) + " queued"));

        release.countDown();

        assertThat(seen.next()).isEqualTo("cleaned up with 0 queued");
        assertThat(seen.next()).isInstanceOf(Down.class);
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
