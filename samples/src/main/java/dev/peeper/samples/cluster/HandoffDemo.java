package dev.peeper.samples.cluster;

import dev.peeper.cluster.ClusterOptions;
import dev.peeper.cluster.PeeperCluster;
import dev.peeper.process.Pid;
import dev.peeper.testkit.LoopbackPorts;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * Handoff, in one JVM: two members run eight visit counters; a third member joins and takes the counters whose
 * names it now owns, with their counts; then the first member closes gracefully and hands its counters over
 * before it leaves. Every count is checked after each step. Run it with
 * {@code mvn -B -q -DskipTests -pl samples -am package exec:exec -Ddemo.mainClass=dev.peeper.samples.cluster.HandoffDemo}.
 */
public final class HandoffDemo {
    private static final int COUNTERS = 8;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final PrintStream out;
    private final String clusterName = "peeper-handoff-demo-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> addresses = new ArrayList<>();
    private final List<PeeperCluster> members = new ArrayList<>();

    private HandoffDemo(PrintStream out) {
        this.out = out;
    }

    /**
     * Runs the demo on standard output; exits 0 if every count survived both moves.
     *
     * @param args none
     */
    public static void main(String[] args) {
        System.exit(run(System.out));
    }

    /** Runs the demo, printing to {@code out}; answers the exit code. */
    static int run(PrintStream out) {
        HandoffDemo demo = new HandoffDemo(out);
        try {
            demo.story();
            out.println();
            out.println("Done: every counter kept its count through both moves.");
            return 0;
        } catch (RuntimeException e) {
            out.println();
            out.println("The demo FAILED: " + e);
            return 1;
        } finally {
            demo.members.forEach(member -> member.hazelcast().getLifecycleService().terminate());
        }
    }

    private void story() {
        reservePorts(3);
        out.println("1. Two members join cluster " + clusterName + " in this JVM.");
        join();
        join();
        PeeperCluster first = members.get(0);
        out.println("2. Eight visit counters start on the members that own their names; counter i gets i + 1 visits:");
        for (int i = 0; i < COUNTERS; i++) {
            String name = name(i);
            int visits = i + 1;
            VisitsClient counter = first.callAs(() -> VisitsClient.startInCluster(first, name, 0));
            first.runAs(() -> counter.visit(visits));
        }
        printHomes();

        out.println("3. Member 3 joins: the counters whose names it now owns move to it, with their counts:");
        join();
        awaitOnOwners();
        printHomes();
        checkCounts();

        out.println("4. Member 1 closes gracefully: it hands its counters over before it leaves:");
        PeeperCluster leaving = members.remove(0);
        leaving.close();
        awaitOnOwners();
        printHomes();
        checkCounts();
    }

    private static String name(int i) {
        return "visits-" + i;
    }

    private void join() {
        members.add(PeeperCluster.start(ClusterOptions.named(clusterName)
                .withPort(Integer.parseInt(addresses.get(members.size()).split(":")[1])).withMembers(addresses)));
    }

    private void printHomes() {
        for (int i = 0; i < COUNTERS; i++) {
            PeeperCluster caller = members.get(0);
            String name = name(i);
            int count = caller.callAs(() -> VisitsClient.named(caller.name(name)).count());
            out.printf("   %s: on member %d, count %d%n", name, memberOf(caller.name(name).whereis()), count);
        }
    }

    private void checkCounts() {
        PeeperCluster caller = members.get(0);
        for (int i = 0; i < COUNTERS; i++) {
            String name = name(i);
            int count = caller.callAs(() -> VisitsClient.named(caller.name(name)).count());
            if (count != i + 1) {
                throw new IllegalStateException(name + " has count " + count + ", expected " + (i + 1));
            }
        }
    }

    /** Waits until each counter runs on the member that owns its name. */
    private void awaitOnOwners() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (int i = 0; i < COUNTERS; i++) {
            String name = name(i);
            while (!onOwner(name)) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(name + " did not reach its owner within " + WAIT);
                }
                LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            }
        }
    }

    private boolean onOwner(String name) {
        Pid holder = members.get(0).name(name).whereis();
        return holder != null && members.stream().anyMatch(m -> m.isHere(holder)
                && m.hazelcast().getPartitionService().getPartition(name).getOwner().localMember());
    }

    /** The member number (1, 2 or 3, in the order they joined) that runs {@code pid}. */
    private int memberOf(Pid pid) {
        for (int i = 0; i < addresses.size(); i++) {
            int port = Integer.parseInt(addresses.get(i).split(":")[1]);
            for (PeeperCluster member : members) {
                if (member.isHere(pid) && member.hazelcast().getCluster().getLocalMember().getAddress().getPort()
                        == port) {
                    return i + 1;
                }
            }
        }
        return 0;
    }

    /** Reserves the members' ports (the third joins long after the first two connect: see LoopbackPorts why). */
    private void reservePorts(int count) {
        LoopbackPorts.reserve(count).forEach(port -> addresses.add("127.0.0.1:" + port));
    }
}
