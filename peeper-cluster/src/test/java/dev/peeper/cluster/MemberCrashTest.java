package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static dev.peeper.cluster.TestCluster.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.IMap;
import dev.peeper.cluster.transport.WireReasons;
import dev.peeper.process.Down;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.server.ServerRef;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real crash: a member in a child JVM killed with SIGKILL. Its remote monitors fire {@code noconnection}, its
 * names are freed, and its server starts again on a survivor with the state it acknowledged.
 */
class MemberCrashTest {
    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    @Test
    void aKilledMembersMonitorsNamesAndAcknowledgedStateAreHandled() throws Exception {
        List<PeeperCluster> members = cluster.start(2, 3);
        PeeperCluster a = members.get(0);
        ChildJvm child = cluster.startChild(ChildMember.class, 2);

        Pid victim = a.name("victim").whereis();
        assertThat(victim).isNotNull();
        assertThat(a.isHere(victim)).isFalse();
        CompletableFuture<Object> down = new CompletableFuture<>();
        CompletableFuture<Void> watching = new CompletableFuture<>();
        a.runAs(() -> Proc.spawn(() -> {
            Proc.monitor(victim);
            watching.complete(null);
            down.complete(Proc.receive(TIMEOUT));
        }));
        await(watching);
        ServerRef counter = ServerRef.named(a.name("kept-counter"));
        int acknowledged = a.callAs(() -> {
            for (int i = 0; i < 20; i++) {
                counter.cast(1);
            }
            return counter.call("get"); // crosses JVMs; answered after every cast's state was kept
        });
        assertThat(acknowledged).isEqualTo(20);

        child.close(); // SIGKILL

        assertThat(await(down)).isInstanceOfSatisfying(Down.class, d -> {
            assertThat(d.pid()).isEqualTo(victim);
            assertThat(d.reason()).isEqualTo(WireReasons.NOCONNECTION);
        });
        assertThat(a.name("victim").whereis()).isNull();
        IMap<Object, KeptState> states = a.hazelcast().getMap(ClusterKeepers.MAP);
        assertThat(states.get("kept-counter").state()).isEqualTo(20);
        // and the counter runs again on a survivor, from that state
        assertThat(FailoverTest.callUntilAnswered(a, counter)).isEqualTo(20);
        assertThat(members.stream().anyMatch(m -> m.isHere(a.name("kept-counter").whereis()))).isTrue();
    }
}
