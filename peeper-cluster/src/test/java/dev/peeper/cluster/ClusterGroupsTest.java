package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static dev.peeper.cluster.TestCluster.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.peeper.cluster.groups.ClusterGroups;
import dev.peeper.cluster.groups.GroupReply;
import dev.peeper.cluster.groups.GroupReply.Outcome;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.registry.ProcessName;
import dev.peeper.server.GenServers;
import dev.peeper.server.ServerRef;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Groups across members: join, leave, members, publish and multi-call, by pid and by cluster name. */
class ClusterGroupsTest {
    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    /** Starts an unnamed counter at 0 on {@code member}. */
    private static Pid counterOn(PeeperCluster member) {
        return member.callAs(() -> GenServers.start(new Counter(), 0).pid());
    }

    @Test
    void membersJoinedFromSeveralMembersAllGetWhatIsPublishedAndAnswerAMultiCall() {
        List<PeeperCluster> members = cluster.start(3);
        List<Pid> counters = members.stream().map(ClusterGroupsTest::counterOn).toList();
        for (int i = 0; i < 3; i++) {
            // each joined from the member after its own: a join of a pid of another member
            ClusterGroups.of(members.get((i + 1) % 3)).join("counters", counters.get(i));
        }
        ClusterGroups.of(members.get(0)).join("counters", counters.get(0)); // a second join changes nothing

        for (PeeperCluster member : members) {
            assertThat(ClusterGroups.of(member).members("counters")).as("seen from " + member)
                    .containsExactlyInAnyOrderElementsOf(counters);
        }
        ClusterGroups groups = ClusterGroups.of(members.get(1));
        assertThat(groups.publish("counters", 4)).isEqualTo(3);
        // a multi-call from the thread that published comes after the casts at each member (per-sender order)
        List<GroupReply> replies = groups.multiCall("counters", "get", TIMEOUT);
        assertThat(replies).extracting(GroupReply::pid, GroupReply::outcome, GroupReply::reply)
                .containsExactlyInAnyOrder(tuple(counters.get(0), Outcome.REPLY, 4),
                        tuple(counters.get(1), Outcome.REPLY, 4), tuple(counters.get(2), Outcome.REPLY, 4));
        assertThat(groups.groups()).contains("counters");

        assertThat(groups.leave("counters", counters.get(2))).isTrue();
        assertThat(ClusterGroups.of(members.get(0)).members("counters")).containsExactlyInAnyOrder(counters.get(0),
                counters.get(1));
        assertThat(groups.multiCall("counters", "fail", TIMEOUT)).extracting(GroupReply::outcome)
                .containsExactly(Outcome.FAILED, Outcome.FAILED);
    }

    @Test
    void aPlainPidLeavesItsGroupsWhenItEnds() {
        List<PeeperCluster> members = cluster.start(2);
        Pid local = counterOn(members.get(0));
        Pid remote = counterOn(members.get(1));
        ClusterGroups groups = ClusterGroups.of(members.get(0));
        groups.join("a", local);
        groups.join("b", local);
        groups.join("a", remote);

        members.get(0).runAs(() -> ServerRef.of(local).stop(ExitReason.normal(), TIMEOUT));
        members.get(0).runAs(() -> ServerRef.of(remote).stop(ExitReason.normal(), TIMEOUT)); // a remote stop

        TestCluster.await(() -> groups.members("a").isEmpty() && groups.members("b").isEmpty(),
                "both pids out of their groups");
        assertThat(ClusterGroups.of(members.get(1)).groups()).doesNotContain("a", "b");
    }

    @Test
    void aPidLeavesItsGroupsWhenItEndsAfterTheMemberThatJoinedItLeft() {
        List<PeeperCluster> members = cluster.start(3);
        Pid pid = counterOn(members.get(1));
        ClusterGroups.of(members.get(0)).join("orphans", pid);
        Backups.awaitInPlace(members);
        TestCluster.terminate(members.get(0)); // the member that joined it, and watched its end
        PeeperCluster user = members.get(2);
        TestCluster.awaitSize(List.of(user), 2);
        assertThat(ClusterGroups.of(user).members("orphans")).containsExactly(pid);

        members.get(1).runAs(() -> ServerRef.of(pid).stop(ExitReason.normal(), TIMEOUT));

        TestCluster.await(() -> ClusterGroups.of(user).members("orphans").isEmpty(), "the ended pid out of its group");
    }

    @Test
    void aMultiCallReportsEachMemberThatCannotAnswerWithWhy() throws Exception {
        List<PeeperCluster> members = cluster.start(3);
        PeeperCluster caller = members.get(0);
        Pid here = counterOn(caller);
        Pid doomed = counterOn(members.get(2));
        ClusterGroups groups = ClusterGroups.of(caller);
        groups.join("hangers", here);
        groups.join("hangers", doomed);
        groups.join("hangers", caller.name("nobody")); // a name no process holds

        // every member is asked to never answer; the one whose member dies is told at once, not at the timeout
        Duration timeout = Duration.ofSeconds(6);
        long asked = System.nanoTime();
        Backups.awaitInPlace(members);
        CompletableFuture<List<GroupReply>> replies = CompletableFuture.supplyAsync(
                () -> groups.multiCall("hangers", "hang", timeout));
        TestCluster.terminate(members.get(2));

        List<GroupReply> results = await(replies);
        assertThat(results.get(0)).as("members by name come first")
                .extracting(GroupReply::name, GroupReply::pid, GroupReply::outcome)
                .containsExactly("nobody", null, Outcome.NOPROC);
        assertThat(results).extracting(GroupReply::name, GroupReply::pid, GroupReply::outcome)
                .containsExactlyInAnyOrder(tuple("nobody", null, Outcome.NOPROC), tuple(null, here, Outcome.TIMEOUT),
                        tuple(null, doomed, Outcome.NOCONNECTION));
        assertThat(Duration.ofNanos(System.nanoTime() - asked)).isGreaterThanOrEqualTo(timeout);

        // from now on the dead member's pid is never published to, and its membership is removed
        assertThat(groups.members("hangers")).containsExactly(here);
        assertThat(groups.publish("hangers", 1)).isEqualTo(1);
        TestCluster.await(() -> !caller.hazelcast().getMultiMap(ClusterGroups.PIDS).get("hangers").contains(doomed),
                "the dead member's pid removed from the group's multimap");
    }

    @Test
    void aNamedServerStaysInItsGroupsAcrossItsFailover() {
        List<PeeperCluster> members = cluster.start(3);
        Pid first = members.get(0).startOnOwner("grouped", ClusterStarters.peeper(Counter::new, 0), TIMEOUT);
        PeeperCluster home = TestCluster.homeOf(members, first);
        PeeperCluster caller = members.stream().filter(m -> m != home).findFirst().orElseThrow();
        Pid plain = counterOn(caller);
        ClusterGroups groups = ClusterGroups.of(caller);
        groups.join("mixed", caller.name("grouped"));
        groups.join("mixed", plain);
        groups.publish("mixed", 3);
        assertThat(groups.multiCall("mixed", "get", TIMEOUT)).extracting(GroupReply::reply).containsExactly(3, 3);


        Backups.awaitInPlace(members);
        TestCluster.terminate(home);
        ServerRef byName = ServerRef.named(caller.name("grouped"));
        assertThat(FailoverTest.callUntilAnswered(caller, byName)).isEqualTo(3);

        Pid second = caller.name("grouped").whereis();
        assertThat(second).isNotEqualTo(first);
        assertThat(groups.members("mixed")).containsExactly(second, plain);
        // the server is back as soon as its partition has a new owner, but its first update waits (2 s at most) for
        // the partition's new backup, which the engine may take longer to re-create (3-6 s after a failed migration):
        // an update published before would be refused, as it should be, and this test is about the group, not that
        Backups.awaitInPlace(members.stream().filter(m -> m != home).toList());
        assertThat(groups.publish("mixed", 2)).isEqualTo(2);
        assertThat(groups.multiCall("mixed", "get", TIMEOUT))
                .extracting(GroupReply::name, GroupReply::pid, GroupReply::reply)
                .containsExactly(tuple("grouped", second, 5), tuple(null, plain, 5));
    }

    @Test
    void badInputsGetClearErrors() {
        List<PeeperCluster> members = cluster.start(2);
        ClusterGroups groups = ClusterGroups.of(members.get(0));
        assertThatThrownBy(() -> groups.join("g", ProcessName.local("here-only")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a cluster name");
        assertThatThrownBy(() -> groups.join(null, counterOn(members.get(0))))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("group");
        PeeperCluster gone = members.get(1);
        Pid orphan = counterOn(gone);
        Backups.awaitInPlace(members);
        TestCluster.terminate(gone);
        TestCluster.awaitSize(List.of(members.get(0)), 1);
        assertThatThrownBy(() -> groups.join("g", orphan)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not in this cluster");
    }
}
