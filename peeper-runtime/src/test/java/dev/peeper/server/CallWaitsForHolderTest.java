package dev.peeper.server;

import static dev.peeper.server.ServerTesting.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.process.NoProcessException;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.registry.NameRegistry;
import dev.peeper.registry.ProcessName;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A call by a name of a registry whose names come back by themselves (a cluster's, during a failover) waits within
 * its timeout for a holder; with any other registry an unregistered name fails at once, as OTP's.
 */
class CallWaitsForHolderTest {
    @RegisterExtension
    final ServerTesting.Cleanup servers = new ServerTesting.Cleanup();

    /** A map registry that says whether calls wait, and lets a test see each lookup. */
    static final class WaitingRegistry implements NameRegistry {
        final Map<Object, Pid> names = new ConcurrentHashMap<>();
        final Semaphore lookups = new Semaphore(0);
        private final boolean waits;

        WaitingRegistry(boolean waits) {
            this.waits = waits;
        }

        @Override
        public boolean register(Object name, Pid pid) {
            return names.putIfAbsent(name, pid) == null;
        }

        @Override
        public void unregister(Object name, Pid pid) {
            names.remove(name, pid);
        }

        @Override
        public Pid whereis(Object name) {
            lookups.release();
            return names.get(name);
        }

        @Override
        public boolean waitsForHolder() {
            return waits;
        }
    }

    private static Scripted echo() {
        return Scripted.server().onCall((request, from, state) -> Reply.of("got " + request, state));
    }

    /** The call has looked its name up in {@code registry} twice without reaching a holder: waiting, not failed. */
    private static void assertWaiting(WaitingRegistry registry, CompletableFuture<Object> answer)
            throws InterruptedException {
        assertThat(registry.lookups.tryAcquire(2, TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(answer).isNotDone();
    }

    /** Starts a server named {@code name}: the waiting call is answered by it. */
    private void assertAnsweredOnceItsServerStarts(ProcessName name, CompletableFuture<Object> answer)
            throws Exception {
        servers.track(GenServers.start(echo(), "s", StartOptions.named(name)));

        assertThat(ServerTesting.await(answer)).isEqualTo("got hello");
    }

    /** {@code call}, by the name {@code name} that no server ever holds, fails once its 50 ms timeout passes. */
    private static void assertNoHolderWithin50Ms(ThrowingCallable call, String name) {
        assertThatThrownBy(call)
                .isInstanceOf(NoProcessException.class)
                .hasMessageContaining(name)
                .hasMessageContaining("within PT0.05S");
    }

    @Test
    void aCallByANameNotYetRegisteredIsAnsweredOnceItsServerStarts() throws Exception {
        WaitingRegistry registry = new WaitingRegistry(true);
        ProcessName name = ProcessName.via(registry, "late");
        ServerRef byName = ServerRef.named(name);

        CompletableFuture<Object> answer = ServerTesting.onThread(() -> byName.call("hello", TIMEOUT));
        assertWaiting(registry, answer); // it has looked the name up and found nothing, twice

        assertAnsweredOnceItsServerStarts(name, answer);
    }

    @Test
    void aNameThatNeverComesFailsWithNoProcessOnceTheTimeoutPasses() {
        ProcessName name = ProcessName.via(new WaitingRegistry(true), "never");

        assertNoHolderWithin50Ms(() -> ServerRef.named(name).call("hello", Duration.ofMillis(50)), "never");
    }

    @Test
    void aRegistryThatDoesNotWaitFailsAtOnceWhateverTheTimeout() {
        WaitingRegistry registry = new WaitingRegistry(false);
        ProcessName name = ProcessName.via(registry, "absent");

        // a call that returns at all, with a timeout this long, failed at once
        assertThatThrownBy(() -> ServerRef.named(name).call("hello", Duration.ofDays(1)))
                .isInstanceOf(NoProcessException.class)
                .hasMessageContaining("start it first");
        assertThat(registry.lookups.availablePermits()).isEqualTo(1);
    }

    @Test
    void callAsyncByANameNotYetRegisteredIsAnsweredOnceItsServerStarts() throws Exception {
        WaitingRegistry registry = new WaitingRegistry(true);
        ProcessName name = ProcessName.via(registry, "late-async");

        CompletableFuture<Object> answer = ServerRef.named(name).callAsync("hello");
        assertWaiting(registry, answer); // looked up and found nothing, twice (and callAsync returned at once)

        assertAnsweredOnceItsServerStarts(name, answer);
    }

    @Test
    void callAsyncByANameThatNeverComesFailsWithNoProcessOnceItsRetriesEnd() {
        ProcessName name = ProcessName.via(new WaitingRegistry(true), "never-async");

        CompletableFuture<Object> answer = ServerRef.named(name).callAsync("hello", Duration.ofMillis(50));

        assertNoHolderWithin50Ms(() -> ServerTesting.await(answer), "never-async");
    }

    @Test
    void callAsyncSentToAGoneHolderIsMadeAgainToTheNamesNextHolder() throws Exception {
        WaitingRegistry registry = new WaitingRegistry(true);
        ProcessName name = ProcessName.via(registry, "moved-async");
        Pid gone = Proc.spawn(() -> { });
        ServerTesting.awaitExit(gone);
        registry.names.put("moved-async", gone); // the name still points at its gone holder (a failover under way)

        CompletableFuture<Object> answer = ServerRef.named(name).callAsync("hello");
        assertWaiting(registry, answer); // sent to the gone holder (noproc: it never ran), then looked up again

        registry.names.remove("moved-async", gone);
        assertAnsweredOnceItsServerStarts(name, answer);
    }

    @Test
    void callAsyncThatReachedItsServerFailsWithItsEndAndIsNeverMadeAgain() throws Exception {
        WaitingRegistry registry = new WaitingRegistry(true);
        ProcessName name = ProcessName.via(registry, "crashing-async");
        AtomicInteger handled = new AtomicInteger();
        Scripted crashing = Scripted.server().onCall((request, from, state) -> {
            handled.incrementAndGet();
            throw new IllegalStateException("crashed handling " + request);
        });
        Pid server = servers.track(GenServers.start(crashing, "s", StartOptions.named(name))).pid();

        CompletableFuture<Object> answer = ServerRef.named(name).callAsync("hello");

        // the server ran the call and ended: its caller hears that (a retry would look for a new holder instead)
        assertThatThrownBy(() -> ServerTesting.await(answer))
                .isInstanceOf(ServerExitException.class)
                .satisfies(e -> assertThat(((ServerExitException) e).server()).isEqualTo(server));
        assertThat(handled).hasValue(1);
    }
}
