package dev.peeper.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the state map merges after a split heals in a cluster where no majority decides (a minimum of one member: two
 * members, typically), so that both sides may have run a name and accepted updates. The incarnation of the cluster
 * merged into keeps the name (the names map keeps that cluster's holder too: Hazelcast's default, put-if-absent),
 * under a generation above both sides', so the other side's incarnation is refused at its next write and stops. If
 * the other side's state <em>diverged</em>, that is, its incarnation kept states of its own after the two lines
 * parted, that state is attached to the entry ({@link KeptState#theirs}) and the kept incarnation's
 * {@code resolveConflict(mine, theirs)} merges it ({@link Conflicts}); otherwise it is older than what the kept
 * line started from, and is dropped.
 *
 * <p>Diverged, precisely: the other side's incarnation is one whose states the kept line holds up to some number
 * (it took the name over from it, directly or not, or merged it: its {@link Lineage}), with a state numbered after
 * that one; or it is any other incarnation that kept a state of its own. Entries of
 * the same incarnation (no split between them) keep the higher sequence, as {@link KeepHigherState} does. With three
 * sides or more, the diverged states queue ({@link KeptState#theirs} of each is the next): a side's state that meets
 * one still waiting goes behind it, and so do the states still waiting in the entry of the side merging in; the
 * server merges them one at a time, the head first, and each merge's write takes its state off the queue. None is
 * dropped: two sides may merge into a third within a second, before its server has merged the first.
 *
 * <p>Runs on a partition thread, once per entry, and calls no user code. Hazelcast makes it from its class name
 * ({@link PartitionSettings} configures it), so it is public with a public constructor; it is not meant to be used
 * otherwise.
 */
public final class MergeDivergedStates extends KeptStateMergePolicy {
    private static final Logger log = LoggerFactory.getLogger(MergeDivergedStates.class);

    /** For Hazelcast, which makes the policy from its class name. */
    public MergeDivergedStates() {
    }

    @Override
    KeptState merge(KeptState mine, KeptState theirs) {
        return merged(mine, theirs);
    }

    /** The entry kept when {@code mine} (the cluster merged into) meets {@code theirs} (the cluster merging in). */
    static KeptState merged(KeptState mine, KeptState theirs) {
        if (mine.owner() == theirs.owner()) {
            return KeepHigherState.higher(theirs, mine) ? theirs : mine;
        }
        long generation = Math.max(mine.generation(), theirs.generation() + 1);
        KeptState waiting = mine.theirs();
        // the other side's state, then those still waiting in its entry (third sides' it had not merged yet)
        for (KeptState side = theirs; side != null; side = side.theirs()) {
            if (diverged(mine, side)) {
                waiting = queued(waiting, side);
            }
        }
        if (waiting != null && waiting.theirs() != null) {
            log.info("{} diverged states of other sides wait to be merged in turn by the incarnation kept ({})",
                    length(waiting), mine.owner());
        }
        return new KeptState(generation, mine.owner(), mine.sequence(), mine.stored(), mine.lineage(), waiting);
    }

    /**
     * {@code queue} with {@code state} at its end (alone: its own parent and queue are not merged), or {@code queue}
     * as it is if that very state already waits in it. The head stays where it is: a merge of it may be under way,
     * and its write takes off the queue's head only if that is still the state it merged.
     */
    static KeptState queued(KeptState queue, KeptState state) {
        if (queue == null) {
            return state.waitingBefore(null);
        }
        if (queue.owner() == state.owner() && queue.sequence() == state.sequence()) {
            return queue;
        }
        return queue.waitingBefore(queued(queue.theirs(), state));
    }

    private static int length(KeptState queue) {
        int length = 0;
        for (KeptState waiting = queue; waiting != null; waiting = waiting.theirs()) {
            length++;
        }
        return length;
    }

    /** Whether {@code theirs} holds updates that {@code mine}'s line never saw. */
    static boolean diverged(KeptState mine, KeptState theirs) {
        if (mine.lineage().includes(theirs.owner())) {
            // it went on after mine's line took the name over from it (or merged it), if numbered past that state
            return mine.holdsOnlyEarlierThan(theirs.owner(), theirs.sequence());
        }
        return theirs.sequence() > 0 && theirs.stored() != null;
    }
}
