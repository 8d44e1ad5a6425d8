package dev.peeper.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.durable.Counter.Add;
import dev.peeper.durable.Counter.Crash;
import dev.peeper.durable.Counter.Get;
import dev.peeper.durable.RecordingListener.Terminated;
import dev.peeper.process.Down;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.registry.ProcessName;
import dev.peeper.server.ServerExitException;
import dev.peeper.process.Proc;
import dev.peeper.supervisor.ChildInfo;
import dev.peeper.supervisor.Shutdown;
import dev.peeper.supervisor.Supervisor;
import dev.peeper.supervisor.SupervisorFlags;
import dev.peeper.supervisor.SupervisorRef;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The "intensity exceeded" and {@code terminate} rows of the design table: over its restart intensity the server
 * stops (its listener hears, its name is freed, its monitors and its parent supervisor are told) and a fresh
 * start works; {@code terminate} runs on stop and when a parent supervisor shuts the server down (Peeper 0.3.1
 * never called it).
 */
class LimitsTest {
    /** What a server that gave up ends with. */
    private static final ExitReason GAVE_UP = ExitReason.of("reached_max_restart_intensity");

    @RegisterExtension
    final Peepers peepers = new Peepers();

    private final Probe probe = new Probe();
    private final RecordingListener listener = new RecordingListener();

    @Test
    void overTheRestartIntensityTheServerStopsAndAFreshStartWorks() throws Exception {
        String name = Peepers.uniqueName();
        PeeperOptions options = PeeperOptions.named(name).withListener(listener)
                .withIntensity(2, Duration.ofMinutes(1));
        PeeperRef c = peepers.start(Counter.factory(probe), 0, options);
        CompletableFuture<Down> down = Peepers.monitor(c.pid());
        c.cast(new Add(5));

        for (int i = 0; i < 3; i++) { // two restarts are allowed, the third crash is one too many
            assertThatThrownBy(() -> c.call(new Crash("again"))).isInstanceOf(ServerExitException.class);
        }

        assertThat(Peepers.await(down).reason()).isEqualTo(GAVE_UP);
        assertThat(c.isAlive()).isFalse();
        assertThat(ProcessName.local(name).whereis()).isNull();
        assertThat(listener.nextChange().newState()).isEqualTo(5);
        Terminated end = listener.nextTermination();
        assertThat(end.reason()).isEqualTo(GAVE_UP);
        assertThat(end.lastState()).isEqualTo(5);

        PeeperRef fresh = peepers.start(Counter.factory(probe), 1, options);
        assertThat(PeeperRef.named(name).<Integer>call(new Get())).as("a new server: init ran again").isEqualTo(1);
        assertThat(fresh.statistics().restarts()).isZero();
        assertThat(probe.inits).hasValue(2);
    }

    @Test
    void maxRestartsZeroGivesUpOnTheFirstCrash() throws Exception {
        PeeperRef c = peepers.start(Counter.factory(probe), 0,
                PeeperOptions.defaults().withIntensity(0, Duration.ofSeconds(5)));

        Peepers.kill(c.worker());

        assertThat(Peepers.awaitExit(c.pid())).isEqualTo(GAVE_UP);
        assertThatThrownBy(() -> c.call(new Get())).isInstanceOf(ServerExitException.class);
    }

    @Test
    void callsQueuedWhenTheServerGivesUpFailWithItsReason() throws Exception {
        PeeperRef c = peepers.start(Counter.factory(probe), 0,
                PeeperOptions.defaults().withIntensity(0, Duration.ofSeconds(5)));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        c.callAsync(new Counter.Block(entered, release));
        Peepers.await(entered); // so that both calls below are queued when the worker crashes
        CompletableFuture<Object> crashing = c.callAsync(new Crash("boom"));
        CompletableFuture<Object> queued = c.callAsync(new Get());
        release.countDown();

        assertThatThrownBy(() -> Peepers.await(crashing)).isInstanceOf(ServerExitException.class);
        assertThatThrownBy(() -> Peepers.await(queued))
                .isInstanceOfSatisfying(ServerExitException.class, e -> assertThat(e.reason()).isEqualTo(GAVE_UP));
    }

    @Test
    void theParentSupervisorIsToldWhenTheServerGivesUp() throws Exception {
        String name = Peepers.uniqueName();
        SupervisorRef sup = Supervisor.start(SupervisorFlags.oneForOne().withIntensity(5, Duration.ofMinutes(1)),
                List.of(Peeper.childSpec("counter", Counter.factory(probe), 10,
                        PeeperOptions.named(name).withIntensity(1, Duration.ofMinutes(1)))));
        peepers.track(sup.pid());
        assertThat(Peepers.next(probe.initArguments)).isEqualTo(10);
        Pid first = PeeperRef.named(name).pid();
        PeeperRef.named(name).cast(new Add(1));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> PeeperRef.named(name).call(new Crash("again")))
                    .isInstanceOf(ServerExitException.class);
        }

        // the supervisor restarts its permanent child: a new server, from init (the state is lost, as documented)
        assertThat(Peepers.next(probe.initArguments)).isEqualTo(10);
        assertThat(Peepers.awaitExit(first)).isEqualTo(GAVE_UP);
        Pid second = PeeperRef.named(name).pid();
        assertThat(second).isNotEqualTo(first);
        assertThat(sup.whichChildren()).extracting(ChildInfo::pid).containsExactly(second);
        assertThat(PeeperRef.named(name).<Integer>call(new Get())).isEqualTo(10);
    }

    @Test
    void terminateRunsOnStop() throws Exception {
        PeeperRef c = peepers.start(Counter.factory(probe), 0, PeeperOptions.defaults());
        c.cast(new Add(3));
        c.call(new Get()); // a stop is a system message: it would be served before a cast still queued

        c.stop();

        assertThat(Peepers.next(probe.terminated)).isEqualTo(new Probe.Terminated(ExitReason.normal(), 3));
        assertThat(c.isAlive()).isFalse();
    }

    @Test
    void terminateRunsWhenTheParentSupervisorShutsTheServerDown() throws Exception {
        String name = Peepers.uniqueName();
        SupervisorRef sup = Supervisor.start(SupervisorFlags.oneForOne(),
                List.of(Peeper.childSpec("counter", Counter.factory(probe), 0,
                        PeeperOptions.named(name).withListener(listener))));
        peepers.track(sup.pid());
        Pid server = PeeperRef.named(name).pid();
        PeeperRef.named(name).cast(new Add(4));
        assertThat(PeeperRef.named(name).<Integer>call(new Get())).isEqualTo(4);

        sup.terminateChild("counter");

        assertThat(Peepers.next(probe.terminated)).isEqualTo(new Probe.Terminated(ExitReason.shutdown(), 4));
        assertThat(Peepers.awaitExit(server)).isEqualTo(ExitReason.shutdown());
        assertThat(ProcessName.local(name).whereis()).isNull();
        assertThat(listener.nextChange().newState()).isEqualTo(4);
        Terminated end = listener.nextTermination();
        assertThat(end.reason()).isEqualTo(ExitReason.shutdown());
        assertThat(end.lastState()).isEqualTo(4);
    }

    @Test
    void aKilledServerTakesItsWorkerWithItAndItsListenerHears() throws Exception {
        PeeperRef c = peepers.start(Counter.factory(probe), 0, PeeperOptions.defaults().withListener(listener));
        c.call(new Add(2));
        Pid worker = c.worker();

        Peepers.kill(c.pid());

        assertThat(Peepers.awaitExit(worker)).isEqualTo(ExitReason.killed());
        assertThat(listener.nextChange().newState()).isEqualTo(2);
        Terminated end = listener.nextTermination();
        assertThat(end.reason()).isEqualTo(ExitReason.killed());
        assertThat(end.lastState()).isEqualTo(2);
        assertThat(probe.terminated).as("a kill runs no terminate, as in OTP").isEmpty();
    }

    @Test
    void aSupervisorThatBrutallyKillsTheServerEndsItsWorkerToo() throws Exception {
        SupervisorRef sup = Supervisor.start(SupervisorFlags.oneForOne(),
                List.of(Peeper.childSpec("counter", Counter.factory(probe), 0,
                        PeeperOptions.defaults().withListener(listener)).withShutdown(Shutdown.brutalKill())));
        peepers.track(sup.pid());
        PeeperRef c = PeeperRef.of(sup.whichChildren().getFirst().pid());
        Pid worker = Peepers.currentWorker(c);

        sup.terminateChild("counter");

        assertThat(Proc.isAlive(worker)).as("the supervisor waited for the server, the server for its worker")
                .isFalse();
        assertThat(listener.nextTermination().reason()).isEqualTo(ExitReason.killed());
    }

    @Test
    void aTerminateSlowerThanTheShutdownTimeoutIsKilled() throws Exception {
        probe.terminateGate = new CountDownLatch(1); // never opened: terminate would wait for ever
        SupervisorRef sup = Supervisor.start(SupervisorFlags.oneForOne(),
                List.of(Peeper.childSpec("counter", Counter.factory(probe), 0, PeeperOptions.defaults())
                        .withShutdown(Shutdown.timeout(Duration.ofMillis(100)))));
        peepers.track(sup.pid());
        PeeperRef c = PeeperRef.of(sup.whichChildren().getFirst().pid());
        c.call(new Add(1));
        Pid worker = Peepers.currentWorker(c);

        sup.terminateChild("counter");

        assertThat(Peepers.next(probe.terminated)).as("terminate was called")
                .isEqualTo(new Probe.Terminated(ExitReason.shutdown(), 1));
        assertThat(Proc.isAlive(worker)).as("and cut short by the kill that followed the timeout").isFalse();
        assertThat(Peepers.awaitExit(c.pid())).isEqualTo(ExitReason.killed());
    }

    @Test
    void terminateRunsWhenTheWholeSupervisorStops() throws Exception {
        SupervisorRef sup = Supervisor.start(SupervisorFlags.oneForOne(),
                List.of(Peeper.childSpec("counter", Counter.factory(probe), 0, PeeperOptions.defaults())));
        peepers.track(sup.pid());
        Pid server = sup.whichChildren().getFirst().pid();
        PeeperRef.of(server).cast(new Add(2));
        PeeperRef.of(server).call(new Get());

        sup.stop();

        assertThat(Peepers.next(probe.terminated)).isEqualTo(new Probe.Terminated(ExitReason.shutdown(), 2));
        assertThat(Peepers.awaitExit(server)).isEqualTo(ExitReason.shutdown());
    }
}
