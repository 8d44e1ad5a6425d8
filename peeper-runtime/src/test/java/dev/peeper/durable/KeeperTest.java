package dev.peeper.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.durable.Counter.Add;
import dev.peeper.durable.Counter.Crash;
import dev.peeper.durable.Counter.Get;
import dev.peeper.keeper.Keeper;
import dev.peeper.keeper.KeeperFactory;
import dev.peeper.keeper.Keepers;
import dev.peeper.registry.ProcessName;
import dev.peeper.server.ServerExitException;
import dev.peeper.server.StartException;
import dev.peeper.server.Sys;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The keeper is a strategy ({@link KeeperFactory}): a custom one given with {@link PeeperOptions#withKeeper} is
 * made once per server, handed every completed state before the next message, asked for the state on each
 * restart, and released when the server ends. The contract a replicated keeper will be written against.
 */
class KeeperTest {
    @RegisterExtension
    final Peepers peepers = new Peepers();

    private final Probe probe = new Probe();

    /** Records every call; keeps the state in a field, as the in-memory keeper does. */
    static class RecordingKeeper implements Keeper<Object> {
        final List<Object> kept = new CopyOnWriteArrayList<>();
        final AtomicInteger restores = new AtomicInteger();
        final AtomicInteger releases = new AtomicInteger();
        final AtomicInteger transfers = new AtomicInteger();
        final AtomicInteger startFailures = new AtomicInteger();
        private volatile Object state;

        @Override
        public void keep(Object state) {
            kept.add(state);
            this.state = state;
        }

        @Override
        public Object restore() {
            restores.incrementAndGet();
            return state;
        }

        @Override
        public void release() {
            releases.incrementAndGet();
        }

        @Override
        public void transferred() {
            transfers.incrementAndGet();
        }

        @Override
        public void startFailed() {
            startFailures.incrementAndGet();
        }
    }

    @Test
    void aCustomKeeperIsGivenEveryCompletedStateAndAskedOnRestart() throws Exception {
        RecordingKeeper keeper = new RecordingKeeper();
        List<ProcessName> madeFor = new CopyOnWriteArrayList<>();
        String name = Peepers.uniqueName();
        PeeperRef c = peepers.start(Counter.factory(probe), 0, PeeperOptions.named(name).withKeeper(forName -> {
            madeFor.add(forName);
            return keeper;
        }));

        c.cast(new Add(1));
        c.cast(new Add(2));
        c.call(new Get());
        assertThat(keeper.kept).as("init, two casts, a call").containsExactly(0, 1, 3, 3);
        assertThat(keeper.restores).hasValue(0);

        Sys.getState(c.server());
        assertThat(keeper.kept).as("a system request completes no callback").hasSize(4);

        Peepers.kill(c.worker());
        assertThat(c.<Integer>call(new Get())).isEqualTo(3);
        assertThat(keeper.restores).hasValue(1);
        assertThat(keeper.kept).as("then restore, then the call").containsExactly(0, 1, 3, 3, 3, 3);

        assertThatThrownBy(() -> c.call(new Crash("boom"))).isInstanceOf(ServerExitException.class);
        assertThat(c.<Integer>call(new Get())).isEqualTo(3);
        assertThat(keeper.restores).hasValue(2);

        c.stop();
        assertThat(keeper.releases).hasValue(1);
        assertThat(madeFor).as("one keeper per server, told its name").containsExactly(ProcessName.local(name));
    }

    @Test
    void aServerThatGivesUpReleasesItsKeeperOnce() throws Exception {
        RecordingKeeper keeper = new RecordingKeeper();
        PeeperRef c = peepers.start(Counter.factory(probe), 0,
                PeeperOptions.defaults().withKeeper(n -> keeper).withIntensity(0, Duration.ofSeconds(5)));

        assertThatThrownBy(() -> c.call(new Crash("boom"))).isInstanceOf(ServerExitException.class);

        Peepers.awaitExit(c.pid());
        assertThat(keeper.releases).hasValue(1);
        assertThat(keeper.restores).as("no restart").hasValue(0);
    }

    /**
     * init completed and its state was being kept (a replicated keeper takes the name over there, with a write that
     * cannot be interrupted) when its start timed out: the starter hears the timeout, so the server must end as a
     * start that failed, telling its keeper {@code startFailed}, not as a server that ran and ended for good
     * ({@code release}: a replicated keeper would remove the state it had just taken over, which a failover's next
     * start must resume from).
     */
    @Test
    void aStartThatTimesOutWhileInitsStateIsKeptEndsAsAFailedStart() throws Exception {
        CountDownLatch keeping = new CountDownLatch(1);
        RecordingKeeper keeper = new RecordingKeeper() {
            @Override
            public void keep(Object state) {
                super.keep(state);
                if (kept.size() == 1) {
                    keeping.countDown();
                    try {
                        new CountDownLatch(1).await(Peepers.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException killed) {
                        // the start timed out and its server was killed: the keep completes all the same
                    }
                }
            }
        };

        assertThatThrownBy(() -> peepers.start(Counter.factory(probe), 0, PeeperOptions.named(Peepers.uniqueName())
                .withKeeper(n -> keeper).withInitTimeout(Duration.ofMillis(500))))
                .isInstanceOfSatisfying(StartException.class,
                        e -> assertThat(e.kind()).isEqualTo(StartException.Kind.TIMEOUT));

        assertThat(keeping.await(0, TimeUnit.SECONDS)).as("init completed and its state was being kept").isTrue();
        assertThat(keeper.startFailures).hasValue(1);
        assertThat(keeper.releases).as("not ended as a server that ran").hasValue(0);
    }

    @Test
    void theRestartedWorkerResumesFromWhatTheKeeperRestores() throws Exception {
        // a keeper that restores something else than what it was given: proof that the restart asks it
        RecordingKeeper keeper = new RecordingKeeper() {
            @Override
            public Object restore() {
                super.restore();
                return 1000;
            }
        };
        PeeperRef c = peepers.start(Counter.factory(probe), 0, PeeperOptions.defaults().withKeeper(n -> keeper));
        c.call(new Add(1));

        Peepers.kill(c.worker());

        assertThat(c.<Integer>call(new Get())).isEqualTo(1000);
        assertThat(Peepers.next(probe.restored).kept()).isEqualTo(1000);
    }

    @Test
    void theInMemoryKeeperIsTheDefaultAndKeepsPerServer() throws Exception {
        assertThat(PeeperOptions.defaults().keeper()).isSameAs(Keepers.inMemory());
        Keeper<Object> one = Keepers.inMemory().create(null);
        Keeper<Object> two = Keepers.inMemory().create(null);

        one.keep("a");
        two.keep("b");

        assertThat(one.restore()).isEqualTo("a");
        assertThat(two.restore()).isEqualTo("b");
        one.release();
        assertThat(one.restore()).isNull();
    }
}
