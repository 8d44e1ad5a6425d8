package dev.peeper.process;

import static dev.peeper.process.Inbox.awaitExit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.process.internal.Host;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Hosts: processes without a thread, whose delegates do their work and whose signals go to a callback. */
class HostTest {
    @RegisterExtension
    final ProcessCleanup processes = new ProcessCleanup();

    /** Records what it is told, and can be told to end the host when its delegate ends. */
    private static final class RecordingHost implements Host {
        final Inbox seen = new Inbox();
        volatile Pid self;
        volatile boolean endWithDelegate;

        @Override
        public void exitSignalled(ExitReason reason) {
            seen.add(new Signalled(reason, Proc.isProcess() ? Proc.self() : null));
            if (reason instanceof ExitReason.Killed) {
                Host.end(self, reason); // what a host with no delegate does with a kill (and the clean-up sends one)
            }
        }

        @Override
        public void delegateEnded(Pid delegate, ExitReason reason) {
            seen.add(new DelegateEnded(delegate, reason, Proc.self(), Proc.isAlive(delegate)));
            if (endWithDelegate) {
                Host.end(self, reason);
            }
        }
    }

    private record Signalled(ExitReason reason, Pid on) {
    }

    private record DelegateEnded(Pid delegate, ExitReason reason, Pid on, boolean delegateAlive) {
    }

    private RecordingHost spawnHost() {
        RecordingHost host = new RecordingHost();
        host.self = processes.track(Host.spawn(host, SpawnOptions.defaults()));
        return host;
    }

    @Test
    void aHostIsAliveAndQueuesMessagesUntilADelegateReadsThem() throws Exception {
        RecordingHost host = spawnHost();
        Proc.send(host.self, "first");
        Proc.send(host.self, "second");

        assertThat(Proc.isAlive(host.self)).isTrue();
        assertThat(Proc.mailboxLength(host.self)).isEqualTo(2);

        Inbox read = new Inbox();
        Pid delegate = Host.spawnDelegate(host.self, () -> {
            read.add(Proc.receive());
            read.add(Proc.receive());
            read.add(Proc.self());
            read.add(Proc.parent());
        });
        assertThat(read.next()).isEqualTo("first");
        assertThat(read.next()).isEqualTo("second");
        assertThat(read.next()).isEqualTo(delegate);
        assertThat(read.next()).as("a delegate's parent is its host").isEqualTo(host.self);
    }

    @Test
    void theHostHearsItsDelegateEndOnTheDelegatesThreadBeforeItsMonitorsDo() throws Exception {
        RecordingHost host = spawnHost();
        CountDownLatch release = new CountDownLatch(1);
        Pid delegate = Host.spawnDelegate(host.self, release::await);
        CompletableFuture<ExitReason> exited = Proc.whenExited(delegate);

        release.countDown();

        DelegateEnded ended = host.seen.next(DelegateEnded.class);
        assertThat(ended).isEqualTo(new DelegateEnded(delegate, ExitReason.normal(), delegate, false));
        assertThat(exited.get(Inbox.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)).isEqualTo(ExitReason.normal());
        assertThat(Proc.isAlive(host.self)).as("a host outlives its delegates").isTrue();
    }

    @Test
    void anExitSignalGoesToTheHostInsteadOfEndingIt() throws Exception {
        RecordingHost host = spawnHost();

        Proc.exit(host.self, ExitReason.shutdown("now"));

        assertThat(host.seen.next(Signalled.class).reason()).isEqualTo(ExitReason.shutdown("now"));
        assertThat(Proc.isAlive(host.self)).as("it ends when it decides to").isTrue();
    }

    @Test
    void aKillOverridesASignalTheHostIsStillActingOn() throws Exception {
        RecordingHost host = spawnHost();

        Proc.exit(host.self, ExitReason.shutdown("now"));
        Proc.exit(host.self, ExitReason.shutdown("again"));
        Proc.exit(host.self, ExitReason.kill());

        assertThat(host.seen.next(Signalled.class).reason()).isEqualTo(ExitReason.shutdown("now"));
        assertThat(host.seen.next(Signalled.class).reason()).as("a second shutdown changes nothing")
                .isEqualTo(ExitReason.killed());
    }

    @Test
    void aLinkedProcessCrashSignalsTheHost() throws Exception {
        RecordingHost host = new RecordingHost();
        CountDownLatch linked = new CountDownLatch(1);
        IllegalStateException boom = new IllegalStateException("boom (thrown on purpose by a test)");
        Pid parent = processes.spawn(() -> {
            host.self = processes.track(Host.spawn(host, SpawnOptions.defaults().withLink()));
            linked.countDown();
            throw boom;
        });
        assertThat(linked.await(Inbox.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)).isTrue();
        awaitExit(parent);

        assertThat(host.seen.next(Signalled.class).reason()).isEqualTo(ExitReason.crash(boom));
    }

    @Test
    void endingAHostTellsItsLinksAndMonitorsAndFailsQueuedCalls() throws Exception {
        RecordingHost host = spawnHost();
        host.endWithDelegate = true;
        Inbox seen = new Inbox();
        CountDownLatch watching = new CountDownLatch(1);
        processes.spawn(() -> {
            Proc.monitor(host.self);
            watching.countDown();
            seen.add(Proc.receive());
        });
        assertThat(watching.await(Inbox.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)).isTrue();
        AwaitsDeliveryTest.Waiting waiting = new AwaitsDeliveryTest.Waiting();
        Proc.send(host.self, waiting);

        Host.spawnDelegate(host.self, () -> {
            throw Proc.exit(ExitReason.shutdown("done"));
        });

        assertThat(seen.next(Down.class).reason()).isEqualTo(ExitReason.shutdown("done"));
        assertThat(Proc.isAlive(host.self)).isFalse();
        assertThat(waiting.awaitTold()).isEqualTo(ExitReason.shutdown("done"));
        assertThat(Host.end(host.self, ExitReason.normal())).as("a host ends once").isFalse();
        assertThat(Proc.awaitExit(host.self, Inbox.TIMEOUT)).isEqualTo(ExitReason.shutdown("done"));
    }

    @Test
    void anEndedHostTakesNoDelegate() throws Exception {
        RecordingHost host = spawnHost();
        assertThat(Host.end(host.self, ExitReason.normal())).isTrue();

        assertThatThrownBy(() -> Host.spawnDelegate(host.self, () -> { }))
                .isInstanceOf(NoProcessException.class).hasMessageContaining("has ended");
    }

    @Test
    void onlyHostsAreHosts() {
        Pid plain = processes.spawn(() -> Proc.receive());

        assertThat(Host.of(plain)).isNull();
        assertThatThrownBy(() -> Host.spawnDelegate(plain, () -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a host");
        assertThatThrownBy(() -> Host.end(plain, ExitReason.normal()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a host");
    }

    @Test
    void aHostCannotTrapExitsNorBeSpawnedWithAMonitor() {
        RecordingHost host = new RecordingHost();

        assertThatThrownBy(() -> Host.spawn(host, SpawnOptions.defaults().withTrapExit()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("link only");
        assertThatThrownBy(() -> Host.spawn(host, SpawnOptions.defaults().withMonitor()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Proc.monitor");
        assertThatThrownBy(() -> Host.spawn(host, SpawnOptions.defaults().withLink()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inside a process");
    }
}
