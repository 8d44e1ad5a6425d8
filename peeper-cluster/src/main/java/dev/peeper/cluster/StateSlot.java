package dev.peeper.cluster;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import dev.peeper.cluster.internal.IdempotentWrites;
import dev.peeper.process.ExitReason;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One named server's entry in the state map, as one incarnation of the server sees it: it takes the name over
 * (bumping the generation) once, then writes states under that generation. What both replicated keepers share;
 * each decides when to write.
 */
final class StateSlot {
    /** Attempts at a write whose outcome the engine could not tell (its primary or backup died meanwhile). */
    private static final int ATTEMPTS = 5;

    /** {@link #resolvedBy} while the merged state is not yet numbered: no state number reaches it. */
    private static final long NOT_NUMBERED = Long.MAX_VALUE;

    private static final Logger log = LoggerFactory.getLogger(StateSlot.class);

    private final IMap<Object, KeptState> states;
    private final Object key;
    /** {@link #key} as the engine keys the entry ({@link EngineKeys}): what every call to the engine passes. */
    private final Object entryKey;
    /** Told the key of a server that gave up because its states could not be acknowledged (see {@link #gaveUp}). */
    private final Consumer<Object> refusedGiveUp;
    /** This member's slots, which know this one from its takeover until its incarnation ends. */
    private final LocalSlots local;
    /** Told the key when a write's answer says another line's state waits in the entry to be merged. */
    private final Consumer<Object> conflictWaits;
    private final long owner = ThreadLocalRandom.current().nextLong();
    /**
     * {@code 0} until this incarnation {@linkplain #takeOver() takes the name over}; raised if a merge after a split
     * gives this incarnation a higher one ({@link MergeDivergedStates}).
     */
    private volatile long generation;
    /** The other side's state that the next state written merged ({@link #resolving}), or {@code null}. */
    private volatile KeptState resolving;
    /**
     * The number of the keeper's state that merged {@link #resolving}: the first it numbered after {@link #resolving}
     * ({@link #numbered}); {@link #NOT_NUMBERED} until then. Written before {@code resolving}.
     */
    private volatile long resolvedBy = NOT_NUMBERED;
    /** How this incarnation's keeper waits for the states it kept to be written; at once for one that writes first. */
    private volatile PendingWrites pendingWrites = timeout -> true;

    StateSlot(IMap<Object, KeptState> states, Object key, Object entryKey, Consumer<Object> refusedGiveUp,
              LocalSlots local, Consumer<Object> conflictWaits) {
        this.states = states;
        this.key = key;
        this.entryKey = entryKey;
        this.refusedGiveUp = refusedGiveUp;
        this.local = local;
        this.conflictWaits = conflictWaits;
    }

    Object key() {
        return key;
    }

    /** {@link #key()} as the engine keys the entry, for its calls on the server's thread ({@link EngineKeys}). */
    Object entryKey() {
        return entryKey;
    }

    /** This incarnation's token, which its entries carry. */
    long owner() {
        return owner;
    }

    /** A keeper that acknowledges states before it writes them (the asynchronous one) waits for them so. */
    void writtenLaterBy(PendingWrites pending) {
        this.pendingWrites = pending;
    }

    /**
     * Waits at most {@code timeout} until every state this incarnation kept is written, as a move does before its
     * name goes to another member, which resumes from the entry.
     *
     * @return whether they are; {@code false} if not in time, or if the keeper stopped writing (fenced, failed)
     */
    boolean awaitWritten(Duration timeout) throws InterruptedException {
        return pendingWrites.awaitWritten(timeout);
    }

    /**
     * Takes the name over, once, and answers the state kept before (or {@code null}); later calls answer
     * {@code null}. Not when the keeper is made: a server makes its keeper before it wins its name, and a start that
     * loses the name must not fence the winner.
     */
    Object takeOver() {
        if (generation != 0) {
            return null;
        }
        KeptState taken = IdempotentWrites.retry(ATTEMPTS,
                () -> states.executeOnKey(entryKey, new KeeperEntry.TakeOver(owner)), () -> { });
        generation = taken.generation();
        local.tookOver(key, this);
        return taken.state();
    }

    boolean tookOver() {
        return generation != 0;
    }

    /** This incarnation's generation: one more than the incarnation of the same name before it. */
    long generation() {
        return generation;
    }

    /**
     * Writes {@code state} as number {@code sequence}, waiting for the engine's synchronous backup; runs
     * {@code beforeRetry} before it tries again a write whose outcome the engine could not tell (it may throw to
     * stop trying: each such attempt may have waited a whole backup timeout). {@code kept} is the state's
     * {@linkplain #numbered number}: the write stops the conflict waiting in the entry only if it is the merged state
     * or a later one.
     *
     * @throws FencedException if a newer incarnation holds the name
     * @throws WireException    if Hazelcast cannot serialize {@code state}: nothing was written
     */
    void write(long sequence, long kept, Object state, Runnable beforeRetry) {
        KeeperEntry.Keep keep = keep(sequence, state, resolvedIn(kept));
        requireHeld(IdempotentWrites.retry(ATTEMPTS,
                () -> serializing(state, () -> states.executeOnKey(entryKey, keep)), beforeRetry));
        written(keep);
    }

    /**
     * Starts the asynchronous keeper's write of {@code state} as number {@code sequence} (which is also its
     * {@linkplain #numbered number}); completes with the generation holding the name. The write stops the conflict
     * waiting in the entry only if {@code sequence} is the merged state or a later one: an older state still to be
     * written when the server merged (it waited behind a write in flight, and is sent from that write's completion)
     * did not merge the other side's, and had it stopped the conflict, a crash before the merged state's own write
     * would lose what the other side acknowledged.
     *
     * @throws WireException if Hazelcast cannot serialize {@code state}: nothing was written
     */
    CompletionStage<Long> writeAsync(long sequence, Object state) {
        KeeperEntry.Keep keep = keep(sequence, state, resolvedIn(sequence));
        // on the thread that completes the write: a plain stage on the engine's future runs on the JDK's default
        // asynchronous pool, a new platform thread per stage where the common pool has one thread (two cores or fewer)
        return serializing(state, () -> states.submitToKey(entryKey, keep)).thenApplyAsync(holder -> {
            if (holder > 0) {
                written(keep);
            }
            return holder;
        }, Runnable::run);
    }

    /** The conflict the state numbered {@code kept} merged, if it is the merged state or a later one; else null. */
    private KeptState resolvedIn(long kept) {
        KeptState merged = resolving; // before resolvedBy: resolving() writes them the other way round
        return merged != null && kept >= resolvedBy ? merged : null;
    }

    /**
     * The next state this incarnation keeps is its {@code resolveConflict} of {@code theirs}, the other side's state
     * waiting in the entry: that write also stops it waiting, in the same step, so that a merge is applied once.
     */
    void resolving(KeptState theirs) {
        resolvedBy = NOT_NUMBERED;
        resolving = theirs;
    }

    /**
     * Whether this incarnation merged another side's state into one it has not yet written: until that write, the
     * conflict it merged still heads the entry's queue, and must not be merged again.
     */
    boolean merging() {
        return resolving != null;
    }

    /**
     * The conflict with {@code theirs} needs no new state ({@code resolveConflict} kept this incarnation's as it was):
     * it stops waiting in the entry. Nothing if this incarnation no longer holds the name.
     */
    void resolvedUnchanged(KeptState theirs) {
        resolving = null;
        states.executeOnKey(entryKey, new KeeperEntry.Resolved(owner, theirs.owner(), theirs.sequence()));
    }

    /**
     * The keeper numbered a new state {@code sequence} (1, 2, ...), on the server's process. The first numbered after
     * {@link #resolving} is the merged state: the server keeps it in the same step in which it merged.
     */
    void numbered(long sequence) {
        if (resolving != null && resolvedBy == NOT_NUMBERED) {
            resolvedBy = sequence;
        }
    }

    /**
     * The keeper went back to a state written before the last {@linkplain #resolving merge} (the merged state, or one
     * after it, was refused or could not be serialized): that merge never happened, and the states kept from now on
     * do not hold the other side's, so none of their writes may stop the conflict waiting in the entry. It waits there
     * for the next start of the server to merge it.
     */
    void mergeUndone() {
        if (resolving != null) {
            resolving = null;
            log.warn("{}: the state that merged the other side's after a split was not written; the other side's "
                    + "state waits in the entry for the server's next start to merge it", key);
        }
    }

    private void written(KeeperEntry.Keep keep) {
        KeptState merged = resolving;
        if (merged != null && keep.resolvedOwner() == merged.owner() && keep.resolvedSequence() == merged.sequence()) {
            resolving = null;
        }
    }

    /**
     * Runs {@code write}, turning the engine's serialization failure into a {@link WireException} naming the state's
     * type: the worker that produced the state ends on it, and its successor resumes from the last state written.
     */
    private static <T> T serializing(Object state, Supplier<T> write) {
        try {
            return write.get();
        } catch (HazelcastSerializationException e) {
            throw WireException.of(WireException.Kind.STATE, state, e);
        }
    }

    /**
     * Whether no other incarnation holds the state entry now (one map read): it is this one's, or there is none (a
     * server that runs on with its state may claim its name then; its next write makes the entry again).
     */
    boolean noOtherHoldsEntry() {
        KeptState now = states.get(entryKey);
        return now == null || now.owner() == owner;
    }

    /** Whether the state entry is this incarnation's now (one map read): {@code false} before it took the name over. */
    boolean holdsEntry() {
        if (generation == 0) {
            return false;
        }
        KeptState now = states.get(entryKey);
        return now != null && now.owner() == owner;
    }

    /**
     * Reads which generation holds the name now (one map read), for an incarnation that has nothing to write but
     * must not answer if it was taken over.
     *
     * @throws FencedException if a newer incarnation holds the name
     */
    void requireStillHeld() {
        if (generation == 0) {
            return;
        }
        KeptState now = states.get(entryKey);
        if (now != null && now.owner() != owner && now.generation() >= generation) {
            throw new FencedException(key, generation, now.generation());
        }
    }

    /**
     * Checks what a write answered ({@link KeeperEntry.Keep}): the generation it was kept under, which this
     * incarnation adopts if a merge raised it, or another incarnation's, negated. If another line's state waits in
     * the entry, the member is told to have this server merge it ({@link Conflicts#resolveSoon}).
     *
     * @throws FencedException if another incarnation holds the name
     */
    void requireHeld(long answer) {
        if (answer < 0) {
            throw new FencedException(key, generation, -answer);
        }
        long holder = KeeperEntry.Keep.keptUnder(answer);
        if (holder != generation) {
            log.info("{} keeps its states under generation {} from now on (was {}): a split healed and the merge "
                    + "kept this incarnation, above the other side's", key, holder, generation);
            generation = holder;
        }
        if (KeeperEntry.Keep.conflictWaits(answer)) {
            conflictWaits.accept(key);
        }
    }

    /**
     * This incarnation was refused ({@link FencedException}): hands over {@code state}, the last it acknowledged,
     * numbered {@code sequence}, for the holder to merge if the holder's line started from an earlier state of this
     * incarnation ({@link KeeperEntry.Fenced}). Asynchronous; logs what came of it.
     */
    void handOver(long sequence, Object state) {
        KeeperEntry.Fenced fenced = new KeeperEntry.Fenced(generation, owner, sequence, state);
        states.submitToKey(entryKey, fenced).whenComplete((queued, error) -> {
            if (error != null) {
                log.warn("{}: could not hand its last acknowledged state (number {}) to the incarnation that holds "
                        + "the name now", key, sequence, error);
            } else if (queued) {
                log.warn("{} was taken over from an earlier state of this incarnation than its last acknowledged one "
                        + "(number {}), which no other state held: it waits in the entry for the holder's "
                        + "resolveConflict", key, sequence);
            }
        });
    }

    /** A write of {@code state} that stops {@code merged} waiting, if not {@code null}. */
    private KeeperEntry.Keep keep(long sequence, Object state, KeptState merged) {
        return merged == null ? new KeeperEntry.Keep(generation, owner, sequence, state)
                : new KeeperEntry.Keep(generation, owner, sequence, state, merged.owner(), merged.sequence());
    }

    /**
     * The server ended for good: its state goes, unless another incarnation holds it, or it {@code stays}: the server
     * was stopped because this member is (or was) cut off, and the majority, or this member once back, resumes from
     * it ({@link AcknowledgeCheck#stateStays}). This member's note of the slot goes either way.
     */
    void release(boolean stays) {
        local.ended(key, this);
        if (!stays) {
            endWith(new KeeperEntry.Release(generation, owner));
        }
    }

    /**
     * The server was handed over (a handoff to another member, or a transfer to another supervisor): its state is its
     * successor's, and stays. Once the successor takes the name over it holds the entry, and {@link #release} would
     * change nothing; but a successor that never took it over (a move answered with a server that was already there)
     * must not cost the state: released, it would be gone with the last server that could resume from it. This
     * member's note of the slot goes.
     */
    void transferred() {
        local.ended(key, this);
    }

    /**
     * The server gave up: its worker crashed beyond its restart intensity, the last time with {@code lastCrash}. If
     * a refusal to acknowledge caused that crash ({@link NotReplicatedException}: this member had no majority, no
     * lease or no backup, or replication lagged), the server ended for a reason outside it, and its state, the last
     * one acknowledged, stays: {@link #refusedGiveUp} hears the name (the failover starts the server again, from
     * that state, once this member may acknowledge again), and any later start of the name resumes from it. A give-up
     * for any other reason (the server's own crashes) ends it as {@link #release} does, as on one JVM.
     */
    void gaveUp(ExitReason lastCrash) {
        if (!causedByRefusal(lastCrash)) {
            release(false);
            return;
        }
        local.ended(key, this);
        log.warn("{} gave up because its states could not be acknowledged ({}); its last acknowledged state stays, "
                + "for its next start (started again once this member may acknowledge)", key,
                String.valueOf(lastCrash.cause())); // as text: SLF4J takes a last Throwable for a stack trace
        refusedGiveUp.accept(key);
    }

    private static boolean causedByRefusal(ExitReason crash) {
        Throwable cause = crash.cause();
        for (int depth = 0; cause != null && depth < 32; depth++, cause = cause.getCause()) { // bounded: a cycle ends
            if (cause instanceof NotReplicatedException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The server's start failed: it never ran, so the state it found when it took the name over stays for the next
     * start; only an empty entry its takeover made goes.
     */
    void abandon() {
        local.ended(key, this);
        endWith(new KeeperEntry.Abandon(generation, owner));
    }

    private void endWith(EntryProcessor<Object, KeptState, Void> end) {
        if (generation == 0) {
            return; // never took the name over (a start that lost its name): nothing of ours to remove
        }
        try {
            states.executeOnKey(entryKey, end);
        } catch (RuntimeException e) {
            // the member is leaving: the state stays for whoever takes the name over
        }
    }

    /** How a keeper that writes states after acknowledging them waits for them to be written. */
    @FunctionalInterface
    interface PendingWrites {
        /**
         * Whether every state kept so far is written within {@code timeout}.
         *
         * @throws InterruptedException if interrupted while waiting
         */
        boolean awaitWritten(Duration timeout) throws InterruptedException;
    }
}
