package dev.peeper.server;

import static dev.peeper.server.ServerTesting.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.process.Proc;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code Next.of(s).timeout(d)}: {@link IdleTimeout} when idle that long, cancelled by any message. */
class IdleTimeoutTest {
    private static final Duration SHORT = Duration.ofMillis(50);

    @RegisterExtension
    final ServerTesting.Cleanup servers = new ServerTesting.Cleanup();

    /** When handleInfo first saw {@link IdleTimeout}, by {@link System#nanoTime()}. */
    private final CompletableFuture<Long> idleAt = new CompletableFuture<>();

    /** Records every message; the first IdleTimeout completes {@link #idleAt}. */
    private Scripted recording() {
        return Scripted.server()
                .onCast((request, events) -> {
                    Next<Object> next = Next.of(Scripted.append(events, request));
                    return request instanceof Duration idle ? next.timeout(idle) : next;
                })
                .onInfo((message, events) -> {
                    if (message instanceof IdleTimeout) {
                        idleAt.complete(System.nanoTime());
                    }
                    return Next.of(Scripted.append(events, message));
                });
    }

    @Test
    void anIdleServerGetsIdleTimeoutInHandleInfo() throws Exception {
        long before = System.nanoTime();
        Scripted server = recording().onInit(events -> Next.of(events).timeout(SHORT));
        ServerRef ref = servers.track(GenServers.start(server, List.of()));

        long at = await(idleAt);

        assertThat(Duration.ofNanos(at - before)).isGreaterThanOrEqualTo(SHORT);
        assertThat((List<Object>) ref.call("events")).containsExactly(IdleTimeout.INSTANCE);
    }

    @Test
    void aMessageCancelsThePendingIdleTimeout() throws Exception {
        Scripted server = recording().onInit(events -> {
            // queued before the loop starts waiting, so it certainly arrives before the 50 ms run out
            ServerRef.of(Proc.self()).cast("first");
            return Next.of(events).timeout(SHORT);
        });
        ServerRef ref = servers.track(GenServers.start(server, List.of()));
        long before = System.nanoTime();

        // a later, longer idle timeout: had the first one not been cancelled, it would have fired before this one
        ref.cast(SHORT.multipliedBy(2));
        long at = await(idleAt);

        assertThat(Duration.ofNanos(at - before)).isGreaterThanOrEqualTo(SHORT.multipliedBy(2));
        assertThat((List<Object>) ref.call("events"))
                .containsExactly("first", SHORT.multipliedBy(2), IdleTimeout.INSTANCE);
    }

    @Test
    void aZeroTimeoutFiresAtOnceWhenNothingIsQueued() throws Exception {
        Scripted server = recording().onInit(events -> Next.of(events).timeout(Duration.ZERO));
        ServerRef ref = servers.track(GenServers.start(server, List.of()));

        await(idleAt);

        assertThat((List<Object>) ref.call("events")).containsExactly(IdleTimeout.INSTANCE);
    }

    @Test
    void aSuspensionKeepsThePendingIdleTimeoutForAfterResume() throws Exception {
        CompletableFuture<Void> armed = new CompletableFuture<>();
        Scripted server = recording().onCast((request, events) -> {
            // the server queues its own suspension, so it certainly comes before the timeout runs out
            Proc.send(Proc.self(), new SystemCall(new SystemRequest.Suspend()));
            armed.complete(null);
            return Next.of(Scripted.append(events, request)).timeout(SHORT);
        });
        ServerRef ref = servers.track(GenServers.start(server, List.of()));
        ref.cast("arm");
        await(armed);
        assertThat(Sys.statistics(ref).suspended()).as("served after the queued suspension").isTrue();

        Sys.resume(ref);

        await(idleAt);
        assertThat((List<Object>) ref.call("events")).containsExactly("arm", IdleTimeout.INSTANCE);
    }

    @Test
    void aReplyCanSetAnIdleTimeoutToo() throws Exception {
        Scripted server = recording().onCall((request, from, events) -> Reply.of("ok", events).timeout(SHORT));
        ServerRef ref = servers.track(GenServers.start(server, List.of()));

        String reply = ref.call("arm");

        assertThat(reply).isEqualTo("ok");
        await(idleAt);
    }
}
