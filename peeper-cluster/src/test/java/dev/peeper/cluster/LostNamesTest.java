package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.internal.RemoteNodes;
import dev.peeper.server.ServerRef;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server whose name entry the names map lost (the engine promoted a backup replica that had not caught up, after
 * a member was removed mid-migration) gets its name back after the next membership change, unless its incarnation
 * was taken over elsewhere meanwhile ({@link LostNames}).
 */
class LostNamesTest {
    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    @Test
    void aServerWhoseNameTheMapLostRegistersItAgainAfterAMembershipChangeUnlessItWasTakenOver() throws Exception {
        List<PeeperCluster> members = cluster.start(3);
        PeeperCluster member = members.getFirst();
        // names this member owns, so that no handoff moves their servers when the third member leaves
        String lost = OwnedNames.owned(member, 3, "lost");
        String superseded = OwnedNames.owned(member, 3, "superseded");
        Pid lostServer = startWithAState(member, lost);
        Pid supersededServer = startWithAState(member, superseded);
        loseNames(members, lost, superseded);
        // another incarnation took this one over elsewhere: its server here must not answer by name again
        member.hazelcast().<Object, KeptState>getMap(ClusterKeepers.MAP).executeOnKey(superseded,
                new KeeperEntry.TakeOver(42));

        members.get(2).close(); // a membership change
        TestCluster.awaitSize(members.subList(0, 2), 2);

        TestCluster.await(() -> lostServer.equals(member.names().holder(lost)), lost + " to be registered again");
        PeeperCluster other = members.get(1);
        assertThat(other.name(lost).whereis()).as("seen from the other member").isEqualTo(lostServer);
        assertThat(member.callAs(() -> ServerRef.named(other.name(lost)).<Integer>call("get", TIMEOUT)))
                .isEqualTo(1);
        assertThat(member.names().holder(superseded)).as("a server taken over elsewhere stays unnamed").isNull();
        assertThat(RemoteNodes.isAlive(supersededServer)).as("still running, so the line above means something")
                .isTrue();
    }

    /**
     * Within the window after a membership change, a round runs when the partitions settle, and else at least every
     * {@link LostNames#QUIET_ROUND}: a name lost after the change's own round, with or without an event after it, is
     * still found within the window.
     */
    @Test
    void aNameLostAfterTheChangesFirstRoundIsFoundWithinTheWindow() throws Exception {
        List<PeeperCluster> members = cluster.start(3);
        PeeperCluster member = members.getFirst();
        String name = OwnedNames.owned(member, 3, "later");
        Pid server = startWithAState(member, name);
        LostNames lostNames = member.failover().lostNames();
        long before = lostNames.rounds();

        members.get(2).close(); // a membership change
        TestCluster.awaitSize(members.subList(0, 2), 2);
        TestCluster.await(() -> lostNames.rounds() > before, "the round after the change");
        loseNames(members, name); // after that round

        TestCluster.await(() -> server.equals(member.names().holder(name)), name + " to be registered again");
    }

    /**
     * A server started on a member where a server of the same name still runs without it (the name was free, so the
     * one before had lost it and was taken over) stops the one before: no call by name reaches it any more, and it
     * would run on for good.
     */
    @Test
    void aServerStartedBesideOneOfTheSameNameThatLostItStopsTheOneBefore() throws Exception {
        List<PeeperCluster> members = cluster.start(2);
        PeeperCluster member = members.getFirst();
        String name = OwnedNames.owned(member, 2, "twice");
        Pid before = startWithAState(member, name);
        loseNames(members, name);
        member.hazelcast().<Object, KeptState>getMap(ClusterKeepers.MAP).executeOnKey(name,
                new KeeperEntry.TakeOver(42)); // taken over elsewhere: LostNames leaves it unnamed

        Pid after = member.startOnOwner(name, ClusterStarters.peeper(Counter::new, 0), TIMEOUT);

        assertThat(after).isNotEqualTo(before);
        ExitReason reason = TestCluster.await(RemoteNodes.exitFuture(before));
        assertThat(reason.toString()).contains("SplitHealedException");
        assertThat(member.names().holder(name)).isEqualTo(after);
        assertThat(member.handoffs().runningHere(name)).isEqualTo(after);
    }

    /**
     * Deletes the names' entries from the names map, as a promoted replica that had not caught up would have lost
     * them, and empties every member's cache of them.
     */
    private static void loseNames(List<PeeperCluster> members, String... names) {
        for (String name : names) {
            members.getFirst().hazelcast().getMap(ClusterNames.MAP).delete(name);
        }
        members.forEach(each -> each.names().forgetAll());
    }

    /** Starts {@code name} on {@code member} and raises its count to 1, so its incarnation holds its state entry. */
    private static Pid startWithAState(PeeperCluster member, String name) {
        Pid pid = member.startOnOwner(name, ClusterStarters.peeper(Counter::new, 0), TIMEOUT);
        member.callAs(() -> {
            ServerRef server = ServerRef.of(pid);
            server.cast(1);
            return server.<Integer>call("get", TIMEOUT);
        });
        return pid;
    }
}
