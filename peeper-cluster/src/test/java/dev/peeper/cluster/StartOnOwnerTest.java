package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.cluster.Member;
import dev.peeper.durable.Peeper;
import dev.peeper.durable.PeeperOptions;
import dev.peeper.process.Pid;
import dev.peeper.server.ServerRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A named server starts on the member that owns its name, once, from any member. */
class StartOnOwnerTest {
    private static final ClusterStarter COUNTER = (here, name) -> Peeper.start(Counter::new, 0,
            PeeperOptions.defaults().withName(name).withKeeper(ClusterKeepers.synchronous(here))).pid();

    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    private static PeeperCluster ownerOf(List<PeeperCluster> members, Object name) {
        Member owner = members.get(0).hazelcast().getPartitionService().getPartition(name).getOwner();
        return members.stream().filter(m -> m.hazelcast().getCluster().getLocalMember().getUuid()
                .equals(owner.getUuid())).findFirst().orElseThrow();
    }

    @Test
    void aServerStartedFromAnyMemberRunsOnItsNamesOwner() {
        List<PeeperCluster> members = cluster.start(3);

        for (int n = 0; n < 6; n++) {
            String name = "counter-" + n;
            PeeperCluster from = members.get(n % 3);
            Pid pid = from.startOnOwner(name, COUNTER, TIMEOUT);

            assertThat(ownerOf(members, name).isHere(pid)).as(name + " runs on its owner").isTrue();
            PeeperCluster caller = members.get((n + 1) % 3);
            ServerRef byName = ServerRef.named(caller.name(name));
            int by = n;
            caller.runAs(() -> byName.cast(by));
            assertThat(caller.<Integer>callAs(() -> byName.call("get"))).isEqualTo(by);
        }
    }

    @Test
    void concurrentStartsOfOneNameFromEveryMemberGiveOneServer() throws Exception {
        List<PeeperCluster> members = cluster.start(3);
        Pid first = ConcurrentStarts.fromEveryMember(members,
                member -> member.startOnOwner("the-one", COUNTER, TIMEOUT));

        assertThat(members.get(1).name("the-one").whereis()).isEqualTo(first);
    }

    @Test
    void aStartThatLosesTheNameLeavesTheRunningServersStateSlotInPlace() throws Exception {
        List<PeeperCluster> members = cluster.start(3);
        Pid first = ConcurrentStarts.fromEveryMember(members,
                member -> member.startOnOwner("the-one", COUNTER, TIMEOUT));
        PeeperCluster owner = ownerOf(members, "the-one");
        // on the owner itself: a server makes its keeper before it tries for its name, and loses it here
        assertThatThrownBy(() -> COUNTER.start(owner, owner.name("the-one"))).hasMessageContaining("already");

        // what a merge after a split and a move work on must still be the running incarnation's slot
        StateSlot slot = owner.slots().of("the-one");
        KeptState entry = owner.hazelcast().<Object, KeptState>getMap(ClusterKeepers.MAP).get("the-one");
        assertThat(slot).as("the slot of the running server").isNotNull();
        assertThat(slot.owner()).as("the slot's incarnation, against the entry's").isEqualTo(entry.owner());
        assertThat(owner.isHere(first)).isTrue();
    }

    @Test
    void aFailedStartReportsItsCause() {
        List<PeeperCluster> members = cluster.start(2);
        ClusterStarter failing = (here, name) -> {
            throw new IllegalStateException("cannot start " + name.name());
        };

        assertThatThrownBy(() -> members.get(0).startOnOwner("broken", failing, TIMEOUT))
                .isInstanceOf(StartFailedException.class)
                .hasMessageContaining("cannot start broken");
    }

    /**
     * A member being merged into another cluster after a split does not answer a start with a server of its own
     * until the merge has settled its servers: that one may be about to be fenced. Seen in the fault suite without a
     * majority: a handoff to the member just merged in passed its state on to such a one, which then stopped, and
     * the name ran nowhere.
     */
    @Test
    void aMemberBeingMergedAnswersNoStartWithItsOwnServerUntilTheMergeSettledIt() {
        PeeperCluster member = cluster.start(1).getFirst();
        Pid own = member.startOnOwner("merged", ClusterStarters.peeper(Counter::new, 0), TIMEOUT);
        member.mergeBarrier().close(member.slots());

        assertThatThrownBy(() -> member.startOnOwner("merged", ClusterStarters.peeper(Counter::new, 0), TIMEOUT))
                .isInstanceOf(StartFailedException.class).hasMessageContaining("being merged");
        Pid other = member.startOnOwner("not-held", ClusterStarters.peeper(Counter::new, 0), TIMEOUT);
        assertThat(member.name("not-held").whereis()).as("a name no server here holds starts").isEqualTo(other);

        member.mergeBarrier().open(member.mergeBarrier().closing());
        assertThat(member.startOnOwner("merged", ClusterStarters.peeper(Counter::new, 0), TIMEOUT)).isEqualTo(own);
    }

    /**
     * Nor does it start a second server beside one of its own that runs without the name: the merge discards the
     * names map of the side merged in, so the name may be free in the merged cluster's while its server here still
     * runs. Seen in a long run of the fault suite without a majority: a handoff to the member just merged in started
     * a second server there, the merge settled only that one (the member tracks one server per name), and the first
     * ran on beside it, for good.
     */
    @Test
    void aMemberBeingMergedStartsNoSecondServerBesideItsOwnThatLostTheName() {
        PeeperCluster member = cluster.start(1).getFirst();
        Pid own = member.startOnOwner("merged", ClusterStarters.peeper(Counter::new, 0), TIMEOUT);
        Merging.begin(member, "merged");

        assertThatThrownBy(() -> member.startOnOwner("merged", ClusterStarters.peeper(Counter::new, 0), TIMEOUT))
                .isInstanceOf(StartFailedException.class).hasMessageContaining("being merged")
                .hasMessageContaining(own.toString());
        assertThat(member.handoffs().runningHere()).as("the one server this member runs").containsExactly(
                Map.entry("merged", own));

        Merging.settle(member); // the merge settles its server: the name is free, so it claims it again
        assertThat(member.startOnOwner("merged", ClusterStarters.peeper(Counter::new, 0), TIMEOUT)).isEqualTo(own);
    }
}
