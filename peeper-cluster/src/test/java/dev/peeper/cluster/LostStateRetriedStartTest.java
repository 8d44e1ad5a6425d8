package dev.peeper.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.process.Pid;
import dev.peeper.server.Result;
import dev.peeper.server.ServerRef;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A failover start that finds the server's state lost and then fails (its {@code init} threw, or timed out) is not
 * a start: the listener hears nothing of it, and the failover's next start, which finds the same loss, tells it. The
 * listener hears the loss once, before the change that follows it.
 */
class LostStateRetriedStartTest {
    /** What the listener heard, by the test's key: the starter travels through the spec map. */
    private static final Map<String, Queue<String>> HEARD = new ConcurrentHashMap<>();
    /** How many times {@link FirstInitFails} ran its {@code init}. */
    private static final AtomicInteger INITS = new AtomicInteger();

    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    @Test
    void aStartThatFailsAfterFindingTheLossTellsNothingAndTheNextStartTellsItOnce() {
        INITS.set(0);
        PeeperCluster member = cluster.start(1).get(0);
        String key = UUID.randomUUID().toString();
        Queue<String> heard = HEARD.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>());
        ClusterStarter starter = ClusterStarters.peeper(FirstInitFails::new, 0,
                options -> options.withListener(new StateLossTest.Recording(HEARD.get(key))));
        // its spec names a member that has left, and no state is kept under its name: the state was lost, and this
        // member, the name's owner, starts the server again (the first start fails, the failover's next tick retries)
        member.hazelcast().getMap(Failover.MAP).set("retried", new ServerSpec(starter, ~member.node(), 1));

        TestCluster.await(() -> INITS.get() == 2, "the failover's second start");
        // its name is registered before its init runs, and the failed start's was freed before the retry
        Pid pid = member.name("retried").whereis();
        assertThat(pid).isNotNull();
        member.runAs(() -> ServerRef.of(pid).cast(5));
        TestCluster.await(() -> heard.contains("changed 0 -> 5"), "the listener told of the change");

        assertThat(heard).hasSize(2);
        assertThat(heard).first().asString().startsWith("lost: ").contains("retried");
        assertThat(heard).last().isEqualTo("changed 0 -> 5");
        HEARD.remove(key);
    }

    /** A counter whose first {@code init} fails, after the failover's dispatcher found the state lost. */
    static final class FirstInitFails extends Counter {
        @Override
        public Result<Integer> init(Object start) {
            if (INITS.incrementAndGet() == 1) {
                throw new IllegalStateException("the first start fails, after its state was found lost");
            }
            return super.init(start);
        }
    }
}
