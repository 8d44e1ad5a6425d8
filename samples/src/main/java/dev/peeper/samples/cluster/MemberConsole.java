package dev.peeper.samples.cluster;

import dev.peeper.cluster.ClusterOptions;
import dev.peeper.cluster.PeeperCluster;
import dev.peeper.process.NoProcessException;
import dev.peeper.server.CallException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The member's side of a {@link MemberJvm}: joins the cluster its arguments name, then answers the commands on its
 * standard input, one a line, on its standard output. What a member says on its own starts with
 * {@value MemberJvm#NEWS}.
 */
final class MemberConsole {
    /** How long a join, a start, or a call that has to wait for a failover may take. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private MemberConsole() {
    }

    /**
     * Joins the cluster named by {@code args[0]} on the port of {@code args[1]}, with the rest as member list and the
     * options {@code tuning} makes of those; waits until every listed member has joined and the partitions have
     * settled (so a server started now stays on its name's owner), and answers {@code ready NODE}.
     */
    static PeeperCluster join(String[] args, UnaryOperator<ClusterOptions> tuning) {
        PeeperCluster cluster = PeeperCluster.start(tuning.apply(ClusterOptions.named(args[0])
                .withPort(Integer.parseInt(args[1]))
                .withMembers(Arrays.asList(args).subList(2, args.length))));
        int count = args.length - 2;
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (cluster.nodes().size() < count || !cluster.hazelcast().getPartitionService().isClusterSafe()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("only " + cluster.nodes().size() + " of " + count
                        + " members joined and settled within " + PATIENCE);
            }
            pause();
        }
        answer("ready " + cluster.node());
        return cluster;
    }

    /**
     * Answers each line of the standard input with what {@code command} makes of its words ({@code failed ...} if it
     * throws), until the input closes, so a member never outlives the demo that started it; then leaves the cluster
     * and ends the JVM.
     */
    static void serve(PeeperCluster cluster, Function<String[], String> command) throws IOException {
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = commands.readLine()) != null; ) {
            String answer;
            try {
                answer = command.apply(line.split(" "));
            } catch (RuntimeException e) {
                answer = "failed " + line + ": " + e;
            }
            answer(answer);
        }
        cluster.close();
        System.exit(0);
    }

    /**
     * What {@code call} answers, asked until it does, for up to {@link #PATIENCE}: right after a member died or froze
     * the name is free, or held by a server that will not answer, or its new server is starting, and each such
     * failure is a step of the failover, not an answer. So ask only what may be asked twice.
     */
    static <T> T untilAnswered(Supplier<T> call) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try {
                return call.get();
            } catch (NoProcessException | CallException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("no answer within " + PATIENCE + ": " + e, e);
                }
                pause();
            }
        }
    }

    /** Prints {@code line} and flushes it: the demo waits for it. */
    static void answer(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** Milliseconds since {@code start}, a {@link System#nanoTime()}. */
    static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    static void pause() {
        LockSupport.parkNanos(Duration.ofMillis(10).toNanos()); // a demo may poll; tests wait on events
    }
}
