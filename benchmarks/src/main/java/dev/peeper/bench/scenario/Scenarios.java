package dev.peeper.bench.scenario;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The scenario runs that JMH does not fit: crash recovery, lost updates, scale and the message ring. Each runs in a
 * JVM of its own (the report's runner forks one per scenario, with the heap it needs) and prints its figures as
 * {@code RESULT key value} lines, which the runner reads.
 *
 * <pre>
 * java -cp ... dev.peeper.bench.scenario.Scenarios crash-recovery 2000 20000
 * java -cp ... dev.peeper.bench.scenario.Scenarios lost-updates 1000000
 * java -cp ... dev.peeper.bench.scenario.Scenarios kill-storm 100000 10
 * java -Xmx14g -cp ... dev.peeper.bench.scenario.Scenarios scale peeper 1000000 8 [histogram]
 * java -cp ... dev.peeper.bench.scenario.Scenarios ring process|bare 1000 10 1000
 * java PeeperCluster.JVM_FLAGS... -cp ... dev.peeper.bench.scenario.Scenarios cluster-costs 2000 10000
 * java PeeperCluster.JVM_FLAGS... -cp ... dev.peeper.bench.scenario.Scenarios cluster-failover 2 20
 * java PeeperCluster.JVM_FLAGS... -cp ... dev.peeper.bench.scenario.Scenarios cluster-casts 11 20000
 * java PeeperCluster.JVM_FLAGS... -cp ... dev.peeper.bench.scenario.Scenarios cluster-heap 2000
 * java PeeperCluster.JVM_FLAGS... -cp ... dev.peeper.bench.scenario.Scenarios child-failover KILL|STOP 1 10
 * </pre>
 */
public final class Scenarios {
    private Scenarios() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: Scenarios crash-recovery WARMUP N | lost-updates ROUNDS"
                    + " | kill-storm ROUNDS CASTS_PER_ROUND | scale peeper|plain|bare N STARTERS [histogram]"
                    + " | ring process|bare N TOKENS ROUND_MILLIS | cluster-costs WARMUP N"
                    + " | cluster-failover WARMUP KILLS | cluster-casts ROUNDS CASTS_PER_ROUND | cluster-heap N"
                    + " | child-failover KILL|STOP WARMUP ROUNDS");
        }
        // every scenario runs on a virtual thread, as a process calling servers would (and as the JMH callers do)
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread runner = Thread.ofVirtual().name("scenario").start(() -> {
            try {
                run(args);
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        runner.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        System.exit(0); // the servers started are not stopped one by one: the JVM ends with them
    }

    private static void run(String[] args) throws Exception {
        switch (args[0]) {
            case "crash-recovery" -> CrashRecovery.run(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "lost-updates" -> LostUpdates.castThenCrash(Integer.parseInt(args[1]));
            case "kill-storm" -> LostUpdates.killStorm(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "scale" -> Scale.run(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    args.length > 4 && args[4].equals("histogram"));
            case "cluster-costs" -> ClusterCosts.run(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "cluster-failover" -> ClusterFailover.run(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "cluster-casts" -> ClusterCasts.run(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "cluster-heap" -> ClusterHeap.run(Integer.parseInt(args[1]));
            case "child-failover" -> ChildFailover.run(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "ring" -> Ring.run(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Long.parseLong(args[4]));
            default -> throw new IllegalArgumentException("unknown scenario " + args[0]);
        }
    }

    /** Prints one figure for the runner. */
    static void result(String key, Object value) {
        String text = value instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : String.valueOf(value);
        System.out.println("RESULT " + key + " " + text);
        System.out.flush();
    }
}
