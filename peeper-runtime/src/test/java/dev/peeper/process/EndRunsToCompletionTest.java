package dev.peeper.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.process.internal.AwaitsDelivery;
import dev.peeper.process.internal.Host;
import dev.peeper.process.internal.InternalProc;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The end of a process runs to completion whatever user code and hostile objects do: clean-ups run, links and
 * monitors are told and {@code whenExited} completes, so a supervisor always hears of it.
 */
class EndRunsToCompletionTest {
    @RegisterExtension
    final ProcessCleanup processes = new ProcessCleanup();

    private Pid hostToEnd;

    @AfterEach
    void endHost() {
        if (hostToEnd != null) {
            Host.end(hostToEnd, ExitReason.shutdown());
        }
    }

    /** A host whose {@code exitSignalled} throws. */
    private static final Host HOSTILE = new Host() {
        @Override
        public void exitSignalled(ExitReason reason) {
            throw new IllegalStateException("exitSignalled refused (on purpose, by a test)");
        }

        @Override
        public void delegateEnded(Pid delegate, ExitReason reason) {
        }
    };

    /** Its message cannot be read: logging it, or any reason that carries it, throws. */
    static final class Unreadable extends RuntimeException {
        Unreadable() {
            super(null, null, false, false);
        }

        @Override
        public String getMessage() {
            throw new IllegalStateException("getMessage refused (on purpose, by a test)");
        }
    }

    @Test
    void aCrashWhoseMessageThrowsStillEndsTheProcess() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Inbox seen = new Inbox();
        Pid pid = processes.spawn(() -> {
            release.await();
            throw new Unreadable();
        });
        Pid linked = watcherOf(pid, seen);
        InternalProc.onExit(pid, () -> seen.add("cleaned up"));

        release.countDown();

        assertThat(Inbox.awaitExit(pid).cause()).isInstanceOf(Unreadable.class);
        assertThat(seen.next()).isEqualTo("cleaned up");
        assertThat(seen.next(ExitSignal.class).reason().cause()).isInstanceOf(Unreadable.class);
        assertThat(seen.next(Down.class).reason().cause()).isInstanceOf(Unreadable.class);
        assertThat(ExitReason.crash(new Unreadable()).toString()).contains(Unreadable.class.getName());
        seen.assertStillServing(linked);
    }

    @Test
    void aCleanUpThrowingAnErrorDoesNotCutTheEndShort() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Inbox seen = new Inbox();
        Pid pid = processes.spawn(release::await);
        watcherOf(pid, seen);
        InternalProc.onExit(pid, () -> {
            throw new AssertionError("a clean-up's Error (thrown on purpose by a test)");
        });
        InternalProc.onExit(pid, () -> seen.add("second clean-up"));

        release.countDown();

        assertThat(Inbox.awaitExit(pid)).isEqualTo(ExitReason.normal());
        assertThat(seen.next()).isEqualTo("second clean-up");
        assertThat(seen.next(ExitSignal.class).reason()).isEqualTo(ExitReason.normal());
        assertThat(seen.next(Down.class).reason()).isEqualTo(ExitReason.normal());
    }

    @Test
    void aQueuedMessageWhoseUndeliveredThrowsDoesNotCutTheEndShort() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Inbox seen = new Inbox();
        Pid pid = processes.spawn(release::await);
        watcherOf(pid, seen);
        AwaitsDelivery hostile = (target, reason) -> {
            throw new IllegalStateException("undelivered refused (on purpose, by a test)");
        };
        Proc.send(pid, hostile);
        Proc.send(pid, (AwaitsDelivery) (target, reason) -> seen.add("told of " + reason));

        release.countDown();

        assertThat(Inbox.awaitExit(pid)).isEqualTo(ExitReason.normal());
        assertThat(seen.next()).isEqualTo("told of normal");
        assertThat(seen.next(ExitSignal.class).reason()).isEqualTo(ExitReason.normal());
        assertThat(seen.next(Down.class).reason()).isEqualTo(ExitReason.normal());
    }

    @Test
    void aLinkedHostWhoseExitSignalledThrowsDoesNotCutTheEndShort() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch linked = new CountDownLatch(1);
        Inbox seen = new Inbox();
        Pid pid = processes.spawn(() -> {
            hostToEnd = Host.spawn(HOSTILE, SpawnOptions.defaults().withLink());
            linked.countDown();
            release.await();
            throw new IllegalStateException("boom (thrown on purpose by a test)");
        });
        assertThat(linked.await(Inbox.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)).isTrue();
        watcherOf(pid, seen);

        release.countDown();

        assertThat(Inbox.awaitExit(pid).cause()).isInstanceOf(IllegalStateException.class);
        assertThat(seen.next(ExitSignal.class).from()).isEqualTo(pid);
        assertThat(seen.next(Down.class).pid()).isEqualTo(pid);
    }

    @Test
    void aThrowingExitSignalledDoesNotReachTheSender() {
        hostToEnd = Host.spawn(HOSTILE, SpawnOptions.defaults());

        Proc.exit(hostToEnd, ExitReason.shutdown()); // logged, not thrown at whoever sent the signal
    }

    /** A process linked to {@code pid} (trapping its exit) and monitoring it, forwarding both into {@code seen}. */
    private Pid watcherOf(Pid pid, Inbox seen) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(1);
        Pid watcher = processes.spawn(() -> {
            Proc.trapExit(true);
            Proc.link(pid);
            Proc.monitor(pid);
            ready.countDown();
            seen.forwardAll();
        });
        assertThat(ready.await(Inbox.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)).isTrue();
        return watcher;
    }
}
