package dev.peeper.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.peeper.durable.Counter.Add;
import dev.peeper.durable.Counter.Block;
import dev.peeper.durable.Counter.Crash;
import dev.peeper.durable.Counter.Get;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.server.ServerExitException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The third row of the design table: the mailbox belongs to the server, not the worker. A crash loses only the
 * message that crashed (its caller hears the cause); everything queued behind it is served, in order, by the
 * restarted worker.
 */
class MailboxOutlivesWorkerTest {
    @RegisterExtension
    final Peepers peepers = new Peepers();

    private final Probe probe = new Probe();

    @Test
    void onlyTheCrashingCallFailsAndEverythingQueuedBehindItIsServedInOrder() throws Exception {
        PeeperRef c = peepers.start(Counter.factory(probe), 0, PeeperOptions.defaults());
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> blocked = c.callAsync(new Block(entered, release));
        Peepers.await(entered);

        // queued while the worker is busy: a call that will crash it, and more behind that
        CompletableFuture<Object> crashing = c.callAsync(new Crash("boom"));
        c.cast(new Add(1));
        c.cast(new Add(2));
        CompletableFuture<Object> get = c.callAsync(new Get());
        c.cast(new Add(3));
        CompletableFuture<Object> add = c.callAsync(new Add(10));
        assertThat(c.statistics().mailboxLength()).isEqualTo(6);
        release.countDown();

        assertThat(Peepers.await(blocked)).isEqualTo(0);
        assertThatThrownBy(() -> Peepers.await(crashing))
                .isInstanceOf(ServerExitException.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(Peepers.await(get)).as("served after Add(1), Add(2), before Add(3)").isEqualTo(3);
        assertThat(Peepers.await(add)).isEqualTo(16);
        assertThat(c.statistics().restarts()).isEqualTo(1);
        assertThat(c.statistics().mailboxLength()).isZero();
    }

    @Test
    void theCallerOfTheCrashingCallGetsTheExitReasonWithTheException() throws Exception {
        PeeperRef c = peepers.start(Counter.factory(probe), 0, PeeperOptions.defaults());

        ServerExitException failure = catchThrowableOfType(ServerExitException.class,
                () -> c.call(new Crash("bad request")));

        assertThat(failure.reason()).isInstanceOf(ExitReason.Crash.class);
        assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("bad request");
        assertThat(c.<Integer>call(new Get())).isZero();
    }

    @Test
    void aWorkerKilledInTheMiddleOfACallLosesOnlyThatCall() throws Exception {
        PeeperRef c = peepers.start(Counter.factory(probe), 0, PeeperOptions.defaults());
        c.cast(new Add(5));
        Pid worker = Peepers.currentWorker(c);
        CountDownLatch entered = new CountDownLatch(1);
        CompletableFuture<Object> blocked = c.callAsync(new Block(entered, new CountDownLatch(1)));
        Peepers.await(entered);
        c.cast(new Add(1));
        CompletableFuture<Object> get = c.callAsync(new Get());

        Proc.exit(worker, ExitReason.kill());

        assertThatThrownBy(() -> Peepers.await(blocked))
                .isInstanceOfSatisfying(ServerExitException.class,
                        e -> assertThat(e.reason()).isEqualTo(ExitReason.killed()));
        assertThat(Peepers.await(get)).isEqualTo(6);
    }

    @Test
    void messagesSentWhileTheWorkerRestartsWaitForIt() throws Exception {
        // a restore that waits for the test: the restarted worker is not serving yet while the test sends
        CountDownLatch restoring = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        probe.onRestore = (kept, lastExit) -> {
            restoring.countDown();
            try {
                Peepers.await(goOn);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return kept;
        };
        PeeperRef c = peepers.start(Counter.factory(probe), 0, PeeperOptions.defaults());
        Peepers.kill(c.worker());
        Peepers.await(restoring);

        c.cast(new Add(1));
        CompletableFuture<Object> get = c.callAsync(new Get());
        goOn.countDown();

        assertThat(Peepers.await(get)).isEqualTo(1);
        assertThat(c.statistics().restarts()).isEqualTo(1);
    }
}
