package dev.peeper.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.server.ServerRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.Queue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A split of a two-member cluster that expects no majority (a minimum of one member): both sides serve the name
 * and acknowledge updates (asynchronous mode), and after the heal the name runs once, with the state its kept
 * incarnation's {@code resolveConflict} merged from both sides: every tag either side acknowledged. The other
 * incarnation stops, told why. The split is a SIGSTOP of the child member beyond failure detection, then SIGCONT:
 * the child serves on alone until the engine merges the two sides back.
 */
class SplitHealTest {
    private static final int ACKS = 5;

    @RegisterExtension
    final TestCluster cluster = new TestCluster(options -> options.withMinimumMembers(1));
    private ChildJvm child;
    /** What the child printed that was not an acknowledgement (its server's end, refusals). */
    private final Queue<String> childSaid = new ConcurrentLinkedQueue<>();
    /** Every tag either side acknowledged, as read so far. */
    private final Set<String> acknowledged = new ConcurrentSkipListSet<>();

    @Test
    void afterAHealWithoutMajorityTheNameRunsOnceWithBothSidesUpdatesMerged() throws Exception {
        TagSet.TERMINATED.clear(); // what the servers of earlier tests in this JVM were told
        List<PeeperCluster> members = cluster.start(1, 2);
        PeeperCluster b = members.get(0);
        child = cluster.startChild(HealChildMember.class, 1);
        String name = child.nextName();
        assertThat(readAcks(ACKS)).as("acknowledgements before the split; it said: %s", said())
                .isEqualTo(ACKS);

        child.signal("STOP");
        TestCluster.awaitSize(members, 1); // B removed A, and starts tags again from its copy of the state
        ServerRef byName = ServerRef.named(b.name(name));
        FailoverTest.untilAnswered(b, () -> byName.call("get", Duration.ofMillis(500)));
        for (int i = 1; i <= ACKS; i++) {
            String tag = "b" + i;
            b.runAs(() -> byName.cast(tag));
            assertThat(b.<Set<String>>callAs(() -> byName.call("get"))).contains(tag);
            acknowledged.add(tag);
        }

        child.signal("CONT");
        // the child serves on, alone: the two sides' states diverge. The engine may merge it back before it
        // acknowledged all of them (its first writes after resuming wait for the backup the other side dropped),
        // and the merge may stop its server: then what it did acknowledge alone must survive the merge
        int aloneAcknowledged = readAcks(ACKS);
        assertThat(aloneAcknowledged).as("tags the child acknowledged alone before the merge stopped its server; "
                + "it said: %s", said()).isPositive();

        // the heal: the engine merges the two sides; the kept incarnation merges the other's tags, the other stops
        TestCluster.awaitHealed(members, 2);
        List<Set<String>> seen = new ArrayList<>();
        try {
            TestCluster.await(() -> {
                drain(); // what the child acknowledged since, up to its server's end (or still, if it was kept)
                Set<String> now = FailoverTest.untilAnswered(b, () -> byName.call("get", Duration.ofMillis(500)));
                seen.add(now);
                return now.containsAll(acknowledged);
            }, "the name's server to hold every tag either side acknowledged: " + acknowledged);
        } catch (AssertionError e) {
            loserTold();
            throw new AssertionError(e.getMessage() + "; it held " + seen.get(seen.size() - 1) + "; the entry: "
                    + b.hazelcast().getMap(ClusterKeepers.MAP).get(name) + "; the holder: "
                    + b.name(name).whereis() + "; B terminated: " + TagSet.TERMINATED + "; the child said: "
                    + said(), e);
        }
        TestCluster.await(() -> {
            KeptState kept = b.hazelcast().<Object, KeptState>getMap(ClusterKeepers.MAP).get(name);
            return kept != null && kept.theirs() == null;
        }, "the conflict resolved");
        TestCluster.await(() -> loserTold() != null, "the other incarnation to stop, told why");
        System.out.printf("split heal: %d tags acknowledged on both sides, merged; the other incarnation: %s%n",
                acknowledged.size(), loserTold());
        assertThat(loserTold()).containsAnyOf("SplitHealedException", "FencedException");
        Set<String> after = b.callAs(() -> byName.call("get"));
        assertThat(after).containsAll(acknowledged);
        assertThat(b.name(name).whereis()).as("one server holds the name").isNotNull();
    }

    /**
     * Reads the child's output until {@code count} more acknowledgements or until its server is gone, adding each
     * acknowledged tag; answers how many it read.
     */
    private int readAcks(int count) throws InterruptedException {
        int seen = 0;
        while (seen < count) {
            String line;
            try {
                line = child.nextLine();
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + " after " + seen + " acknowledgements; it said: "
                        + said(), e);
            }
            if (took(line)) {
                seen++;
            } else if (line.startsWith("ENDED")) {
                break;
            }
        }
        return seen;
    }

    /** What the child printed that was not an acknowledgement, without stack frames. */
    private List<String> said() {
        return childSaid.stream().filter(line -> !line.startsWith("\tat ")).limit(40).toList();
    }

    /** Why the incarnation that was not kept stopped, wherever it ran; {@code null} until it has. */
    private String loserTold() {
        String here = TagSet.TERMINATED.stream().filter(SplitHealTest::superseded).findFirst().orElse(null);
        if (here != null) {
            return here;
        }
        drain();
        return childSaid.stream().filter(said -> said.startsWith("TERMINATED") && superseded(said)).findFirst()
                .orElse(null);
    }

    /** Reads what the child printed since the last look: its acknowledgements, and what else it said. */
    private void drain() {
        String line;
        while ((line = child.pollLine()) != null) {
            took(line);
        }
    }

    /** Takes one line the child printed: an acknowledged tag ({@code true}), or something else it said. */
    private boolean took(String line) {
        if (line.startsWith("ACK ")) {
            acknowledged.add(line.split(" ")[1]); // ACK tag millis
            return true;
        }
        childSaid.add(line);
        return false;
    }

    private static boolean superseded(String reason) {
        return reason.contains("SplitHealedException") || reason.contains("FencedException");
    }
}
