package dev.peeper.cluster;

import java.util.Objects;

/**
 * A named server's replicated state as the state map holds it: the state, the generation of the incarnation that
 * kept it (each takeover bumps it, so a stale incarnation's writes are refused) and how many states that
 * incarnation has kept (so a retried write is recognised and applied once). It also remembers which other
 * incarnations' states its line holds ({@link Lineage}), and, after a split healed without a majority, the other
 * sides' diverged states until the server has merged them ({@link MergeDivergedStates}).
 *
 * @param generation     the keeping incarnation's generation, from 1
 * @param owner          the keeping incarnation's token: a retried takeover finds its own
 * @param sequence       how many states this incarnation has kept; {@code 0} before its first
 * @param stored         the last state kept, as the map carries it ({@link StoredState}), or {@code null}
 * @param lineage        the other incarnations whose states this line holds, each up to a number: those it took
 *                       the name over from, and those whose diverged states it merged ({@link Lineage})
 * @param theirs         the last state of another incarnation that accepted updates of its own while a split kept
 *                       it apart from this one (or that was refused after this line took the name over from an
 *                       earlier state of it), waiting for the server's {@code resolveConflict}; or {@code null}.
 *                       Its own {@code theirs} is the next one waiting, after it (three sides or more): a queue,
 *                       merged one at a time from its head
 */
record KeptState(long generation, long owner, long sequence, StoredState stored, Lineage lineage, KeptState theirs)
        implements KeeperEntry {

    KeptState {
        Objects.requireNonNull(lineage, "lineage: Lineage.NONE for none");
    }

    /** A state with no lineage and no conflict waiting. */
    KeptState(long generation, long owner, long sequence, Object state) {
        this(generation, owner, sequence, StoredState.of(state), Lineage.NONE, null);
    }

    /** An entry of {@code state} as a worker kept it (not yet serialized). */
    KeptState(long generation, long owner, long sequence, Object state, Lineage lineage, KeptState theirs) {
        this(generation, owner, sequence, StoredState.of(state), lineage, theirs);
    }

    /**
     * The last state kept, or {@code null}; decoded from its frame on first use, so ask only where the state itself
     * is needed (pass {@link #stored} on otherwise).
     */
    Object state() {
        return stored == null ? null : stored.value();
    }

    /**
     * The entry of a new incarnation {@code nextOwner} that takes the name over from this one: one generation up, the
     * state and the conflicts waiting stay, and this incarnation's states up to the last join the lineage.
     */
    KeptState takenOverBy(long nextOwner) {
        return new KeptState(generation + 1, nextOwner, 0, stored, lineage.with(owner, sequence), theirs);
    }

    /**
     * This entry with {@code next} kept as number {@code nextSequence} of incarnation {@code nextGeneration}. If
     * {@code next} merged the state {@code resolvedSequence} of incarnation {@code resolvedOwner} that heads the
     * queue, that state stops waiting, and that incarnation's states up to it now count as this line's (its lineage),
     * so none of them is merged a second time.
     */
    KeptState kept(long nextGeneration, long nextSequence, StoredState next, long resolvedOwner,
                   long resolvedSequence) {
        if (!waitsOn(resolvedOwner, resolvedSequence)) {
            return new KeptState(nextGeneration, owner, nextSequence, next, lineage, theirs);
        }
        return new KeptState(nextGeneration, owner, nextSequence, next, lineage.with(resolvedOwner, resolvedSequence),
                theirs.theirs);
    }

    /** This entry with {@code queue} waiting in it, to be merged by its incarnation ({@link #theirs}). */
    KeptState waiting(KeptState queue) {
        return new KeptState(generation, owner, sequence, stored, lineage, queue);
    }

    /** This state as it waits in another entry's queue, just before {@code next}: without its own lineage or queue. */
    KeptState waitingBefore(KeptState next) {
        return new KeptState(generation, owner, sequence, stored, Lineage.NONE, next);
    }

    /**
     * Whether this line holds states of incarnation {@code theirOwner} (its {@link Lineage}), but only ones before
     * {@code theirSequence}: that state holds updates the line lacks. {@code false} for an incarnation not in the
     * lineage, which the caller judges by itself (a heal and a refusal read it differently).
     */
    boolean holdsOnlyEarlierThan(long theirOwner, long theirSequence) {
        long held = lineage.holdsUpTo(theirOwner);
        return held >= 0 && theirSequence > held;
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
