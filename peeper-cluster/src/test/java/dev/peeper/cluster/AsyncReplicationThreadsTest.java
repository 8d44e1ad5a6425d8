package dev.peeper.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.IMap;
import dev.peeper.keeper.Keeper;
import dev.peeper.registry.ProcessName;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The asynchronous keeper's own stages on a write start no platform thread. A plain stage on a Hazelcast future
 * ({@code submitToKey(...).whenComplete(...)}) runs on the JDK's default asynchronous pool, and where the common pool
 * has one thread (two cores or fewer) that is a new platform thread per stage: the keeper had two per write, and the
 * engine adds one of its own per call (its future's decoding stage, out of our hands), three per write in all (905
 * for 300 writes; 24,239 thread starts in one benchmark run). Now the engine's one is left. On more cores the common
 * pool runs them and this test cannot tell the difference; it says so in its output.
 */
class AsyncReplicationThreadsTest {
    private static final int WRITES = 300;

    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    @Test
    void writesOneAfterAnotherStartNoPlatformThreadOfTheKeepersOwn() {
        PeeperCluster member = cluster.start(2).get(0);
        ProcessName name = member.name("threads");
        Keeper<Object> keeper = ClusterKeepers.asynchronous(member, 16, Duration.ofSeconds(1)).create(name);
        keeper.restore();
        IMap<Object, KeptState> states = member.hazelcast().getMap(ClusterKeepers.MAP);
        keeper.keep(0);
        awaitWritten(states, 0); // the first write's one-off start-up (map proxies, pools) is not counted
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.println("common pool parallelism " + ForkJoinPool.getCommonPoolParallelism()
                + (ForkJoinPool.getCommonPoolParallelism() > 1 ? ": this test cannot fail on this machine" : ""));

        long before = threads.getTotalStartedThreadCount();
        for (int value = 1; value <= WRITES; value++) {
            keeper.keep(value);
            awaitWritten(states, value); // one write in flight at a time: each a separate write and completion
        }
        long started = threads.getTotalStartedThreadCount() - before;

        // the engine's one per write, and a margin for its other threads; two or three per write without the fix
        assertThat(started).as("platform threads started by %d writes", WRITES).isLessThan(WRITES + WRITES / 4);
    }

    private static void awaitWritten(IMap<Object, KeptState> states, int value) {
        TestCluster.await(() -> states.get("threads") != null
                && Integer.valueOf(value).equals(states.get("threads").state()), "write " + value);
    }
}
