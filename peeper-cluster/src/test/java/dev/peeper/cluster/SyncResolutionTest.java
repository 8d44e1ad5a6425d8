package dev.peeper.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.map.IMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * After a split heals without a majority, the synchronous keeper ends the conflict waiting in its entry only with
 * the write of the state that merged the other side's ({@code resolveConflict}), or a later one. When the merged
 * state cannot be written (it cannot be serialized, or the reply is refused), the keeper goes back to a state kept
 * before the merge: neither that state nor what the worker keeps after it holds the other side's, so their writes
 * leave the conflict waiting (the next start merges it) instead of dropping the other side's acknowledged updates.
 */
class SyncResolutionTest {
    /** The other side's incarnation token and state number, as the merge attached them to the entry. */
    private static final long THEIR_OWNER = 42;
    private static final long THEIR_SEQUENCE = 5;
    private static final KeptState THEIRS = new KeptState(1, THEIR_OWNER, THEIR_SEQUENCE, (Object) "theirs");

    @RegisterExtension
    final TestCluster cluster = new TestCluster();
    private IMap<Object, KeptState> states;
    private ReplicatedKeeper keeper;
    private StateSlot slot;

    @BeforeEach
    void aWrittenStateWhoseEntryTheMergeGaveAConflict() {
        PeeperCluster member = cluster.start(2).get(0);
        states = member.hazelcast().getMap(ClusterKeepers.MAP);
        keeper = (ReplicatedKeeper) ClusterKeepers.synchronous(member).create(member.name("merging"));
        slot = keeper.slot();
        keeper.keep("mine 1");
        keeper.beforeReply(); // written
        KeptState now = states.get(slot.key());
        states.put(slot.key(), new KeptState(now.generation(), now.owner(), now.sequence(), now.stored(),
                now.lineage(), THEIRS)); // the heal's merge attached the other side's
    }

    @Test
    void aMergedStateThatCannotBeSerializedLeavesTheConflictWaiting() {
        keeper.keep("mine 2"); // a cast handled before the merge, in the same group: not yet written
        slot.resolving(THEIRS); // the server merges, on its process, as Conflicts has it do ...
        keeper.keep(new Box.Thing()); // ... into a state that cannot be serialized
        assertThatThrownBy(keeper::beforeReply).isInstanceOf(WireException.class);

        assertThat(states.get(slot.key()).state()).as("the cast before the merge, kept").isEqualTo("mine 2");
        assertThat(waits()).as("the conflict, after the state before the merge was written").isTrue();
        keeper.keep("mine 3"); // the next worker goes on from "mine 2", which does not hold the other side's state
        keeper.beforeReply();
        assertThat(states.get(slot.key()).state()).isEqualTo("mine 3");
        assertThat(waits()).as("the conflict, after a later state that did not merge it was written").isTrue();
    }

    @Test
    void aStateAfterTheMergedOneThatCannotBeSerializedStillEndsTheConflictWithTheMergedOne() {
        slot.resolving(THEIRS);
        keeper.keep("mine 1 and theirs"); // the merged state ...
        keeper.keep(new Box.Thing()); // ... and, in the same group, a cast that spoiled it
        assertThatThrownBy(keeper::beforeReply).isInstanceOf(WireException.class);

        assertThat(states.get(slot.key()).state()).isEqualTo("mine 1 and theirs");
        assertThat(waits()).as("the conflict, once the merged state is written").isFalse();
    }

    private boolean waits() {
        return states.get(slot.key()).waitsOn(THEIR_OWNER, THEIR_SEQUENCE);
    }
}
