package dev.peeper.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.durable.Counter.Add;
import dev.peeper.durable.Counter.FailInit;
import dev.peeper.durable.Counter.Get;
import dev.peeper.durable.KeeperTest.RecordingKeeper;
import dev.peeper.durable.RecordingListener.Terminated;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.process.internal.Host;
import dev.peeper.server.StartException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Peeper server has no thread of its own ({@link Host}): its worker's end restarts the next worker, and an exit
 * signal to the server is passed on to its worker. These are the moments in between: a signal while the next
 * worker is being prepared, an implementation factory that throws, a start that fails before any worker ran.
 */
class BetweenWorkersTest {
    @RegisterExtension
    final Peepers peepers = new Peepers();

    private final Probe probe = new Probe();

    /** A counter factory whose {@code n}th call (from 1) waits for {@code release} after opening {@code entered}. */
    private Supplier<Counter> blockingOnCall(int n, CountDownLatch entered, CountDownLatch release) {
        AtomicInteger calls = new AtomicInteger();
        return () -> {
            if (calls.incrementAndGet() == n) {
                entered.countDown();
                try {
                    Peepers.await(release);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new Counter(probe);
        };
    }

    @Test
    void aPeeperServerIsAHostWithoutAThreadOfItsOwn() {
        PeeperRef c = peepers.start(Counter.factory(probe), 0, PeeperOptions.defaults());

        assertThat(Host.of(c.pid())).isNotNull();
        assertThat(Host.of(c.worker())).as("the worker is an ordinary process").isNull();
    }

    @Test
    void anExitSignalWhileTheNextWorkerIsPreparedEndsTheServerWithIt() throws Exception {
        CountDownLatch preparing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingListener listener = new RecordingListener();
        PeeperRef c = peepers.start(blockingOnCall(2, preparing, release), 0,
                PeeperOptions.defaults().withListener(listener));
        c.cast(new Add(3));
        c.call(new Get());
        Pid first = c.worker();

        Proc.exit(first, ExitReason.kill());
        Peepers.await(preparing); // the dying worker's thread is building the next worker now
        assertThat(c.worker()).as("no worker to pass the signal to").isNull();
        Proc.exit(c.pid(), ExitReason.shutdown("maintenance"));
        release.countDown();

        assertThat(Peepers.awaitExit(c.pid())).isEqualTo(ExitReason.shutdown("maintenance"));
        assertThat(probe.restored).as("no worker was started after the signal").isEmpty();
        assertThat(listener.nextChange().newState()).isEqualTo(3);
        Terminated terminated = listener.nextTermination();
        assertThat(terminated.reason()).isEqualTo(ExitReason.shutdown("maintenance"));
        assertThat(terminated.lastState()).isEqualTo(3);
    }

    @Test
    void aFactoryThatThrowsOnARestartStopsTheServerWithThatCrash() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        IllegalStateException broken = new IllegalStateException("no more counters (thrown on purpose by a test)");
        RecordingKeeper keeper = new RecordingKeeper();
        RecordingListener listener = new RecordingListener();
        PeeperRef c = peepers.start(() -> {
            if (calls.incrementAndGet() > 1) {
                throw broken;
            }
            return new Counter(probe);
        }, 0, PeeperOptions.defaults().withListener(listener).withKeeper(name -> keeper));
        c.cast(new Add(2));
        c.call(new Get());

        Proc.exit(c.worker(), ExitReason.kill());

        assertThat(Peepers.awaitExit(c.pid())).isEqualTo(ExitReason.crash(broken));
        assertThat(listener.nextChange().newState()).isEqualTo(2);
        assertThat(listener.nextTermination().lastState()).isEqualTo(2);
        assertThat(keeper.releases).hasValue(1);
    }

    @Test
    void aFactoryThatThrowsAtTheStartFailsItClearlyAndLeavesNothingBehind() {
        String name = Peepers.uniqueName();
        RecordingKeeper keeper = new RecordingKeeper();
        IllegalStateException broken = new IllegalStateException("no counter today (thrown on purpose by a test)");

        assertThatThrownBy(() -> Peeper.start(() -> {
            throw broken;
        }, 0, PeeperOptions.named(name).withKeeper(n -> keeper)))
                .isInstanceOfSatisfying(StartException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ExitReason.crash(broken));
                    assertThat(e).hasMessageContaining("implementation factory").hasMessageContaining("no counter");
                });
        assertThat(keeper.startFailures).as("let go as a start that failed").hasValue(1);
        assertThat(keeper.releases).hasValue(0);
        // the name is free at once: a second start under it works
        assertThat(peepers.start(Counter.factory(probe), 1, PeeperOptions.named(name)).<Integer>call(new Get()))
                .isEqualTo(1);
    }

    @Test
    void aFailedInitLetsGoOfTheKeeperAndTellsTheListenerNothing() throws Exception {
        RecordingKeeper keeper = new RecordingKeeper();
        RecordingListener listener = new RecordingListener();

        assertThatThrownBy(() -> peepers.start(Counter.factory(probe), new FailInit("no"),
                PeeperOptions.defaults().withKeeper(n -> keeper).withListener(listener)))
                .isInstanceOf(StartException.class);

        assertThat(keeper.startFailures).as("let go as a start that failed").hasValue(1);
        assertThat(keeper.releases).hasValue(0);
        assertThat(listener.events).as("it never ran: no onTerminate").isEmpty();
    }

    @Test
    void aKilledServerNeverStartsAnotherWorker() throws Exception {
        PeeperRef c = peepers.start(Counter.factory(probe), 0, PeeperOptions.defaults());
        Pid worker = c.worker();

        Proc.exit(c.pid(), ExitReason.kill());

        assertThat(Peepers.awaitExit(c.pid())).isEqualTo(ExitReason.killed());
        assertThat(Peepers.awaitExit(worker)).isEqualTo(ExitReason.killed());
        assertThat(probe.restored).as("no restart").isEmpty();
        assertThatThrownBy(() -> Host.spawnDelegate(c.pid(), () -> { }))
                .isInstanceOf(dev.peeper.process.NoProcessException.class);
    }
}
