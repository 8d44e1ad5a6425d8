package dev.peeper.cluster.faults;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Injects faults into a {@link FaultCluster}, one at a time, on a schedule drawn from a seeded {@link Random} (the
 * same seed gives the same kinds, targets and durations): SIGKILL of a member's JVM then a fresh JVM in its place
 * (a member added back), SIGSTOP beyond failure detection then SIGCONT (the common minority: a paused member the
 * others removed, and which must not acknowledge anything when it resumes), SIGSTOP shorter than detection, and a
 * graceful leave (the member hands every server it runs over to the others while their workload goes on, leaves,
 * and a fresh JVM takes its place: a planned restart, one member at a time).
 * A network split is not injected: the community engine offers no way to cut loopback traffic between members
 * without its internal test jar, and a long pause is the one-member minority a split would make. Between two
 * faults it waits, bounded, until the cluster has healed (every member sees all, backups in place), so that no
 * fault lands while the previous one is still being repaired: one backup tolerates one fault at a time.
 */
final class Nemesis {
    enum Fault {
        KILL, LONG_PAUSE, SHORT_PAUSE, LEAVE
    }

    /** Beyond the default failure detection of 5 s: the others remove the paused member. */
    private static final long LONG_PAUSE_MIN_MS = 6_000;
    private static final long LONG_PAUSE_SPREAD_MS = 1_500;
    /** Well under detection: the others keep the member. */
    private static final long SHORT_PAUSE_MIN_MS = 500;
    private static final long SHORT_PAUSE_SPREAD_MS = 1_500;
    static final Duration HEAL_TIMEOUT = Duration.ofSeconds(45);

    private final FaultCluster cluster;
    private final History history;
    private final Random random;
    final Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
    final List<Long> healNanos = new ArrayList<>();
    /** What went wrong with the faults themselves: a cluster that did not heal, a leave that left threads behind. */
    final List<String> problems = new ArrayList<>();
    private final List<Fault> bag = new ArrayList<>();
    private final List<Fault> kinds;

    /** A nemesis injecting faults of {@code kinds} (each as often as the others). */
    Nemesis(FaultCluster cluster, History history, long seed, Set<Fault> kinds) {
        this.cluster = cluster;
        this.history = history;
        this.random = new Random(seed);
        this.kinds = List.copyOf(new java.util.TreeSet<>(kinds)); // in declaration order: a seed replays the same
        for (Fault fault : Fault.values()) {
            injected.put(fault, 0);
        }
    }

    /** Injects faults until {@code duration} has passed (the fault under way is finished and healed first). */
    void run(Duration duration, String workloadCommand) throws IOException, InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() - end < 0) {
            pause(Duration.ofMillis(500 + random.nextInt(1_000))); // the workload runs undisturbed a while
            Fault fault = next();
            MemberJvm target = cluster.members().get(random.nextInt(cluster.size()));
            inject(fault, target, workloadCommand);
            injected.merge(fault, 1, Integer::sum);
            long started = System.nanoTime();
            if (!awaitHealed()) {
                return; // reported in problems; more faults on a broken cluster would only blur the report
            }
            healNanos.add(System.nanoTime() - started);
        }
    }

    /** The kinds in a shuffled round: every kind comes up as often as the others. */
    private Fault next() {
        if (bag.isEmpty()) {
            bag.addAll(kinds);
            java.util.Collections.shuffle(bag, random);
        }
        return bag.removeFirst();
    }

    private void inject(Fault fault, MemberJvm target, String workloadCommand) throws IOException,
            InterruptedException {
        switch (fault) {
            case KILL -> {
                history.nemesis("kill", target);
                target.kill();
                pause(Duration.ofMillis(200 + random.nextInt(800)));
                MemberJvm fresh = cluster.replace(target);
                fresh.ask(workloadCommand, "RUNNING", FaultCluster.ANSWER_TIMEOUT);
                history.nemesis("restarted", fresh);
            }
            case LEAVE -> {
                history.nemesis("leave", target);
                target.send("EXIT"); // its own workload halts first; its servers move to the others
                problems.addAll(target.awaitLeft(FaultCluster.ANSWER_TIMEOUT));
                MemberJvm fresh = cluster.replace(target);
                fresh.ask(workloadCommand, "RUNNING", FaultCluster.ANSWER_TIMEOUT);
                history.nemesis("restarted", fresh);
            }
            case LONG_PAUSE, SHORT_PAUSE -> {
                long millis = fault == Fault.LONG_PAUSE
                        ? LONG_PAUSE_MIN_MS + random.nextLong(LONG_PAUSE_SPREAD_MS)
                        : SHORT_PAUSE_MIN_MS + random.nextLong(SHORT_PAUSE_SPREAD_MS);
                history.nemesis("stop-" + millis + "ms", target);
                target.signal("STOP");
                pause(Duration.ofMillis(millis));
                target.signal("CONT");
                history.nemesis("cont", target);
            }
        }
    }

    /** Waits until every member sees them all and its partitions are safe; false (and a note) if not in time. */
    boolean awaitHealed() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + HEAL_TIMEOUT.toNanos();
        List<String> health = List.of();
        while (System.nanoTime() - deadline < 0) {
            health = cluster.health();
            if (health.stream().allMatch(line -> line.contains(" HEALTH " + cluster.size() + " true"))) {
                return true;
            }
            pause(Duration.ofMillis(200)); // polling pace, bounded by the deadline
        }
        problems.add("the cluster did not heal within " + HEAL_TIMEOUT + ": " + health);
        return false;
    }

    /** A scheduled pause of the nemesis itself: a schedule, never a synchronisation. */
    static void pause(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        for (long left = duration.toNanos(); left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
