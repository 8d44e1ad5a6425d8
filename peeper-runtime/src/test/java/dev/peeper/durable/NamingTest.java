package dev.peeper.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.durable.Counter.Add;
import dev.peeper.durable.Counter.Get;
import dev.peeper.process.ExitReason;
import dev.peeper.process.NoProcessException;
import dev.peeper.process.Pid;
import dev.peeper.registry.NameRegistry;
import dev.peeper.registry.ProcessName;
import dev.peeper.server.ServerExitException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Names register the server (the process clients talk to, never the worker, so a name survives worker crashes),
 * two names keep two states, stop releases the name, and a call to a name that does not exist fails at once
 * (Peeper 0.3.1 retried for ever and ignored the timeout).
 */
class NamingTest {
    @RegisterExtension
    final Peepers peepers = new Peepers();

    private final Probe probe = new Probe();

    @Test
    void aNameRegistersTheServerAndSurvivesWorkerCrashes() throws Exception {
        String name = Peepers.uniqueName();
        PeeperRef started = peepers.start(Counter.factory(probe), 0, PeeperOptions.named(name));
        PeeperRef byName = PeeperRef.named(name);

        byName.cast(new Add(2));
        assertThat(byName.<Integer>call(new Get())).isEqualTo(2);
        assertThat(ProcessName.local(name).whereis()).isEqualTo(started.pid()).isNotEqualTo(started.worker());

        Peepers.kill(byName.worker());

        assertThat(byName.<Integer>call(new Get())).isEqualTo(2);
        assertThat(byName.pid()).isEqualTo(started.pid());
    }

    @Test
    void twoNamesKeepSeparateStates() throws Exception {
        String a = Peepers.uniqueName();
        String b = Peepers.uniqueName();
        peepers.start(Counter.factory(probe), 0, PeeperOptions.named(a));
        peepers.start(Counter.factory(probe), 100, PeeperOptions.named(b));

        PeeperRef.named(a).cast(new Add(1));
        PeeperRef.named(b).cast(new Add(2));
        Peepers.kill(PeeperRef.named(a).worker());
        Peepers.kill(PeeperRef.named(b).worker());

        assertThat(PeeperRef.named(a).<Integer>call(new Get())).isEqualTo(1);
        assertThat(PeeperRef.named(b).<Integer>call(new Get())).isEqualTo(102);
    }

    @Test
    void untypedCallsCastsAndSendsReachTheServerByName() throws Exception {
        String name = Peepers.uniqueName();
        peepers.start(Counter.factory(probe), 0, PeeperOptions.named(name));
        PeeperRef byName = PeeperRef.named(name);

        byName.cast(new Add(1));
        byName.send(new Counter.Crash("an info that crashes"));
        int got = byName.call(new Get(), Duration.ofSeconds(1));

        assertThat(got).isEqualTo(1);
        assertThat(byName.statistics().restarts()).isEqualTo(1);
        assertThat(Peepers.await(byName.callAsync(new Add(2)))).isEqualTo(3);
    }

    @Test
    void stopReleasesTheName() {
        String name = Peepers.uniqueName();
        PeeperRef c = peepers.start(Counter.factory(probe), 0, PeeperOptions.named(name));

        PeeperRef.named(name).stop();

        assertThat(c.isAlive()).isFalse();
        assertThat(ProcessName.local(name).whereis()).isNull();
        assertThat(PeeperRef.named(name).isAlive()).isFalse();
        PeeperRef again = peepers.start(Counter.factory(probe), 7, PeeperOptions.named(name));
        assertThat(PeeperRef.named(name).<Integer>call(new Get())).isEqualTo(7);
        assertThat(again.pid()).isNotEqualTo(c.pid());
    }

    @Test
    void aCallToANameThatDoesNotExistFailsAtOnce() {
        PeeperRef nobody = PeeperRef.named(Peepers.uniqueName());
        long before = System.nanoTime();

        assertThatThrownBy(() -> nobody.call(new Get(), Duration.ofMinutes(1)))
                .isInstanceOf(NoProcessException.class)
                .hasMessageContaining("no server is registered");

        // "at once": nowhere near the minute it was allowed to wait
        assertThat(System.nanoTime() - before).isLessThan(TimeUnit.SECONDS.toNanos(30));
        assertThatThrownBy(() -> nobody.cast(new Add(1))).isInstanceOf(NoProcessException.class);
    }

    @Test
    void aCallToAServerThatHasEndedFailsAtOnce() {
        PeeperRef c = peepers.start(Counter.factory(probe), 0, PeeperOptions.defaults());
        c.stop();

        assertThatThrownBy(() -> c.call(new Get(), Duration.ofMinutes(1)))
                .isInstanceOfSatisfying(ServerExitException.class,
                        e -> assertThat(e.reason()).isEqualTo(ExitReason.noproc()));
    }

    @Test
    void aNameInAnotherRegistryRegistersTheServerThere() throws Exception {
        MapRegistry registry = new MapRegistry();
        ProcessName name = ProcessName.via(registry, "counter");
        PeeperRef c = peepers.start(Counter.factory(probe), 0, PeeperOptions.defaults().withName(name));

        assertThat(registry.whereis("counter")).isEqualTo(c.pid());
        PeeperRef.named(name).cast(new Add(3));
        Peepers.kill(c.worker());
        assertThat(PeeperRef.named(name).<Integer>call(new Get())).isEqualTo(3);

        c.stop();
        assertThat(registry.whereis("counter")).isNull();
    }

    /** The smallest registry: a map; {@link ProcessName} releases a name when its process ends. */
    static final class MapRegistry implements NameRegistry {
        private final Map<Object, Pid> names = new ConcurrentHashMap<>();

        @Override
        public boolean register(Object name, Pid pid) {
            return names.putIfAbsent(name, pid) == null;
        }

        @Override
        public boolean move(Object name, Pid from, Pid to) {
            return names.replace(name, from, to) || names.putIfAbsent(name, to) == null;
        }

        @Override
        public void unregister(Object name, Pid pid) {
            names.remove(name, pid);
        }

        @Override
        public Pid whereis(Object name) {
            return names.get(name);
        }
    }
}
