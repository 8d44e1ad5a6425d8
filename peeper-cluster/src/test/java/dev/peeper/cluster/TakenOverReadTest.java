package dev.peeper.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.keeper.KeeperFactory;
import dev.peeper.server.ServerRef;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A synchronous keeper's reply that writes nothing and reveals only the state its incarnation took over needs no
 * backup of the partition: the predecessor wrote that state with one, so the reply acknowledges nothing new. A
 * failover's first answer is such a read, and after a failed migration the partition's new backup may take seconds
 * (ANALYSIS.md §9). Its first update still waits for a backup, and without one is refused and undone. Here the other
 * member has died and no backup can come back at all (one member is enough to acknowledge: minimum 1).
 */
class TakenOverReadTest {
    private static final ClusterStarter COUNTER = ClusterStarters.peeper(Counter::new, 0);

    @RegisterExtension
    final TestCluster cluster = new TestCluster(options -> options.withMinimumMembers(1));

    @Test
    void aReadOfTheStateTakenOverIsAnsweredWithoutABackupAndAnUpdateIsNot() {
        List<PeeperCluster> members = cluster.start(2);
        PeeperCluster survivor = members.get(0);
        KeeperFactory keepers = ClusterKeepers.synchronous(survivor);
        ReplicatedKeeper first = (ReplicatedKeeper) keepers.create(survivor.name("counter"));
        first.keep(7);
        first.beforeReply(); // acknowledged: on the owner and its backup
        TestCluster.terminate(members.get(1));
        TestCluster.awaitSize(List.of(survivor), 1);

        ReplicatedKeeper next = (ReplicatedKeeper) keepers.create(survivor.name("counter"));
        assertThat(next.restore()).isEqualTo(7);
        next.beforeReply(); // a read of what it took over: answered, though the partition has no backup

        next.keep(8);
        assertThatThrownBy(next::beforeReply).isInstanceOfSatisfying(NotReplicatedException.class,
                refused -> assertThat(refused.kind()).isEqualTo(NotReplicatedException.Kind.NO_BACKUP));
        assertThat(next.restore()).as("the refused update never happened").isEqualTo(7);
        next.beforeReply(); // reads of the state taken over go on being answered
    }

    /**
     * The same through a real failover: the server's member dies, the survivor starts it again from its state, and
     * a call by name that reads the count is answered, though the partition can have no backup any more; an update
     * is refused, and the count stays what was acknowledged.
     */
    @Test
    void aServerFailedOverToALoneSurvivorAnswersReadsOfItsRestoredState() {
        List<PeeperCluster> members = cluster.start(2);
        PeeperCluster survivor = members.get(0);
        PeeperCluster home = members.get(1);
        String name = OwnedNames.owned(home, 2, "lone");
        home.startOnOwner(name, COUNTER, TestCluster.TIMEOUT);
        ServerRef byName = ServerRef.named(survivor.name(name));
        survivor.runAs(() -> byName.cast(3));
        assertThat(survivor.<Integer>callAs(() -> byName.call("get"))).as("the update, acknowledged with a backup")
                .isEqualTo(3);

        TestCluster.terminate(home);
        TestCluster.awaitSize(List.of(survivor), 1);

        assertThat(FailoverTest.callUntilAnswered(survivor, byName)).isEqualTo(3);
        survivor.runAs(() -> byName.cast(4));
        assertThatThrownBy(() -> survivor.callAs(() -> byName.call("get"))).as("the reply that acknowledges it")
                .hasStackTraceContaining(NotReplicatedException.class.getSimpleName());
        assertThat(FailoverTest.callUntilAnswered(survivor, byName)).isEqualTo(3);
    }
}
