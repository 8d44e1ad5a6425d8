package dev.peeper.samples.cluster;

import dev.peeper.cluster.ClusterStarters;
import dev.peeper.cluster.PeeperCluster;
import dev.peeper.process.Pid;
import dev.peeper.samples.counter.CounterClient;
import dev.peeper.samples.counter.Counter_Dispatcher;
import java.time.Duration;

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
 * It ends when its standard input closes, so a member never outlives the demo that started it
 * ({@link MemberConsole}).
 */
public final class ClusterMember {
    /** The counter's cluster-wide name. */
    static final String COUNTER = "visits";

    private ClusterMember() {
    }

    /** Joins the cluster named by the first argument on the port of the second, with the rest as member list. */
    public static void main(String[] args) throws Exception {
        PeeperCluster cluster = MemberConsole.join(args, options -> options);
        // the generated client works unchanged with a cluster-wide name
        CounterClient counter = CounterClient.named(cluster.name(COUNTER));
        MemberConsole.serve(cluster, words -> switch (words[0]) {
            case "start" -> {
                // runs the counter on the member owning the name; its state is kept on a backup member, and if that
                // member dies the new owner starts it again from that state
                Pid pid = cluster.startOnOwner(COUNTER, ClusterStarters.peeper(Counter_Dispatcher::new, 0),
                        MemberConsole.PATIENCE);
                yield "started " + pid + " on " + cluster.nodeOf(pid);
            }
            case "add" -> {
                counter.add(Integer.parseInt(words[1]));
                yield "added " + words[1];
            }
            case "get" -> count(cluster, counter);
            default -> "unknown command " + String.join(" ", words);
        });
    }

    /** The count, asked until the counter answers: a failover may be under way. */
    private static String count(PeeperCluster cluster, CounterClient counter) {
        long start = System.nanoTime();
        int count = MemberConsole.untilAnswered(() -> counter.get(Duration.ofMillis(500)));
        Pid where = cluster.names().whereis(COUNTER);
        return "count " + count + " on " + (where == null ? "?" : cluster.nodeOf(where)) + " after "
                + MemberConsole.millisSince(start) + " ms";
    }
}
