package dev.peeper.server;

import static dev.peeper.server.ServerTesting.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.registry.ProcessName;
import dev.peeper.server.CallWaitsForHolderTest.WaitingRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A call by a name of a registry whose names come back by themselves (a cluster's) that meets a holder which is
 * already gone ({@code noproc}: the call certainly never ran) looks the name up again and calls its next holder,
 * within its timeout. By pid, or by a name of a registry that does not wait, it fails at once, as in OTP.
 */
class CallRetriesUndeliveredTest {
    @RegisterExtension
    final ServerTesting.Cleanup servers = new ServerTesting.Cleanup();

    private static Scripted echo() {
        return Scripted.server().onCall((request, from, state) -> Reply.of("got " + request, state));
    }

    private Pid deadServer() throws Exception {
        ServerRef server = GenServers.start(echo(), "s");
        Pid pid = server.pid();
        server.stop(ExitReason.normal(), TIMEOUT);
        return pid;
    }

    @Test
    void aCallThatMeetsAGoneHolderIsMadeAgainToTheNextHolder() throws Exception {
        WaitingRegistry registry = new WaitingRegistry(true);
        registry.names.put("moved", deadServer()); // the name still points at the gone holder, as after a crash
        ServerRef byName = ServerRef.named(ProcessName.via(registry, "moved"));

        CompletableFuture<Object> answer = ServerTesting.onThread(() -> byName.call("hello", TIMEOUT));
        // it met noproc and looked the name up again: it waits, not failed
        assertThat(registry.lookups.tryAcquire(3, TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(answer).isNotDone();

        Pid next = servers.track(GenServers.start(echo(), "s")).pid();
        registry.names.put("moved", next); // the name's next holder (a failover start)

        assertThat(ServerTesting.await(answer)).isEqualTo("got hello");
    }

    @Test
    void aNameWhoseHolderStaysGoneFailsNoProcOnceTheTimeoutPasses() throws Exception {
        WaitingRegistry registry = new WaitingRegistry(true);
        registry.names.put("stale", deadServer());

        assertThatThrownBy(() -> ServerRef.named(ProcessName.via(registry, "stale")).call("hello",
                Duration.ofMillis(100)))
                .isInstanceOf(ServerExitException.class)
                .hasMessageContaining("is not alive");
        assertThat(registry.lookups.availablePermits()).isGreaterThan(1);
    }

    @Test
    void byPidOrByANameThatDoesNotWaitAGoneServerFailsAtOnce() throws Exception {
        Pid dead = deadServer();
        WaitingRegistry registry = new WaitingRegistry(false);
        registry.names.put("stale", dead);

        assertThatThrownBy(() -> ServerRef.of(dead).call("hello", Duration.ofDays(1)))
                .isInstanceOf(ServerExitException.class);
        assertThatThrownBy(() -> ServerRef.named(ProcessName.via(registry, "stale")).call("hello", Duration.ofDays(1)))
                .isInstanceOf(ServerExitException.class);
        assertThat(registry.lookups.availablePermits()).isEqualTo(1);
    }
}
