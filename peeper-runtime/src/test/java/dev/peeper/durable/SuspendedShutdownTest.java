package dev.peeper.durable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.server.Dispatcher;
import dev.peeper.server.From;
import dev.peeper.server.GenServers;
import dev.peeper.server.Next;
import dev.peeper.server.Reply;
import dev.peeper.server.Result;
import dev.peeper.server.ServerRef;
import dev.peeper.server.StartOptions;
import dev.peeper.server.Sys;
import dev.peeper.supervisor.ChildInfo;
import dev.peeper.supervisor.ChildSpec;
import dev.peeper.supervisor.Shutdown;
import dev.peeper.supervisor.Supervisor;
import dev.peeper.supervisor.SupervisorFlags;
import dev.peeper.supervisor.SupervisorRef;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A suspended server obeys its supervisor's shutdown (issue 9, item 10), plain and Peeper alike: {@code terminate}
 * runs with the shutdown reason and the supervisor carries on, even with an infinite shutdown. It used to serve
 * only system messages, leave the supervisor's exit signal queued behind them, and hang such a supervisor.
 */
class SuspendedShutdownTest {
    @RegisterExtension
    final Peepers peepers = new Peepers();

    /** A plain server that traps exits (so its supervisor's shutdown runs terminate) and reports terminate. */
    static final class Trapping implements Dispatcher<Integer> {
        final BlockingQueue<ExitReason> terminated;

        Trapping(BlockingQueue<ExitReason> terminated) {
            this.terminated = terminated;
        }

        @Override
        public Result<Integer> init(Object argument) {
            Proc.trapExit(true);
            return Next.of(0);
        }

        @Override
        public Result<Integer> handleCall(Object request, From<Object> from, Integer n) {
            return Reply.of(n, n);
        }

        @Override
        public Result<Integer> handleCast(Object request, Integer n) {
            return Next.of(n + 1);
        }

        @Override
        public void terminate(ExitReason reason, Integer n) {
            terminated.add(reason);
        }
    }

    private SupervisorRef supervising(ChildSpec child) {
        SupervisorRef sup = Supervisor.start(SupervisorFlags.oneForOne(), List.of(child));
        peepers.track(sup.pid());
        return sup;
    }

    private static Pid onlyChild(SupervisorRef sup) {
        return sup.whichChildren().stream().map(ChildInfo::pid).findFirst().orElseThrow();
    }

    @Test
    void aSuspendedPlainServerRunsTerminateOnItsSupervisorsShutdown() throws Exception {
        BlockingQueue<ExitReason> terminated = new LinkedBlockingQueue<>();
        SupervisorRef sup = supervising(ChildSpec.worker("plain",
                () -> GenServers.startLink(new Trapping(terminated), null, StartOptions.defaults()).pid())
                .withShutdown(Shutdown.infinity()));
        ServerRef child = ServerRef.of(onlyChild(sup));
        Sys.suspend(child);
        child.cast("queued while suspended");

        Peepers.await(Peepers.onThread(() -> {
            sup.terminateChild("plain");
            return null;
        }));

        assertThat(Peepers.next(terminated)).isEqualTo(ExitReason.shutdown());
        assertThat(child.isAlive()).isFalse();
    }

    @Test
    void aSuspendedPeeperServerRunsTerminateOnItsSupervisorsShutdown() throws Exception {
        Probe probe = new Probe();
        SupervisorRef sup = supervising(Peeper.childSpec("peeper", Counter.factory(probe), 7,
                PeeperOptions.defaults()).withShutdown(Shutdown.infinity()));
        PeeperRef child = PeeperRef.of(onlyChild(sup));
        Sys.suspend(child.server());
        Peepers.kill(child.worker()); // and a restarted, still suspended, worker obeys as well
        child.cast(new Counter.Add(1));

        Peepers.await(Peepers.onThread(() -> {
            sup.terminateChild("peeper");
            return null;
        }));

        assertThat(Peepers.next(probe.terminated)).isEqualTo(new Probe.Terminated(ExitReason.shutdown(), 7));
        assertThat(child.isAlive()).isFalse();
    }
}
