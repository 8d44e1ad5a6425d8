package dev.peeper.bench.report;

import java.util.List;

/**
 * How long and how big a run is. {@link #full()} is what the report in the repository comes from; {@link #quick()}
 * checks the whole pipeline in a couple of minutes and writes under {@code target/} instead.
 *
 * @param name              "full" or "quick"
 * @param forks             JMH forks per benchmark with virtual-thread callers (the platform-thread runs use one)
 * @param warmupIterations  JMH warm-up iterations per fork
 * @param warmupSeconds     seconds per warm-up iteration
 * @param iterations        JMH measured iterations
 * @param iterationSeconds  seconds per measured iteration
 * @param crashWarmup       crashes before the recovery timing starts
 * @param crashes           crashes timed
 * @param lostRounds        rounds of (cast, crash)
 * @param stormRounds       rounds of (10 casts, kill)
 * @param scaleCounts       how many idle servers to start (Peeper, plain, bare), one JVM per count and kind
 * @param scaleWarmup       servers started and stopped in each scale JVM before it measures
 * @param histogramCount    the count at which the Peeper run also prints its heap by class
 * @param scaleHeap         the heap of the scale JVMs ({@code -Xms} and {@code -Xmx})
 * @param clusterWarmup     cluster operations of each kind before the timing starts
 * @param clusterOperations cluster operations of each kind timed
 * @param failoverWarmup    member kills before the failover timing starts
 * @param failoverKills     member kills timed
 * @param castRounds        rounds of the group-commit scenario, the first a warm-up
 * @param castsPerRound     casts per round of the group-commit scenario
 * @param heapServers       idle servers of each kind started by the heap scenario
 * @param childRounds       rounds timed of each child-JVM failover scenario (crashed, frozen), after one warm-up
 * @param clusterForks      JVMs the cluster costs run in, one after the other; the median one's figures are kept
 */
record Settings(String name, int forks, int warmupIterations, int warmupSeconds, int iterations, int iterationSeconds,
                int crashWarmup, int crashes, int lostRounds, int stormRounds, List<Integer> scaleCounts,
                int scaleWarmup, int histogramCount, String scaleHeap, int clusterWarmup, int clusterOperations,
                int failoverWarmup, int failoverKills, int castRounds, int castsPerRound, int heapServers,
                int childRounds, int clusterForks) {
    /** Starter threads in the scale runs: more than cores, so one waiting for an init leaves work for another. */
    static final int STARTERS = 8;
    /** Casts per kill in the kill storm. */
    static final int STORM_CASTS_PER_ROUND = 10;

    static Settings full() {
        return new Settings("full", 2, 2, 1, 4, 1, 2_000, 20_000, 1_000_000, 100_000,
                List.of(10_000, 100_000, 1_000_000), 20_000, 100_000, "12g", 2_000, 10_000, 2, 20, 11, 20_000,
                5_000, 10, 3);
    }

    static Settings quick() {
        return new Settings("quick", 1, 1, 1, 2, 1, 200, 2_000, 20_000, 2_000, List.of(10_000, 20_000), 2_000, 10_000, "2g",
                500, 1_000, 1, 3, 3, 5_000, 500, 2, 1);
    }

    static Settings named(String name) {
        return switch (name) {
            case "full" -> full();
            case "quick" -> quick();
            default -> throw new IllegalArgumentException("unknown settings " + name
                    + "; use full, quick, cluster, timeouts or profile");
        };
    }

    /** The JMH settings in words, for the report. */
    String jmhInWords() {
        return "JMH 1.37, " + forks + (forks == 1 ? " fork" : " forks") + " per benchmark (1 for the platform-thread "
                + "callers), each " + warmupIterations + " × " + warmupSeconds + " s warm-up and " + iterations + " × "
                + iterationSeconds + " s measurement";
    }
}
