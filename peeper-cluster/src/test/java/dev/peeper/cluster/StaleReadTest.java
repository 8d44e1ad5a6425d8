package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.map.IMap;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.server.ServerExitException;
import dev.peeper.server.ServerRef;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A stale incarnation (its name taken over elsewhere, after a split or a pause) must not answer even a read: it
 * writes nothing, so no write fences it, and it would answer old state. After any membership change it checks once
 * that it still holds its name, and stops if a newer generation does.
 */
class StaleReadTest {
    private static final ClusterStarter COUNTER = ClusterStarters.peeper(Counter::new, 0);

    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    @Test
    void aStaleIncarnationStopsInsteadOfAnsweringAReadAfterTheMembershipChanged() {
        List<PeeperCluster> members = cluster.start(3);
        Pid pid = members.get(0).startOnOwner("stale", COUNTER, TIMEOUT);
        PeeperCluster home = TestCluster.homeOf(members, pid);
        List<PeeperCluster> others = members.stream().filter(m -> m != home).toList();
        ServerRef server = ServerRef.of(pid);
        home.runAs(() -> server.cast(2));
        assertThat(home.<Integer>callAs(() -> server.call("get"))).isEqualTo(2);

        // a newer incarnation took the name over elsewhere (as a failover on the majority side does), and this
        // member then sees the membership change (as a healed split or a member back from a pause does)
        IMap<Object, KeptState> states = others.get(0).hazelcast().getMap(ClusterKeepers.MAP);
        long newer = states.executeOnKey("stale", new KeeperEntry.TakeOver(42)).generation();
        TestCluster.terminate(others.get(1));
        TestCluster.awaitSize(List.of(home, others.get(0)), 2);

        assertThatThrownBy(() -> home.callAs(() -> server.call("get", TIMEOUT)))
                .isInstanceOfSatisfying(ServerExitException.class, e -> assertThat(e.getCause())
                        .isInstanceOfSatisfying(FencedException.class, fenced -> assertThat(fenced.newer())
                                .isEqualTo(newer)));
        TestCluster.await(() -> !home.callAs(() -> Proc.isAlive(pid)), "the stale incarnation to stop");
        assertThat(states.get("stale").generation()).as("the newer incarnation keeps the name").isEqualTo(newer);
    }
}
