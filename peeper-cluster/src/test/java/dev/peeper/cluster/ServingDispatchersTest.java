package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static dev.peeper.cluster.TestCluster.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.durable.PeeperRef;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.server.Dispatcher;
import dev.peeper.server.Handoff;
import dev.peeper.server.ServerRef;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Where a member finds the callbacks ({@code handoff}, {@code resolveConflict}) of a server it runs: the dispatcher
 * of the server's current worker, registered by each worker as it starts, by the server's pid. The end of one
 * server of a name leaves the next one's alone (registered by name, a late end once took the new server's away, and
 * a conflict it inherited was left unmerged).
 */
class ServingDispatchersTest {
    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    @Test
    void eachWorkerRegistersItsDispatcherUnderItsServerUntilTheServerEnds() {
        PeeperCluster member = cluster.start(1).get(0);
        Pid server = member.startOnOwner("tags-served", ClusterStarters.peeper(TagSet::new, null), TIMEOUT);
        Handoffs handoffs = member.handoffs();
        Dispatcher<Object> first = handoffs.dispatcherOf(server);
        assertThat(first).as("the first worker's, from its init").isInstanceOf(ResumingDispatcher.class);

        Pid worker = member.callAs(() -> PeeperRef.of(server).worker());
        member.runAs(() -> Proc.exit(worker, ExitReason.kill()));
        await(() -> handoffs.dispatcherOf(server) != first, "the restarted worker's, from its restore");

        member.runAs(() -> PeeperRef.of(server).stop());
        await(() -> handoffs.dispatcherOf(server) == null, "forgotten once the server ended");
    }

    @Test
    void theEndOfAnEarlierServerOfTheNameLeavesTheNextOnesDispatcher() {
        PeeperCluster member = cluster.start(1).get(0);
        Handoffs handoffs = member.handoffs();
        Pid earlier = member.callAs(() -> Proc.spawn(Proc::receive)); // a server of the name that ends late
        handoffs.serving(earlier, new TagSet());
        Pid next = member.startOnOwner("tags-next", ClusterStarters.peeper(TagSet::new, null), TIMEOUT);
        Dispatcher<Object> nexts = handoffs.dispatcherOf(next);

        member.runAs(() -> Proc.exit(earlier, ExitReason.kill()));
        await(() -> handoffs.dispatcherOf(earlier) == null, "the earlier server's forgotten");
        assertThat(handoffs.dispatcherOf(next)).isSameAs(nexts).isNotNull();
    }

    /** Version 2 of {@link TagSet}: the same set, but it asks to start afresh when its name moves. */
    static final class RestartingTags extends TagSet {
        @Override
        public Handoff<TreeSet<String>> handoff(TreeSet<String> tags) {
            return Handoff.restart();
        }
    }

    @Test
    void anUpgradeRegistersTheNewCodesCallbacksAndRestartsKeepThem() throws Exception {
        List<PeeperCluster> members = cluster.start(2); // a synchronous keeper acknowledges with a backup only
        Pid server = members.get(0).startOnOwner("tags-upgraded", ClusterStarters.peeper(TagSet::new, null), TIMEOUT);
        PeeperCluster member = TestCluster.homeOf(members, server); // an upgrade runs on the server's own member
        Handoffs handoffs = member.handoffs();
        member.runAs(() -> {
            ServerRef.of(server).cast("kept");
            PeeperRef.of(server).upgrade(RestartingTags::new, "v1", null);
        });

        Dispatcher<Object> upgraded = handoffs.dispatcherOf(server);
        assertThat(upgraded).isInstanceOf(ResumingDispatcher.class);
        assertThat(upgraded.handoff(new TreeSet<>())).as("version 2's handoff").isSameAs(Handoff.restart());

        Pid worker = member.callAs(() -> PeeperRef.of(server).worker());
        member.runAs(() -> Proc.exit(worker, ExitReason.kill()));
        await(() -> handoffs.dispatcherOf(server) != upgraded, "the restarted worker's");
        Dispatcher<Object> restarted = handoffs.dispatcherOf(server);
        assertThat(restarted).as("still wrapped").isInstanceOf(ResumingDispatcher.class);
        assertThat(restarted.handoff(new TreeSet<>())).as("version 2's handoff").isSameAs(Handoff.restart());
        assertThat(member.callAs(() -> ServerRef.of(server).<TreeSet<String>>call("get"))).containsExactly("kept");
    }
}
