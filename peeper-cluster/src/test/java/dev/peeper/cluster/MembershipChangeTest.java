package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.process.Pid;
import dev.peeper.server.ServerRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Servers started on their owners while the membership changes: a member that joins late reaches every one of them
 * at once, and the death of a member neither delays the servers of the others nor loses its own.
 */
class MembershipChangeTest {
    private static final int SERVERS = 10;
    private static final ClusterStarter COUNTER = ClusterStarters.peeper(Counter::new, 0);

    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    /** Starts {@code name} from {@code from} and makes its count {@code count}, acknowledged by a call. */
    private static Pid startWithCount(PeeperCluster from, String name, int count) {
        Pid pid = from.startOnOwner(name, COUNTER, TIMEOUT);
        ServerRef byName = ServerRef.named(from.name(name));
        from.runAs(() -> byName.cast(count));
        assertThat(from.<Integer>callAs(() -> byName.call("get"))).isEqualTo(count);
        return pid;
    }

    private static int get(PeeperCluster caller, String name) {
        return caller.callAs(() -> ServerRef.named(caller.name(name)).call("get"));
    }

    @Test
    void aMemberJoiningLateFindsAndCallsEveryServerStartedBeforeIt() {
        List<PeeperCluster> members = cluster.start(2, 3);
        Map<String, Pid> started = new LinkedHashMap<>();
        for (int n = 0; n < SERVERS; n++) {
            started.put("early-" + n, startWithCount(members.get(n % 2), "early-" + n, n));
        }

        PeeperCluster late = cluster.member(2);

        // at once, no retry: while the partitions migrate to the new member, the servers stay where they run
        started.forEach((name, pid) -> assertThat(late.name(name).whereis()).as(name).isEqualTo(pid));
        for (int n = 0; n < SERVERS; n++) {
            String name = "early-" + n;
            assertThat(get(late, name)).as(name).isEqualTo(n);
            late.runAs(() -> ServerRef.named(late.name(name)).cast(100));
            assertThat(get(late, name)).as(name + " kept after the join").isEqualTo(n + 100);
        }
    }

    @Test
    void aServerStartedAfterAMemberJoinedRunsOnItsNamesOwnerTheNewMemberIncluded() {
        List<PeeperCluster> members = new ArrayList<>(cluster.start(2, 3));
        PeeperCluster late = cluster.member(2);
        members.add(late);
        TestCluster.awaitSize(members, 3);
        Backups.awaitInPlace(members); // the partitions have moved: each name's owner stays put from here

        boolean onTheLateMember = false;
        // until one lands on the new member: bounded, since names spread over the members by hash
        for (int n = 0; n < 100 && (n < SERVERS || !onTheLateMember); n++) {
            String name = "after-" + n;
            Pid pid = startWithCount(members.get(n % 3), name, n);
            PeeperCluster owner = members.stream().filter(m -> m.hazelcast().getPartitionService()
                    .getPartition(name).getOwner().localMember()).findFirst().orElseThrow();
            assertThat(owner.isHere(pid)).as(name + " runs on its owner").isTrue();
            onTheLateMember |= late.isHere(pid);
        }
        assertThat(onTheLateMember).as("a name the new member owns runs there").isTrue();
    }

    @Test
    void whenAMemberDiesTheOthersServersAnswerAtOnceAndItsOwnComeBackWithTheirState() {
        List<PeeperCluster> members = cluster.start(3);
        Map<String, Pid> started = new LinkedHashMap<>();
        PeeperCluster victim = null;
        // until the victim (the first server's member) and some other member both run servers: bounded, since names
        // spread over the members by hash
        for (int n = 0; n < 100 && (started.size() < SERVERS || victim == null
                || started.values().stream().allMatch(victim::isHere)); n++) {
            Pid pid = startWithCount(members.get(n % 3), "spread-" + n, n);
            started.put("spread-" + n, pid);
            victim = victim != null ? victim : TestCluster.homeOf(members, pid);
        }
        PeeperCluster dead = victim;
        PeeperCluster caller = members.stream().filter(m -> m != dead).findFirst().orElseThrow();
        assertThat(started.values()).anyMatch(dead::isHere).anyMatch(pid -> !dead.isHere(pid));

        TestCluster.terminate(dead);

        started.forEach((name, pid) -> {
            if (!dead.isHere(pid)) {
                assertThat(get(caller, name)).as(name + ", on a live member, at once").isEqualTo(count(name));
            }
        });
        started.forEach((name, pid) -> {
            if (dead.isHere(pid)) {
                ServerRef byName = ServerRef.named(caller.name(name));
                assertThat(FailoverTest.callUntilAnswered(caller, byName)).as(name + " after its failover")
                        .isEqualTo(count(name));
                assertThat(caller.name(name).whereis()).isNotEqualTo(pid);
            }
        });
    }

    private static int count(String name) {
        return Integer.parseInt(name.substring(name.indexOf('-') + 1));
    }
}
