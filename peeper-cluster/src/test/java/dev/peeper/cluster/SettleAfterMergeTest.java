package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.IMap;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.internal.RemoteNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How the merge after a split settles a server of the member merged in whose name the merged cluster's names map
 * does not hold (the merge discards the side merged in's map): it claims the name only if the merged state entry is
 * its own incarnation's.
 */
class SettleAfterMergeTest {
    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    /**
     * The name is also free while the kept incarnation moves between members: a handoff frees it before the target
     * starts the server. The three-way heal test once saw the superseded server claim it in that moment; the move then
     * found it holding the name on the target, passed it its messages and ended, handed over; the superseded server
     * stopped at its first write (fenced), and no server ran the name any more.
     */
    @Test
    void aServerWhoseMergedStateAnotherIncarnationHoldsStopsRatherThanClaimingItsFreeName() throws Exception {
        PeeperCluster member = cluster.start(1).getFirst();
        Pid superseded = member.startOnOwner("moving", ClusterStarters.peeper(Counter::new, 0), TIMEOUT);
        Merging.begin(member, "moving"); // the kept incarnation's handoff freed the name meanwhile
        IMap<Object, KeptState> states = member.hazelcast().getMap(ClusterKeepers.MAP);
        long kept = 42; // the token of the incarnation the merged cluster keeps
        states.executeOnKey("moving", new KeeperEntry.TakeOver(kept)); // its entry, as the merge leaves it

        Merging.settle(member); // returns once the servers it stops have ended

        assertThat(member.name("moving").whereis()).as("the name stays free for the kept incarnation").isNull();
        ExitReason reason = TestCluster.await(RemoteNodes.exitFuture(superseded));
        assertThat(reason.toString()).contains("SplitHealedException").contains("moving between members");
        assertThat(states.get("moving").owner()).as("the kept incarnation's entry stays").isEqualTo(kept);
    }

    /** Its own incarnation's entry: the merged cluster ran the name nowhere else, so the server claims it again. */
    @Test
    void aServerWhoseMergedStateIsItsOwnClaimsItsFreeName() {
        PeeperCluster member = cluster.start(1).getFirst();
        Pid own = member.startOnOwner("own", ClusterStarters.peeper(Counter::new, 0), TIMEOUT);
        Merging.begin(member, "own");

        Merging.settle(member);

        assertThat(member.name("own").whereis()).isEqualTo(own);
        assertThat(RemoteNodes.isAlive(own)).isTrue();
    }
}
