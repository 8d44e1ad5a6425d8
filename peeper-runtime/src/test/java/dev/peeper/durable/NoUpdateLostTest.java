package dev.peeper.durable;

import static dev.peeper.durable.Peepers.currentWorker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.durable.Counter.Add;
import dev.peeper.durable.Counter.Crash;
import dev.peeper.durable.Counter.Get;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The first row of the design table: the state returned by every callback that completed is kept before the next
 * message is taken, so no completed update is ever lost, however quickly a crash follows it. (Peeper 0.3.1 kept
 * state with an asynchronous cast and lost 84 of 1000 updates this way.)
 */
class NoUpdateLostTest {
    @RegisterExtension
    final Peepers peepers = new Peepers();

    private final Probe probe = new Probe();

    /** A counter allowed {@code restarts} restarts a minute: these tests crash it on purpose, many times. */
    private PeeperRef counter(int restarts) {
        return peepers.start(Counter.factory(probe), 0,
                PeeperOptions.defaults().withIntensity(restarts, Duration.ofMinutes(1)));
    }

    @Test
    void aCastFollowedAtOnceByACrashIsNeverLost() {
        int rounds = 200;
        PeeperRef c = counter(rounds);

        for (int i = 0; i < rounds; i++) {
            c.cast(new Add(1));
            c.cast(new Crash("right after an update"));
        }

        assertThat(c.<Integer>call(new Get())).isEqualTo(rounds);
        assertThat(c.statistics().restarts()).isEqualTo(rounds);
        assertThat(probe.inits).hasValue(1);
    }

    @Test
    void fiftyRoundsOfCastThenKillEndWithTheRightCount() throws Exception {
        int rounds = 50;
        PeeperRef c = counter(rounds);

        for (int i = 0; i < rounds; i++) {
            Pid worker = currentWorker(c);
            c.cast(new Add(1));
            Proc.exit(worker, ExitReason.kill()); // at once: the cast may not even be taken yet
            Peepers.awaitExit(worker);
        }

        assertThat(c.<Integer>call(new Get())).isEqualTo(rounds);
        assertThat(c.statistics().restarts()).isEqualTo(rounds);
    }

    @Test
    void fiveRapidCrashesInARow() {
        PeeperRef c = counter(10);
        c.cast(new Add(3));

        for (int i = 0; i < 5; i++) {
            c.cast(new Crash("rapid " + i));
        }

        assertThat(c.<Integer>call(new Get())).isEqualTo(3);
        assertThat(c.statistics().restarts()).isEqualTo(5);
        assertThat(c.isAlive()).isTrue();
    }

    @Test
    void twentyConcurrentClientsTimesFiveCastsThenACrashCountsAHundred() throws Exception {
        PeeperRef c = counter(3);
        int clients = 20;
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            done.add(Peepers.onThread(() -> {
                Peepers.await(go); // all at once, to make them race
                for (int k = 0; k < 5; k++) {
                    c.cast(new Add(1));
                }
                return null;
            }));
        }
        go.countDown();
        for (CompletableFuture<Void> client : done) {
            Peepers.await(client);
        }

        Peepers.kill(c.worker());

        assertThat(c.<Integer>call(new Get())).isEqualTo(clients * 5);
        assertThat(c.statistics().restarts()).isEqualTo(1);
    }

    @Test
    void aCallIsKeptBeforeItsCallerHearsTheReply() throws Exception {
        PeeperRef c = counter(3);

        int replied = c.call(new Add(9));
        Peepers.kill(c.worker()); // straight after the reply

        assertThat(c.<Integer>call(new Get())).isEqualTo(replied);
    }
}
