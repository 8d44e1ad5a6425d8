package dev.peeper.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.server.ServerRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A cluster of three members with no majority expected (a minimum of one member) split into three sides, each
 * serving the same name and acknowledging updates (asynchronous mode), then healed by the engine itself. The engine
 * merges the sides two at a time, so a side's diverged state may arrive while another's still waits to be merged:
 * the queue of waiting conflicts ({@link MergeDivergedStates}) is for that. Afterwards the name runs once, with every
 * tag any side acknowledged (each side merged in wrote all it acknowledged before the engine took its entries:
 * {@link MergeBarrier}), and the incarnations not kept stop, told why.
 *
 * <p>The sides are made with pauses, the one split the community engine allows on loopback: child A, which runs the
 * server first, is stopped (SIGSTOP) until B and C removed it and the server runs on at one of them; then C is
 * stopped until B removed it, and the server runs on at B alone. Both resume together (SIGCONT): A serves on from
 * its state, C starts the server again from its copy once it finds itself alone (or serves on, if the server was
 * its), and B serves on. A acknowledges through its server's pid, C and B by name.
 */
class ThreeWayHealTest {
    /** Acknowledgements each step waits for: enough that each side's state holds tags of its own. */
    private static final int ACKS = 3;

    @RegisterExtension
    final TestCluster cluster = new TestCluster(options -> options.withMinimumMembers(1));

    @Test
    void afterAHealOfThreeSidesTheNameRunsOnceWithEverySidesAcknowledgedUpdates() throws Exception {
        TagSet.TERMINATED.clear(); // what the servers of earlier tests in this JVM were told
        List<PeeperCluster> members = cluster.start(1, 3);
        PeeperCluster b = members.get(0);
        Side c = new Side(cluster.startChild(ByNameChildMember.class, 2));
        Side a = new Side(cluster.startChild(HealChildMember.class, 1)); // starts the server, on a name A owns
        String name = a.child.nextName();
        assertThat(c.child.nextName()).isEqualTo(name);
        ServerRef byName = ServerRef.named(b.name(name));
        Workload bTags = new Workload(b, byName);
        try {
            a.awaitAcks(ACKS, "A, before the split");
            c.awaitAcks(ACKS, "C, before the split");
            bTags.awaitAcks(ACKS, "B, before the split");

            a.child.signal("STOP");
            TestCluster.awaitSize(members, 2); // B (and C) removed A: the server starts again at B or C
            c.awaitAcks(ACKS, "C, with B, A removed");
            bTags.awaitAcks(ACKS, "B, with C, A removed");

            c.child.signal("STOP");
            TestCluster.awaitSize(members, 1); // B removed C: the server runs at B, alone
            bTags.awaitAcks(ACKS, "B, alone");

            int aBefore = a.acks().size();
            int cBefore = c.acks().size();
            int bBefore = bTags.acks.size();
            a.child.signal("CONT");
            c.child.signal("CONT");
            // three sides now, each of which may acknowledge on its own until the engine merges it into another
            TestCluster.awaitHealed(members, 3);
            System.out.printf("three-way heal: acknowledged after the resume, before B saw all three again: "
                    + "A %d, B %d, C %d%n", a.acks().size() - aBefore, bTags.acks.size() - bBefore,
                    c.acks().size() - cBefore);
        } finally {
            bTags.stop();
        }

        // the sides go on acknowledging (A while its incarnation runs, C by name): every look takes all so far
        AtomicReference<String> verdict = new AtomicReference<>("not looked yet");
        try {
            TestCluster.await(() -> healed(b, byName, name, List.of(a.acks(), bTags.acks, c.acks()), verdict),
                    "the name's server to hold every tag any side acknowledged");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; at the last look: " + verdict.get() + "; the entry: "
                    + b.hazelcast().getMap(ClusterKeepers.MAP).get(name) + "; the holder: " + b.name(name).whereis()
                    + "; B terminated: " + TagSet.TERMINATED + "; A said: " + a.said() + "; C said: " + c.said()
                    + "; A's whole output: " + a.child.log().toAbsolutePath() + ", C's: "
                    + c.child.log().toAbsolutePath(), e);
        }
        System.out.printf("three-way heal: A %d, B %d, C %d tags acknowledged; %s%n", a.acks().size(),
                bTags.acks.size(), c.acks().size(), verdict.get());

        assertThat(b.name(name).whereis()).as("one server holds the name").isNotNull();
        // a superseded incarnation is told to stop by the merge, and its terminate may come after the look above
        // (seen: A's 360 ms after its member was told, its last write's answer the one that stopped it)
        TestCluster.await(() -> !superseded(a, c).isEmpty(), "an incarnation not kept to stop, told why");
        System.out.printf("three-way heal: incarnations stopped as superseded: %s%n", superseded(a, c));
    }

    /** What the incarnations not kept said as they stopped: B's in this JVM, A's and C's in their output. */
    private static List<String> superseded(Side a, Side c) {
        List<String> superseded = new ArrayList<>();
        TagSet.TERMINATED.stream().filter(ThreeWayHealTest::superseded).forEach(superseded::add);
        a.said().stream().filter(ThreeWayHealTest::superseded).forEach(superseded::add);
        c.said().stream().filter(ThreeWayHealTest::superseded).forEach(superseded::add);
        return superseded;
    }

    /**
     * Whether the heal is over: no conflict waits in {@code name}'s entry, and its server holds every tag of
     * {@code sides} (each: tag to when it was acknowledged). Says why not in {@code verdict}: the runs of tags missing,
     * each with how long its side took to acknowledge them.
     */
    private static boolean healed(PeeperCluster b, ServerRef byName, String name, List<Map<String, Long>> sides,
            AtomicReference<String> verdict) {
        KeptState kept = b.hazelcast().<Object, KeptState>getMap(ClusterKeepers.MAP).get(name);
        if (kept == null || kept.theirs() != null) {
            verdict.set("conflicts still wait in the entry: " + kept);
            return false;
        }
        Set<String> held = FailoverTest.untilAnswered(b, () -> byName.call("get", Duration.ofMillis(500)));
        List<String> missing = new ArrayList<>();
        for (Map<String, Long> side : sides) {
            for (List<String> run : missingRuns(side, held)) {
                missing.add(run + " (acknowledged over " + (side.get(run.get(run.size() - 1)) - side.get(run.get(0)))
                        + " ms)");
            }
        }
        verdict.set("missing " + missing);
        return missing.isEmpty();
    }

    /**
     * The tags of {@code side} (tag to when it was acknowledged) missing from {@code held}, in runs of tags the side
     * acknowledged one after the other.
     */
    private static List<List<String>> missingRuns(Map<String, Long> side, Set<String> held) {
        List<List<String>> runs = new ArrayList<>();
        List<String> run = new ArrayList<>();
        for (String tag : side.keySet()) { // in the order acknowledged: see Side.ORDER
            if (held.contains(tag)) {
                if (!run.isEmpty()) {
                    runs.add(run);
                    run = new ArrayList<>();
                }
            } else {
                run.add(tag);
            }
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }

    private static boolean superseded(String reason) {
        return reason.contains("SplitHealedException") || reason.contains("FencedException");
    }

    /** Tags in the order a side acknowledged them: by their number ({@code a2} before {@code a10}). */
    private static ConcurrentSkipListMap<String, Long> acknowledgedInOrder() {
        return new ConcurrentSkipListMap<>((x, y) -> Integer.compare(number(x), number(y)));
    }

    private static int number(String tag) {
        return Integer.parseInt(tag.substring(1));
    }

    /** A child member's output: the tags it acknowledged and when, and what else it said. */
    private static final class Side {
        final ChildJvm child;
        private final Map<String, Long> acks = acknowledgedInOrder();
        private final Queue<String> said = new ConcurrentLinkedQueue<>();

        Side(ChildJvm child) {
            this.child = child;
        }

        /** Every tag it acknowledged so far, with when (reading what it printed since the last look). */
        Map<String, Long> acks() {
            String line;
            while ((line = child.pollLine()) != null) {
                if (line.startsWith("ACK ")) {
                    String[] ack = line.split(" "); // ACK tag millis
                    acks.put(ack[1], Long.parseLong(ack[2]));
                } else if (!line.startsWith("\tat ") && !line.startsWith("REFUSED") && said.size() < 200) {
                    said.add(line);
                }
            }
            return acks;
        }

        void awaitAcks(int more, String what) {
            int target = acks().size() + more;
            try {
                TestCluster.await(() -> acks().size() >= target, more + " acknowledgements by " + what);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; it said: " + said() + "; its whole output: "
                        + child.log().toAbsolutePath(), e);
            }
        }

        List<String> said() {
            acks();
            return List.copyOf(said);
        }
    }

    /** B's own workload: casts b1, b2, ... by name and calls {@code get} after each, on a thread of its own. */
    private static final class Workload {
        private static final Duration PACE = Duration.ofMillis(20);

        final Map<String, Long> acks = acknowledgedInOrder();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Workload(PeeperCluster member, ServerRef byName) {
            thread = Thread.ofVirtual().name("b-tags").start(() -> {
                for (int i = 1; running.get(); i++) {
                    String tag = "b" + i;
                    try {
                        member.runAs(() -> byName.cast(tag));
                        Set<String> now = member.callAs(() -> byName.call("get", Duration.ofMillis(500)));
                        if (now.contains(tag)) {
                            acks.put(tag, System.currentTimeMillis());
                        }
                    } catch (RuntimeException e) {
                        // the name moving or its holder cut off: the next tag tries again
                    }
                    LockSupport.parkNanos(PACE.toNanos()); // a steady workload, not a wait for anything
                }
            });
        }

        void awaitAcks(int more, String what) {
            int target = acks.size() + more;
            TestCluster.await(() -> acks.size() >= target, more + " acknowledgements by " + what);
        }

        void stop() throws InterruptedException {
            running.set(false);
            if (!thread.join(TestCluster.TIMEOUT)) {
                throw new AssertionError("B's workload did not stop within " + TestCluster.TIMEOUT);
            }
        }
    }
}
