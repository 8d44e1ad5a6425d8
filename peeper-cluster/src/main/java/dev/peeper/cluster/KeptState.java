package dev.peeper.cluster;

/**
 * A named server's replicated state as the state map holds it: the state, the generation of the incarnation that
 * kept it (each takeover bumps it, so a stale incarnation's writes are refused) and how many states that
 * incarnation has kept (so a retried write is recognised and applied once). It also remembers where the
 * incarnation's line began, and, after a split healed without a majority, the other sides' diverged states until
 * the server has merged them ({@link MergeDivergedStates}).
 *
 * @param generation     the keeping incarnation's generation, from 1
 * @param owner          the keeping incarnation's token: a retried takeover finds its own
 * @param sequence       how many states this incarnation has kept; {@code 0} before its first
 * @param stored         the last state kept, as the map carries it ({@link StoredState}), or {@code null}
 * @param parentOwner    the token of the incarnation this one took the name over from; {@code 0} for a first one
 * @param parentSequence the number of the last of the parent's states this line holds: the one it started from, or
 *                       a later one it merged
 * @param theirs         the last state of another incarnation that accepted updates of its own while a split kept
 *                       it apart from this one, waiting for the server's {@code resolveConflict}; or {@code null}.
 *                       Its own {@code theirs} is the next one waiting, after it (three sides or more): a queue,
 *                       merged one at a time from its head
 */
record KeptState(long generation, long owner, long sequence, StoredState stored, long parentOwner,
                 long parentSequence, KeptState theirs) implements KeeperEntry {

    /** A state with no parent recorded and no conflict waiting. */
    KeptState(long generation, long owner, long sequence, Object state) {
        this(generation, owner, sequence, StoredState.of(state), 0, 0, null);
    }

    /** An entry of {@code state} as a worker kept it (not yet serialized). */
    KeptState(long generation, long owner, long sequence, Object state, long parentOwner, long parentSequence,
              KeptState theirs) {
        this(generation, owner, sequence, StoredState.of(state), parentOwner, parentSequence, theirs);
    }

    /**
     * The last state kept, or {@code null}; decoded from its frame on first use, so ask only where the state itself
     * is needed (pass {@link #stored} on otherwise).
     */
    Object state() {
        return stored == null ? null : stored.value();
    }

    /**
     * This entry with {@code next} kept as number {@code nextSequence} of incarnation {@code nextGeneration}. If
     * {@code next} merged the state {@code resolvedSequence} of incarnation {@code resolvedOwner} that heads the
     * queue, that state stops waiting; and if it is a state of this line's parent, the parent's states up to it now
     * count as this line's ({@link #parentSequence} rises to it), so none of them is merged a second time.
     */
    KeptState kept(long nextGeneration, long nextSequence, StoredState next, long resolvedOwner,
                   long resolvedSequence) {
        if (!waitsOn(resolvedOwner, resolvedSequence)) {
            return new KeptState(nextGeneration, owner, nextSequence, next, parentOwner, parentSequence, theirs);
        }
        long seen = resolvedOwner == parentOwner ? Math.max(parentSequence, resolvedSequence) : parentSequence;
        return new KeptState(nextGeneration, owner, nextSequence, next, parentOwner, seen, theirs.theirs);
    }

    /** This entry with {@code queue} waiting in it, to be merged by its incarnation ({@link #theirs}). */
    KeptState waiting(KeptState queue) {
        return new KeptState(generation, owner, sequence, stored, parentOwner, parentSequence, queue);
    }

    /** This state as it waits in another entry's queue, just before {@code next}: without its own parent or queue. */
    KeptState waitingBefore(KeptState next) {
        return new KeptState(generation, owner, sequence, stored, 0, 0, next);
    }

    /**
     * Whether the state of incarnation {@code theirOwner} numbered {@code theirSequence} is the conflict this entry
     * merges next: the head of its queue.
     */
    boolean waitsOn(long theirOwner, long theirSequence) {
        return theirs != null && theirs.owner == theirOwner && theirs.sequence == theirSequence;
    }

    /**
     * Whether a state of incarnation {@code theirOwner} numbered {@code theirSequence} or later waits in the queue: a
     * later state of one incarnation holds all of its earlier ones.
     */
    boolean waitsFrom(long theirOwner, long theirSequence) {
        for (KeptState waiting = theirs; waiting != null; waiting = waiting.theirs) {
            if (waiting.owner == theirOwner && waiting.sequence >= theirSequence) {
                return true;
            }
        }
        return false;
    }
}
