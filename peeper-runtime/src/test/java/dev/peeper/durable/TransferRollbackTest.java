package dev.peeper.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.durable.Counter.Add;
import dev.peeper.durable.Counter.Block;
import dev.peeper.durable.Counter.Get;
import dev.peeper.process.Pid;
import dev.peeper.server.CallTimeoutException;
import dev.peeper.server.Sys;
import dev.peeper.supervisor.ChildInfo;
import dev.peeper.supervisor.DynamicSupervisor;
import dev.peeper.supervisor.DynamicSupervisorOptions;
import dev.peeper.supervisor.DynamicSupervisorRef;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A transfer that cannot suspend a busy server rolls back like any other failed step (issue 9, item 3): the
 * caller gets a {@link TransferException} with the timeout as its cause, and the server, once its long callback
 * is over, runs on where it was, not suspended. It used to stay suspended for ever and throw the timeout itself.
 */
class TransferRollbackTest {
    @RegisterExtension
    final Peepers peepers = new Peepers();

    private final Probe probe = new Probe();

    private DynamicSupervisorRef dynamicSupervisor() {
        DynamicSupervisorRef sup = DynamicSupervisor.start(DynamicSupervisorOptions.defaults());
        peepers.track(sup.pid());
        return sup;
    }

    /**
     * Found by the kill storm: the new home's first worker resumes from the moved state but keeps it only once
     * {@code restore} is done; killed before that, its successor resumed from an empty keeper, with {@code null}.
     */
    @Test
    void aNewHomesFirstWorkerKilledBeforeItKeptAnythingLeavesTheMovedStateToItsSuccessor() throws Exception {
        DynamicSupervisorRef home = dynamicSupervisor();
        DynamicSupervisorRef to = dynamicSupervisor();
        String name = Peepers.uniqueName();
        PeeperRef server = PeeperRef.of(home.startChild(Peeper.childSpec("moving", Counter.factory(probe), 0,
                PeeperOptions.named(name))));
        server.call(new Add(5));
        CountDownLatch restoring = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        probe.onRestore = (kept, lastExit) -> {
            if (restoring.getCount() > 0) { // the first restore: the new home's first worker
                restoring.countDown();
                try {
                    release.await(Peepers.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException("killed in restore", e); // the kill's echo: it ends here
                }
            }
            return kept;
        };

        PeeperRef moved = Peeper.transfer(server, home, to);
        Peepers.await(restoring);
        Peepers.kill(moved.worker());
        release.countDown();

        assertThat(moved.<Integer>call(new Get())).isEqualTo(5);
    }

    @Test
    void aServerTooBusyToSuspendKeepsRunningUnsuspendedWhereItWas() throws Exception {
        DynamicSupervisorRef home = dynamicSupervisor();
        DynamicSupervisorRef to = dynamicSupervisor();
        PeeperRef server = PeeperRef.of(home.startChild(Peeper.childSpec("busy", Counter.factory(probe), 0,
                PeeperOptions.defaults())));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> busy = Peepers.onThread(() -> server.call(new Block(entered, release)));
        Peepers.await(entered);

        assertThatThrownBy(() -> Peeper.transfer(server, home, to, Duration.ofMillis(50)))
                .isInstanceOf(TransferException.class)
                .hasMessageContaining("keeps running where it was")
                .hasCauseInstanceOf(CallTimeoutException.class);

        release.countDown();
        assertThat(Peepers.await(busy)).isZero();
        server.cast(new Add(1));
        assertThat(server.<Integer>call(new Get(), Peepers.TIMEOUT)).as("it serves user messages again").isEqualTo(1);
        assertThat(Sys.statistics(server.server()).suspended()).isFalse();
        assertThat(home.whichChildren()).extracting(ChildInfo::pid).containsExactly(server.pid());
        assertThat(to.whichChildren()).isEmpty();
        Pid worker = server.worker();
        Peepers.kill(worker);
        assertThat(Sys.statistics(server.server()).suspended()).as("nor after a restart").isFalse();
    }
}
