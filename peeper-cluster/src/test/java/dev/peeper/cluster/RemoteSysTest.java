package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.durable.PeeperRef;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.server.CallFailedException;
import dev.peeper.server.GenServers;
import dev.peeper.server.ServerRef;
import dev.peeper.server.ServerStatistics;
import dev.peeper.server.StartOptions;
import dev.peeper.server.Sys;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stop and the code-free Sys requests reach a server on another member, in their place in its queue. */
class RemoteSysTest {
    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    /** Starts a counter at 0 named {@code name} on {@code member}; returns its end, as {@code member} sees it. */
    private static CompletableFuture<ExitReason> counterOn(PeeperCluster member, String name) {
        return member.callAs(() -> {
            Pid pid = GenServers.start(new Counter(), 0, StartOptions.named(member.name(name))).pid();
            return Proc.whenExited(pid);
        });
    }

    @Test
    void sysRequestsAndStopReachAServerOnAnotherMember() throws Exception {
        List<PeeperCluster> members = cluster.start(2);
        PeeperCluster caller = members.get(0);
        CompletableFuture<ExitReason> ended = counterOn(members.get(1), "remote");
        ServerRef server = ServerRef.named(caller.name("remote"));

        caller.runAs(() -> {
            server.cast(3);
            assertThat(server.<Integer>call("get")).isEqualTo(3);
            assertThat(Sys.<Integer>getState(server)).isEqualTo(3);

            Sys.suspend(server);
            server.cast(4); // waits while suspended; system requests are still served
            assertThat(Sys.<Integer>getState(server)).isEqualTo(3);
            ServerStatistics statistics = Sys.statistics(server);
            assertThat(statistics.suspended()).isTrue();
            assertThat(statistics.messagesHandled()).isEqualTo(2);
            Sys.resume(server);
            assertThat(server.<Integer>call("get")).isEqualTo(7);

            assertThatThrownBy(() -> Sys.replaceState(server, state -> 0)).isInstanceOf(CallFailedException.class)
                    .cause().isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("own member");
            assertThat(server.<Integer>call("get")).as("a refused request harms no server").isEqualTo(7);

            server.stop(ExitReason.shutdown("bye"), TIMEOUT);
        });
        assertThat(TestCluster.await(ended)).isEqualTo(ExitReason.shutdown("bye"));
        assertThat(caller.name("remote").whereis()).isNull();
    }

    @Test
    void aPeeperServerOnAnotherMemberAnswersForItsStateAndStops() {
        List<PeeperCluster> members = cluster.start(2);
        Pid pid = members.get(0).startOnOwner("durable", ClusterStarters.peeper(Counter::new, 0), TIMEOUT);
        PeeperCluster caller = members.stream().filter(m -> !m.isHere(pid)).findFirst().orElseThrow();
        PeeperRef server = PeeperRef.named(caller.name("durable"));

        caller.runAs(() -> {
            server.cast(6);
            assertThat(server.<Integer>call("get")).isEqualTo(6);
            assertThat(server.<Integer>state()).isEqualTo(6);
            server.stop();
        });
        assertThat(caller.name("durable").whereis()).isNull();
        TestCluster.await(() -> caller.hazelcast().getMap(Failover.MAP).isEmpty(), "a stopped server not started again");
    }

    @Test
    void sysTerminateStopsARemoteServerAheadOfItsQueue() throws Exception {
        List<PeeperCluster> members = cluster.start(2);
        PeeperCluster caller = members.get(1);
        CompletableFuture<ExitReason> ended = counterOn(members.get(0), "terminated");
        ServerRef server = ServerRef.named(caller.name("terminated"));

        caller.runAs(() -> {
            Sys.suspend(server);
            server.cast(1); // queued behind the suspension: dropped by the terminate
            Sys.terminate(server, ExitReason.of("done"), TIMEOUT);
        });
        assertThat(TestCluster.await(ended)).isEqualTo(ExitReason.of("done"));
        assertThat(caller.name("terminated").whereis()).isNull();
    }

}
