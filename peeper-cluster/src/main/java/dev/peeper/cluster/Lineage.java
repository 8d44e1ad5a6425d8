package dev.peeper.cluster;

import java.util.Arrays;

/**
 * The other incarnations of a name whose states an entry's line holds, each up to the state it holds last: the
 * incarnations it took the name over from (the one it started from, and that one's own, and so on) and those whose
 * diverged states it merged. An incarnation refused later with a state numbered above its own here acknowledged
 * updates that are in no state of the line, so that state must still be merged ({@link KeeperEntry.Fenced},
 * {@link MergeDivergedStates#diverged}); one at or below it holds nothing new.
 *
 * <p>Why more than the parent: a line may take the name over from a stale copy of an incarnation that serves on, and
 * be taken over in turn before that incarnation is refused (A, a stale copy of it taken over by B, B taken over by
 * C, then A refused). Only A's number in C's lineage tells that A's later states are missing. Bounded to the
 * {@value #MOST} most recent: an incarnation refused more than that many takeovers later is not plausible (it is
 * refused at its next write), and an entry is written with every update, so it stays small.
 *
 * <p>Immutable; values of the wire ({@link KeeperSerializer}), compared by content.
 */
final class Lineage {
    /** How many incarnations a lineage remembers, the most recent. */
    static final int MOST = 8;
    /** The lineage of a first incarnation, or of a state waiting in a queue. */
    static final Lineage NONE = new Lineage(new long[0]);

    /** Owner tokens and sequences, alternating, oldest first. */
    private final long[] pairs;

    private Lineage(long[] pairs) {
        this.pairs = pairs;
    }

    /** The lineage of a line that took the name over from state {@code sequence} of incarnation {@code owner} alone. */
    static Lineage of(long owner, long sequence) {
        return NONE.with(owner, sequence);
    }

    /** A lineage read from the wire: {@code pairs} alternate owner tokens and sequences, oldest first. */
    static Lineage fromPairs(long[] pairs) {
        if (pairs.length % 2 != 0 || pairs.length > 2 * MOST) {
            throw new IllegalArgumentException("a lineage has at most " + MOST + " (owner, sequence) pairs, not "
                    + pairs.length + " numbers: are all members running the same Peeper version?");
        }
        return pairs.length == 0 ? NONE : new Lineage(pairs.clone());
    }

    /** The owner tokens and sequences, alternating, oldest first, for the wire. */
    long[] pairs() {
        return pairs.length == 0 ? pairs : pairs.clone(); // most lineages are empty: written with every update
    }

    /**
     * This lineage holding incarnation {@code owner}'s states up to {@code sequence}: raised if it is here with a lower
     * one, else added as the most recent (the oldest goes past {@value #MOST}). Answers this same lineage when nothing
     * changes, so a write that changes nothing allocates nothing.
     */
    Lineage with(long owner, long sequence) {
        int at = indexOf(owner);
        if (at >= 0) {
            if (pairs[at + 1] >= sequence) {
                return this;
            }
            long[] raised = pairs.clone();
            raised[at + 1] = sequence;
            return new Lineage(raised);
        }
        int keep = Math.min(pairs.length, 2 * (MOST - 1));
        long[] added = new long[keep + 2];
        System.arraycopy(pairs, pairs.length - keep, added, 0, keep);
        added[keep] = owner;
        added[keep + 1] = sequence;
        return new Lineage(added);
    }

    /** The number of the last of incarnation {@code owner}'s states this line holds, or {@code -1} if none. */
    long holdsUpTo(long owner) {
        int at = indexOf(owner);
        return at < 0 ? -1 : pairs[at + 1];
    }

    /** Whether incarnation {@code owner} is in this lineage. */
    boolean includes(long owner) {
        return indexOf(owner) >= 0;
    }

    private int indexOf(long owner) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i] == owner) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Lineage lineage && Arrays.equals(lineage.pairs, pairs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(pairs);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Lineage[");
        for (int i = 0; i < pairs.length; i += 2) {
            text.append(i == 0 ? "" : ", ").append(pairs[i]).append(" up to ").append(pairs[i + 1]);
        }
        return text.append(']').toString();
    }
}
