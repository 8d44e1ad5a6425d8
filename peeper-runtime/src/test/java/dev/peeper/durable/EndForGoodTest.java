package dev.peeper.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.durable.Counter.Add;
import dev.peeper.durable.Counter.Crash;
import dev.peeper.durable.Counter.Get;
import dev.peeper.durable.KeeperTest.RecordingKeeper;
import dev.peeper.durable.RecordingListener.Terminated;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.registry.NameRegistry;
import dev.peeper.registry.ProcessName;
import dev.peeper.server.ServerExitException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The end of a server that ran: every step runs whatever an earlier one throws (a registry whose member has shut
 * down, say), so the keeper is let go of and the process ends; and a server that gave up tells its keeper the crash
 * that went beyond the restart intensity.
 */
class EndForGoodTest {
    @RegisterExtension
    final Peepers peepers = new Peepers();

    private final Probe probe = new Probe();

    /** Registers like a map; {@code unregister} throws, as a cluster registry whose member has shut down does. */
    static final class UnregisterThrows implements NameRegistry {
        private final NamingTest.MapRegistry names = new NamingTest.MapRegistry();

        @Override
        public boolean register(Object name, Pid pid) {
            return names.register(name, pid);
        }

        @Override
        public void unregister(Object name, Pid pid) {
            throw new IllegalStateException("this registry's member has shut down (on purpose)");
        }

        @Override
        public Pid whereis(Object name) {
            return names.whereis(name);
        }
    }

    @Test
    void aRegistryThatThrowsOnUnregisterStillLetsTheKeeperGoAndTheServerEnd() throws Exception {
        RecordingKeeper keeper = new RecordingKeeper();
        RecordingListener listener = new RecordingListener();
        ProcessName name = ProcessName.via(new UnregisterThrows(), "counter");
        PeeperRef c = peepers.start(Counter.factory(probe), 0, PeeperOptions.defaults().withName(name)
                .withKeeper(n -> keeper).withListener(listener));
        c.cast(new Add(4));
        assertThat(c.<Integer>call(new Get())).isEqualTo(4);

        c.cast(new Counter.StopWith(ExitReason.normal()));

        assertThat(Peepers.awaitExit(c.pid())).isEqualTo(ExitReason.normal());
        assertThat(keeper.releases).as("the keeper let go of").hasValue(1);
        RecordingListener.Event last;
        do {
            last = listener.next();
        } while (!(last instanceof Terminated));
        assertThat(((Terminated) last).lastState()).isEqualTo(4);
    }

    @Test
    void aServerThatGivesUpTellsItsKeeperTheLastCrashInsteadOfReleasingIt() throws Exception {
        CompletableFuture<ExitReason> gaveUp = new CompletableFuture<>();
        RecordingKeeper keeper = new RecordingKeeper() {
            @Override
            public void gaveUp(ExitReason lastCrash) {
                gaveUp.complete(lastCrash);
            }
        };
        PeeperRef c = peepers.start(Counter.factory(probe), 0,
                PeeperOptions.defaults().withKeeper(n -> keeper).withIntensity(0, Duration.ofSeconds(5)));

        assertThatThrownBy(() -> c.call(new Crash("refused"))).isInstanceOf(ServerExitException.class);

        assertThat(Peepers.awaitExit(c.pid())).isEqualTo(PeeperFront.GAVE_UP);
        assertThat(Peepers.await(gaveUp).cause()).hasMessageContaining("refused");
        assertThat(keeper.releases).as("gaveUp instead of release").hasValue(0);
    }
}
