package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.internal.RemoteNodes;
import dev.peeper.server.ServerRef;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The end of a member: its engine terminated or shut down ends the processes it hosts (no stale duplicate of a
 * server the others start again runs on), and a member (of a test cluster) whose reserved port was taken starts on
 * another one.
 */
class MemberEndTest {
    private static final ClusterStarter COUNTER = ClusterStarters.peeper(Counter::new, 0);

    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    @Test
    void aMemberWhoseEngineIsTerminatedEndsItsServersWhichComeBackElsewhereWithTheirState() throws Exception {
        List<PeeperCluster> members = cluster.start(3);
        Pid first = members.get(0).startOnOwner("hosted", COUNTER, TIMEOUT);
        PeeperCluster home = TestCluster.homeOf(members, first);
        PeeperCluster caller = members.stream().filter(m -> m != home).findFirst().orElseThrow();
        ServerRef byName = ServerRef.named(caller.name("hosted"));
        caller.runAs(() -> byName.cast(7));
        assertThat(caller.<Integer>callAs(() -> byName.call("get"))).isEqualTo(7);

        home.hazelcast().getLifecycleService().terminate(); // the engine alone, as Hazelcast may do by itself

        assertThat(RemoteNodes.exitFuture(first).get(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS))
                .isEqualTo(ExitReason.killed());
        assertThat(FailoverTest.callUntilAnswered(caller, byName)).isEqualTo(7);
    }

    @Test
    void aMemberClosedEndsItsServersToo() throws Exception {
        List<PeeperCluster> members = cluster.start(3); // two stay: a majority, which may acknowledge
        Pid pid = members.get(0).startOnOwner("closed", COUNTER, TIMEOUT);
        PeeperCluster home = TestCluster.homeOf(members, pid);
        PeeperCluster other = members.stream().filter(m -> m != home).findFirst().orElseThrow();
        ServerRef byName = ServerRef.named(other.name("closed"));
        other.runAs(() -> byName.cast(5));
        assertThat(other.<Integer>callAs(() -> byName.call("get"))).isEqualTo(5);

        home.close();

        // close() hands its servers over first (handoff), then ends whatever is left with its engine: either way no
        // process of the closed member runs on, and the name runs on another member with its state
        assertThat(RemoteNodes.exitFuture(pid).get(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS))
                .isIn(ExitReason.shutdown("transferred"), ExitReason.killed());
        assertThat(FailoverTest.callUntilAnswered(other, byName)).isEqualTo(5);
    }

    @Test
    void aMemberWhoseReservedPortWasTakenStartsOnAnotherAndJoins() throws Exception {
        PeeperCluster first = cluster.start(1, 2).get(0);
        int reserved = cluster.port(1);
        try (ServerSocket taken = new ServerSocket(reserved, 1, InetAddress.getLoopbackAddress())) {
            PeeperCluster late = cluster.member(1);

            assertThat(cluster.port(1)).isNotEqualTo(reserved);
            TestCluster.awaitSize(List.of(first, late), 2);
        }
    }
}
