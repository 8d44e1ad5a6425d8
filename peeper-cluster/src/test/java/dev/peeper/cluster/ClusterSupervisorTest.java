package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.cluster.groups.ClusterGroups;
import dev.peeper.cluster.groups.GroupReply;
import dev.peeper.cluster.supervisor.ClusterChild;
import dev.peeper.cluster.supervisor.ClusterChildSpec;
import dev.peeper.cluster.supervisor.ClusterSupervisor;
import dev.peeper.cluster.supervisor.UnknownChildException;
import dev.peeper.process.Pid;
import dev.peeper.server.CallException;
import dev.peeper.server.ServerRef;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The cluster dynamic supervisor: children by name, one per name, listed and terminated from any member. */
class ClusterSupervisorTest {
    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    @Test
    void concurrentStartsFromEveryMemberGiveOneChildListedFromEveryMember() throws Exception {
        List<PeeperCluster> members = cluster.start(3);
        Pid one = ConcurrentStarts.fromEveryMember(members, member -> ClusterSupervisor.of(member, "workers")
                .startChild(ClusterChildSpec.peeper("the-one", Counter::new, 0), TIMEOUT));
        Pid other = ClusterSupervisor.of(members.get(2), "workers")
                .startChild(ClusterChildSpec.peeper("another", Counter::new, 0), TIMEOUT);
        ClusterSupervisor.of(members.get(1)).startChild(ClusterChildSpec.peeper("elsewhere", Counter::new, 0), TIMEOUT);

        for (PeeperCluster member : members) {
            assertThat(ClusterSupervisor.of(member, "workers").children()).as("children seen from " + member)
                    .containsExactly(
                            new ClusterChild("another", other, TestCluster.homeOf(members, other).node()),
                            new ClusterChild("the-one", one, TestCluster.homeOf(members, one).node()));
        }
        assertThat(ClusterSupervisor.of(members.get(0)).children()).extracting(ClusterChild::name)
                .containsExactly("elsewhere");
    }

    @Test
    void aChildRestartsFromItsStateWithinItsIntensityAndEndsBeyondIt() {
        List<PeeperCluster> members = cluster.start(2);
        ClusterSupervisor supervisor = ClusterSupervisor.of(members.get(0));
        Pid pid = supervisor.startChild(ClusterChildSpec.peeper("crashy", Counter::new, 0, 2, Duration.ofMinutes(1))
                .withGroups("crashers"), TIMEOUT);
        PeeperCluster caller = members.stream().filter(m -> !m.isHere(pid)).findFirst().orElseThrow();
        ServerRef byName = ServerRef.named(caller.name("crashy"));
        caller.runAs(() -> byName.cast(5));

        for (int crash = 1; crash <= 2; crash++) {
            assertThatThrownBy(() -> caller.runAs(() -> byName.call("boom"))).isInstanceOf(CallException.class);
            assertThat(caller.<Integer>callAs(() -> byName.call("get"))).as("after crash " + crash).isEqualTo(5);
            assertThat(caller.name("crashy").whereis()).isEqualTo(pid);
            List<GroupReply> replies = ClusterGroups.of(caller).multiCall("crashers", "get", TIMEOUT);
            assertThat(replies).extracting(GroupReply::pid, GroupReply::reply)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(pid, 5));
        }
        assertThat(ClusterSupervisor.of(caller).children()).extracting(ClusterChild::pid).containsExactly(pid);

        assertThatThrownBy(() -> caller.runAs(() -> byName.call("boom"))).isInstanceOf(CallException.class);
        TestCluster.await(() -> ClusterSupervisor.of(caller).children().isEmpty(), "the child over its intensity gone");
        assertThat(caller.name("crashy").whereis()).isNull();
        TestCluster.await(() -> caller.hazelcast().getMap(Failover.MAP).isEmpty(), "it is not started elsewhere");
        // the record goes first, then the groups: both on the child's member, as it ends
        TestCluster.await(() -> !ClusterGroups.of(caller).groups().contains("crashers"), "the child out of its groups");
    }

    @Test
    void aChildOfATerminatedMemberComesBackElsewhereWithItsStateAndItsGroups() {
        List<PeeperCluster> members = cluster.start(3);
        Pid first = ClusterSupervisor.of(members.get(0))
                .startChild(ClusterChildSpec.peeper("survivor", Counter::new, 0).withGroups("survivors"), TIMEOUT);
        PeeperCluster home = TestCluster.homeOf(members, first);
        PeeperCluster caller = members.stream().filter(m -> m != home).findFirst().orElseThrow();
        ServerRef byName = ServerRef.named(caller.name("survivor"));
        caller.runAs(() -> byName.cast(7));
        assertThat(caller.<Integer>callAs(() -> byName.call("get"))).isEqualTo(7);


        Backups.awaitInPlace(members);
        TestCluster.terminate(home);
        assertThat(FailoverTest.callUntilAnswered(caller, byName)).isEqualTo(7);

        Pid second = caller.name("survivor").whereis();
        PeeperCluster newHome = members.stream().filter(m -> m != home && m.isHere(second)).findFirst().orElseThrow();
        TestCluster.await(() -> ClusterSupervisor.of(caller).children()
                        .equals(List.of(new ClusterChild("survivor", second, newHome.node()))),
                "the child listed with its new pid and member");
        List<GroupReply> replies = ClusterGroups.of(caller).multiCall("survivors", "get", TIMEOUT);
        assertThat(replies).extracting(GroupReply::name, GroupReply::pid, GroupReply::outcome, GroupReply::reply)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("survivor", second, GroupReply.Outcome.REPLY, 7));
    }

    @Test
    void aChildIsTerminatedByNameFromAMemberThatDoesNotRunIt() {
        List<PeeperCluster> members = cluster.start(2);
        ClusterSupervisor supervisor = ClusterSupervisor.of(members.get(0), "jobs");
        Pid pid = supervisor.startChild(ClusterChildSpec.peeper("job", Counter::new, 0).withGroups("jobs"), TIMEOUT);
        PeeperCluster elsewhere = members.stream().filter(m -> !m.isHere(pid)).findFirst().orElseThrow();

        ClusterSupervisor.of(elsewhere, "jobs").terminateChild("job", TIMEOUT);

        assertThat(elsewhere.name("job").whereis()).isNull();
        assertThat(ClusterSupervisor.of(elsewhere, "jobs").children()).isEmpty();
        TestCluster.await(() -> !ClusterGroups.of(elsewhere).groups().contains("jobs"), "the child out of its groups");
        TestCluster.await(() -> elsewhere.hazelcast().getMap(Failover.MAP).isEmpty(), "it is not started elsewhere");
        assertThatThrownBy(() -> ClusterSupervisor.of(elsewhere, "jobs").terminateChild("job"))
                .isInstanceOf(UnknownChildException.class).hasMessageContaining("no child named job");
        Pid other = supervisor.startChild(ClusterChildSpec.peeper("not-yours", Counter::new, 0), TIMEOUT);
        assertThatThrownBy(() -> ClusterSupervisor.of(elsewhere, "others").terminateChild("not-yours"))
                .isInstanceOf(UnknownChildException.class).hasMessageContaining("others");
        assertThat(elsewhere.name("not-yours").whereis()).isEqualTo(other);
    }

    @Test
    void aChildWhoseMemberJustDiedIsTerminatedOnceItRunsElsewhere() {
        List<PeeperCluster> members = cluster.start(3);
        Pid first = ClusterSupervisor.of(members.get(0))
                .startChild(ClusterChildSpec.peeper("moving", Counter::new, 0), TIMEOUT);
        PeeperCluster home = TestCluster.homeOf(members, first);
        PeeperCluster caller = members.stream().filter(m -> m != home).findFirst().orElseThrow();

        Backups.awaitInPlace(members);
        TestCluster.terminate(home);
        ClusterSupervisor.of(caller).terminateChild("moving", TIMEOUT); // waits for its start elsewhere, if need be

        assertThat(ClusterSupervisor.of(caller).children()).isEmpty();
        assertThat(caller.name("moving").whereis()).isNull();
        TestCluster.await(() -> caller.hazelcast().getMap(Failover.MAP).isEmpty(), "it is not started again");
    }

    @Test
    void badInputsGetClearErrors() {
        List<PeeperCluster> members = cluster.start(2);
        ClusterSupervisor supervisor = ClusterSupervisor.of(members.get(1));
        ClusterStarter failing = (here, name) -> {
            throw new IllegalStateException("cannot start " + name.name());
        };

        assertThatThrownBy(() -> supervisor.startChild(ClusterChildSpec.of("broken", failing), TIMEOUT))
                .isInstanceOf(StartFailedException.class).hasMessageContaining("cannot start broken");
        assertThat(supervisor.children()).isEmpty();
        assertThatThrownBy(() -> supervisor.startChild(ClusterChildSpec.of(new Object(), failing), TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be sent");
        assertThatThrownBy(() -> ClusterChildSpec.of(null, failing)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("cluster-wide name");
        assertThatThrownBy(() -> ClusterChildSpec.peeper("x", Counter::new, 0, -1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRestarts");
        assertThatThrownBy(() -> ClusterSupervisor.of(members.get(0), " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
    }
}
