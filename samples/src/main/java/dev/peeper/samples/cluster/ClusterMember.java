package dev.peeper.samples.cluster;

import dev.peeper.cluster.ClusterOptions;
import dev.peeper.cluster.ClusterStarters;
import dev.peeper.cluster.PeeperCluster;
import dev.peeper.process.NoProcessException;
import dev.peeper.process.Pid;
import dev.peeper.samples.counter.CounterClient;
import dev.peeper.samples.counter.Counter_Dispatcher;
import dev.peeper.server.CallException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * One member of the {@linkplain ClusterDemo cluster demo}, in a JVM of its own: joins the cluster, then does what
 * the demo asks on its standard input, one command a line, and answers on its standard output. All the Peeper code
 * of the demo is here; {@link ClusterDemo} only starts, drives and kills these JVMs.
 *
 * <pre>
 * java ... ClusterMember CLUSTER_NAME PORT MEMBER_ADDRESS...
 *   start    starts the counter on the member that owns its name   answers "started PID on NODE"
 *   add N    adds N to the counter (a cast)                        answers "added N"
 *   get      asks the counter for its count, until it answers     answers "count C on NODE after MILLIS ms"
 * </pre>
 *
 * It ends when its standard input closes, so a member never outlives the demo that started it.
 */
public final class ClusterMember {
    /** The counter's cluster-wide name. */
    static final String COUNTER = "visits";
    /** How long a start, or a count that has to wait for a failover, may take. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private ClusterMember() {
    }

    /** Joins the cluster named by the first argument on the port of the second, with the rest as member list. */
    public static void main(String[] args) throws Exception {
        PeeperCluster cluster = PeeperCluster.start(ClusterOptions.named(args[0])
                .withPort(Integer.parseInt(args[1]))
                .withMembers(Arrays.asList(args).subList(2, args.length)));
        awaitMembers(cluster, args.length - 2);
        // the generated client works unchanged with a cluster-wide name
        CounterClient counter = CounterClient.named(cluster.name(COUNTER));
        answer("ready " + cluster.node());
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = commands.readLine()) != null; ) {
            String[] words = line.split(" ");
            switch (words[0]) {
                case "start" -> {
                    // runs the counter on the member owning the name; its state is kept on a backup member, and if
                    // that member dies the new owner starts it again from that state
                    Pid pid = cluster.startOnOwner(COUNTER, ClusterStarters.peeper(Counter_Dispatcher::new, 0),
                            PATIENCE);
                    answer("started " + pid + " on " + cluster.nodeOf(pid));
                }
                case "add" -> {
                    counter.add(Integer.parseInt(words[1]));
                    answer("added " + words[1]);
                }
                case "get" -> answer(countWhenAnswered(cluster, counter));
                default -> answer("unknown command " + line);
            }
        }
        cluster.close();
        System.exit(0);
    }

    /** Waits until this member sees {@code count} members: the demo starts nothing before all have joined. */
    private static void awaitMembers(PeeperCluster cluster, int count) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (cluster.nodes().size() < count) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("only " + cluster.nodes().size() + " of " + count
                        + " members joined within " + PATIENCE);
            }
            pause();
        }
    }

    /**
     * The count, asked until the counter answers: right after its member died the name is free or its new server
     * is starting, and each such failure is a step of the failover, not an answer.
     */
    private static String countWhenAnswered(PeeperCluster cluster, CounterClient counter) {
        long start = System.nanoTime();
        long deadline = start + PATIENCE.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() - deadline < 0) {
            try {
                int count = counter.get(Duration.ofMillis(500));
                Pid where = cluster.names().whereis(COUNTER);
                return "count " + count + " on " + (where == null ? "?" : cluster.nodeOf(where)) + " after "
                        + (System.nanoTime() - start) / 1_000_000 + " ms";
            } catch (NoProcessException | CallException e) {
                last = e;
                pause();
            }
        }
        return "no count within " + PATIENCE + ": " + last;
    }

    private static void pause() {
        LockSupport.parkNanos(Duration.ofMillis(10).toNanos()); // a demo may poll; tests wait on events
    }

    private static void answer(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
