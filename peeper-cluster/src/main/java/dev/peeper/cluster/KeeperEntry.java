package dev.peeper.cluster;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/**
 * What {@link ReplicatedKeeper} writes to the state map: the {@link KeptState} values, and the entry processors
 * that change them on the key's partition. Each processor is deterministic and idempotent, as Hazelcast needs
 * (it runs again on the backup, and a retry may apply one twice). Written by {@link KeeperSerializer}, so a state
 * may be a record (Compact) as well as {@link java.io.Serializable}.
 */
sealed interface KeeperEntry permits KeptState, KeeperEntry.TakeOver, KeeperEntry.Keep, KeeperEntry.Release,
        KeeperEntry.Abandon, KeeperEntry.Resolved, KeeperEntry.Fenced {
    /**
     * A new incarnation takes the name over: the generation goes up by one, the kept state stays, and so does a
     * conflict still waiting to be resolved (the new incarnation resolves it). Answers the entry after the change; a
     * retry that finds its own {@code owner} token changes nothing.
     *
     * @param owner the new incarnation's token, unique to it
     */
    record TakeOver(long owner) implements KeeperEntry, EntryProcessor<Object, KeptState, KeptState> {
        @Override
        public KeptState process(Map.Entry<Object, KeptState> entry) {
            KeptState now = entry.getValue();
            if (now != null && now.owner() == owner) {
                return now;
            }
            KeptState next = now == null ? new KeptState(1, owner, 0, null) : now.takenOverBy(owner);
            entry.setValue(next);
            return next;
        }
    }

    /**
     * Keeps {@code state} as number {@code sequence} of incarnation {@code generation}. Answers the generation it
     * was kept under: {@code generation}, or a higher one that a merge after a split gave this same incarnation
     * ({@link MergeDivergedStates}), marked if another line's state waits in the entry to be merged
     * ({@link #keptUnder}, {@link #conflictWaits}); or, if refused because another incarnation holds the name
     * (whatever its generation: see {@link #process}), that incarnation's generation negated.
     *
     * @param generation       the incarnation that keeps it
     * @param owner            the incarnation's token
     * @param sequence         the state's number within the incarnation
     * @param stored           the state, serialized once for all the copies of this write ({@link StoredState})
     * @param resolvedOwner    with {@code resolvedSequence}: the other side's state that {@code state} merged (its
     *                         incarnation's token), which stops waiting; {@code 0} for an ordinary state
     * @param resolvedSequence the number of the merged state of the other side
     */
    record Keep(long generation, long owner, long sequence, StoredState stored, long resolvedOwner,
                long resolvedSequence) implements KeeperEntry, EntryProcessor<Object, KeptState, Long> {

        /**
         * Set in a kept write's answer when a conflict waits in the entry: a bit far above any generation (each
         * takeover adds one), so the answer stays one number.
         */
        private static final long CONFLICT_WAITS = 1L << 62;

        /** An ordinary state: it resolves no conflict. */
        Keep(long generation, long owner, long sequence, Object state) {
            this(generation, owner, sequence, StoredState.of(state), 0, 0);
        }

        /** {@code state} as the worker kept it, resolving the other side's state ({@code resolvedOwner}, ...). */
        Keep(long generation, long owner, long sequence, Object state, long resolvedOwner, long resolvedSequence) {
            this(generation, owner, sequence, StoredState.of(state), resolvedOwner, resolvedSequence);
        }

        @Override
        public Long process(Map.Entry<Object, KeptState> entry) {
            KeptState now = entry.getValue();
            if (now == null) {
                entry.setValue(new KeptState(generation, owner, sequence, stored, Lineage.NONE, null));
                return generation;
            }
            if (now.owner() != owner) {
                // another incarnation holds the name: one that took it over, or the one a merge kept after a split.
                // Never taken back for a higher generation: the sides of a split count theirs apart, and the side
                // merged in writes here until the merge has stopped its servers (its state is merged, not written)
                return -now.generation();
            }
            long keptAs = Math.max(now.generation(), generation);
            KeptState next = now;
            if (now.sequence() < sequence) {
                next = now.kept(keptAs, sequence, stored, resolvedOwner, resolvedSequence);
                entry.setValue(next);
            }
            return next.theirs() == null ? keptAs : keptAs | CONFLICT_WAITS;
        }

        /** {@return the generation a write was kept under, from its positive answer ({@link #process})} */
        static long keptUnder(long answer) {
            return answer & ~CONFLICT_WAITS;
        }

        /**
         * Whether a write's positive answer says that another line's state waits in the entry, for the server that
         * wrote it to merge ({@link Conflicts}): a merge after a split queued it, or an incarnation refused after the
         * name was taken over from an earlier state of its own handed it over ({@link Fenced}).
         */
        static boolean conflictWaits(long answer) {
            return (answer & CONFLICT_WAITS) != 0;
        }
    }

    /**
     * An incarnation whose write was refused ({@link Keep}: another holds the name) hands over the last state it
     * acknowledged, numbered {@code sequence}: if the holder's line holds only an <em>earlier</em> state of this
     * incarnation (it took the name over from that one, directly or through other takeovers, or merged it after a
     * split: its {@link Lineage}), the acknowledged updates after that one are in no other state, and this one waits
     * in the entry for the holder's {@code resolveConflict} ({@link Conflicts}), as a diverged state of a split's
     * other side does ({@link MergeDivergedStates}). Otherwise nothing changes: the holder's line holds this state or
     * a later one, or holds none of this incarnation's at all. Where no majority decides only (a minimum of one
     * member, where a state is acknowledged before it is written): a merge after a split that kept an older copy of
     * the entry than the one this incarnation wrote to leaves exactly that. Answers whether it queued the state (not
     * if that state, or a later one of the same incarnation, waits already: a retry, or a heal's queue).
     *
     * @param generation the refused incarnation's generation
     * @param owner      its token
     * @param sequence   the number of its last acknowledged state
     * @param stored     that state
     */
    record Fenced(long generation, long owner, long sequence, StoredState stored) implements KeeperEntry,
            EntryProcessor<Object, KeptState, Boolean> {

        /** {@code state} as the refused incarnation's keeper holds it (not yet serialized). */
        Fenced(long generation, long owner, long sequence, Object state) {
            this(generation, owner, sequence, StoredState.of(state));
        }

        @Override
        public Boolean process(Map.Entry<Object, KeptState> entry) {
            KeptState now = entry.getValue();
            if (now == null || now.owner() == owner || stored == null || !now.holdsOnlyEarlierThan(owner, sequence)) {
                return false;
            }
            if (now.waitsFrom(owner, sequence)) {
                return false; // a retry, or a heal queued this state (or a later one) already
            }
            KeptState mine = new KeptState(generation, owner, sequence, stored, Lineage.NONE, null);
            entry.setValue(now.waiting(MergeDivergedStates.queued(now.theirs(), mine)));
            return true;
        }
    }

    /**
     * The server ended for good: its state goes, unless another incarnation holds it now (a newer one, or the other
     * side's after a split healed).
     *
     * @param generation the incarnation that ended
     * @param owner      its token
     */
    record Release(long generation, long owner) implements KeeperEntry, EntryProcessor<Object, KeptState, Void> {
        @Override
        public Void process(Map.Entry<Object, KeptState> entry) {
            KeptState now = entry.getValue();
            if (now != null && now.owner() == owner) { // a higher generation says nothing across a split: see Keep
                entry.setValue(null);
            }
            return null;
        }
    }

    /**
     * The start of incarnation {@code generation} failed after it took the name over: the server never ran. The
     * entry goes only if it is still that incarnation's and holds no state (the takeover made it); a state the
     * incarnation found stays, for the next start to resume from (a failover that retries after its first start
     * timed out must not find the acknowledged state gone).
     *
     * @param generation the incarnation whose start failed
     * @param owner      its token
     */
    record Abandon(long generation, long owner) implements KeeperEntry, EntryProcessor<Object, KeptState, Void> {
        @Override
        public Void process(Map.Entry<Object, KeptState> entry) {
            KeptState now = entry.getValue();
            if (now != null && now.owner() == owner && now.stored() == null && now.theirs() == null) {
                entry.setValue(null);
            }
            return null;
        }
    }

    /**
     * The conflict with the other side's state ({@code theirOwner}, {@code theirSequence}) is resolved without a new
     * state: it stops waiting. Only for the incarnation {@code owner} that holds the name.
     *
     * @param owner         the token of the incarnation that resolved it
     * @param theirOwner    the other side's incarnation token
     * @param theirSequence the number of the other side's state
     */
    record Resolved(long owner, long theirOwner, long theirSequence) implements KeeperEntry,
            EntryProcessor<Object, KeptState, Void> {
        @Override
        public Void process(Map.Entry<Object, KeptState> entry) {
            KeptState now = entry.getValue();
            if (now != null && now.owner() == owner && now.waitsOn(theirOwner, theirSequence)) {
                entry.setValue(now.kept(now.generation(), now.sequence(), now.stored(), theirOwner, theirSequence));
            }
            return null;
        }
    }
}
