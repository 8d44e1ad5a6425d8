package dev.peeper.bench.scenario;

import dev.peeper.bench.counter.HandCounter;
import dev.peeper.bench.counter.Msg;
import dev.peeper.cluster.ClusterStarters;
import dev.peeper.cluster.PeeperCluster;
import dev.peeper.process.Pid;
import dev.peeper.server.ServerRef;
import java.util.List;

/**
 * What group commit buys: updates per second to a Peeper server kept by {@code ClusterKeepers.synchronous} on a
 * 2-member cluster in this JVM, sent from the server's own member
 * <ul>
 *   <li>as <b>casts</b>, a round of them followed by one call that reads the count: the call's reply is released only
 *       once every state before it is on the backup member, so the round is timed until all its casts are
 *       replicated. The casts that one mailbox drain handles share one replication;</li>
 *   <li>as <b>update calls</b> one after the other: one replication per update, the same server and keeper
 *       (the baseline: what the casts would cost if each paid its own replication);</li>
 *   <li>as {@code IMap.set}s of a key that member owns with one synchronous backup, one after the other: the
 *       engine's own replication, for scale.</li>
 * </ul>
 * The three alternate round by round, so that each meets the same moments of a noisy machine.
 */
final class ClusterCasts {
    private static final String SERVER = "bench-casts";
    private static final String BASELINE_MAP = "bench.casts.baseline";

    private ClusterCasts() {
    }

    /**
     * @param rounds       rounds of each kind, the first of them a warm-up
     * @param castsPerRound casts per round; the two baselines run a tenth as many operations per round
     */
    static void run(int rounds, int castsPerRound) {
        int updatesPerRound = Math.max(1, castsPerRound / 10);
        try (LoopbackCluster cluster = new LoopbackCluster(2)) {
            List<PeeperCluster> members = cluster.start(2);
            Pid pid = members.get(0).startOnOwner(SERVER, ClusterStarters.peeper(HandCounter::new, 0),
                    LoopbackCluster.TIMEOUT);
            PeeperCluster owner = members.stream().filter(m -> m.isHere(pid)).findFirst().orElseThrow();
            ServerRef server = ServerRef.of(pid);
            var map = owner.hazelcast().<Object, Integer>getMap(BASELINE_MAP);
            Object key = ClusterCosts.keyOwnedBy(owner);

            long castNanos = 0;
            long updateNanos = 0;
            long setNanos = 0;
            int expected = 0;
            for (int round = 0; round < rounds; round++) {
                boolean timed = round > 0;
                long start = System.nanoTime();
                int counted = owner.callAs(() -> {
                    for (int i = 0; i < castsPerRound; i++) {
                        server.cast(new Msg.Add(1));
                    }
                    return server.<Integer>call(new Msg.Get());
                });
                long casts = System.nanoTime() - start;
                expected += castsPerRound;
                check(counted, expected);

                start = System.nanoTime();
                int updated = owner.callAs(() -> {
                    int last = 0;
                    for (int i = 0; i < updatesPerRound; i++) {
                        last = server.<Integer>call(new Msg.AddAndGet(1));
                    }
                    return last;
                });
                long updates = System.nanoTime() - start;
                expected += updatesPerRound;
                check(updated, expected);

                start = System.nanoTime();
                for (int i = 0; i < updatesPerRound; i++) {
                    map.set(key, i);
                }
                long sets = System.nanoTime() - start;
                if (timed) {
                    castNanos += casts;
                    updateNanos += updates;
                    setNanos += sets;
                }
            }
            if (!ClusterCosts.ownedBy(owner, key) || !owner.isHere(pid)) {
                throw new IllegalStateException("a partition moved during the run: the rows did not measure what "
                        + "they say");
            }
            long timedRounds = rounds - 1L;
            Scenarios.result("casts.count", timedRounds * castsPerRound);
            Scenarios.result("casts.perSecond", perSecond(timedRounds * castsPerRound, castNanos));
            Scenarios.result("casts.updates.perSecond", perSecond(timedRounds * updatesPerRound, updateNanos));
            Scenarios.result("casts.sets.perSecond", perSecond(timedRounds * updatesPerRound, setNanos));
        }
    }

    private static void check(int counted, int expected) {
        if (counted != expected) {
            throw new AssertionError("the server counted " + counted + " updates, expected " + expected);
        }
    }

    private static double perSecond(long operations, long nanos) {
        return operations * 1e9 / nanos;
    }
}
