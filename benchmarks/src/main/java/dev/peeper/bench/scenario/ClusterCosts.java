package dev.peeper.bench.scenario;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import dev.peeper.bench.counter.HandCounter;
import dev.peeper.bench.counter.Msg;
import dev.peeper.cluster.ClusterStarters;
import dev.peeper.cluster.PeeperCluster;
import dev.peeper.process.Pid;
import dev.peeper.server.ServerRef;
import java.io.Serial;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * What a cluster call costs, against the engine's own round trip measured in the same run, on a 2-member cluster in
 * this JVM (loopback TCP between the members):
 * <ul>
 *   <li><b>update on the owner</b>: a call that changes the state of a Peeper server kept by
 *       {@code ClusterKeepers.synchronous}, from the member it runs on (the reply waits until the new state is on
 *       the backup member), against one {@code IMap.set} of a key that member owns, with one synchronous backup,
 *       and against the same {@code IMap.set} run by a bare virtual thread the caller hands it to
 *       ({@link VirtualThreadHop}): the floor of any server on a virtual thread doing that work;</li>
 *   <li><b>remote call</b>: a read-only call from the other member, by pid and by cluster name, against a read-only
 *       {@code executeOnKey} from the other member on a key owned by the server's member.</li>
 * </ul>
 * The rows alternate in blocks, so that each meets the same moments of a noisy machine.
 */
final class ClusterCosts {
    private static final String SERVER = "bench-counter";
    private static final String BASELINE_MAP = "bench.baseline";
    private static final int BLOCK = 500;
    /** The transport's topic for a node (the cluster module's {@code NodeTransport}): what a remote call crosses. */
    private static final String TRANSPORT_TOPIC = "peeper.node.";

    private ClusterCosts() {
    }

    static void run(int warmup, int count) {
        try (LoopbackCluster cluster = new LoopbackCluster(2)) {
            List<PeeperCluster> members = cluster.start(2);
            Pid pid = members.get(0).startOnOwner(SERVER, ClusterStarters.peeper(HandCounter::new, 0),
                    LoopbackCluster.TIMEOUT);
            PeeperCluster owner = members.stream().filter(m -> m.isHere(pid)).findFirst().orElseThrow();
            PeeperCluster other = members.stream().filter(m -> m != owner).findFirst().orElseThrow();
            Object key = keyOwnedBy(owner);

            IMap<Object, Integer> ownersMap = owner.hazelcast().getMap(BASELINE_MAP);
            IMap<Object, Integer> othersMap = other.hazelcast().getMap(BASELINE_MAP);
            ownersMap.set(key, 0);
            ServerRef local = ServerRef.of(pid);
            ServerRef byName = ServerRef.named(other.name(SERVER));
            int[] value = {0}; // one writer at a time: the caller, or the hop's worker while the caller waits for it
            IntSupplier setNext = () -> {
                ownersMap.set(key, ++value[0]);
                return value[0];
            };
            Row set = new Row("cluster.set", setNext);
            VirtualThreadHop hop = new VirtualThreadHop(setNext);
            Row handedOver = new Row("cluster.setHandedOver", hop::run);
            Row update = new Row("cluster.update", () -> owner.callAs(() -> local.<Integer>call(new Msg.AddAndGet(1))));
            Row executeOnKey = new Row("cluster.executeOnKey", () -> othersMap.executeOnKey(key, new ReadValue()));
            Row remote = new Row("cluster.remoteCall", () -> other.callAs(() -> local.<Integer>call(new Msg.Get())));
            Row remoteByName = new Row("cluster.remoteCallByName",
                    () -> other.callAs(() -> byName.<Integer>call(new Msg.Get())));
            List<Row> rows = List.of(set, handedOver, update, executeOnKey, remote, remoteByName);

            for (int done = 0; done < warmup; done += BLOCK) {
                rows.forEach(row -> row.time(BLOCK, null));
            }
            for (int done = 0; done < count; done += BLOCK) {
                int at = done;
                rows.forEach(row -> row.time(Math.min(BLOCK, count - at), at));
            }
            long crossed = other.hazelcast().getTopic(TRANSPORT_TOPIC + other.nodeOf(pid)).getLocalTopicStats()
                    .getPublishOperationCount();
            if (crossed < 2L * count) {
                throw new IllegalStateException("the remote rows sent " + crossed + " messages to the server's member, "
                        + "fewer than their " + 2 * count + " calls: they did not measure a remote call");
            }
            if (!ownedBy(owner, key) || !ownedBy(owner, SERVER)) {
                throw new IllegalStateException("a partition moved during the run: the rows did not measure what "
                        + "they say (the baseline's key and the server's state must stay on the server's member)");
            }
            int counted = owner.callAs(() -> local.<Integer>call(new Msg.Get()));
            int expected = roundUp(warmup) + count; // every update added 1, the warm-up's too
            if (counted != expected) {
                throw new AssertionError("the server counted " + counted + " updates, expected " + expected);
            }
            hop.close();
            Scenarios.result("cluster.count", count);
            rows.forEach(Row::report);
        }
    }

    private static int roundUp(int warmup) {
        return (warmup + BLOCK - 1) / BLOCK * BLOCK;
    }

    /** A key of the baseline map whose partition {@code member} owns, so that its primary copy is there. */
    static Object keyOwnedBy(PeeperCluster member) {
        for (int i = 0; ; i++) {
            String key = "key-" + i;
            if (ownedBy(member, key)) {
                return key;
            }
        }
    }

    static boolean ownedBy(PeeperCluster member, Object key) {
        return member.hazelcast().getPartitionService().getPartition(key).getOwner().localMember();
    }

    /** One row: its operation, and each timed run of it. */
    private static final class Row {
        private final String key;
        private final IntSupplier operation;
        private long[] nanos = new long[0];

        Row(String key, IntSupplier operation) {
            this.key = key;
            this.operation = operation;
        }

        /** Runs the operation {@code times} times; keeps each time at {@code from} on, or none if {@code null}. */
        void time(int times, Integer from) {
            if (from != null && nanos.length < from + times) {
                nanos = Arrays.copyOf(nanos, from + times);
            }
            for (int i = 0; i < times; i++) {
                long start = System.nanoTime();
                operation.getAsInt();
                long took = System.nanoTime() - start;
                if (from != null) {
                    nanos[from + i] = took;
                }
            }
        }

        void report() {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            Scenarios.result(key + ".p50.us", CrashRecovery.micros(CrashRecovery.percentile(sorted, 50)));
            Scenarios.result(key + ".p99.us", CrashRecovery.micros(CrashRecovery.percentile(sorted, 99)));
            Scenarios.result(key + ".mean.us", CrashRecovery.micros(Arrays.stream(sorted).sum() / sorted.length));
        }
    }

    /** Reads an entry's value and changes nothing: the engine runs it on the primary only. */
    static final class ReadValue implements EntryProcessor<Object, Integer, Integer>, ReadOnly {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Integer process(Map.Entry<Object, Integer> entry) {
            return entry.getValue();
        }

        @Override
        public EntryProcessor<Object, Integer, Integer> getBackupProcessor() {
            return null; // read-only: nothing to apply on the backup
        }
    }
}
