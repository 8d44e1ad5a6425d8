package dev.peeper.durable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.durable.Counter.Add;
import dev.peeper.durable.Counter.Get;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.process.StressBudget;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Once {@code awaitExit(worker)} returns, the Peeper server's ref shows the next worker, however late in the old
 * worker's end it was asked: its exit completes only after the host has restarted it. It used to complete at once
 * when asked while the worker was ending, before the restart. Longer with {@code -Dpeeper.stress.seconds=N}.
 */
class WorkerReplacedStressTest {
    @RegisterExtension
    final Peepers peepers = new Peepers();

    @Test
    void theRefShowsTheNextWorkerOnceTheOldOnesEndIsAwaited() throws Exception {
        PeeperRef ref = peepers.start(Counter.factory(new Probe()), 0,
                PeeperOptions.defaults().withIntensity(1_000_000, Duration.ofSeconds(1)));
        StressBudget budget = StressBudget.start();
        while (budget.more()) {
            Pid worker = ref.worker();
            Proc.exit(worker, ExitReason.kill());
            while (Proc.isAlive(worker)) {
                Thread.onSpinWait();
            }

            assertThat(Proc.awaitExit(worker, Peepers.TIMEOUT)).isEqualTo(ExitReason.killed());

            assertThat(ref.worker()).as("round %d", budget.rounds()).isNotEqualTo(worker);
        }
        ref.cast(new Add(1));
        assertThat(ref.<Integer>call(new Get())).isEqualTo(1);
    }
}
