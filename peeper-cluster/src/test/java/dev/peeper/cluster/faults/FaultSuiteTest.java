package dev.peeper.cluster.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.cluster.faults.History.Op;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A Jepsen-style run: member JVMs on 127.0.0.1, a workload of calls and casts from every member against named
 * counters and a cache, a nemesis killing, pausing and replacing members on a seeded schedule, and a {@link Checker}
 * that judges the history and the final states, once with a majority deciding ({@link SuiteMode#MAJORITY}) and once
 * without, the heals merging both sides ({@link SuiteMode#RESOLVE}). The short runs are sized for CI; a longer one:
 * {@code -Dpeeper.faults.seconds=600}; others: {@code -Dpeeper.faults.seed=N} (to replay a run's schedule),
 * {@code -Dpeeper.faults.members=5}, {@code -Dpeeper.faults.workers=2} (per member),
 * {@code -Dpeeper.faults.kinds=LONG_PAUSE,LEAVE} (only those of the mode's fault kinds, to chase one). Logs of the
 * member JVMs and the history go to {@code target/faults/seed-<seed>/}.
 */
class FaultSuiteTest {
    private static final int SECONDS = Integer.getInteger("peeper.faults.seconds", 40);
    private static final int MEMBERS = Integer.getInteger("peeper.faults.members", 3);
    private static final int WORKERS = Integer.getInteger("peeper.faults.workers", 2);
    /** The violations the summary prints; all of them go to {@code violations.txt} beside the logs. */
    private static final int PRINTED = 50;
    /** After the faults stop: how long the cluster may take to run every name exactly once again. */
    private static final Duration CONVERGE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * The CI run: SIGKILLs (a fresh JVM in the member's place), pauses shorter than failure detection, pauses beyond
     * it (a resumed member the others removed: a one-member minority, merged back after it resumes), and graceful
     * leaves (the member hands its servers over while the others' workload runs; a fresh JVM takes its place). Until
     * issue 12's heal (the merged side stops its superseded servers and reclaims freed names) the long pauses ran only
     * behind a property: their liveness checks failed (seeds 31765753902983, 32835535260172, 33838475971230 on
     * 2026-12-04; all three pass since). A seed replays its schedule only with the kinds it was drawn with: those three
     * seeds were drawn before {@code LEAVE} joined, and draw another schedule now.
     */
    @Test
    void acknowledgedUpdatesSurviveKillsAndPausesExactlyOnce() throws Exception {
        run(SuiteMode.MAJORITY);
    }

    /**
     * The same workload where no majority is asked for and states are replicated asynchronously
     * ({@link SuiteMode#RESOLVE}): a paused member the others removed serves its side when it resumes, beside the
     * incarnation the others started, until the heal merges the two ledgers through {@code resolveConflict}. Every
     * update either side acknowledged must be there exactly once: what a side acknowledged but had not written yet
     * when it was merged is handed over first ({@code MergeBarrier}), and a conflict waits in its entry until the
     * kept incarnation has merged it.
     */
    @Test
    void withoutMajorityHealsKeepEveryAcknowledgedUpdateOfBothSides() throws Exception {
        run(SuiteMode.RESOLVE);
    }

    /** The mode's fault kinds, narrowed to those {@code peeper.faults.kinds} names (comma-separated), if set. */
    private static Set<Nemesis.Fault> kinds(SuiteMode mode) {
        String only = System.getProperty("peeper.faults.kinds", "").strip();
        if (only.isEmpty()) {
            return mode.faults;
        }
        Set<Nemesis.Fault> kinds = EnumSet.noneOf(Nemesis.Fault.class);
        for (String kind : only.split(",")) {
            kinds.add(Nemesis.Fault.valueOf(kind.strip()));
        }
        if (!mode.faults.containsAll(kinds)) {
            throw new IllegalArgumentException("peeper.faults.kinds=" + only + " names kinds the " + mode
                    + " run does not inject; it injects " + mode.faults);
        }
        return kinds;
    }

    private void run(SuiteMode mode) throws Exception {
        long seed = Long.getLong("peeper.faults.seed", System.nanoTime());
        List<String> names = mode.names;
        Set<Nemesis.Fault> kinds = kinds(mode);
        System.out.printf("fault suite (%s): seed %d (replay with -Dpeeper.faults.seed=%d), %d members, %d s of "
                + "faults of kinds %s%n", mode, seed, seed, MEMBERS, SECONDS, kinds);
        History history = new History();
        Checker checker = new Checker(history);
        Nemesis nemesis = null;
        long convergedAfter = -1;
        List<MemberJvm> everStarted = List.of();
        File logs = new File(logs(), "seed-" + seed);
        FaultCluster cluster = null;
        try {
            cluster = new FaultCluster(MEMBERS, mode, logs, history);
            nemesis = new Nemesis(cluster, history, seed, kinds);
            assertThat(nemesis.awaitHealed()).as("the cluster formed: %s", nemesis.problems).isTrue();
            cluster.members().getFirst().ask("START " + String.join(" ", names), "STARTED",
                    FaultCluster.ANSWER_TIMEOUT);
            String run = "RUN " + WORKERS + " " + seed + " " + String.join(" ", names);
            for (MemberJvm member : cluster.members()) {
                member.ask(run, "RUNNING", FaultCluster.ANSWER_TIMEOUT);
            }

            nemesis.run(Duration.ofSeconds(SECONDS), run);
            Nemesis.pause(Duration.ofSeconds(2)); // the workload runs a while on the healed cluster
            for (MemberJvm member : cluster.members()) {
                member.send("HALT");
            }
            for (MemberJvm member : cluster.members()) {
                String halted = member.awaitAnswer("HALTED", FaultCluster.ANSWER_TIMEOUT);
                assertThat(halted).isNotNull();
            }

            convergedAfter = awaitConverged(cluster, names, checker);
            readFinalStates(cluster, names, checker);
            checkExits(cluster, checker);
        } catch (Exception | AssertionError e) {
            checker.violation("the run stopped early: " + e, 0, null);
            e.printStackTrace(System.out);
        } finally {
            if (cluster != null) {
                everStarted = cluster.everStarted();
                cluster.close();
            }
        }
        int overlaps = checker.overlaps().size();
        if (mode.oneIncarnationAtATime()) {
            checker.incarnations();
        }
        for (MemberJvm member : everStarted) {
            if (member.isAlive()) {
                checker.violation(member + " is still alive after the run", 0, null);
            }
            member.reader.join(Duration.ofSeconds(10));
            if (member.reader.isAlive()) {
                checker.violation("the reader of " + member + " is still running after its JVM ended", 0, null);
            }
        }
        if (nemesis != null) {
            nemesis.problems.forEach(problem -> checker.violation(problem, 0, null));
        }

        writeHistory(history, new File(logs, "history.txt"));
        java.nio.file.Files.write(new File(logs, "violations.txt").toPath(), checker.violations);
        System.out.println(summary(mode, seed, history, checker.ops(), overlaps, nemesis, convergedAfter,
                checker.violations, logs));
        assertThat(checker.violations).as("violations (seed %d)", seed).isEmpty();
    }

    /** The whole history, one event a line, next to the member logs: for the slices a violation does not show. */
    private static void writeHistory(History history, File file) throws java.io.IOException {
        file.getParentFile().mkdirs();
        java.nio.file.Files.write(file.toPath(), history.events().stream().map(History.Event::toString).toList());
    }

    private static File logs() {
        return new File("target/faults");
    }

    /**
     * Waits (bounded) until every member sees all, its partitions are safe, each name resolves to one incarnation
     * from every member, and exactly that one server runs for it across the members. Returns how long it took, or
     * records a violation with the last view.
     */
    private static long awaitConverged(FaultCluster cluster, List<String> names, Checker checker)
            throws Exception {
        long started = System.nanoTime();
        long deadline = started + CONVERGE_TIMEOUT.toNanos();
        List<String> health = List.of();
        String problem = "";
        while (System.nanoTime() - deadline < 0) {
            health = cluster.health();
            problem = convergenceProblem(health, names, cluster.size());
            if (problem.isEmpty()) {
                return System.nanoTime() - started;
            }
            Nemesis.pause(Duration.ofMillis(200)); // polling pace, bounded by the deadline
        }
        checker.violation("after the faults stopped, not every name ran exactly once within " + CONVERGE_TIMEOUT
                + ": " + problem + "\n    (the whole history: history.txt next to the member logs)"
                + "\n    members said: " + String.join("\n    ", health), 0, null);
        return -1;
    }

    /** What is not converged yet in {@code health} (one {@code HEALTH} line per member), or "". */
    static String convergenceProblem(List<String> health, List<String> names, int size) {
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            List<String> resolved = new ArrayList<>();
            List<String> running = new ArrayList<>();
            for (String line : health) {
                String[] halves = line.split(" \\| ?", 2);
                List<String> view = Arrays.asList(halves[0].split(" "));
                if (!view.get(2).equals(String.valueOf(size)) || !view.get(3).equals("true")) {
                    problems.add(view.get(0) + " sees " + view.get(2) + " members, safe " + view.get(3));
                }
                view.stream().filter(word -> word.startsWith(name + "=")).forEach(
                        word -> resolved.add(word.substring(name.length() + 1)));
                List<String> local = halves.length > 1 ? Arrays.asList(halves[1].split(" ")) : List.of();
                IntStream.range(0, local.size() / 2).filter(i -> local.get(2 * i).equals(name))
                        .forEach(i -> running.add(node(local.get(2 * i + 1).replaceFirst("^\\d+:", ""))));
            }
            if (resolved.stream().distinct().count() != 1 || resolved.contains("-")) {
                problems.add(name + " resolves to " + resolved);
            } else if (!running.equals(List.of(node(resolved.getFirst())))) {
                problems.add(name + " resolves to " + resolved.getFirst() + " but runs on nodes " + running);
            }
        }
        return String.join("; ", problems.stream().distinct().toList());
    }

    /**
     * The node of a pid written {@code node.serial}. A name's registered pid and the pid its server's callbacks run
     * as differ (a Peeper server's worker restarts behind its registered pid), so a server is matched to its name
     * by the member it runs on.
     */
    private static String node(String pid) {
        return pid.substring(0, pid.indexOf('.'));
    }

    private static void readFinalStates(FaultCluster cluster, List<String> names, Checker checker)
            throws Exception {
        MemberJvm reader = cluster.members().getFirst();
        for (String name : names) {
            String answer = reader.ask("STATE " + name, "STATE " + name + " ", FaultCluster.ANSWER_TIMEOUT);
            List<String> words = Arrays.asList(answer.split(" "));
            if (words.get(2).equals("ERROR")) {
                checker.violation("the final state of " + name + " could not be read: " + answer, 0, null);
            } else if (name.startsWith("cache")) {
                checker.cache(name, words.subList(3, words.size()));
            } else {
                checker.counter(name, words.subList(3, words.size()));
            }
        }
    }

    /** Each member leaves, says which non-daemon threads it left behind (none should be) and its JVM ends. */
    private static void checkExits(FaultCluster cluster, Checker checker) throws Exception {
        for (MemberJvm member : cluster.members()) {
            member.send("EXIT");
        }
        for (MemberJvm member : cluster.members()) {
            member.awaitLeft(FaultCluster.ANSWER_TIMEOUT).forEach(problem -> checker.violation(problem, 0, null));
        }
    }

    private static String summary(SuiteMode mode, long seed, History history, Map<String, Op> ops, int overlaps,
            Nemesis nemesis, long convergedAfter, List<String> violations, File logs) {
        long updates = ops.values().stream().filter(Op::isUpdate).count();
        long acked = ops.values().stream().filter(Op::ok).count();
        long failed = ops.values().stream().filter(op -> op.status.equals("fail")).count();
        long unknown = ops.values().stream().filter(op -> op.status.equals("info") || op.status.equals("open"))
                .count();
        List<Long> heals = nemesis == null ? List.of() : nemesis.healNanos.stream().sorted().toList();
        StringBuilder table = new StringBuilder("\nfault suite summary (")
                .append(mode).append(", seed ").append(seed).append(")\n");
        row(table, "operations (updates)", ops.size() + " (" + updates + ")");
        row(table, "acknowledged", acked);
        row(table, "failed (never sent)", failed);
        row(table, "indeterminate", unknown);
        if (nemesis != null) {
            nemesis.injected.forEach((fault, count) -> row(table, "faults: " + fault, count));
        }
        row(table, "heal after fault s (min/med/max)", heals.isEmpty() ? "-" : String.format("%.2f / %.2f / %.2f",
                heals.getFirst() / 1e9, heals.get(heals.size() / 2) / 1e9, heals.getLast() / 1e9));
        FailoverTimes.of(history, ops).forEach((kind, times) ->
                row(table, "outage after " + kind + " s (min/med/max)", FailoverTimes.describe(times)));
        row(table, "converged after faults s", convergedAfter < 0 ? "never" : String.format("%.2f",
                convergedAfter / 1e9));
        row(table, "incarnations accepting at once", overlaps + (mode.oneIncarnationAtATime()
                ? " (each a violation)" : " (pairs; the heals merged them)"));
        row(table, "violations", violations.size());
        row(table, "nemesis (s member step)", history.events().stream().filter(e -> e.type().equals("nemesis"))
                .map(e -> String.format("%.1f %s %s", e.nanos() / 1e9, e.member(), e.op())).toList());
        row(table, "member logs", logs);
        row(table, "history's 0 s in the logs' time", LocalTime.ofInstant(Instant.now().minusNanos(
                System.nanoTime() - history.origin), ZoneId.systemDefault()));
        violations.stream().limit(PRINTED).forEach(v -> table.append("VIOLATION ").append(v).append('\n'));
        if (violations.size() > PRINTED) {
            table.append("... and ").append(violations.size() - PRINTED).append(" violations more: violations.txt in ")
                    .append(logs).append('\n');
        }
        return table.toString();
    }

    private static void row(StringBuilder table, String what, Object value) {
        table.append(String.format("  %-34s %s%n", what, value));
    }
}
