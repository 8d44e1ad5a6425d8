package dev.peeper.durable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.durable.Counter.Add;
import dev.peeper.durable.Counter.Get;
import dev.peeper.process.Pid;
import dev.peeper.server.Sys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Suspension belongs to the Peeper server, not to its worker (issue 9, item 2): a worker that dies while the
 * server is suspended comes back suspended, so nothing queued meanwhile is applied behind the back of whoever
 * suspended it. A transfer copies the state of a suspended server; updates a restarted, unsuspended worker applied
 * after the copy used to vanish with the old server.
 */
class SuspensionSurvivesRestartTest {
    @RegisterExtension
    final Peepers peepers = new Peepers();

    private final Probe probe = new Probe();

    @Test
    void aWorkerRestartedWhileSuspendedStaysSuspendedUntilResumed() throws Exception {
        PeeperRef server = peepers.start(Counter.factory(probe), 0, PeeperOptions.defaults());
        Pid first = Peepers.currentWorker(server);
        Sys.suspend(server.server());

        Peepers.kill(first);
        server.cast(new Add(1));

        assertThat(Sys.statistics(server.server()).suspended()).as("the restarted worker is suspended").isTrue();
        assertThat(Sys.<Integer>getState(server.server())).as("the cast waits").isZero();
        Pid second = server.worker();
        assertThat(second).isNotEqualTo(first);
        Peepers.kill(second); // and again, for a worker that was itself restarted suspended
        assertThat(Sys.statistics(server.server()).suspended()).isTrue();

        Sys.resume(server.server());
        assertThat(server.<Integer>call(new Get())).isEqualTo(1);
        Peepers.kill(server.worker());
        assertThat(Sys.statistics(server.server()).suspended()).as("a resume is kept too").isFalse();
    }
}
