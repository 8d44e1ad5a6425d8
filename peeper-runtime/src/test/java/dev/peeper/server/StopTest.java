package dev.peeper.server;

import static dev.peeper.server.ServerTesting.await;
import static dev.peeper.server.ServerTesting.awaitExit;
import static dev.peeper.server.ServerTesting.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.process.ExitReason;
import dev.peeper.process.ExitSignal;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.registry.Registry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stopping a server, and when {@code terminate} runs: on stop, crash and parent shutdown; never on kill. */
class StopTest {
    @RegisterExtension
    final ServerTesting.Cleanup servers = new ServerTesting.Cleanup();

    @Test
    void stopWithReplyAnswersTheCallerThenTerminates() throws Exception {
        Scripted server = Scripted.server()
                .onCall((request, from, state) -> Stop.withReply(ExitReason.normal(), "bye", "final state"));
        ServerRef ref = servers.track(GenServers.start(server, "s"));

        String reply = ref.call("quit");

        assertThat(reply).isEqualTo("bye");
        assertThat(await(server.terminated)).isEqualTo(new Scripted.Terminated(ExitReason.normal(), "final state"));
        assertThat(awaitExit(ref.pid())).isEqualTo(ExitReason.normal());
    }

    @Test
    void stopWithoutReplyFromACallFailsTheCallerWithTheReason() throws Exception {
        Scripted server = Scripted.server()
                .onCall((request, from, state) -> Stop.of(ExitReason.shutdown("asked to"), state));
        ServerRef ref = servers.track(GenServers.start(server, "s"));

        assertThatThrownBy(() -> ref.call("quit", Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(ServerExitException.class,
                        e -> assertThat(e.reason()).isEqualTo(ExitReason.shutdown("asked to")));
        assertThat(await(server.terminated).reason()).isEqualTo(ExitReason.shutdown("asked to"));
        assertThat(awaitExit(ref.pid())).isEqualTo(ExitReason.shutdown("asked to"));
    }

    @Test
    void stopFromACastRunsTerminateWithItsReasonAndState() throws Exception {
        Scripted server = Scripted.server()
                .onCast((request, state) -> Stop.of(ExitReason.of("done"), state + "+" + request));
        ServerRef ref = servers.track(GenServers.start(server, "s"));

        ref.cast("last");

        assertThat(await(server.terminated)).isEqualTo(new Scripted.Terminated(ExitReason.of("done"), "s+last"));
        assertThat(awaitExit(ref.pid())).isEqualTo(ExitReason.of("done"));
    }

    @Test
    void stopFromAContinuationOrAnInfoWorksToo() throws Exception {
        Scripted server = Scripted.server()
                .onInfo((message, state) -> Next.<Object>of(state).thenContinue("stop"))
                .onContinue((next, state) -> Stop.of(ExitReason.normal(), "stopped by " + next));
        ServerRef ref = servers.track(GenServers.start(server, "s"));

        ref.send("go");

        assertThat(await(server.terminated).state()).isEqualTo("stopped by stop");
        assertThat(awaitExit(ref.pid())).isEqualTo(ExitReason.normal());
    }

    @Test
    void aCallbackCrashRunsTerminateWithTheCrashReasonAndTheLastGoodState() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        Scripted server = Scripted.server()
                .onCast((request, state) -> {
                    if (request.equals("crash")) {
                        throw boom;
                    }
                    return Next.of(request);
                });
        ServerRef ref = servers.track(GenServers.start(server, "initial"));

        ref.cast("good");
        ref.cast("crash");

        assertThat(await(server.terminated)).isEqualTo(new Scripted.Terminated(ExitReason.crash(boom), "good"));
        assertThat(awaitExit(ref.pid())).isEqualTo(ExitReason.crash(boom));
    }

    @Test
    void serverRefStopRunsTerminateAndReturnsOnceTheServerEndedAndItsNameIsFree() throws Exception {
        String name = uniqueName();
        Scripted server = Scripted.server();
        ServerRef ref = servers.track(GenServers.start(server, "s", StartOptions.named(name)));
        Pid pid = ref.pid();

        ref.stop();

        assertThat(Proc.isAlive(pid)).isFalse();
        assertThat(Registry.whereis(name)).isEmpty();
        assertThat(server.terminated).isCompletedWithValue(new Scripted.Terminated(ExitReason.normal(), "s"));
        assertThat(awaitExit(pid)).isEqualTo(ExitReason.normal());
    }

    @Test
    void serverRefStopWithAReasonEndsTheServerWithIt() throws Exception {
        Scripted server = Scripted.server();
        ServerRef ref = servers.track(GenServers.start(server, "s"));

        ref.stop(ExitReason.shutdown(), Duration.ofSeconds(5));

        assertThat(server.terminated).isCompletedWithValue(new Scripted.Terminated(ExitReason.shutdown(), "s"));
        assertThat(awaitExit(ref.pid())).isEqualTo(ExitReason.shutdown());
    }

    @Test
    void stoppingAServerThatIsNotAliveFails() {
        ServerRef ref = GenServers.start(Scripted.server(), "s");
        ref.stop();

        assertThatThrownBy(ref::stop).isInstanceOfSatisfying(ServerExitException.class,
                e -> assertThat(e.reason()).isEqualTo(ExitReason.noproc()));
    }

    @Test
    void aSuspendedServerCanBeTerminatedAtOnce() throws Exception {
        Scripted server = Scripted.server();
        ServerRef ref = servers.track(GenServers.start(server, "s"));
        Sys.suspend(ref);

        Sys.terminate(ref, ExitReason.normal(), Duration.ofSeconds(5));

        assertThat(await(server.terminated).reason()).isEqualTo(ExitReason.normal());
    }

    @Test
    void aSuspendedServerStopsInTurnOnceResumed() throws Exception {
        Scripted server = Scripted.server().onCast((add, state) -> Next.of((Integer) state + (Integer) add));
        ServerRef ref = servers.track(GenServers.start(server, 0));
        Sys.suspend(ref);
        ref.cast(1);
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(ref::stop);
        awaitMailboxLength(ref.pid(), 2);
        ref.cast(2);

        assertThat(stopped).isNotDone();
        Sys.resume(ref);

        stopped.get(5, TimeUnit.SECONDS);
        assertThat(await(server.terminated)).isEqualTo(new Scripted.Terminated(ExitReason.normal(), 1));
    }

    @Test
    void stopTakesItsTurnAfterWhatWasQueuedBeforeIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Scripted server = Scripted.server()
                .onCall((request, from, state) -> {
                    release.await();
                    return Reply.of(state, state);
                })
                .onCast((add, state) -> Next.of((Integer) state + (Integer) add));
        ServerRef ref = servers.track(GenServers.start(server, 0));
        ref.callAsync("block");
        ref.cast(5);
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(ref::stop);
        awaitMailboxLength(ref.pid(), 2); // the cast, then the stop, wait behind the blocked call

        release.countDown();

        stopped.get(5, TimeUnit.SECONDS);
        assertThat(await(server.terminated)).isEqualTo(new Scripted.Terminated(ExitReason.normal(), 5));
    }

    /**
     * Waits until {@code n} messages are queued: the only sign that a request sent from another thread has arrived.
     * It watches the queue itself (no sleep), within the usual bound.
     */
    private static void awaitMailboxLength(Pid pid, int n) {
        long deadline = System.nanoTime() + ServerTesting.TIMEOUT.toNanos();
        while (Proc.mailboxLength(pid) < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the mailbox of " + pid + " never reached " + n + " messages");
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void terminateThatThrowsIsLoggedAndTheServerStillEndsWithItsReason() throws Exception {
        Scripted.Terminated[] seen = new Scripted.Terminated[1];
        Dispatcher<Object> server = new Dispatcher<>() {
            @Override
            public Result<Object> init(Object argument) {
                return Next.of(argument);
            }

            @Override
            public Result<Object> handleCall(Object request, From<Object> from, Object state) {
                return Reply.of(state, state);
            }

            @Override
            public Result<Object> handleCast(Object request, Object state) {
                return Stop.of(ExitReason.of("planned"), state);
            }

            @Override
            public void terminate(ExitReason reason, Object state) {
                seen[0] = new Scripted.Terminated(reason, state);
                throw new IllegalStateException("terminate failed");
            }
        };
        ServerRef ref = servers.track(GenServers.start(server, "s"));

        ref.cast("stop");

        assertThat(awaitExit(ref.pid())).isEqualTo(ExitReason.of("planned"));
        assertThat(seen[0]).isEqualTo(new Scripted.Terminated(ExitReason.of("planned"), "s"));
    }

    @Test
    void aKilledServerDoesNotRunTerminateEvenWhenTrappingExits() throws Exception {
        Scripted server = Scripted.server().onInit(argument -> {
            Proc.trapExit(true);
            return Next.of(argument);
        });
        ServerRef ref = servers.track(GenServers.start(server, "s"));

        Proc.exit(ref.pid(), ExitReason.kill());

        assertThat(awaitExit(ref.pid())).isEqualTo(ExitReason.killed());
        assertThat(server.terminated).isNotDone();
    }

    @Test
    void aTrappingServerRunsTerminateWhenItsParentShutsDown() throws Exception {
        CompletableFuture<Object> otherSignals = new CompletableFuture<>();
        Scripted server = Scripted.server()
                .onInit(argument -> {
                    Proc.trapExit(true);
                    return Next.of(argument);
                })
                .onInfo((message, state) -> {
                    otherSignals.complete(message);
                    return Next.of(state);
                });
        CompletableFuture<ServerRef> started = new CompletableFuture<>();
        CountDownLatch endParent = new CountDownLatch(1);
        Pid parent = Proc.spawn(() -> {
            started.complete(GenServers.startLink(server, "s", StartOptions.defaults()));
            ServerTesting.await(endParent);
            throw Proc.exit(ExitReason.shutdown());
        });
        ServerRef ref = servers.track(await(started));

        endParent.countDown();

        assertThat(awaitExit(parent)).isEqualTo(ExitReason.shutdown());
        assertThat(await(server.terminated)).isEqualTo(new Scripted.Terminated(ExitReason.shutdown(), "s"));
        assertThat(awaitExit(ref.pid())).isEqualTo(ExitReason.shutdown());
        assertThat(otherSignals).as("the parent's signal is not an info message").isNotDone();
    }

    @Test
    void aServerThatDoesNotTrapExitsDiesWithItsParentWithoutTerminate() throws Exception {
        Scripted server = Scripted.server();
        CompletableFuture<ServerRef> started = new CompletableFuture<>();
        CountDownLatch endParent = new CountDownLatch(1);
        Proc.spawn(() -> {
            started.complete(GenServers.startLink(server, "s", StartOptions.defaults()));
            ServerTesting.await(endParent);
            throw Proc.exit(ExitReason.shutdown());
        });
        ServerRef ref = servers.track(await(started));

        endParent.countDown();

        assertThat(awaitExit(ref.pid())).isEqualTo(ExitReason.shutdown());
        assertThat(server.terminated).isNotDone();
    }

    @Test
    void aTrappingServerGetsExitSignalsFromOtherProcessesInHandleInfo() throws Exception {
        CompletableFuture<Object> info = new CompletableFuture<>();
        Scripted server = Scripted.server()
                .onInit(argument -> {
                    Proc.trapExit(true);
                    return Next.of(argument);
                })
                .onInfo((message, state) -> {
                    info.complete(message);
                    return Next.of(state);
                });
        ServerRef ref = servers.track(GenServers.start(server, "s"));

        Proc.exit(ref.pid(), ExitReason.shutdown());

        assertThat(await(info)).isInstanceOfSatisfying(ExitSignal.class,
                signal -> assertThat(signal.reason()).isEqualTo(ExitReason.shutdown()));
        assertThat((String) ref.call("still alive")).isEqualTo("s");
        assertThat(server.terminated).isNotDone();
    }
}
