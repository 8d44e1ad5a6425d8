package dev.peeper.cluster.faults;

import dev.peeper.cluster.ClusterOptions;
import dev.peeper.cluster.ClusterStarters;
import dev.peeper.cluster.PeeperCluster;
import dev.peeper.cluster.Replication;
import dev.peeper.process.Pid;
import dev.peeper.server.ServerRef;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * One member of the fault suite's cluster, in a JVM of its own. Arguments: cluster name, port, label (unique per
 * JVM, e.g. {@code m2.1}: slot 2, second start), then the member list; its {@link SuiteMode} in the system property
 * {@value SuiteMode#PROPERTY}. Prints {@code READY <node> <os-pid>} once it has joined, then obeys one command per
 * line on its standard input (the test JVM's control channel) and prints its answers and the history of its
 * workload on its standard output, one line each (see {@link Workload}).
 * Its log goes to standard error. Commands:
 * <ul>
 * <li>{@code START <name>...}: starts each name on its owner ({@code counter-*} ledgers, {@code cache-*} caches);
 * <li>{@code RUN <workers> <seed> <names>...}: starts the workload; {@code HALT}: stops it and waits for it;
 * <li>{@code HEALTH <names>...}: prints this member's view: its cluster size, whether its partitions are safe, where
 *     each name resolves, and the suite's servers alive here;
 * <li>{@code STATE <name>}: the final state of a name, read with a call;
 * <li>{@code EXIT}: leaves the cluster, prints the non-daemon threads still alive, and ends main.
 * </ul>
 */
public final class FaultMember {
    /** How long one call of the workload (or a state read) waits for its answer. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

    private FaultMember() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        PrintStream out = System.out;
        String label = args[2];
        PeeperCluster member = PeeperCluster.start(SuiteMode.ofThisJvm().options(ClusterOptions.named(args[0])
                .withPort(Integer.parseInt(args[1])).withMembers(Arrays.asList(args).subList(3, args.length))));
        say(out, "READY " + member.node() + " " + ProcessHandle.current().pid());
        Workload workload = null;
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = commands.readLine()) != null) {
            List<String> words = List.of(line.trim().split(" +"));
            List<String> rest = words.subList(1, words.size());
            switch (words.getFirst()) {
                case "START" -> {
                    for (String name : rest) {
                        member.startOnOwner(name, starter(name), ClusterStarters.START_TIMEOUT);
                    }
                    say(out, "STARTED");
                }
                case "RUN" -> {
                    workload = new Workload(member, label, new Random(Long.parseLong(rest.get(1)) ^ label.hashCode()),
                            rest.subList(2, rest.size()), out);
                    workload.start(Integer.parseInt(rest.getFirst()));
                    say(out, "RUNNING");
                }
                case "HALT" -> {
                    if (workload != null) {
                        workload.halt();
                    }
                    say(out, "HALTED");
                }
                case "HEALTH" -> say(out, health(member, rest));
                case "STATE" -> say(out, "STATE " + rest.getFirst() + " " + state(member, rest.getFirst()));
                case "EXIT" -> {
                    if (workload != null) {
                        workload.halt();
                    }
                    member.close();
                    exit(out);
                    return;
                }
                default -> say(out, "UNKNOWN " + line);
            }
        }
    }

    static ClusterStarters.SerializableSupplier<FaultLedger> ledger(String name) {
        return () -> new FaultLedger(name);
    }

    static ClusterStarters.SerializableSupplier<FaultCache> cache(String name) {
        return () -> new FaultCache(name);
    }

    private static dev.peeper.cluster.ClusterStarter starter(String name) {
        Replication replication = SuiteMode.ofThisJvm().replication();
        return name.startsWith("cache") ? ClusterStarters.peeper(cache(name), null, replication)
                : ClusterStarters.peeper(ledger(name), null, replication);
    }

    /** {@code HEALTH <size> <safe> <name>=<incarnation or ->... | <name> <incarnation>...} */
    private static String health(PeeperCluster member, List<String> names) {
        StringBuilder health = new StringBuilder("HEALTH ");
        try {
            health.append(member.nodes().size()).append(' ')
                    .append(member.hazelcast().getPartitionService().isClusterSafe());
            for (String name : names) {
                Pid pid = member.callAs(() -> member.name(name).whereis());
                health.append(' ').append(name).append('=').append(pid == null ? "-" : Incarnation.of(pid)
                        .replaceFirst("^\\d+:", ""));
            }
        } catch (RuntimeException e) {
            health.append("0 false error=").append(e.getClass().getSimpleName());
        }
        health.append(" |");
        LocalServers.alive().forEach(server -> health.append(' ').append(server));
        return health.toString();
    }

    /** The incarnation that answered and the state, space-separated, or {@code ERROR <exception>}. */
    private static String state(PeeperCluster member, String name) {
        try {
            String request = name.startsWith("cache") ? "dump" : "get";
            List<String> answer = member.callAs(() -> ServerRef.named(member.name(name)).call(request, CALL_TIMEOUT));
            return String.join(" ", answer);
        } catch (RuntimeException e) {
            return "ERROR " + e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).replace('\n', ' ');
        }
    }

    /** Prints every non-daemon thread but this one still alive once the member has left: none should be. */
    private static void exit(PrintStream out) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> left = leftBehind();
        while (!left.isEmpty() && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // threads ending on their own: bounded poll
            left = leftBehind();
        }
        left.forEach(thread -> say(out, "THREAD " + thread));
        say(out, "EXITED");
    }

    private static List<String> leftBehind() {
        List<String> left = new ArrayList<>();
        Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !t.isDaemon() && t.isAlive() && t != Thread.currentThread()
                        && !t.getName().equals("DestroyJavaVM"))
                .forEach(t -> left.add(t.getName().replace(' ', '_')));
        return left;
    }

    static void say(PrintStream out, String line) {
        synchronized (out) { // not a hot path: one line at a time, whole
            out.println(line);
            out.flush();
        }
    }
}
