package dev.peeper.server;

import static dev.peeper.server.ServerTesting.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Calls that are answered: {@code call} with the default timeout or a {@code Duration}, and {@code callAsync}. */
class CallTest {
    @RegisterExtension
    final ServerTesting.Cleanup servers = new ServerTesting.Cleanup();

    /** Replies {@code "<request> #<n>"}, n counting the calls handled so far. */
    private static Scripted numbering() {
        return Scripted.server().onCall((request, from, state) -> {
            int n = (Integer) state + 1;
            return Reply.of(request + " #" + n, n);
        });
    }

    @Test
    void callWithTheDefaultTimeoutReturnsTheReply() {
        ServerRef server = servers.track(GenServers.start(numbering(), 0));

        String first = server.call("hello");
        String second = server.call("again");

        assertThat(first).isEqualTo("hello #1");
        assertThat(second).isEqualTo("again #2");
        assertThat(GenServers.DEFAULT_CALL_TIMEOUT).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void callWithADurationReturnsTheReply() {
        ServerRef server = servers.track(GenServers.start(numbering(), 41));

        String reply = server.call("hello", Duration.ofSeconds(30));

        assertThat(reply).isEqualTo("hello #42");
    }

    @Test
    void aReplyMayBeNull() {
        ServerRef server = servers.track(GenServers.start(
                Scripted.server().onCall((request, from, state) -> Reply.of(null, state)), "s"));

        assertThat((Object) server.call("anything")).isNull();
    }

    @Test
    void callAsyncReturnsAtOnceAndCompletesWithTheReply() throws Exception {
        ServerRef server = servers.track(GenServers.start(numbering(), 0));

        CompletableFuture<Object> reply = server.callAsync("hello");

        assertThat(await(reply)).isEqualTo("hello #1");
    }

    @Test
    void callsFromOneCallerAreHandledInTheOrderSent() throws Exception {
        ServerRef server = servers.track(GenServers.start(numbering(), 0));
        List<CompletableFuture<Object>> replies = new ArrayList<>();

        for (int i = 0; i < 100; i++) {
            replies.add(server.callAsync("r" + i));
        }

        for (int i = 0; i < 100; i++) {
            assertThat(await(replies.get(i))).isEqualTo("r" + i + " #" + (i + 1));
        }
    }
}
