package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static dev.peeper.cluster.TestCluster.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.IMap;
import dev.peeper.process.Pid;
import dev.peeper.server.ServerRef;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * After a split into three sides or more heals without a majority, the kept server merges every other side's
 * diverged state, one at a time, through its {@code resolveConflict}: none is dropped. The queue is put into the
 * entry here as {@link MergeDivergedStates} leaves it (its own test covers how the queue forms).
 */
class QueuedConflictsTest {
    private static final String NAME = "tags-of-three-sides";

    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    @Test
    void theKeptServerMergesEveryWaitingStateInTurn() {
        List<PeeperCluster> members = cluster.start(2);
        Pid pid = members.get(0).startOnOwner(NAME, ClusterStarters.peeper(TagSet::new, null), TIMEOUT);
        PeeperCluster owner = TestCluster.homeOf(members, pid);
        ServerRef tags = ServerRef.named(owner.name(NAME));
        owner.runAs(() -> tags.cast("mine"));
        await(() -> owner.<Set<String>>callAs(() -> tags.call("get")).contains("mine"), "the server's own tag");

        IMap<Object, KeptState> states = owner.hazelcast().getMap(ClusterKeepers.MAP);
        KeptState now = states.get(NAME);
        KeptState second = new KeptState(1, 33, 4, (Object) new TreeSet<>(Set.of("c")));
        KeptState first = new KeptState(1, 22, 7, new TreeSet<>(Set.of("b")), Lineage.NONE, second);
        states.put(NAME, new KeptState(now.generation(), now.owner(), now.sequence(), now.stored(),
                now.lineage(), first)); // two other sides' states wait, as a heal leaves them

        owner.conflicts().resolve(NAME);

        assertThat(owner.<Set<String>>callAs(() -> tags.call("get"))).as("every side's tags")
                .containsExactly("b", "c", "mine");
        assertThat(states.get(NAME).theirs()).as("nothing waits any more").isNull();
        assertThat(states.get(NAME).state()).as("the merged state, written").isEqualTo(Set.of("b", "c", "mine"));
    }
}
