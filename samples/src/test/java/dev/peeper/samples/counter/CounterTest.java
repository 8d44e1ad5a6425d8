package dev.peeper.samples.counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.durable.PeeperOptions;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.server.ServerExitException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The counter sample through its generated client: the count survives a crash and a kill of the worker. */
class CounterTest {
    private CounterClient counter;

    @AfterEach
    void stop() {
        if (counter != null && counter.ref().isAlive()) {
            counter.stop();
        }
    }

    @Test
    void countsAndKeepsTheCountAcrossCrashes() {
        counter = CounterClient.start(5, PeeperOptions.named("counter-test"));
        counter.add(10);
        assertThat(counter.get()).isEqualTo(15);

        Pid first = counter.worker();
        assertThatThrownBy(counter::crash).isInstanceOf(ServerExitException.class)
                .hasRootCauseInstanceOf(IllegalStateException.class);
        assertThat(counter.get()).isEqualTo(15);
        assertThat(counter.worker()).isNotEqualTo(first);

        Proc.exit(counter.worker(), ExitReason.kill());
        counter.add(1);
        assertThat(CounterClient.named("counter-test").get()).isEqualTo(16);
        assertThat(counter.statistics().restarts()).isEqualTo(2);
        assertThat(counter.statistics().lastCrash()).isEqualTo(ExitReason.killed());
    }
}
