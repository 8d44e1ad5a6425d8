package dev.peeper.cluster;

import com.hazelcast.map.IMap;

/**
 * A synchronous keeper's writes, as a compare-and-set against the entry its incarnation last left in the state map.
 *
 * <p>Why: a {@link KeeperEntry.Keep} sent as an entry processor costs 1.07-1.16 × an {@code IMap.set} of the same
 * key (measured beside the set; benchmarks/ANALYSIS.md, section 8): the engine reads and rewrites the entry on the
 * owner, then ships the processor to the backup and runs it there again. But {@link KeeperEntry.Keep#applyTo} is a
 * pure function of the entry, and while an incarnation holds its name nothing else writes the entry, so its keeper
 * knows what the entry is: it computes the next entry itself and sends {@code replace(key, known, next)}, which the
 * engine compares as bytes and backs up as it does a set (about 1.01 × a set). The outcome is exactly the
 * processor's on that entry. Anything else that changed the entry (a takeover by another incarnation, a merge after
 * a split, a write whose outcome the engine could not tell) fails the comparison: then the processor decides on the
 * entry as it is, as before, and the entry is read back once so the next write is a compare-and-set again.
 *
 * <p>Used by one worker at a time (the server's), like the keeper; the fields are volatile because a successor
 * worker may run on another thread, and the slot forgets the entry from other threads (a conflict resolved without a
 * new state). A stale entry known here costs one failed comparison, never a wrong write: the engine replaces only
 * an entry equal, byte for byte, to the one {@link KeeperEntry.Keep#applyTo} was given.
 */
final class KnownEntry {
    private final IMap<Object, KeptState> states;
    private final Object key;
    private final long owner;
    /** The entry as this incarnation last left it or read it; {@code null} when unknown. */
    private volatile KeptState known;
    /** Writes that could not compare-and-set (for tests: nearly every write should). */
    private volatile long processed;

    KnownEntry(IMap<Object, KeptState> states, Object key, long owner) {
        this.states = states;
        this.key = key;
        this.owner = owner;
    }

    /** The entry is {@code now}, as a takeover or a read answered it; {@code null} if unknown. */
    void is(KeptState now) {
        known = now != null && now.owner() == owner ? now : null;
    }

    /** Something else changed the entry (or may have): the next write asks the entry processor. */
    void forget() {
        known = null;
    }

    /**
     * Applies {@code keep} to the entry, and answers what its entry processor answers ({@link KeeperEntry.Keep}).
     * Throws as the engine's write does; the entry is then unknown until a write succeeds.
     */
    long write(KeeperEntry.Keep keep) {
        KeptState expected = known;
        known = null; // until this write's outcome is known
        if (expected != null) {
            KeptState next = keep.applyTo(expected);
            if (next != expected && states.replace(key, expected, next)) {
                known = next;
                return keep.answer(expected);
            }
        }
        processed++;
        long holder = states.executeOnKey(key, keep);
        if (holder > 0) {
            readBack();
        }
        return holder;
    }

    /** Once, after a merge or a failed write: the next write compares again. */
    private void readBack() {
        try {
            is(states.get(key));
        } catch (RuntimeException e) {
            // the write is done; the next one asks the entry processor again
        }
    }

    /** How many writes went to the entry processor because the entry was not what this incarnation knew. */
    long processed() {
        return processed;
    }
}
