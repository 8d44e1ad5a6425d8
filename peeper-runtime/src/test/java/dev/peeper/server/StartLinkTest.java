package dev.peeper.server;

import static dev.peeper.server.ServerTesting.TIMEOUT;
import static dev.peeper.server.ServerTesting.await;
import static dev.peeper.server.ServerTesting.inProcess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.process.Down;
import dev.peeper.process.ExitReason;
import dev.peeper.process.ExitSignal;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** {@link GenServers#startLink} and {@link GenServers#startMonitor}: starting from inside a process. */
class StartLinkTest {
    @Test
    void startLinkLinksTheServerToTheStarter() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        Scripted crashing = Scripted.server().onCast((request, state) -> {
            throw boom;
        });

        // the starter traps exits, so the link shows up as a message instead of ending it
        ExitSignal signal = await(inProcess(() -> {
            Proc.trapExit(true);
            ServerRef server = GenServers.startLink(crashing, null, StartOptions.defaults());
            server.cast("crash");
            return (ExitSignal) Proc.receive(TIMEOUT);
        }));

        assertThat(signal).isNotNull();
        assertThat(signal.reason()).isEqualTo(ExitReason.crash(boom));
    }

    @Test
    void startLinkOutsideAProcessIsRefusedBeforeAnythingStarts() {
        AtomicBoolean initRan = new AtomicBoolean();
        Scripted server = Scripted.server().onInit(argument -> {
            initRan.set(true);
            return Next.of(argument);
        });

        assertThatThrownBy(() -> GenServers.startLink(server, null, StartOptions.defaults()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside a process");
        assertThat(initRan).isFalse();
    }

    @Test
    void aLinkedStarterSurvivesAnInitThatThrows() throws Exception {
        StartException failure = startLinkedAndSurvive(argument -> {
            throw new IllegalStateException("init failed");
        }, StartOptions.defaults());

        assertThat(failure.reason().cause()).hasMessage("init failed");
    }

    @Test
    void aLinkedStarterSurvivesAnInitThatReturnsStop() throws Exception {
        StartException failure = startLinkedAndSurvive(
                argument -> Stop.of(ExitReason.of("refused"), argument), StartOptions.defaults());

        assertThat(failure.reason()).isEqualTo(ExitReason.of("refused"));
    }

    @Test
    void aLinkedStarterSurvivesAnInitTimeout() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try {
            StartException failure = startLinkedAndSurvive(argument -> {
                never.await(); // interrupted by the kill
                return Next.of(argument);
            }, StartOptions.defaults().withInitTimeout(Duration.ofMillis(100)));

            assertThat(failure.reason()).isEqualTo(ExitReason.of("timeout"));
        } finally {
            never.countDown();
        }
    }

    @Test
    void aLinkedStarterSurvivesAnInitTimeoutEvenIfInitIgnoresTheKill() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try {
            StartException failure = startLinkedAndSurvive(argument -> {
                try {
                    never.await();
                } catch (InterruptedException ignored) {
                    // carries on as if nothing happened: the server ends only at its first receive, too late
                    // to unlink its starter itself
                }
                return Next.of(argument);
            }, StartOptions.defaults().withInitTimeout(Duration.ofMillis(100)));

            assertThat(failure.reason()).isEqualTo(ExitReason.of("timeout"));
        } finally {
            never.countDown();
        }
    }

    /**
     * Starts a server whose init behaves as {@code init} from a linked, non-trapping process, expects the start
     * to fail, and proves the starter is still alive once the server's end has been fully signalled: a watcher's
     * {@code Down} arrives only after the dying server has sent its link signals.
     */
    private static StartException startLinkedAndSurvive(Scripted.InitFn init, StartOptions options) throws Exception {
        CompletableFuture<Pid> serverPid = new CompletableFuture<>();
        CountDownLatch watched = new CountDownLatch(1);
        Scripted failing = Scripted.server().onInit(argument -> {
            serverPid.complete(Proc.self());
            ServerTesting.await(watched);
            return init.apply(argument);
        });
        CompletableFuture<Object> down = inProcess(() -> {
            Proc.monitor(await(serverPid));
            watched.countDown();
            return Proc.receive(TIMEOUT);
        });

        CompletableFuture<StartException> starter = inProcess(() -> {
            try {
                GenServers.startLink(failing, null, options);
            } catch (StartException e) {
                await(down);
                Proc.checkSignals(); // a link left in place would have ended this process by now
                return e;
            }
            throw new AssertionError("start should have failed");
        });

        StartException failure = await(starter);
        assertThat(await(down)).isInstanceOf(Down.class);
        assertThat(failing.terminated).isNotDone();
        return failure;
    }

    @Test
    void startMonitorDeliversDownWhenTheServerEnds() throws Exception {
        record Seen(MonitoredServer started, Object message) {
        }
        Seen seen = await(inProcess(() -> {
            MonitoredServer started = GenServers.startMonitor(Scripted.server(), "s", StartOptions.defaults());
            started.server().stop();
            return new Seen(started, Proc.receive(TIMEOUT));
        }));

        assertThat(seen.message()).isInstanceOfSatisfying(Down.class, down -> {
            assertThat(down.ref()).isSameAs(seen.started().monitor());
            assertThat(down.pid()).isEqualTo(seen.started().server().pid());
            assertThat(down.reason()).isEqualTo(ExitReason.normal());
        });
    }

    @Test
    void startMonitorThatFailsLeavesNoMonitorBehind() throws Exception {
        Object leftover = await(inProcess(() -> {
            Scripted failing = Scripted.server().onInit(argument -> Stop.of(ExitReason.of("no"), argument));
            assertThatThrownBy(() -> GenServers.startMonitor(failing, null, StartOptions.defaults()))
                    .isInstanceOf(StartException.class);
            return String.valueOf(Proc.receive(Duration.ZERO));
        }));

        assertThat(leftover).isEqualTo("null");
    }

    @Test
    void startMonitorOutsideAProcessIsRefusedBeforeAnythingStarts() {
        AtomicBoolean initRan = new AtomicBoolean();
        Scripted server = Scripted.server().onInit(argument -> {
            initRan.set(true);
            return Next.of(argument);
        });

        assertThatThrownBy(() -> GenServers.startMonitor(server, null, StartOptions.defaults()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside a process");
        assertThat(initRan).as("no orphan server may be left running").isFalse();
    }
}
