package dev.peeper.server;

import static dev.peeper.server.ServerTesting.await;
import static dev.peeper.server.ServerTesting.awaitExit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Proc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Replies through {@link From} after {@code handleCall} returned {@link Next}. */
class DeferredReplyTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    @RegisterExtension
    final ServerTesting.Cleanup servers = new ServerTesting.Cleanup();

    @Test
    void anotherProcessRepliesLaterExactlyOnce() throws Exception {
        CompletableFuture<List<Boolean>> answers = new CompletableFuture<>();
        CompletableFuture<Boolean> answeredBefore = new CompletableFuture<>();
        Scripted server = Scripted.server().onCall((request, from, state) -> {
            answeredBefore.complete(from.isAnswered());
            Proc.spawn(() -> {
                boolean first = from.reply("from a helper: " + request);
                boolean second = from.reply("too late");
                answers.complete(List.of(first, second, from.isAnswered()));
            });
            return Next.of(state);
        });
        ServerRef ref = servers.track(GenServers.start(server, "s"));

        String reply = ref.call("job", LONG);

        assertThat(reply).isEqualTo("from a helper: job");
        assertThat(await(answers)).containsExactly(true, false, true);
        assertThat(await(answeredBefore)).isFalse();
    }

    @Test
    void aLaterMessageRepliesToACallerKeptInTheState() throws Exception {
        Scripted server = Scripted.server()
                .onCall((request, from, waiting) -> request.equals("wait")
                        ? Next.of(Scripted.append(waiting, from))
                        : Reply.of(((List<?>) waiting).size(), waiting))
                .onCast((request, waiting) -> {
                    for (Object from : (List<?>) waiting) {
                        @SuppressWarnings("unchecked")
                        From<Object> caller = (From<Object>) from;
                        caller.reply("released by " + request);
                    }
                    return Next.of(List.of());
                });
        ServerRef ref = servers.track(GenServers.start(server, List.of()));
        CompletableFuture<Object> first = ref.callAsync("wait");
        CompletableFuture<Object> second = ref.callAsync("wait");
        int waiting = ref.call("count"); // the server is free while the two calls wait

        ref.cast("go");

        assertThat(waiting).isEqualTo(2);
        assertThat(await(first)).isEqualTo("released by go");
        assertThat(await(second)).isEqualTo("released by go");
    }

    @Test
    void fromFailGivesTheCallerCallFailedException() throws Exception {
        UnsupportedOperationException refusal = new UnsupportedOperationException("not today");
        CompletableFuture<Boolean> secondFail = new CompletableFuture<>();
        Scripted server = Scripted.server().onCall((request, from, state) -> {
            boolean first = from.fail(refusal);
            secondFail.complete(from.fail(new IllegalStateException("again")) || from.reply("late"));
            return first ? Next.of(state) : Reply.of("fail() did not take", state);
        });
        ServerRef ref = servers.track(GenServers.start(server, "s"));

        assertThatThrownBy(() -> ref.call("anything", LONG))
                .isInstanceOf(CallFailedException.class)
                .hasCause(refusal);
        assertThat(await(secondFail)).isFalse();
        assertThat((Object) Sys.getState(ref)).as("a failed call does not harm the server").isEqualTo("s");
    }

    @Test
    void aDeferredCallIsFailedWithTheReasonWhenTheServerStops() throws Exception {
        Scripted server = Scripted.server()
                .onCall((request, from, state) -> Next.of(from))
                .onCast((request, state) -> Stop.of(ExitReason.shutdown("maintenance"), state));
        ServerRef ref = servers.track(GenServers.start(server, null));
        CompletableFuture<Object> waiting = ref.callAsync("wait");
        ref.cast("stop"); // handled after the call, which is deferred by then

        assertThatThrownBy(() -> await(waiting)).isInstanceOfSatisfying(ServerExitException.class,
                e -> assertThat(e.reason()).isEqualTo(ExitReason.shutdown("maintenance")));
        assertThat(awaitExit(ref.pid())).isEqualTo(ExitReason.shutdown("maintenance"));
    }

    @Test
    void aDeferredCallIsFailedWithTheReasonWhenTheServerCrashesOnALaterMessage() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        CompletableFuture<From<Object>> kept = new CompletableFuture<>();
        Scripted server = Scripted.server()
                .onCall((request, from, state) -> {
                    kept.complete(from);
                    return Next.of(state);
                })
                .onCast((request, state) -> {
                    throw boom;
                });
        ServerRef ref = servers.track(GenServers.start(server, null));
        CompletableFuture<Object> waiting = ref.callAsync("wait");
        From<Object> from = await(kept);

        ref.cast("crash");

        assertThatThrownBy(() -> await(waiting)).isInstanceOfSatisfying(ServerExitException.class, e -> {
            assertThat(e.reason()).isEqualTo(ExitReason.crash(boom));
            assertThat(e).hasCause(boom);
        });
        assertThat(from.isAnswered()).isTrue();
        assertThat(from.reply("after the end")).as("nobody listens any more").isFalse();
    }

    @Test
    void aDeferredCallIsFailedWithKilledWhenTheServerIsKilled() throws Exception {
        CompletableFuture<Void> deferred = new CompletableFuture<>();
        Scripted server = Scripted.server().onCall((request, from, state) -> {
            deferred.complete(null);
            return Next.of(state);
        });
        ServerRef ref = servers.track(GenServers.start(server, null));
        CompletableFuture<Object> waiting = ServerTesting.onThread(() -> ref.call("wait", LONG));
        await(deferred);

        Proc.exit(ref.pid(), ExitReason.kill());

        assertThatThrownBy(() -> await(waiting)).isInstanceOfSatisfying(ServerExitException.class,
                e -> assertThat(e.reason()).isEqualTo(ExitReason.killed()));
    }

    @Test
    void manyDeferredCallsAnsweredOverTimeAreAllDelivered() throws Exception {
        // more than the loop keeps before sweeping answered calls out of its list
        Scripted server = Scripted.server()
                .onCall((request, from, state) -> {
                    if (state != null) {
                        @SuppressWarnings("unchecked")
                        From<Object> previous = (From<Object>) state;
                        previous.reply("answered later");
                    }
                    return Next.of(from);
                });
        ServerRef ref = servers.track(GenServers.start(server, null));
        List<CompletableFuture<Object>> calls = new ArrayList<>();

        for (int i = 0; i < 200; i++) {
            calls.add(ref.callAsync(i));
        }
        CompletableFuture<Object> last = calls.get(calls.size() - 1);

        for (CompletableFuture<Object> call : calls.subList(0, calls.size() - 1)) {
            assertThat(await(call)).isEqualTo("answered later");
        }
        ref.stop();
        assertThatThrownBy(() -> await(last)).isInstanceOfSatisfying(ServerExitException.class,
                e -> assertThat(e.reason()).isEqualTo(ExitReason.normal()));
    }
}
