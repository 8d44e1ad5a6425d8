package dev.peeper.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.IMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A synchronous keeper writes its states as compare-and-sets against the entry its incarnation last left
 * ({@link KnownEntry}), which cost what a set does; only when something else changed the entry does a write go to
 * the entry processor, which then decides on the entry as it is, and the write after it compares again.
 */
class CompareAndSetWritesTest {
    private static final int WRITES = 20;

    @RegisterExtension
    final TestCluster cluster = new TestCluster();
    private SynchronousKeepers keepers;

    @BeforeEach
    void twoMembers() {
        keepers = SynchronousKeepers.onTwoMembers(cluster);
    }

    @Test
    void everyWriteComparesWhileNothingElseChangesTheEntry() {
        ReplicatedKeeper first = keepers.of("compared");
        writeEach(first, 1, WRITES);
        assertThat(first.slot().processedWrites()).as("writes sent as an entry processor").isZero();
        assertThat(keepers.stored("compared").sequence()).isEqualTo(WRITES);
        assertThat(keepers.stored("compared").state()).isEqualTo(WRITES);

        ReplicatedKeeper next = keepers.of("compared"); // a new incarnation: it knows the entry from its takeover
        assertThat(next.restore()).isEqualTo(WRITES);
        writeEach(next, WRITES + 1, 2 * WRITES);
        assertThat(next.slot().processedWrites()).as("the next incarnation's, after its takeover").isZero();
        assertThat(keepers.stored("compared").state()).isEqualTo(2 * WRITES);
        assertThat(keepers.stored("compared").generation()).isEqualTo(first.generation() + 1);
    }

    @Test
    void aWriteAfterSomethingElseChangedTheEntryGoesToTheProcessorOnceAndKeepsTheChange() {
        ReplicatedKeeper keeper = keepers.of("changed");
        writeEach(keeper, 1, 1);
        IMap<Object, KeptState> states = keepers.member().hazelcast().getMap(ClusterKeepers.MAP);
        KeptState now = states.get("changed");
        KeptState theirs = new KeptState(1, 42, 5, (Object) "theirs");
        states.put("changed", new KeptState(now.generation(), now.owner(), now.sequence(), now.stored(),
                now.parentOwner(), now.parentSequence(), theirs)); // as a heal's merge attaches the other side's

        writeEach(keeper, 2, 2);
        assertThat(keeper.slot().processedWrites()).as("the write that found the entry changed").isEqualTo(1);
        assertThat(states.get("changed").state()).isEqualTo(2);
        assertThat(states.get("changed").waitsOn(42, 5)).as("the other side's state, still waiting").isTrue();

        writeEach(keeper, 3, WRITES);
        assertThat(keeper.slot().processedWrites()).as("the writes after it compare again").isEqualTo(1);
        assertThat(states.get("changed").state()).isEqualTo(WRITES);
        assertThat(states.get("changed").waitsOn(42, 5)).as("kept by every compared write too").isTrue();
    }

    /** Keeps and acknowledges the states {@code from} to {@code to}, one reply each. */
    private static void writeEach(ReplicatedKeeper keeper, int from, int to) {
        keeper.restore();
        for (int state = from; state <= to; state++) {
            keeper.keep(state);
            keeper.beforeReply();
        }
    }
}
