package dev.peeper.bench.scenario;

import dev.peeper.bench.counter.HandCounter;
import dev.peeper.bench.counter.Msg;
import dev.peeper.cluster.ClusterStarters;
import dev.peeper.cluster.PeeperCluster;
import dev.peeper.process.Pid;
import dev.peeper.server.ServerRef;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Failover time when a whole member JVM fails: two members run in this JVM, a third in a child JVM
 * ({@link ChildMember}) hosts a Peeper server kept by {@code ClusterKeepers.synchronous} whose count an acknowledged
 * call has raised; then the child is sent SIGKILL (<b>crashed</b>: the kernel closes its sockets) or SIGSTOP
 * (<b>frozen</b>: its sockets stay open and it answers nothing, as in a long GC pause or a stopped VM, so only the
 * missing heartbeats tell), and the clock runs until a call by name from this JVM is answered with that count by the
 * server started again on a survivor. Then the child is killed for good, a fresh one joins, and the next round
 * starts a server on it. With {@code ClusterOptions}' default failure detection (heartbeat 1 s, a silent member
 * removed after 5 s). A round in which the server was not in the child when it was signalled, or in which the same
 * incarnation answered afterwards, is not timed: it is skipped, printed and counted ({@code failover.*.skipped}).
 * Each timed round is also split at the moment this JVM's members heard the child removed ({@link RemovalClock}):
 * the engine's failure detection before it, Peeper's failover after it.
 */
final class ChildFailover {
    private ChildFailover() {
    }

    /**
     * @param signal {@code KILL} (crashed) or {@code STOP} (frozen)
     * @param warmup rounds before the timing starts
     * @param rounds rounds timed
     */
    static void run(String signal, int warmup, int rounds) throws IOException, InterruptedException {
        String kind = switch (signal) {
            case "KILL" -> "crashed";
            case "STOP" -> "frozen";
            default -> throw new IllegalArgumentException("signal must be KILL or STOP, not " + signal);
        };
        long[] took = new long[rounds];
        long[] removed = new long[rounds];
        long[] afterRemoval = new long[rounds];
        int lost = 0;
        int timed = 0;
        int skipped = 0;
        try (LoopbackCluster cluster = new LoopbackCluster(4)) {
            List<PeeperCluster> survivors = cluster.start(2);
            PeeperCluster caller = survivors.get(0);
            RemovalClock removals = new RemovalClock(survivors);
            for (int round = 0; timed < rounds; round++) {
                int port = cluster.takePort();
                Process child = startChild(cluster, port);
                try {
                    cluster.awaitSize(3);
                    cluster.awaitSafe();
                    String name = nameOwnedByPort(caller, kind + "-" + round, port);
                    Pid pid = caller.startOnOwner(name, ClusterStarters.peeper(HandCounter::new, 0),
                            LoopbackCluster.TIMEOUT);
                    if (runsHere(cluster, pid)) {
                        throw new IllegalStateException(name + " did not start in the child JVM: " + pid);
                    }
                    ServerRef byName = ServerRef.named(caller.name(name));
                    int acknowledged = caller.callAs(() -> byName.<Integer>call(new Msg.AddAndGet(1)));

                    Pid before = caller.names().whereis(name); // a handoff may have moved it since its start
                    removals.reset();
                    long start = System.nanoTime();
                    signal(child, signal);
                    int restored = ClusterFailover.answered(caller, byName);
                    long answeredAt = System.nanoTime();
                    long elapsed = answeredAt - start;
                    long removedAt = removals.removedAt();
                    Pid after = caller.names().whereis(name);
                    lost += Math.max(0, acknowledged - restored);
                    String invalid = removedAt == 0 ? "the child was not removed before the answer"
                            : invalidRound(cluster, before, after);
                    if (invalid != null) { // not a failover from the failed member: never timed as one
                        skipped++;
                        System.err.printf(Locale.ROOT, "failover.%s round %d skipped after %.1f ms: %s%n", kind,
                                round, elapsed / 1e6, invalid);
                        if (skipped > rounds) {
                            throw new IllegalStateException("failover." + kind + ": " + skipped + " rounds skipped, "
                                    + "more than the " + rounds + " to time; the last: " + invalid);
                        }
                    } else if (round >= warmup) {
                        removed[timed] = removedAt - start;
                        afterRemoval[timed] = answeredAt - removedAt;
                        took[timed++] = elapsed;
                        // each round, for the outliers: the figures keep only the percentiles
                        System.err.printf(Locale.ROOT, "failover.%s round %d: %.1f ms (removed after %.1f ms), %s to "
                                + "%s%n", kind, round, elapsed / 1e6, (removedAt - start) / 1e6, before, after);
                    }
                } finally {
                    child.destroyForcibly();
                    child.waitFor();
                    cluster.givePort(port);
                }
                cluster.awaitSize(2);
                cluster.awaitSafe();
            }
        }
        Arrays.sort(took);
        Arrays.sort(removed);
        Arrays.sort(afterRemoval);
        String key = "failover." + kind;
        Scenarios.result(key + ".rounds", rounds);
        Scenarios.result(key + ".lost", lost);
        Scenarios.result(key + ".skipped", skipped);
        Scenarios.result(key + ".min.ms", took[0] / 1e6);
        Scenarios.result(key + ".p50.ms", CrashRecovery.percentile(took, 50) / 1e6);
        Scenarios.result(key + ".p99.ms", CrashRecovery.percentile(took, 99) / 1e6);
        Scenarios.result(key + ".max.ms", took[rounds - 1] / 1e6);
        Scenarios.result(key + ".removed.p50.ms", CrashRecovery.percentile(removed, 50) / 1e6);
        Scenarios.result(key + ".removed.p99.ms", CrashRecovery.percentile(removed, 99) / 1e6);
        Scenarios.result(key + ".afterRemoval.p50.ms", CrashRecovery.percentile(afterRemoval, 50) / 1e6);
        Scenarios.result(key + ".afterRemoval.p99.ms", CrashRecovery.percentile(afterRemoval, 99) / 1e6);
    }

    /**
     * Why a round timed no failover from the failed child, or {@code null}: the server must run in the child when
     * it is signalled ({@code before}), and a new incarnation must answer after it ({@code after}); a server that a
     * handoff had moved to this JVM would answer at once, as one frozen round did (22 ms).
     */
    private static String invalidRound(LoopbackCluster cluster, Pid before, Pid after) {
        if (before == null) {
            return "the server had no holder when the child was signalled";
        }
        if (runsHere(cluster, before)) {
            return "the server ran in this JVM, not in the child, when the child was signalled: " + before;
        }
        if (before.equals(after)) {
            return "the incarnation from before the signal answered: " + after;
        }
        return null;
    }

    private static boolean runsHere(LoopbackCluster cluster, Pid pid) {
        return cluster.running().stream().anyMatch(member -> member.isHere(pid));
    }

    /** A name whose partition the member on {@code port} owns, so that {@code startOnOwner} places it there. */
    private static String nameOwnedByPort(PeeperCluster member, String prefix, int port) {
        for (int i = 0; ; i++) {
            String name = "bench-" + prefix + "-" + i;
            if (member.hazelcast().getPartitionService().getPartition(name).getOwner().getAddress().getPort() == port) {
                return name;
            }
        }
    }

    /** Starts a {@link ChildMember} on {@code port} with this JVM's flags and class path; waits for its READY. */
    private static Process startChild(LoopbackCluster cluster, int port) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.addAll(PeeperCluster.JVM_FLAGS);
        command.add("-Dhazelcast.logging.type=slf4j");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ChildMember.class.getName());
        command.addAll(List.of(cluster.name(), String.valueOf(port), String.join(",", cluster.memberList())));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("READY")) {
                Thread.ofVirtual().start(() -> drain(out)); // its later output must not fill the pipe and stall it
                return child;
            }
        }
        child.destroyForcibly();
        throw new IllegalStateException("the child member ended before it was ready (exit " + exitOf(child) + ")");
    }

    private static void drain(BufferedReader out) {
        try (out) {
            while (out.readLine() != null) {
                // dropped: the child's figures are not wanted, only its life
            }
        } catch (IOException ended) {
            // the child was killed
        }
    }

    private static String exitOf(Process child) {
        try {
            return child.waitFor(10, TimeUnit.SECONDS) ? String.valueOf(child.exitValue()) : "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static void signal(Process child, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(child.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException(String.format(Locale.ROOT, "kill -%s %d failed", signal, child.pid()));
        }
    }
}
