package dev.peeper.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.IMap;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * After a split heals without a majority, the asynchronous keeper ends the conflict waiting in its entry only with
 * the write of the state that merged the other side's ({@code resolveConflict}), or a later one. A state kept before
 * the merge and still to be written then (a write was in flight) did not merge it: had its write ended the conflict,
 * the other side's acknowledged updates would live only in the merged state not yet written, and a crash of this
 * member meanwhile would lose them. The write in flight is held by a lock on the key, taken by a thread of the
 * test's own (the engine runs another thread's entry processor on a locked key once it is unlocked).
 */
class AsyncResolutionTest {
    /** The other side's incarnation token and state number, as the merge attached them to the entry. */
    private static final long THEIR_OWNER = 42;
    private static final long THEIR_SEQUENCE = 5;

    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    @Test
    void onlyTheMergedStateEndsTheConflictNotAnOlderOneWrittenAfterTheMerge() throws Exception {
        PeeperCluster member = cluster.start(2).get(0);
        AsyncReplicatedKeeper keeper = (AsyncReplicatedKeeper) ClusterKeepers
                .asynchronous(member, 100, Duration.ofSeconds(30)).create(member.name("merging"));
        keeper.restore();
        StateSlot slot = keeper.slot();
        IMap<Object, KeptState> states = member.hazelcast().getMap(ClusterKeepers.MAP);
        keeper.keep("mine 1");
        TestCluster.await(() -> sequence(states, slot.key()) == 1, "the first state written");
        KeptState theirs = new KeptState(1, THEIR_OWNER, THEIR_SEQUENCE, (Object) "theirs");

        ExecutorService lockHolder = Executors.newSingleThreadExecutor(); // a lock is its thread's: one thread
        lockHolder.submit(() -> states.lock(slot.key())).get(); // holds the next write in flight
        try {
            keeper.keep("mine 2"); // in flight, held by the lock
            keeper.keep("mine 3"); // sent once that one is done
            KeptState now = states.get(slot.key());
            assertThat(now.sequence()).as("the write held in flight by the lock").isEqualTo(1);
            // the heal: the merge attached the other side's state to the entry ...
            lockHolder.submit(() -> states.put(slot.key(), new KeptState(now.generation(), now.owner(),
                    now.sequence(), now.stored(), now.lineage(), theirs))).get();
            slot.resolving(theirs); // ... and the server merged it, on its process, as Conflicts has it do
        } finally {
            lockHolder.submit(() -> states.unlock(slot.key())).get();
            lockHolder.shutdown();
        }
        TestCluster.await(() -> sequence(states, slot.key()) == 3, "the states kept before the merge written");
        assertThat(states.get(slot.key()).waitsOn(THEIR_OWNER, THEIR_SEQUENCE))
                .as("the conflict still waits after states that did not merge it were written").isTrue();

        keeper.keep("mine 3 and theirs"); // the merged state, which the server keeps right after merging
        TestCluster.await(() -> sequence(states, slot.key()) == 4, "the merged state written");
        KeptState merged = states.get(slot.key());
        assertThat(merged.state()).isEqualTo("mine 3 and theirs");
        assertThat(merged.theirs()).as("the conflict, once the merged state is written").isNull();
    }

    private static long sequence(IMap<Object, KeptState> states, Object key) {
        KeptState kept = states.get(key);
        return kept == null ? -1 : kept.sequence();
    }
}
