package dev.peeper.server;

import static dev.peeper.server.ServerTesting.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Proc;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link Sys}: state, suspension, statistics, and system messages going before user messages. */
class SysTest {
    @RegisterExtension
    final ServerTesting.Cleanup servers = new ServerTesting.Cleanup();

    /** Casts append to the state (a list); a call replies with it. */
    private static Scripted recording() {
        return Scripted.server().onCast((request, events) -> Next.of(Scripted.append(events, request)));
    }

    @Test
    void getStateReturnsTheCurrentState() {
        ServerRef ref = servers.track(GenServers.start(recording(), List.of()));
        ref.cast("a");
        ref.call("sync"); // a system request overtakes user messages still queued, even the caller's own

        List<Object> state = Sys.getState(ref);

        assertThat(state).containsExactly("a");
    }

    @Test
    void replaceStateReplacesItAndReturnsTheNewState() {
        ServerRef ref = servers.track(GenServers.start(recording(), List.of("a")));

        List<Object> replaced = Sys.replaceState(ref, (List<Object> events) -> List.of("replaced"));
        ref.cast("b");

        assertThat(replaced).containsExactly("replaced");
        assertThat((List<Object>) ref.call("events")).containsExactly("replaced", "b");
    }

    @Test
    void aReplaceStateThatThrowsLeavesStateAndServerIntact() {
        ServerRef ref = servers.track(GenServers.start(recording(), List.of("a")));
        IllegalArgumentException bad = new IllegalArgumentException("bad function");

        assertThatThrownBy(() -> Sys.replaceState(ref, state -> {
            throw bad;
        })).isInstanceOf(CallFailedException.class).hasCause(bad);

        ref.cast("b");
        assertThat((List<Object>) ref.call("events")).containsExactly("a", "b");
    }

    @Test
    void aSuspendedServerServesSystemMessagesOnlyThenHandlesTheQueueInOrderAfterResume() throws Exception {
        ServerRef ref = servers.track(GenServers.start(recording(), List.of()));
        Sys.suspend(ref);

        ref.cast("a");
        CompletableFuture<Object> call = ref.callAsync("events");
        ref.cast("b");
        List<Object> whileSuspended = Sys.getState(ref);
        ServerStatistics statistics = Sys.statistics(ref);

        assertThat(whileSuspended).as("system messages are served while suspended").isEmpty();
        assertThat(call).as("user messages wait").isNotDone();
        assertThat(statistics.suspended()).isTrue();
        assertThat(statistics.mailboxLength()).isEqualTo(3);

        Sys.resume(ref);

        assertThat((List<Object>) await(call)).containsExactly("a");
        assertThat((List<Object>) ref.call("events")).containsExactly("a", "b");
        assertThat(Sys.statistics(ref).suspended()).isFalse();
    }

    @Test
    void statisticsCountHandledMessagesAndTellUptime() {
        long before = System.nanoTime();
        Instant notBefore = Instant.now();
        ServerRef ref = servers.track(GenServers.start(recording(), List.of()));
        ref.cast("a");
        ref.send("info");
        ref.call("events");
        Sys.getState(ref); // system messages are not counted

        ServerStatistics statistics = Sys.statistics(ref);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - before);

        assertThat(statistics.messagesHandled()).isEqualTo(3);
        assertThat(statistics.mailboxLength()).isZero();
        assertThat(statistics.suspended()).isFalse();
        assertThat(statistics.startedAt()).isBetween(notBefore, Instant.now());
        assertThat(statistics.uptime()).isPositive().isLessThanOrEqualTo(elapsed);
        assertThat(Sys.statistics(ref).uptime()).isGreaterThanOrEqualTo(statistics.uptime());
    }

    @Test
    void systemMessagesGoBeforeUserMessagesAlreadyQueued() throws Exception {
        CountDownLatch handling = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Scripted server = recording().onCall((request, from, events) -> {
            if (!request.equals("block")) {
                return Reply.of(events, events);
            }
            handling.countDown();
            release.await();
            return Reply.of("blocked", Scripted.append(events, "call"));
        });
        ServerRef ref = servers.track(GenServers.start(server, List.of()));
        CompletableFuture<Object> blocked = ref.callAsync("block");
        ServerTesting.await(handling);
        ref.cast("a");
        ref.cast("b");
        // queued from another thread: the very request Sys.getState sends, but without waiting for the answer,
        // so that we know it is queued behind the casts before the server is released
        SystemCall state = await(ServerTesting.onThread(() -> ref.send(new SystemCall(new SystemRequest.GetState()))));

        release.countDown();

        assertThat((List<Object>) await(state)).as("the state after the blocked call, before the casts")
                .containsExactly("call");
        assertThat(await(blocked)).isEqualTo("blocked");
        assertThat((List<Object>) ref.call("events")).containsExactly("call", "a", "b");
    }

    @Test
    void aSysRequestGivesUpAfterItsTimeoutAndTheServerCarriesOn() throws Exception {
        CountDownLatch handling = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Scripted server = recording().onCall((request, from, events) -> {
            handling.countDown();
            release.await();
            return Reply.of("done", events);
        });
        ServerRef ref = servers.track(GenServers.start(server, List.of()));
        CompletableFuture<Object> blocked = ref.callAsync("block");
        ServerTesting.await(handling);

        assertThatThrownBy(() -> Sys.getState(ref, Duration.ofMillis(50))).isInstanceOf(CallTimeoutException.class);
        assertThatThrownBy(() -> Sys.statistics(ref, Duration.ofMillis(1))).isInstanceOf(CallTimeoutException.class);

        release.countDown();
        assertThat(await(blocked)).isEqualTo("done");
        assertThat((List<Object>) Sys.getState(ref, Duration.ofSeconds(5))).isEmpty();
        assertThatThrownBy(() -> Sys.suspend(ref, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("timeout");
    }

    @Test
    void sysRequestsToADeadServerFailAtOnce() {
        ServerRef ref = GenServers.start(recording(), List.of());
        ref.stop();

        assertThatThrownBy(() -> Sys.getState(ref)).isInstanceOfSatisfying(ServerExitException.class,
                e -> assertThat(e.reason()).isEqualTo(ExitReason.noproc()));
    }

    @Test
    void aServerKilledWhileServingASysRequestFailsItsCallerWithKilled() throws Exception {
        CountDownLatch changing = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        ServerRef ref = servers.track(GenServers.start(recording(), List.of()));
        CompletableFuture<Object> replace = ServerTesting.onThread(() -> Sys.replaceState(ref, state -> {
            changing.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException("interrupted", e); // what an interrupted wait typically becomes
            }
            return state;
        }));
        ServerTesting.await(changing);

        Proc.exit(ref.pid(), ExitReason.kill());

        assertThatThrownBy(() -> await(replace)).isInstanceOfSatisfying(ServerExitException.class,
                e -> assertThat(e.reason()).isEqualTo(ExitReason.killed()));
    }
}
