package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.server.ServerRef;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real pause: a member in a child JVM, acknowledging updates of its own server as fast as it can, is stopped with
 * SIGSTOP until the others have removed it and started its server from the replicated state, then resumed with
 * SIGCONT. On the bare engine such a member formed a cluster of its own and acknowledged hundreds of writes that
 * the merge then dropped (see CLUSTER.md). Here its lease has expired with the pause, so it acknowledges nothing
 * more: every value it ever acknowledged is within the state the majority resumed from.
 */
class PausedMemberTest {
    private static final int ACKS_BEFORE_PAUSE = 20;

    @RegisterExtension
    final TestCluster cluster = new TestCluster();
    private ChildJvm child;

    /** The child's next ACK, REFUSED or ENDED line, skipping its log lines. */
    private String said() throws InterruptedException {
        while (true) {
            String line = child.nextLine();
            if (line.startsWith("ACK ") || line.startsWith("REFUSED ") || line.startsWith("ENDED ")) {
                return line;
            }
        }
    }

    @Test
    void aMemberResumedAfterAPauseAcknowledgesNothingTheMajorityDoesNotHave() throws Exception {
        List<PeeperCluster> members = cluster.start(2, 3);
        PeeperCluster a = members.get(0);
        child = cluster.startChild(PausedChildMember.class, 2);
        String name = child.nextName();
        List<String> before = new ArrayList<>();
        while (before.stream().filter(line -> line.startsWith("ACK")).count() < ACKS_BEFORE_PAUSE) {
            before.add(said()); // it acknowledges: the load runs
        }

        child.signal("STOP");
        TestCluster.awaitSize(members, 2); // removed by the others after max-no-heartbeat
        ServerRef byName = ServerRef.named(a.name(name));
        int resumed = FailoverTest.callUntilAnswered(a, byName);
        child.signal("CONT");

        // what it printed, until the keeper refuses or the server is gone (a call in flight across the pause may
        // time out first: its caller was paused too)
        List<String> printed = new ArrayList<>(before);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!printed.getLast().startsWith("ENDED") && !printed.getLast().contains("NotReplicatedException")
                && !printed.getLast().contains("MinorityException") && System.nanoTime() - deadline < 0) {
            printed.add(said());
        }
        child.close();
        int acknowledged = printed.stream().filter(line -> line.startsWith("ACK"))
                .mapToInt(line -> Integer.parseInt(line.substring(4))).max().orElseThrow();
        System.out.printf("paused member: acknowledged up to %d, the majority resumed from %d, then it said: %s%n",
                acknowledged, resumed, printed.getLast());

        assertThat(acknowledged).as("no value the paused member acknowledged is lost").isLessThanOrEqualTo(resumed);
        assertThat(printed.getLast()).as("after the pause its keeper refuses (or its server has ended)")
                .matches(line -> line.startsWith("ENDED") || line.contains("NotReplicatedException")
                        || line.contains("MinorityException"));
    }
}
