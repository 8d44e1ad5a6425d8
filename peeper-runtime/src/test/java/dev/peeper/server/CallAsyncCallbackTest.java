package dev.peeper.server;

import static dev.peeper.server.ServerTesting.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Callbacks on a {@link ServerRef#callAsync} future never run on the server's thread, nor on a dying server's,
 * with its process identity (issue 9, item 9): there {@code Proc.self()} would name the server, a blocking
 * callback would stall it, and one that throws or sends would act as the server.
 */
class CallAsyncCallbackTest {
    @RegisterExtension
    final ServerTesting.Cleanup servers = new ServerTesting.Cleanup();

    record Seen(Pid process, Thread thread) {
    }

    /** A server whose call waits for {@code release}, so the test can attach its callback before the answer. */
    private ServerRef gated(CountDownLatch entered, CountDownLatch release, CompletableFuture<Thread> serverThread) {
        return servers.track(GenServers.start(Scripted.server().onCall((request, from, state) -> {
            serverThread.complete(Thread.currentThread());
            entered.countDown();
            release.await(ServerTesting.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
            if (request.equals("crash")) {
                throw new IllegalStateException("crash on purpose");
            }
            return Reply.of("done", state);
        }), "s"));
    }

    @Test
    void aReplyCallbackRunsOffTheServersThreadWithNoProcessIdentity() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Thread> serverThread = new CompletableFuture<>();
        ServerRef server = gated(entered, release, serverThread);

        CompletableFuture<Object> answer = server.callAsync("go");
        await(entered);
        CompletableFuture<Seen> seen = answer.thenApply(reply -> new Seen(Proc.selfOrNull(), Thread.currentThread()));
        release.countDown();

        assertThat(await(seen).process()).isNull();
        assertThat(await(seen).thread()).isNotSameAs(await(serverThread));
    }

    @Test
    void aFailureCallbackRunsOffTheDyingServersThreadWithNoProcessIdentity() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Thread> serverThread = new CompletableFuture<>();
        ServerRef server = gated(entered, release, serverThread);

        CompletableFuture<Object> answer = server.callAsync("crash");
        await(entered);
        CompletableFuture<Seen> seen = answer.handle((reply, failure) -> new Seen(Proc.selfOrNull(),
                Thread.currentThread()));
        release.countDown();

        assertThat(await(seen).process()).isNull();
        assertThat(await(seen).thread()).isNotSameAs(await(serverThread));
    }
}
