package dev.peeper.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.durable.Counter.Add;
import dev.peeper.durable.Counter.Crash;
import dev.peeper.durable.Counter.FailInit;
import dev.peeper.durable.Counter.Get;
import dev.peeper.durable.Counter.RefuseInit;
import dev.peeper.process.ExitReason;
import dev.peeper.registry.ProcessName;
import dev.peeper.server.ServerExitException;
import dev.peeper.server.StartException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The second row of the design table: {@code init} runs on the first start only; a restarted worker resumes from
 * the kept state, through {@link dev.peeper.server.Dispatcher#restore}, which may see and adjust it. And an init
 * that fails fails the start, clearly, without restarts.
 */
class RestartTest {
    @RegisterExtension
    final Peepers peepers = new Peepers();

    private final Probe probe = new Probe();

    @Test
    void initRunsOnTheFirstStartOnly() throws Exception {
        PeeperRef c = peepers.start(Counter.factory(probe), 10, PeeperOptions.defaults());
        c.cast(new Add(1));

        Peepers.kill(c.worker());
        assertThatThrownBy(() -> c.call(new Crash("boom"))).isInstanceOf(ServerExitException.class);

        assertThat(c.<Integer>call(new Get())).isEqualTo(11);
        assertThat(probe.inits).hasValue(1);
        assertThat(probe.restored).hasSize(2);
    }

    @Test
    void restoreSeesTheKeptStateAndWhyThePreviousWorkerEnded() throws Exception {
        PeeperRef c = peepers.start(Counter.factory(probe), 0, PeeperOptions.defaults());
        c.cast(new Add(4));
        c.call(new Get()); // handled before the kill, so the kept state is 4

        Peepers.kill(c.worker());
        assertThat(c.<Integer>call(new Get())).isEqualTo(4);
        assertThat(Peepers.next(probe.restored)).isEqualTo(new Probe.Restored(4, ExitReason.killed()));

        assertThatThrownBy(() -> c.call(new Crash("boom"))).isInstanceOf(ServerExitException.class);
        assertThat(c.<Integer>call(new Get())).isEqualTo(4);
        Probe.Restored afterException = Peepers.next(probe.restored);
        assertThat(afterException.kept()).isEqualTo(4);
        assertThat(afterException.lastExit().cause()).isInstanceOf(IllegalStateException.class).hasMessage("boom");
    }

    @Test
    void restoreCanAdjustTheStateTheWorkerResumesFrom() throws Exception {
        probe.onRestore = (kept, lastExit) -> lastExit instanceof ExitReason.Killed ? (Integer) kept + 1000 : kept;
        PeeperRef c = peepers.start(Counter.factory(probe), 0, PeeperOptions.defaults());
        c.call(new Add(1));

        Peepers.kill(c.worker());

        assertThat(c.<Integer>call(new Get())).isEqualTo(1001);
        // the adjusted state is the one kept from now on
        assertThatThrownBy(() -> c.call(new Crash("boom"))).isInstanceOf(ServerExitException.class);
        assertThat(c.<Integer>call(new Get())).isEqualTo(1001);
    }

    @Test
    void aRestoreThatThrowsCountsAsAnotherCrashAndTheKeptStateStays() throws Exception {
        AtomicInteger failures = new AtomicInteger();
        probe.onRestore = (kept, lastExit) -> {
            if (failures.getAndIncrement() == 0) {
                throw new IllegalStateException("restore failed once");
            }
            return kept;
        };
        PeeperRef c = peepers.start(Counter.factory(probe), 0, PeeperOptions.defaults());
        c.call(new Add(2));

        Peepers.kill(c.worker());

        assertThat(c.<Integer>call(new Get())).isEqualTo(2);
        assertThat(c.statistics().restarts()).isEqualTo(2);
        assertThat(c.statistics().lastCrash().cause()).hasMessage("restore failed once");
    }

    @Test
    void anInitThatThrowsFailsTheStartClearly() {
        String name = Peepers.uniqueName();

        assertThatThrownBy(() -> Peeper.start(Counter.factory(probe), new FailInit("no config file"),
                PeeperOptions.named(name)))
                .isInstanceOf(StartException.class)
                .hasMessageContaining("no config file")
                .satisfies(e -> assertThat(((StartException) e).reason().cause())
                        .isInstanceOf(IllegalStateException.class).hasMessage("no config file"));

        assertThat(probe.inits).as("a failed init is not retried").hasValue(1);
        assertThat(ProcessName.local(name).whereis()).as("the name is free again").isNull();
        PeeperRef retry = peepers.start(Counter.factory(probe), 3, PeeperOptions.named(name));
        assertThat(PeeperRef.named(name).<Integer>call(new Get())).isEqualTo(3);
        assertThat(retry.pid()).isEqualTo(ProcessName.local(name).whereis());
    }

    @Test
    void anInitThatRefusesFailsTheStartWithItsReason() {
        assertThatThrownBy(() -> Peeper.start(Counter.factory(probe), new RefuseInit(ExitReason.of("not_today")),
                PeeperOptions.defaults()))
                .isInstanceOf(StartException.class)
                .satisfies(e -> assertThat(((StartException) e).reason()).isEqualTo(ExitReason.of("not_today")));
        assertThat(probe.inits).hasValue(1);
        assertThat(probe.terminated).as("OTP runs no terminate for a failed init").isEmpty();
    }

    @Test
    void anInitSlowerThanTheInitTimeoutFailsTheStartAndFreesTheName() {
        String name = Peepers.uniqueName();

        assertThatThrownBy(() -> Peeper.start(Counter.factory(probe), new Counter.HangInit(),
                PeeperOptions.named(name).withInitTimeout(Duration.ofMillis(100))))
                .isInstanceOf(StartException.class)
                .hasMessageContaining("did not finish within PT0.1S");

        assertThat(ProcessName.local(name).whereis()).isNull();
        peepers.start(Counter.factory(probe), 2, PeeperOptions.named(name));
        assertThat(PeeperRef.named(name).<Integer>call(new Get())).isEqualTo(2);
    }

    @Test
    void aTakenNameFailsTheStartWithoutRunningInit() {
        String name = Peepers.uniqueName();
        PeeperRef first = peepers.start(Counter.factory(probe), 1, PeeperOptions.named(name));

        assertThatThrownBy(() -> Peeper.start(Counter.factory(probe), 2, PeeperOptions.named(name)))
                .isInstanceOf(StartException.class)
                .hasMessageContaining(name)
                .satisfies(e -> assertThat(((StartException) e).reason()).isEqualTo(ExitReason.of("already_started")))
                .satisfies(e -> assertThat(((StartException) e).existing()).contains(first.pid()));

        assertThat(probe.inits).hasValue(1);
        assertThat(ProcessName.local(name).whereis()).isEqualTo(first.pid());
        assertThat(PeeperRef.named(name).<Integer>call(new Get())).isEqualTo(1);
    }
}
