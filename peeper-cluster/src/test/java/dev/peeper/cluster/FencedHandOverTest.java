package dev.peeper.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.AbstractMap.SimpleEntry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a refused incarnation's hand-over does to the entry ({@link KeeperEntry.Fenced}): where the holder's line took
 * the name over from an earlier state of the refused incarnation (a merge after a split kept an older copy of the
 * entry), the refused one's last acknowledged state waits for the holder's {@code resolveConflict}, once; otherwise
 * nothing changes. And how the holder hears of it: its writes' answers say a conflict waits.
 */
class FencedHandOverTest {
    /** The refused incarnation, which kept states up to 9 of its own. */
    private static final long A = 11;
    /** The holder, which took the name over from A's state 5. */
    private static final long B = 22;
    private static final long OTHER = 33;

    private final Map.Entry<Object, KeptState> entry =
            new SimpleEntry<>("name", new KeptState(33, B, 0, "a5", Lineage.of(A, 5), null));

    @Test
    void theLaterStateOfTheIncarnationTheHoldersLineStartedFromWaitsToBeMerged() {
        assertThat(new KeeperEntry.Fenced(32, A, 9, "a9").process(entry)).isTrue();

        KeptState now = entry.getValue();
        assertThat(now.owner()).as("the holder keeps the name").isEqualTo(B);
        assertThat(now.generation()).isEqualTo(33);
        assertThat(now.state()).isEqualTo("a5");
        assertThat(now.theirs().owner()).isEqualTo(A);
        assertThat(now.theirs().sequence()).isEqualTo(9);
        assertThat(now.theirs().state()).isEqualTo("a9");
    }

    @Test
    void nothingChangesWhereTheHoldersLineHoldsItAlreadyOrStartedElsewhere() {
        assertThat(new KeeperEntry.Fenced(32, A, 5, "a5").process(entry)).as("the state it started from").isFalse();
        assertThat(new KeeperEntry.Fenced(32, A, 4, "a4").process(entry)).as("an earlier one").isFalse();
        assertThat(new KeeperEntry.Fenced(32, OTHER, 9, "c9").process(entry)).as("not its parent").isFalse();
        assertThat(new KeeperEntry.Fenced(33, B, 9, "b9").process(entry)).as("the holder itself").isFalse();
        assertThat(entry.getValue().theirs()).isNull();

        Map.Entry<Object, KeptState> gone = new SimpleEntry<>("name", null);
        assertThat(new KeeperEntry.Fenced(32, A, 9, "a9").process(gone)).as("no entry: released").isFalse();
        assertThat(gone.getValue()).isNull();
    }

    @Test
    void aRetryOrAnEarlierStateOfTheSameIncarnationQueuesNothingMore() {
        new KeeperEntry.Fenced(32, A, 9, "a9").process(entry);

        assertThat(new KeeperEntry.Fenced(32, A, 9, "a9").process(entry)).as("the retry: waits already").isFalse();
        assertThat(new KeeperEntry.Fenced(32, A, 7, "a7").process(entry)).as("held by a9").isFalse();
        assertThat(entry.getValue().theirs().theirs()).as("one state waits").isNull();
        assertThat(entry.getValue().theirs().state()).isEqualTo("a9");
    }

    @Test
    void onceMergedTheSameStateIsNotMergedAgainButALaterOneIs() {
        new KeeperEntry.Fenced(32, A, 9, "a9").process(entry);
        new KeeperEntry.Keep(33, B, 1, "a9+b", A, 9).process(entry); // the holder's write of the merged state

        assertThat(entry.getValue().theirs()).isNull();
        assertThat(entry.getValue().lineage().holdsUpTo(A)).as("A's states up to 9 are in this line now").isEqualTo(9);
        assertThat(new KeeperEntry.Fenced(32, A, 9, "a9").process(entry)).as("merged already").isFalse();
        assertThat(entry.getValue().theirs()).isNull();
        assertThat(new KeeperEntry.Fenced(32, A, 12, "a12").process(entry)).as("acknowledged after it").isTrue();
        assertThat(entry.getValue().theirs().state()).isEqualTo("a12");
    }

    @Test
    void aConflictResolvedWithoutANewStateAlsoCountsTheParentsStatesAsSeen() {
        new KeeperEntry.Fenced(32, A, 9, "a9").process(entry);
        new KeeperEntry.Resolved(B, A, 9).process(entry);

        assertThat(entry.getValue().theirs()).isNull();
        assertThat(entry.getValue().lineage().holdsUpTo(A)).isEqualTo(9);
    }

    @Test
    void anIncarnationTwoTakeoversBackIsStillMergedIfItWentOnPastTheStateTheLineHolds() {
        // B took the name over from A's state 5 (a stale copy), kept 3 states, and C took it over from B
        Map.Entry<Object, KeptState> chain = new SimpleEntry<>("name",
                new KeptState(33, B, 3, "a5+b3", Lineage.of(A, 5), null).takenOverBy(OTHER));

        assertThat(new KeeperEntry.Fenced(32, A, 5, "a5").process(chain)).as("held through B").isFalse();
        assertThat(new KeeperEntry.Fenced(33, B, 3, "a5+b3").process(chain)).as("the state C started from").isFalse();
        assertThat(new KeeperEntry.Fenced(32, A, 9, "a9").process(chain)).as("A went on after the copy").isTrue();
        assertThat(new KeeperEntry.Fenced(33, B, 4, "a5+b4").process(chain)).as("B went on after C").isTrue();

        KeptState now = chain.getValue();
        assertThat(now.owner()).isEqualTo(OTHER);
        assertThat(now.theirs().state()).isEqualTo("a9");
        assertThat(now.theirs().theirs().state()).as("queued behind A's").isEqualTo("a5+b4");
    }

    @Test
    void aMergedSidesLaterStateIsMergedTooButNotTheOneMergedAlready() {
        Map.Entry<Object, KeptState> merged = new SimpleEntry<>("name",
                new KeptState(40, B, 7, "b7", Lineage.NONE, new KeptState(39, OTHER, 4, "c4")));
        new KeeperEntry.Keep(40, B, 8, "b7+c4", OTHER, 4).process(merged); // the holder merged the heal's state

        assertThat(merged.getValue().lineage().holdsUpTo(OTHER)).as("C's states up to 4 are this line's").isEqualTo(4);
        assertThat(new KeeperEntry.Fenced(39, OTHER, 4, "c4").process(merged)).as("merged already").isFalse();
        assertThat(new KeeperEntry.Fenced(39, OTHER, 6, "c6").process(merged)).as("acknowledged after the heal's copy")
                .isTrue();
        assertThat(merged.getValue().theirs().state()).isEqualTo("c6");
    }

    @Test
    void theHoldersWriteAnswersThatAConflictWaitsUntilItsMergeIsWritten() {
        long plain = new KeeperEntry.Keep(33, B, 1, "b1").process(entry);
        assertThat(KeeperEntry.Keep.conflictWaits(plain)).isFalse();
        assertThat(KeeperEntry.Keep.keptUnder(plain)).isEqualTo(33);

        new KeeperEntry.Fenced(32, A, 9, "a9").process(entry);
        long waiting = new KeeperEntry.Keep(33, B, 2, "b2").process(entry);
        assertThat(KeeperEntry.Keep.conflictWaits(waiting)).isTrue();
        assertThat(KeeperEntry.Keep.keptUnder(waiting)).isEqualTo(33);
        long retried = new KeeperEntry.Keep(33, B, 2, "b2").process(entry);
        assertThat(KeeperEntry.Keep.conflictWaits(retried)).as("a retry that changes nothing says so too").isTrue();

        long merged = new KeeperEntry.Keep(33, B, 3, "b2+a9", A, 9).process(entry);
        assertThat(KeeperEntry.Keep.conflictWaits(merged)).isFalse();
        assertThat(KeeperEntry.Keep.keptUnder(merged)).isEqualTo(33);
    }
}
