package dev.peeper.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A monitor is kept on both sides and leaves both when it fires, is removed, or its watcher ends: a long-lived
 * server watched by many short-lived processes must not keep their monitors for ever. Each check waits for the
 * relevant end first ({@link Proc#whenExited} completes after a process's links and monitors are dealt with).
 */
class MonitorBookkeepingTest {
    @RegisterExtension
    final ProcessCleanup processes = new ProcessCleanup();

    private static int onTarget(Pid pid) {
        return pid.process.monitorCounts()[0];
    }

    private static int heldBy(Pid pid) {
        return pid.process.monitorCounts()[1];
    }

    private static void awaitEnd(Pid pid) throws Exception {
        Proc.whenExited(pid).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aWatcherThatEndsTakesItsMonitorsOffTheTargets() throws Exception {
        Pid server = processes.track(Proc.spawn(Proc::receive));
        for (int i = 0; i < 20; i++) {
            Pid watcher = Proc.spawn(() -> Proc.monitor(server));
            awaitEnd(watcher);
        }

        assertThat(onTarget(server)).isZero();
    }

    @Test
    void aMonitorThatFiresIsForgottenByItsWatcher() throws Exception {
        CompletableFuture<Object> down = new CompletableFuture<>();
        Pid shortLived = Proc.spawn(Proc::receive);
        Pid watcher = processes.track(Proc.spawn(() -> {
            Proc.monitor(shortLived);
            down.complete(Proc.receive());
            Proc.receive();
        }));

        Proc.send(shortLived, "go");
        awaitEnd(shortLived);

        assertThat(down.get(5, TimeUnit.SECONDS)).isInstanceOf(Down.class);
        assertThat(heldBy(watcher)).isZero();
    }

    @Test
    void demonitorClearsBothSides() throws Exception {
        Pid server = processes.track(Proc.spawn(Proc::receive));
        CompletableFuture<int[]> during = new CompletableFuture<>();
        CompletableFuture<int[]> after = new CompletableFuture<>();
        processes.track(Proc.spawn(() -> {
            MonitorRef ref = Proc.monitor(server);
            during.complete(new int[] {onTarget(server), heldBy(Proc.self())});
            Proc.demonitor(ref);
            after.complete(new int[] {onTarget(server), heldBy(Proc.self())});
            Proc.receive();
        }));

        assertThat(during.get(5, TimeUnit.SECONDS)).containsExactly(1, 1);
        assertThat(after.get(5, TimeUnit.SECONDS)).containsExactly(0, 0);
    }

    @Test
    void monitoringAnEndedProcessLeavesNothingBehind() throws Exception {
        Pid gone = Proc.spawn(() -> { });
        awaitEnd(gone);
        CompletableFuture<Object> answer = new CompletableFuture<>();
        Pid watcher = processes.track(Proc.spawn(() -> {
            Proc.monitor(gone);
            answer.complete(Proc.receive());
            Proc.receive();
        }));

        assertThat(answer.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(Down.class,
                down -> assertThat(down.reason()).isEqualTo(ExitReason.noproc()));
        assertThat(heldBy(watcher)).isZero();
    }
}
