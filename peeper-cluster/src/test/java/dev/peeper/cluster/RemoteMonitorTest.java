package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static dev.peeper.cluster.TestCluster.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.cluster.transport.WireReasons;
import dev.peeper.process.Down;
import dev.peeper.process.ExitReason;
import dev.peeper.process.ExitSignal;
import dev.peeper.process.MonitorRef;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Monitors and links between processes of different members: a {@code Down} (or exit signal) when the process
 * ends, {@code noconnection} when its member leaves.
 */
class RemoteMonitorTest {
    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    /** A process that ends with the reason it is sent. */
    private static Pid endsWhenTold(PeeperCluster member) {
        return member.callAs(() -> Proc.spawn(() -> {
            Object reason = Proc.receive();
            Proc.exit(ExitReason.of(reason));
        }));
    }

    /** A process of {@code member} that monitors {@code target}, then reports the first message it receives. */
    private static CompletableFuture<Object> watch(PeeperCluster member, Pid target, CompletableFuture<MonitorRef> ref) {
        CompletableFuture<Object> first = new CompletableFuture<>();
        member.runAs(() -> Proc.spawn(() -> {
            ref.complete(Proc.monitor(target));
            first.complete(Proc.receive(TIMEOUT));
        }));
        return first;
    }

    @Test
    void aDownArrivesWhenTheRemoteProcessEnds() throws Exception {
        List<PeeperCluster> members = cluster.start(2);
        Pid target = endsWhenTold(members.get(1));
        CompletableFuture<MonitorRef> ref = new CompletableFuture<>();
        CompletableFuture<Object> first = watch(members.get(0), target, ref);
        await(ref);
        // the Watch has gone out before the end is asked for, on the same member's topic: it is in place by then
        members.get(0).runAs(() -> Proc.send(target, "bye"));

        Object message = await(first);

        assertThat(message).isInstanceOfSatisfying(Down.class, down -> {
            assertThat(down.ref()).isSameAs(ref.join());
            assertThat(down.pid()).isEqualTo(target);
            assertThat(down.reason()).isEqualTo(ExitReason.of("bye"));
        });
    }

    /** An exception that Java serialization cannot write: it holds a thread. */
    static final class Unsendable extends RuntimeException {
        private final Object holds = Thread.currentThread();

        Unsendable(String message) {
            super(message);
        }

        @Override
        public String toString() {
            return super.toString() + " holding " + holds;
        }
    }

    @Test
    void aCrashWhoseExceptionCannotTravelArrivesAsItsStandIn() throws Exception {
        List<PeeperCluster> members = cluster.start(2);
        Pid target = members.get(1).callAs(() -> Proc.spawn(() -> {
            Proc.receive();
            throw new Unsendable("cannot travel");
        }));
        CompletableFuture<MonitorRef> ref = new CompletableFuture<>();
        CompletableFuture<Object> first = watch(members.get(0), target, ref);
        await(ref);

        members.get(0).runAs(() -> Proc.send(target, "crash")); // after the Watch, on the same topic

        assertThat(await(first)).isInstanceOfSatisfying(Down.class, down -> assertThat(down.reason().cause())
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining(Unsendable.class.getName()).hasMessageContaining("cannot travel"));
    }

    @Test
    void monitoringAnEndedRemoteProcessGivesNoproc() throws Exception {
        List<PeeperCluster> members = cluster.start(2);
        Pid target = endsWhenTold(members.get(1));
        Proc.send(target, "done"); // from here: the test thread runs as member 0, the JVM's first
        members.get(1).runAs(() -> awaitExit(target));

        Object message = await(watch(members.get(0), target, new CompletableFuture<>()));

        assertThat(message).isInstanceOfSatisfying(Down.class,
                down -> assertThat(down.reason()).isEqualTo(ExitReason.noproc()));
    }

    @Test
    void aDemonitoredRemoteMonitorNeverFires() throws Exception {
        List<PeeperCluster> members = cluster.start(2);
        Pid first = endsWhenTold(members.get(1));
        Pid second = endsWhenTold(members.get(1));
        CompletableFuture<List<Object>> seen = new CompletableFuture<>();
        members.get(0).runAs(() -> Proc.spawn(() -> {
            MonitorRef dropped = Proc.monitor(first);
            boolean removed = Proc.demonitor(dropped);
            MonitorRef kept = Proc.monitor(second);
            Proc.send(first, "one");
            Proc.send(second, "two");
            // both ends are reported from member 1 in order: the first Down would come before the second
            seen.complete(List.of(removed, Proc.receive(TIMEOUT), kept));
        }));

        List<Object> result = await(seen);

        assertThat(result.get(0)).isEqualTo(true);
        assertThat(result.get(1)).isInstanceOfSatisfying(Down.class, down -> {
            assertThat(down.ref()).isSameAs(result.get(2));
            assertThat(down.reason()).isEqualTo(ExitReason.of("two"));
        });
    }

    @Test
    void aWatcherThatEndsTakesItsRemoteMonitorsOffBothMembers() throws Exception {
        List<PeeperCluster> members = cluster.start(2);
        Pid target = endsWhenTold(members.get(1));
        CompletableFuture<Void> watching = new CompletableFuture<>();
        Pid watcher = members.get(0).callAs(() -> Proc.spawn(() -> {
            Proc.monitor(target);
            Proc.monitor(target);
            watching.complete(null);
            Proc.receive();
        }));
        await(watching);
        TestCluster.await(() -> members.get(1).transport().monitorCounts()[1] == 2, "both monitors on member 1");

        members.get(0).runAs(() -> Proc.send(watcher, "stop"));

        TestCluster.await(() -> members.get(0).transport().monitorCounts()[0] == 0, "the watcher's side cleared");
        TestCluster.await(() -> members.get(1).transport().monitorCounts()[1] == 0, "the target's side cleared");
        assertThat(members.get(1).callAs(() -> Proc.isAlive(target))).isTrue();
    }

    @Test
    void noconnectionArrivesWhenTheWatchedProcesssMemberDies() throws Exception {
        List<PeeperCluster> members = cluster.start(3);
        Pid target = endsWhenTold(members.get(2));
        CompletableFuture<MonitorRef> ref = new CompletableFuture<>();
        CompletableFuture<Object> first = watch(members.get(0), target, ref);
        CompletableFuture<ExitReason> exit = members.get(1).callAs(() -> Proc.whenExited(target));
        await(ref);

        TestCluster.terminate(members.get(2));

        assertThat(await(first)).isInstanceOfSatisfying(Down.class, down -> {
            assertThat(down.pid()).isEqualTo(target);
            assertThat(down.reason()).isEqualTo(WireReasons.NOCONNECTION);
        });
        assertThat(await(exit)).isEqualTo(WireReasons.NOCONNECTION);
    }

    @Test
    void aLinkCarriesTheRemoteExitAndNoconnection() throws Exception {
        List<PeeperCluster> members = cluster.start(3);
        Pid crasher = endsWhenTold(members.get(1));
        Pid bystander = endsWhenTold(members.get(2));
        BlockingQueue<Object> signals = new LinkedBlockingQueue<>();
        CompletableFuture<Void> linked = new CompletableFuture<>();
        members.get(0).runAs(() -> Proc.spawn(() -> {
            Proc.trapExit(true);
            Proc.link(crasher);
            Proc.link(bystander);
            linked.complete(null);
            while (true) {
                signals.add(Proc.receive());
            }
        }));
        await(linked);

        members.get(0).runAs(() -> Proc.send(crasher, new IllegalStateException("crash")));
        assertThat(signals.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOfSatisfying(ExitSignal.class,
                signal -> {
                    assertThat(signal.from()).isEqualTo(crasher);
                    assertThat(signal.reason().cause()).isInstanceOf(IllegalStateException.class).hasMessage("crash");
                });

        TestCluster.terminate(members.get(2));
        assertThat(signals.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOfSatisfying(ExitSignal.class,
                signal -> {
                    assertThat(signal.from()).isEqualTo(bystander);
                    assertThat(signal.reason()).isEqualTo(WireReasons.NOCONNECTION);
                });
    }

    @Test
    void aRemoteProcessLinkedToAnEndingLocalOneGetsItsExitSignal() throws Exception {
        List<PeeperCluster> members = cluster.start(2);
        CompletableFuture<Object> signal = new CompletableFuture<>();
        Pid watcher = members.get(1).callAs(() -> Proc.spawn(() -> {
            Proc.trapExit(true);
            signal.complete(Proc.receive(TIMEOUT));
        }));
        CompletableFuture<Void> linked = new CompletableFuture<>();
        Pid ending = members.get(0).callAs(() -> Proc.spawn(() -> {
            Proc.link(watcher);
            linked.complete(null);
            Proc.receive();
            Proc.exit(ExitReason.shutdown("done"));
        }));
        await(linked);
        members.get(0).runAs(() -> Proc.send(ending, "go"));

        assertThat(await(signal)).isInstanceOfSatisfying(ExitSignal.class, exit -> {
            assertThat(exit.from()).isEqualTo(ending);
            assertThat(exit.reason()).isEqualTo(ExitReason.shutdown("done"));
        });
    }

    private static void awaitExit(Pid pid) {
        try {
            Proc.awaitExit(pid, TIMEOUT);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
