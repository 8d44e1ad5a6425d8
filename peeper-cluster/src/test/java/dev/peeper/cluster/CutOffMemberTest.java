package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.server.ServerRef;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A member cut off from the majority, the common way: a child JVM paused with SIGSTOP until the two others removed
 * it and started its server from the replicated state, then resumed. It must stop its own incarnation of the server
 * ({@code terminate} runs, with {@link MinorityException} as the reason) instead of serving on beside the majority's,
 * acknowledge nothing more, and, once the split heals and the engine merges it back, leave exactly one server of the
 * name running: the majority's (or the one it hands itself over to when the merge gives the name's partition back to
 * the resumed member), with every value the paused member acknowledged.
 */
class CutOffMemberTest {
    private static final int ACKS_BEFORE_PAUSE = 20;

    @RegisterExtension
    final TestCluster cluster = new TestCluster();
    private ChildJvm child;

    @Test
    void aResumedMemberStopsItsServerAndAfterTheHealTheNameRunsOnceWithTheHigherState() throws Exception {
        List<PeeperCluster> members = cluster.start(2, 3);
        PeeperCluster a = members.get(0);
        child = cluster.startChild(CutOffChildMember.class, 2);
        String name = child.nextName();
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
        TestCluster.awaitHealed(members, 3);
        PeeperCluster healed = members.get(1);
        TestCluster.await(() -> healed.hazelcast().getCluster().getMembers().size() == 3, "the merge");
        ServerRef fromB = ServerRef.named(healed.name(name));
        int afterHeal;
        try {
            afterHeal = FailoverTest.callUntilAnswered(healed, fromB);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + views(members, name) + "\nthe child printed since: "
                    + remainingOutput(), e);
        }
        assertThat(afterHeal).as("the majority's state, with what it acknowledged since").isGreaterThanOrEqualTo(resumed);
        // one server: the majority's, or the one it handed itself over to (with its state) when the merge gave the
        // name's partition back to the resumed member, which it soon does
        TestCluster.await(() -> healed.<Boolean>callAs(() -> {
            Pid holder = healed.name(name).whereis();
            return holder != null && Proc.isAlive(holder) && (holder.equals(majoritys) || !Proc.isAlive(majoritys));
        }), "one server of the name: the majority's, or the one it handed itself over to");
        KeptState kept = healed.hazelcast().<Object, KeptState>getMap(ClusterKeepers.MAP).get(name);
        assertThat(kept.state()).as("the merge kept the majority's state").isEqualTo(afterHeal);
        assertThat(after).as("nothing acknowledged after the pause").noneMatch(line -> line.startsWith("ACK ")
                && Integer.parseInt(line.substring(4)) > resumed);
    }

    /** What each member knows of {@code name} now: the map's holder, its lookup's, the partition's owner. */
    private static String views(List<PeeperCluster> members, String name) {
        StringBuilder views = new StringBuilder();
        for (PeeperCluster member : members) {
            views.append(member).append(": ");
            try {
                views.append("holder in the map ").append(member.names().holder(name))
                        .append(", lookup ").append(member.name(name).whereis())
                        .append(", partition owner ").append(member.hazelcast().getPartitionService()
                                .getPartition(name).getOwner()).append('\n');
            } catch (RuntimeException e) {
                views.append(e).append('\n');
            }
        }
        return views.toString();
    }

    /** The lines the child printed that this test has not read yet, acknowledgements and stack frames left out. */
    private String remainingOutput() {
        StringBuilder output = new StringBuilder();
        for (String line = child.pollLine(); line != null; line = child.pollLine()) {
            if (!line.startsWith("ACK ") && !line.stripLeading().startsWith("at ")) {
                output.append("\n  ").append(line);
            }
        }
        return output.toString();
    }
}
