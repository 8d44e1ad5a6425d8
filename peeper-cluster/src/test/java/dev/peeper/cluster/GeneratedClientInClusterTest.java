package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.process.Pid;
import dev.peeper.server.ServerExitException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@code @GenServer} run in a cluster through its generated client alone ({@code TallyClient}, generated from
 * {@link Tally} by the processor running on these tests): started on the member that owns its name, called from
 * the other member, one server per name, and resumed with its state on the survivor when its member dies; a
 * server's own {@code copyState} goes with its starter ({@link Basket}).
 */
class GeneratedClientInClusterTest {
    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    @Test
    void startedFromAnyMemberItRunsOnTheOwnerAndAnswersEveryMember() {
        List<PeeperCluster> members = cluster.start(2);
        PeeperCluster a = members.get(0);
        PeeperCluster b = members.get(1);

        TallyClient fromA = a.callAs(() -> TallyClient.startInCluster(a, "tally", 5));

        Pid pid = a.name("tally").whereis();
        PeeperCluster owner = ownerOf(members, "tally");
        assertThat(owner.isHere(pid)).as("runs on the member that owns its name").isTrue();
        TallyClient fromB = TallyClient.named(b.name("tally"));
        int seenFromB = b.callAs(() -> {
            fromB.add(3);
            return fromB.count();
        });
        assertThat(seenFromB).isEqualTo(8);
        assertThat(a.<Integer>callAs(fromA::count)).isEqualTo(8);

        // a second start of the name, from the other member, gives the same server
        TallyClient again = b.callAs(() -> TallyClient.startInCluster(b, "tally", 100, TIMEOUT));
        assertThat(b.<Integer>callAs(again::count)).isEqualTo(8);
        assertThat(b.name("tally").whereis()).isEqualTo(pid);
    }

    @Test
    void itsStarterResumesItOnTheSurvivorWithItsStateWhenItsMemberDies() {
        // three members: the two survivors are still a majority, so the resumed server may acknowledge again
        List<PeeperCluster> members = cluster.start(3);
        PeeperCluster a = members.get(0);
        Pid first = a.startOnOwner("kept", TallyClient.clusterStarter(1), TIMEOUT);
        PeeperCluster home = TestCluster.homeOf(members, first);
        PeeperCluster survivor = members.stream().filter(m -> m != home).findFirst().orElseThrow();
        TallyClient client = TallyClient.named(survivor.name("kept"));
        assertThat(survivor.<Integer>callAs(() -> {
            client.add(41);
            return client.count();
        })).isEqualTo(42);

        long homeNode = home.node();
        TestCluster.terminate(home);

        assertThat(FailoverTest.untilAnswered(survivor, () -> client.count(Duration.ofMillis(500)))).isEqualTo(42);
        assertThat(survivor.nodeOf(survivor.name("kept").whereis())).isNotEqualTo(homeNode)
                .isIn(survivor.nodes());
    }

    @Test
    void aServersOwnStateCopyTravelsWithItsStarter() {
        List<PeeperCluster> members = cluster.start(2);
        PeeperCluster a = members.get(0);
        PeeperCluster b = members.get(1);
        a.runAs(() -> BasketClient.startInCluster(a, "basket"));
        BasketClient basket = BasketClient.named(b.name("basket"));

        b.runAs(() -> basket.put("apple"));
        assertThatThrownBy(() -> b.runAs(() -> basket.putThenFail("pear"))).isInstanceOf(ServerExitException.class);

        // the crash left the kept state as it was: the callback changed a copy in place, not the kept one
        assertThat(b.<List<String>>callAs(basket::items)).containsExactly("apple");
    }

    @Test
    void itsAsyncCallByANameNotRegisteredYetIsAnsweredOnceTheServerStarts() throws Exception {
        List<PeeperCluster> members = cluster.start(2);
        PeeperCluster a = members.get(0);
        PeeperCluster b = members.get(1);
        TallyClient client = TallyClient.named(b.name("later"));

        // as the synchronous call does, the async one looks the cluster name up again until it is held
        CompletableFuture<Integer> count = b.callAs(client::countAsync);
        assertThat(count).isNotDone();
        a.startOnOwner("later", TallyClient.clusterStarter(4), TIMEOUT);

        assertThat(TestCluster.await(count)).isEqualTo(4);
    }

    private static PeeperCluster ownerOf(List<PeeperCluster> members, Object name) {
        var owner = members.get(0).hazelcast().getPartitionService().getPartition(name).getOwner();
        return members.stream().filter(m -> m.hazelcast().getCluster().getLocalMember().equals(owner)).findFirst()
                .orElseThrow();
    }
}
