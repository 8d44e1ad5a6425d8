package dev.peeper.server;

import static dev.peeper.server.ServerTesting.TIMEOUT;
import static dev.peeper.server.ServerTesting.await;
import static dev.peeper.server.ServerTesting.awaitExit;
import static dev.peeper.server.ServerTesting.inProcess;
import static dev.peeper.server.ServerTesting.onThread;
import static dev.peeper.server.ServerTesting.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.process.ExitReason;
import dev.peeper.process.NoProcessException;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.process.internal.InternalProc;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Calls that are not answered: the server dies, crashes, is gone, is the caller itself, or is too slow. */
class CallFailureTest {
    /** Long enough that a call returning at all proves it was failed at once, not timed out. */
    private static final Duration LONG = Duration.ofSeconds(30);

    @RegisterExtension
    final ServerTesting.Cleanup servers = new ServerTesting.Cleanup();

    private final CountDownLatch handling = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    /** A server whose call {@code "block"} waits for {@link #release}; other calls reply with the state. */
    private Scripted blocking() {
        return Scripted.server().onCall((request, from, state) -> {
            if (request.equals("block")) {
                handling.countDown();
                release.await();
            }
            return Reply.of(state, state);
        });
    }

    @Test
    void theCallerLearnsAtOnceWhenTheServerIsKilledDuringItsCall() throws Exception {
        Scripted server = blocking();
        ServerRef ref = servers.track(GenServers.start(server, "s"));
        CompletableFuture<Object> pending = onThread(() -> ref.call("block", LONG));
        ServerTesting.await(handling);

        Proc.exit(ref.pid(), ExitReason.kill());

        assertThatThrownBy(() -> await(pending)).isInstanceOfSatisfying(ServerExitException.class, e -> {
            assertThat(e.reason()).isEqualTo(ExitReason.killed());
            assertThat(e.server()).isEqualTo(ref.pid());
        });
        assertThat(awaitExit(ref.pid())).isEqualTo(ExitReason.killed());
        assertThat(server.terminated).as("kill never runs terminate").isNotDone();
    }

    @Test
    void callsQueuedWhenTheServerIsKilledFailWithKilled() throws Exception {
        ServerRef ref = servers.track(GenServers.start(blocking(), "s"));
        CompletableFuture<Object> first = ref.callAsync("block");
        ServerTesting.await(handling);
        CompletableFuture<Object> queued = ref.callAsync("queued");

        Proc.exit(ref.pid(), ExitReason.kill());

        assertThatThrownBy(() -> await(first)).isInstanceOfSatisfying(ServerExitException.class,
                e -> assertThat(e.reason()).isEqualTo(ExitReason.killed()));
        assertThatThrownBy(() -> await(queued)).isInstanceOfSatisfying(ServerExitException.class,
                e -> assertThat(e.reason()).isEqualTo(ExitReason.killed()));
    }

    @Test
    void aCallThatCrashesTheServerFailsWithTheHandlersException() throws Exception {
        IllegalArgumentException boom = new IllegalArgumentException("bad request");
        Scripted server = Scripted.server().onCall((request, from, state) -> {
            throw boom;
        });
        ServerRef ref = servers.track(GenServers.start(server, "s"));

        assertThatThrownBy(() -> ref.call("crash", LONG)).isInstanceOfSatisfying(ServerExitException.class, e -> {
            assertThat(e).hasCause(boom);
            assertThat(e.reason()).isEqualTo(ExitReason.crash(boom));
            assertThat(e.getStackTrace()).as("thrown with the caller's stack").isNotEmpty();
        });
        assertThat(awaitExit(ref.pid())).isEqualTo(ExitReason.crash(boom));
    }

    @Test
    void theCallerOfACrashHearsOnlyOnceTheServerHasEndedSoItsNextCallFailsWithNoproc() throws Exception {
        Scripted server = Scripted.server().onCall((request, from, state) -> {
            if (request.equals("crash")) {
                throw new IllegalStateException("boom");
            }
            return Reply.of(state, state);
        });
        ServerRef ref = servers.track(GenServers.start(server, "s"));
        java.util.concurrent.atomic.AtomicBoolean cleanedUp = new java.util.concurrent.atomic.AtomicBoolean();
        InternalProc.onExit(ref.pid(), () -> cleanedUp.set(true)); // as a registry frees the server's names

        assertThatThrownBy(() -> ref.call("crash", LONG)).isInstanceOf(ServerExitException.class);

        // told as a clean-up of the end: after the ones before it, with the mailbox closed. Told from the loop (as
        // before), a caller calling again at once could reach the still open mailbox and hear "boom" again, as a
        // cluster test saw now and then
        assertThat(cleanedUp).as("the end's earlier clean-ups ran before the caller heard").isTrue();
        assertThat(Proc.isAlive(ref.pid())).isFalse();
        assertThatThrownBy(() -> ref.call("get", LONG)).isInstanceOfSatisfying(ServerExitException.class,
                e -> assertThat(e.reason()).isEqualTo(ExitReason.noproc()));
    }

    @Test
    void callsQueuedBehindACrashFailWithTheCrashReason() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        Scripted server = Scripted.server().onCall((request, from, state) -> {
            if (request.equals("crash")) {
                handling.countDown();
                release.await();
                throw boom;
            }
            return Reply.of(state, state);
        });
        ServerRef ref = servers.track(GenServers.start(server, "s"));
        CompletableFuture<Object> crashing = ref.callAsync("crash");
        ServerTesting.await(handling);
        CompletableFuture<Object> second = ref.callAsync("second");
        CompletableFuture<Object> third = ref.callAsync("third");

        release.countDown();

        for (CompletableFuture<Object> call : List.of(crashing, second, third)) {
            assertThatThrownBy(() -> await(call)).isInstanceOfSatisfying(ServerExitException.class, e -> {
                assertThat(e.reason()).isEqualTo(ExitReason.crash(boom));
                assertThat(e).hasCause(boom);
            });
        }
    }

    @Test
    void aCallToADeadPidFailsAtOnceWithNoproc() throws Exception {
        ServerRef ref = GenServers.start(Scripted.server(), "s");
        Pid pid = ref.pid();
        ref.stop();

        assertThatThrownBy(() -> ServerRef.of(pid).call("hello", LONG))
                .isInstanceOfSatisfying(ServerExitException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ExitReason.noproc());
                    assertThat(e.server()).isEqualTo(pid);
                    assertThat(e.getMessage()).contains(pid.toString(), "not alive");
                });
        CompletableFuture<Object> async = ServerRef.of(pid).callAsync("hello");
        assertThat(async).as("failed before callAsync returned").isCompletedExceptionally();
    }

    @Test
    void aCallToAnUnregisteredNameFailsAtOnce() {
        String name = uniqueName();

        assertThatThrownBy(() -> ServerRef.named(name).call("hello", LONG))
                .isInstanceOf(NoProcessException.class)
                .hasMessageContaining(name);
        assertThatThrownBy(() -> ServerRef.named(name).cast("hello"))
                .isInstanceOf(NoProcessException.class);
    }

    @Test
    void aServerThatCallsItselfGetsIllegalStateException() {
        Scripted server = Scripted.server().onCall((request, from, state) -> {
            if (request.equals("self")) {
                try {
                    ServerRef.of(Proc.self()).call("other");
                    return Reply.of("no exception", state);
                } catch (IllegalStateException e) {
                    return Reply.of(e, state);
                }
            }
            return Reply.of(state, state);
        });
        ServerRef ref = servers.track(GenServers.start(server, "s"));

        Object reply = ref.call("self");

        assertThat(reply).isInstanceOfSatisfying(IllegalStateException.class,
                e -> assertThat(e).hasMessageContaining("called itself"));
        assertThat((String) ref.call("state")).as("still serving").isEqualTo("s");
    }

    @Test
    void aCallThatGetsNoReplyInTimeThrowsCallTimeoutException() throws Exception {
        ServerRef ref = servers.track(GenServers.start(blocking(), "s"));
        CompletableFuture<Object> blocked = ref.callAsync("block");
        ServerTesting.await(handling);

        try {
            assertThatThrownBy(() -> ref.call("late", Duration.ofMillis(50)))
                    .isInstanceOf(CallTimeoutException.class)
                    .hasMessageContaining("PT0.05S")
                    .hasMessageContaining("late");
        } finally {
            release.countDown();
        }

        assertThat(await(blocked)).isEqualTo("s");
        assertThat((String) ref.call("after")).as("the late reply was dropped; the server serves on").isEqualTo("s");
    }

    @Test
    void aProcessKilledWhileWaitingInACallEndsWithKilled() throws Exception {
        ServerRef ref = servers.track(GenServers.start(blocking(), "s"));
        CompletableFuture<Pid> caller = new CompletableFuture<>();
        inProcess(() -> {
            caller.complete(Proc.self());
            return ref.call("block", LONG);
        });
        ServerTesting.await(handling);
        Pid callerPid = await(caller);

        Proc.exit(callerPid, ExitReason.kill());

        assertThat(Proc.awaitExit(callerPid, TIMEOUT)).isEqualTo(ExitReason.killed());
        release.countDown();
    }
}
