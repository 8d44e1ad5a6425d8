package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.process.Pid;
import dev.peeper.server.ServerRef;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A member cut off from the majority, the common way: a child JVM paused with SIGSTOP until the two others removed
 * it and started its server from the replicated state, then resumed. It must stop its own incarnation of the server
 * ({@code terminate} runs, with {@link MinorityException} as the reason) instead of serving on beside the majority's,
 * acknowledge nothing more, and, once the split heals and the engine merges it back, leave exactly one server of the
 * name running: the majority's, with every value the paused member acknowledged.
 */
class CutOffMemberTest {
    private static final int ACKS_BEFORE_PAUSE = 20;

    @RegisterExtension
    final TestCluster cluster = new TestCluster();
    private ChildJvm child;

    @AfterEach
    void killChild() throws InterruptedException {
        if (child != null) {
            child.close(); // SIGKILL ends a stopped process too
        }
    }

    @Test
    void aResumedMemberStopsItsServerAndAfterTheHealTheNameRunsOnceWithTheHigherState() throws Exception {
        List<PeeperCluster> members = cluster.start(2, 3);
        PeeperCluster a = members.get(0);
        List<String> args = new ArrayList<>(List.of(cluster.name(), String.valueOf(cluster.port(2))));
        args.addAll(cluster.addresses());
        child = ChildJvm.start(CutOffChildMember.class, args);
        TestCluster.awaitSize(members, 3);
        String name = child.nextLineStartingWith("NAME ").substring("NAME ".length());
        int acks = 0;
        int acknowledged = 0;
        while (acks < ACKS_BEFORE_PAUSE) {
            String line = child.nextLine();
            if (line.startsWith("ACK ")) {
                acks++;
                acknowledged = Math.max(acknowledged, Integer.parseInt(line.substring(4)));
            }
        }

        child.signal("STOP");
        TestCluster.awaitSize(members, 2); // removed by the others after max-no-heartbeat
        ServerRef byName = ServerRef.named(a.name(name));
        int resumed = FailoverTest.callUntilAnswered(a, byName);
        Pid majoritys = a.name(name).whereis();
        child.signal("CONT");

        // until its server has ended: what it acknowledged meanwhile, and why terminate says it ended
        List<String> after = new ArrayList<>();
        String terminated = null;
        while (terminated == null) {
            String line = child.nextLine();
            after.add(line);
            if (line.startsWith("ACK ")) {
                acknowledged = Math.max(acknowledged, Integer.parseInt(line.substring(4)));
            } else if (line.startsWith("TERMINATED ")) {
                terminated = line;
            }
        }
        after.stream().filter(line -> !line.startsWith("ACK ")).limit(40).forEach(line -> System.out.println("child: " + line));
        System.out.printf("cut-off member: acknowledged up to %d, the majority resumed from %d; %s%n",
                acknowledged, resumed, terminated);
        assertThat(acknowledged).as("no value the paused member acknowledged is lost").isLessThanOrEqualTo(resumed);
        assertThat(terminated).as("terminate ran, told why").contains("MinorityException").contains("cut off");

        // the heal: the engine merges the paused member back; the name keeps one server, the majority's
        TestCluster.awaitSize(members, 3);
        PeeperCluster healed = members.get(1);
        TestCluster.await(() -> healed.hazelcast().getCluster().getMembers().size() == 3, "the merge");
        ServerRef fromB = ServerRef.named(healed.name(name));
        int afterHeal = FailoverTest.callUntilAnswered(healed, fromB);
        assertThat(afterHeal).as("the majority's state, with what it acknowledged since").isGreaterThanOrEqualTo(resumed);
        assertThat(healed.name(name).whereis()).as("one server, the majority's").isEqualTo(majoritys);
        KeptState kept = healed.hazelcast().<Object, KeptState>getMap(ClusterKeepers.MAP).get(name);
        assertThat(kept.state()).as("the merge kept the majority's state").isEqualTo(afterHeal);
        assertThat(after).as("nothing acknowledged after the pause").noneMatch(line -> line.startsWith("ACK ")
                && Integer.parseInt(line.substring(4)) > resumed);
    }
}
