package dev.peeper.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.AbstractMap.SimpleEntry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The merge rule of the state map after a split heals where no majority decided ({@link MergeDivergedStates}), and
 * how the entry processors treat the merged entry: the cluster merged into keeps its incarnation, above both sides'
 * generations; the other side's diverged state waits for {@code resolveConflict}, and the write of the merged state
 * is what stops it waiting.
 */
class MergeDivergedStatesTest {
    private static final long A = 11;
    private static final long B = 22;

    @Test
    void entriesOfOneIncarnationKeepTheHigherSequence() {
        KeptState merged = MergeDivergedStates.merged(new KeptState(1, A, 7, "earlier"), new KeptState(1, A, 9, "later"));
        assertThat(merged.state()).isEqualTo("later");
        assertThat(merged.theirs()).isNull();
    }

    @Test
    void theOtherSidesStatesAfterTheTakeoverWaitToBeMerged() {
        KeptState mine = new KeptState(2, B, 5, "b", Lineage.of(A, 39), null); // B took the name over from A's state 39
        KeptState theirs = new KeptState(1, A, 58, "a"); // A served on alone, up to state 58

        KeptState merged = MergeDivergedStates.merged(mine, theirs);

        assertThat(merged.owner()).isEqualTo(B);
        assertThat(merged.state()).isEqualTo("b");
        assertThat(merged.generation()).as("above both sides").isEqualTo(2);
        assertThat(merged.theirs()).isNotNull();
        assertThat(merged.theirs().state()).isEqualTo("a");
        assertThat(merged.theirs().sequence()).isEqualTo(58);
    }

    @Test
    void anOtherSideThatStoppedAtTheTakeoverHasNothingToMerge() {
        KeptState merged = MergeDivergedStates.merged(new KeptState(2, B, 5, "b", Lineage.of(A, 39), null),
                new KeptState(1, A, 39, "a"));
        assertThat(merged.theirs()).isNull();
        assertThat(merged.owner()).isEqualTo(B);
    }

    @Test
    void theKeptIncarnationIsRaisedAboveAHigherGenerationOfTheOtherSide() {
        KeptState mine = new KeptState(1, A, 10, "a");
        // B took over from A's state 5, kept 3 of its own
        KeptState theirs = new KeptState(2, B, 3, "b", Lineage.of(A, 5), null);

        KeptState merged = MergeDivergedStates.merged(mine, theirs);

        assertThat(merged.owner()).isEqualTo(A);
        assertThat(merged.generation()).isEqualTo(3);
        assertThat(merged.theirs().state()).isEqualTo("b");
    }

    @Test
    void aSecondDivergedStateMeetingAWaitingOneQueuesBehindIt() {
        KeptState waiting = new KeptState(1, A, 4, "a");
        KeptState mine = new KeptState(2, B, 5, "b", Lineage.NONE, waiting);

        KeptState merged = MergeDivergedStates.merged(mine, new KeptState(1, 33, 8, "c"));

        assertThat(merged.theirs().owner()).as("the head stays: its merge may be under way").isEqualTo(A);
        assertThat(merged.theirs().theirs().owner()).isEqualTo(33);
        assertThat(merged.theirs().theirs().state()).isEqualTo("c");
        assertThat(merged.theirs().theirs().theirs()).isNull();
    }

    @Test
    void theStatesWaitingInTheSideMergingInQueueToo() {
        KeptState waitingThere = new KeptState(1, 33, 8, "c");
        KeptState theirs = new KeptState(1, A, 58, "a", Lineage.NONE, waitingThere); // A had not merged C's yet
        KeptState mine = new KeptState(2, B, 5, "b", Lineage.of(A, 39), null);

        KeptState merged = MergeDivergedStates.merged(mine, theirs);

        assertThat(merged.theirs().state()).isEqualTo("a");
        assertThat(merged.theirs().theirs().state()).isEqualTo("c");
        assertThat(MergeDivergedStates.merged(merged, theirs).theirs().theirs().theirs())
                .as("a state already waiting is not queued twice").isNull();
    }

    @Test
    void eachMergeTakesOnlyTheHeadOffTheQueue() {
        KeptState second = new KeptState(1, 33, 8, "c");
        KeptState first = new KeptState(1, A, 58, "a", Lineage.NONE, second);
        Map.Entry<Object, KeptState> entry =
                new SimpleEntry<>("name", new KeptState(2, B, 5, "b", Lineage.of(A, 39), first));

        new KeeperEntry.Keep(2, B, 6, "b+c", 33, 8).process(entry);
        assertThat(entry.getValue().theirs()).as("not the head: nothing taken off").isEqualTo(first);

        new KeeperEntry.Keep(2, B, 7, "b+a", A, 58).process(entry);
        assertThat(entry.getValue().theirs()).isEqualTo(second);

        new KeeperEntry.Resolved(B, 33, 8).process(entry);
        assertThat(entry.getValue().theirs()).isNull();
        assertThat(entry.getValue().state()).isEqualTo("b+a");
    }

    @Test
    void theKeptIncarnationAdoptsTheRaisedGenerationAndTheOtherIsRefused() {
        KeptState merged = MergeDivergedStates.merged(new KeptState(1, A, 10, "a"),
                new KeptState(2, B, 3, "b", Lineage.of(A, 5), null));
        Map.Entry<Object, KeptState> entry = new SimpleEntry<>("name", merged);

        assertThat(new KeeperEntry.Keep(2, B, 4, "b2").process(entry)).as("refused, negated").isEqualTo(-3L);
        long kept = new KeeperEntry.Keep(1, A, 11, "a2").process(entry);
        assertThat(KeeperEntry.Keep.keptUnder(kept)).as("kept under the raised one").isEqualTo(3L);
        assertThat(KeeperEntry.Keep.conflictWaits(kept)).as("the answer says B's state waits").isTrue();
        assertThat(entry.getValue().state()).isEqualTo("a2");
        assertThat(entry.getValue().theirs()).as("still waiting").isNotNull();

        new KeeperEntry.Release(2, B).process(entry);
        assertThat(entry.getValue()).as("the other side's end removes nothing").isNotNull();
    }

    /**
     * The side merged in joins before its entries are merged: its incarnation, still running until the merge has
     * settled it, writes into the entry of the cluster it joined, whose incarnation took the name over on its own
     * side. Generations of two sides are counted apart, so a higher one says nothing: the write is refused (the
     * merge queues that side's state), and so is its end's release, which must not remove the other's state. Seen
     * in the fault suite without a majority: a side's generation 3 took over the entry of the cluster it joined
     * (generation 2), fenced the incarnation serving there and dropped every update it had acknowledged.
     */
    @Test
    void aWriteOfTheSideMergedInThatRacesTheMergeTakesNothingOver() {
        Map.Entry<Object, KeptState> entry = new SimpleEntry<>("name", new KeptState(2, A, 10, "a"));

        assertThat(new KeeperEntry.Keep(3, B, 4, "b").process(entry)).as("refused, negated").isEqualTo(-2L);
        assertThat(entry.getValue().owner()).isEqualTo(A);
        assertThat(entry.getValue().state()).isEqualTo("a");

        new KeeperEntry.Release(3, B).process(entry);
        assertThat(entry.getValue()).as("its end removes nothing of the other incarnation's").isNotNull();
        assertThat(entry.getValue().state()).isEqualTo("a");
    }

    @Test
    void theWriteOfTheMergedStateStopsTheConflictWaitingInTheSameStep() {
        KeptState theirs = new KeptState(1, A, 58, "a");
        Map.Entry<Object, KeptState> entry =
                new SimpleEntry<>("name", new KeptState(2, B, 5, "b", Lineage.of(A, 39), theirs));

        new KeeperEntry.Keep(2, B, 6, "b+a", A, 57).process(entry);
        assertThat(entry.getValue().theirs()).as("another state of theirs: still waiting").isNotNull();

        new KeeperEntry.Keep(2, B, 7, "b+a", A, 58).process(entry);
        assertThat(entry.getValue().theirs()).isNull();
        assertThat(entry.getValue().state()).isEqualTo("b+a");
        assertThat(entry.getValue().lineage()).as("A's states up to 58 are this line's now")
                .isEqualTo(Lineage.of(A, 58));
    }

    @Test
    void aConflictResolvedWithoutANewStateStopsWaitingAndANewIncarnationInheritsAnUnresolvedOne() {
        KeptState theirs = new KeptState(1, A, 58, "a");
        Map.Entry<Object, KeptState> entry =
                new SimpleEntry<>("name", new KeptState(2, B, 5, "b", Lineage.of(A, 39), theirs));

        KeptState taken = new KeeperEntry.TakeOver(44).process(entry);
        assertThat(taken.theirs()).isEqualTo(theirs);
        assertThat(taken.lineage()).as("B joins the lineage, after A").isEqualTo(Lineage.of(A, 39).with(B, 5));

        new KeeperEntry.Resolved(B, A, 58).process(entry);
        assertThat(entry.getValue().theirs()).as("only the holder resolves").isNotNull();
        new KeeperEntry.Resolved(44, A, 58).process(entry);
        assertThat(entry.getValue().theirs()).isNull();
        assertThat(entry.getValue().state()).isEqualTo("b");
    }

    @Test
    void anIncarnationFurtherBackInTheKeptLinesLineageDivergedOnlyPastTheStateTheLineHolds() {
        // B took the name over from A's state 39, C from B's state 5
        KeptState mine = new KeptState(2, B, 5, "b", Lineage.of(A, 39), null).takenOverBy(33);

        assertThat(MergeDivergedStates.diverged(mine, new KeptState(1, A, 39, "a"))).isFalse();
        assertThat(MergeDivergedStates.diverged(mine, new KeptState(1, A, 58, "a"))).isTrue();
        assertThat(MergeDivergedStates.diverged(mine, new KeptState(2, B, 5, "b"))).isFalse();
        assertThat(MergeDivergedStates.diverged(mine, new KeptState(2, B, 6, "b"))).isTrue();
    }
}
