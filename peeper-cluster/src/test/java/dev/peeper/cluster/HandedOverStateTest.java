package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.IMap;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.process.internal.RemoteNodes;
import dev.peeper.server.ServerRef;
import dev.peeper.server.internal.ServerLoops;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server handed over leaves its replicated state for its successor, whatever the successor did with it. A move
 * hands the old server over to whatever process the target answers as the name's server; the three-way heal test once
 * saw that be a superseded server that never took the state over, and the old server's end then removed the entry
 * (it still held it): the state of every side, merged, was gone.
 */
class HandedOverStateTest {
    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    @Test
    void aServerHandedToAProcessThatNeverTookItsStateOverLeavesTheState() throws Exception {
        List<PeeperCluster> members = cluster.start(2); // a synchronous keeper acknowledges with a backup only
        Pid server = members.get(0).startOnOwner("handed", ClusterStarters.peeper(Counter::new, 0), TIMEOUT);
        PeeperCluster member = members.stream().filter(m -> m.isHere(server)).findFirst().orElseThrow();
        ServerRef byPid = ServerRef.of(server);
        member.runAs(() -> byPid.cast(7));
        assertThat(member.<Integer>callAs(() -> byPid.call("get"))).isEqualTo(7);
        IMap<Object, KeptState> states = member.hazelcast().getMap(ClusterKeepers.MAP);
        long owner = states.get("handed").owner();
        Pid successor = member.callAs(() -> Proc.spawn(() -> Proc.receive(TIMEOUT))); // takes nothing over

        member.runAs(() -> ServerLoops.handOver(byPid, successor, ServerLoops.TRANSFERRED));
        TestCluster.await(RemoteNodes.exitFuture(server));

        KeptState left = states.get("handed");
        assertThat(left).as("the entry stays").isNotNull();
        assertThat(left.owner()).as("still the handed-over incarnation's").isEqualTo(owner);
        assertThat(left.state()).as("with its last state").isEqualTo(7);
        assertThat(member.slots().of("handed")).as("this member's note of the slot goes").isNull();
    }
}
