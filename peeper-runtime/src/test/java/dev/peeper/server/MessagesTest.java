package dev.peeper.server;

import static dev.peeper.server.ServerTesting.await;
import static dev.peeper.server.ServerTesting.inProcess;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.process.Down;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Casts, infos, continuations and hibernation. The state of these servers is the list of what they saw. */
class MessagesTest {
    @RegisterExtension
    final ServerTesting.Cleanup servers = new ServerTesting.Cleanup();

    /** Records casts as {@code "cast:x"}, infos as {@code "info:x"}; a call replies with the record. */
    private static Scripted recording() {
        return Scripted.server()
                .onCast((request, events) -> Next.of(Scripted.append(events, "cast:" + request)))
                .onInfo((message, events) -> Next.of(Scripted.append(events, "info:" + message)));
    }

    @Test
    void castsReachHandleCastInOrder() {
        ServerRef server = servers.track(GenServers.start(recording(), List.of()));

        server.cast("a");
        server.cast("b");
        server.cast("c");

        assertThat((List<Object>) server.call("events")).containsExactly("cast:a", "cast:b", "cast:c");
    }

    @Test
    void aPlainSendToThePidReachesHandleInfo() {
        ServerRef server = servers.track(GenServers.start(recording(), List.of()));

        Proc.send(server.pid(), "hello");
        server.send("world");

        assertThat((List<Object>) server.call("events")).containsExactly("info:hello", "info:world");
    }

    @Test
    void aMonitorsDownMessageReachesHandleInfo() throws Exception {
        CountDownLatch endWatched = new CountDownLatch(1);
        Pid watched = Proc.spawn(() -> {
            ServerTesting.await(endWatched);
            throw Proc.exit(ExitReason.of("done"));
        });
        CompletableFuture<Down> down = new CompletableFuture<>();
        Scripted server = Scripted.server()
                .onInit(argument -> {
                    Proc.monitor(watched);
                    return Next.of(argument);
                })
                .onInfo((message, state) -> {
                    down.complete((Down) message);
                    return Next.of(state);
                });
        servers.track(GenServers.start(server, null));

        endWatched.countDown();

        assertThat(await(down).pid()).isEqualTo(watched);
        assertThat(await(down).reason()).isEqualTo(ExitReason.of("done"));
    }

    @Test
    void aContinuationRunsBeforeTheNextQueuedMessage() {
        Scripted server = recording()
                .onCast((request, events) -> Next.of(Scripted.append(events, "cast:" + request))
                        .thenContinue("after-" + request))
                .onContinue((next, events) -> Next.of(Scripted.append(events, "continue:" + next)));
        ServerRef ref = servers.track(GenServers.start(server, List.of()));
        Sys.suspend(ref); // so that both casts are queued before the first is handled

        ref.cast("a");
        ref.cast("b");
        Sys.resume(ref);

        assertThat((List<Object>) ref.call("events"))
                .containsExactly("cast:a", "continue:after-a", "cast:b", "continue:after-b");
    }

    @Test
    void continuationsChainAndMayComeFromInitAndFromAReply() {
        Scripted server = recording()
                .onInit(argument -> Next.<Object>of(List.of("init")).thenContinue(1))
                .onContinue((next, events) -> {
                    Next<Object> result = Next.of(Scripted.append(events, "continue:" + next));
                    return (Integer) next < 3 ? result.thenContinue((Integer) next + 1) : result;
                })
                .onCall((request, from, events) -> request.equals("events")
                        ? Reply.of(events, events)
                        : Reply.of("ok", Scripted.append(events, "call:" + request)).thenContinue(10));
        ServerRef ref = servers.track(GenServers.start(server, null));

        String reply = ref.call("x");

        assertThat(reply).isEqualTo("ok");
        assertThat((List<Object>) ref.call("events")).containsExactly("init", "continue:1", "continue:2", "continue:3",
                "call:x", "continue:10");
    }

    @Test
    void aHibernatingServerKeepsWorking() {
        Scripted server = Scripted.server()
                .onInit(argument -> Next.of(argument).hibernate())
                .onCast((request, n) -> Next.<Object>of((Integer) n + (Integer) request).hibernate())
                .onCall((request, from, n) -> Reply.of(n, n).hibernate());

        ServerRef ref = servers.track(GenServers.start(server, 1));
        ref.cast(2);
        int first = ref.call("get");
        ref.cast(3);
        int second = ref.call("get");

        assertThat(first).isEqualTo(3);
        assertThat(second).isEqualTo(6);
    }

    @Test
    void aCastFromAnotherProcessAndACallFromAThirdAreBothServed() throws Exception {
        ServerRef server = servers.track(GenServers.start(recording(), List.of()));

        await(inProcess(() -> {
            server.cast("from-process");
            return null;
        }));

        assertThat((List<Object>) await(inProcess(() -> server.call("events")))).containsExactly("cast:from-process");
    }
}
