package dev.peeper.cluster;

import dev.peeper.cluster.NotReplicatedException.Kind;
import dev.peeper.keeper.Keeper;
import dev.peeper.keeper.SupersededException;
import dev.peeper.process.ExitReason;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keeper of one named server in synchronous mode, with group commit. {@link #keep} only holds the state; the
 * states of the messages a worker handles back to back are written once, when its mailbox is
 * {@linkplain #mailboxDrained drained}, and at the latest {@linkplain #beforeReply before a reply} is released: so
 * a reply acknowledges only a state that is on the name's partition owner and its synchronous backup, and N casts
 * queued together cost one write. A reply given through {@code From} on the worker waits for the same write. The
 * first state kept takes the name over: the generation goes up, and a write from an older incarnation (a paused
 * member coming back) is refused with {@link FencedException}, which ends that incarnation's worker and its
 * server, without restarts. A state Hazelcast cannot serialize is not written either: {@link WireException} ends
 * the worker that produced it, and the next worker resumes from the last state written; the server runs on.
 *
 * <p>Before a reply, the member must also {@linkplain Quorum#require still belong to the majority}, and the
 * partition must have a backup on another member, the same before and after the write (so the write's backup
 * went there). Otherwise the reply is refused with {@link NotReplicatedException}: the worker crashes, its caller
 * hears why, and the next worker resumes from the last state replicated: the refused update never happened. A reply
 * with nothing to write that reveals only the state the incarnation took over needs no backup: its predecessor wrote
 * that state with one, so the reply acknowledges nothing new (a failover answers its first reads at once, though the
 * partition's new backup may take seconds to be assigned).
 */
final class ReplicatedKeeper implements Keeper<Object> {
    private static final Logger log = LoggerFactory.getLogger(ReplicatedKeeper.class);
    /** How many times a reply writes its state again because the partition's backup moved during the write. */
    private static final int BACKUP_MOVES = 5;

    private final StateSlot slot;
    private final AcknowledgeCheck check;
    // written and read by one worker at a time (each starts after its predecessor ended)
    private long sequence;
    /** The last state kept: what a restarted worker resumes from. */
    private Object state;
    /** The last state written with a backup: one taken over, or one this incarnation wrote; {@code null}: none yet. */
    private Held replicated;
    /**
     * The first state kept by an incarnation that found none (a first start, or one whose state was lost): init's,
     * or the one it moved with. What a refusal falls back to until a state is replicated: nothing after it was ever
     * acknowledged, and a local keeper would resume from it too. (Falling back to no state at all restarted the
     * worker on {@code null}: a counter answered a call by name with {@code null} after a two-member loss.)
     */
    private Held startedFrom;
    /**
     * The state kept before {@link #state}: written instead of it when {@link #state} cannot be serialized, so the
     * casts handled before the message that spoiled the state are not undone with it.
     */
    private Object beforeLast;
    /** How many states were kept: {@link #state}'s number, and {@link #beforeLast}'s (see StateSlot#numbered). */
    private long kept;
    private long beforeLastNumber;
    /** Whether {@link #state} is newer than {@link #replicated}. */
    private boolean pending;
    private long writes;
    /** The membership changes seen when this incarnation last confirmed it still holds its name. */
    private long checkedAt;

    ReplicatedKeeper(StateSlot slot, AcknowledgeCheck check) {
        this.slot = slot;
        this.check = check;
        this.checkedAt = check.membershipChanges();
    }

    private void takeOver() {
        if (!slot.tookOver()) {
            state = slot.takeOver();
            replicated = state == null ? null : new Held(state, 0);
        }
    }

    /** This incarnation's generation: one more than the incarnation of the same name before it. */
    long generation() {
        takeOver();
        return slot.generation();
    }

    /** This incarnation's slot in the state map, for tests. */
    StateSlot slot() {
        return slot;
    }

    /** How many writes this keeper has made: for tests of the group commit. */
    long writes() {
        return writes;
    }

    @Override
    public void keep(Object next) {
        takeOver();
        if (replicated == null && startedFrom == null) {
            startedFrom = new Held(next, 0);
        }
        if (!pending && next == state) {
            return; // a callback that kept the state as it was (a read): nothing new to write
        }
        beforeLast = state;
        beforeLastNumber = kept;
        state = next;
        slot.numbered(++kept); // after a merge, the merged state: only its write, or a later one's, ends the conflict
        pending = true;
    }

    /** The group ends: write it if this member may, else leave it for the next reply (nothing is acknowledged). */
    @Override
    public void mailboxDrained() {
        if (!pending || !check.likely(slot)) {
            return;
        }
        try {
            write();
        } catch (SupersededException | WireException e) {
            handOverIfFenced(e);
            throw e; // retrying at the next reply cannot help: end the worker now
        } catch (RuntimeException e) {
            log.debug("Could not write the state of {} now; the next reply writes it", slot.key(), e);
        }
    }

    @Override
    public void beforeReply() {
        takeOver();
        try {
            check.requireMajority(slot.key());
            if (!pending) {
                requireStillHeld(); // a write below is refused by itself if a newer incarnation holds the name
                if (revealsOnlyTakenOver()) {
                    return;
                }
            }
            UUID backup = check.awaitBackup(slot);
            if (pending) {
                write();
            }
            for (int moved = 1; !backup.equals(check.backupOf(slot)); moved++) {
                // partitions migrate (a member joined or leaves gracefully): write again once the new backup is
                // assigned, so that it holds the state too, rather than fail a call in a graceful rebalance
                if (moved > BACKUP_MOVES) {
                    throw AcknowledgeCheck.noBackup(slot.key(), "its backup moved while it was written, "
                            + BACKUP_MOVES + " times in a row");
                }
                backup = check.awaitBackup(slot);
                pending = true;
                write();
            }
        } catch (SupersededException | NotReplicatedException | WireException e) {
            handOverIfFenced(e);
            refused();
            throw e; // already says why: a newer incarnation or a lost majority, no backup, a state that cannot travel
        } catch (RuntimeException e) {
            refused();
            throw new NotReplicatedException(Kind.NO_BACKUP, "the state of " + slot.key() + " was not acknowledged: "
                    + "writing it failed: " + e);
        }
    }

    /**
     * Whether a reply with nothing to write reveals only the state this incarnation took over: its predecessor wrote
     * that state with a synchronous backup, so the reply acknowledges nothing new, and need not wait for a backup of
     * the partition. A failover's first answer is such a read, and a backup of the partition may take seconds to come
     * back after a failed migration (ANALYSIS.md §9); the first state this incarnation writes waits for one as ever.
     */
    private boolean revealsOnlyTakenOver() {
        return sequence == 0 && replicated != null; // nothing pending: the state is the one replicated
    }

    /**
     * A reply that writes nothing (a read) must not come from a stale incarnation either: one that was taken over
     * elsewhere (after a split or a pause) answers old state until a write fences it. A take-over needs a membership
     * change, so the name is checked once after each change this member sees, not on every reply (one volatile read).
     */
    private void requireStillHeld() {
        long changes = check.membershipChanges();
        if (changes != checkedAt) {
            try {
                slot.requireStillHeld();
            } catch (FencedException e) {
                throw e;
            } catch (RuntimeException e) { // the entry's partition is moving or being repaired: ask at the next reply
                log.debug("Could not check now that {} still holds its name", slot.key(), e);
                return;
            }
            checkedAt = changes;
        }
    }

    /**
     * Fenced, where no majority decides: hands over the last state written, which the holder merges if its line
     * started from an earlier one of this incarnation's ({@link StateSlot#handOver}): what a merge after a split that
     * kept an older copy of the entry than the one written here would otherwise lose.
     */
    private void handOverIfFenced(RuntimeException refusal) {
        if (refusal instanceof FencedException && check.sidesResolveConflicts() && replicated != null
                && replicated.written() > 0) {
            slot.handOver(replicated.written(), replicated.state());
        }
    }

    /**
     * The refused states never happened: a restarted worker resumes from the last one replicated, or, before any,
     * from the state this incarnation started from.
     */
    private void refused() {
        state = Held.stateOf(replicated != null ? replicated : startedFrom);
        pending = false;
        slot.mergeUndone(); // if a merge was among the refused states, the states from now on do not hold it
    }

    private void write() {
        Object next = state;
        try {
            writeReplicated(next, kept);
        } catch (WireException e) {
            // the last message made a state that cannot travel: its worker ends on it, but what the messages of the
            // group before it made (casts, typically) is kept if it can be
            if (beforeLast != Held.stateOf(replicated) && beforeLast != next) {
                try {
                    writeReplicated(beforeLast, beforeLastNumber);
                } catch (RuntimeException also) {
                    e.addSuppressed(also);
                }
            }
            refused(); // back to the last state replicated or, before any, to the one this incarnation started from
            throw e;
        }
    }

    private void writeReplicated(Object next, long number) {
        // a pause or split met mid-write stops it
        slot.write(++sequence, number, next, () -> check.requireMajority(slot.key()));
        writes++;
        replicated = new Held(next, sequence);
        pending = false;
    }

    /**
     * A state held as a fallback, which may itself be {@code null}: a field of this type is {@code null} for none;
     * {@code written} is the number this incarnation wrote it as, {@code 0} for one it did not write (taken over, or
     * started from).
     */
    private record Held(Object state, long written) {
        /** The state {@code held} holds; {@code null} if it is {@code null}. */
        static Object stateOf(Held held) {
            return held == null ? null : held.state();
        }
    }

    /** Replies given through {@code From} wait for {@link #beforeReply} too: they acknowledge a state as well. */
    @Override
    public boolean writesBeforeReply() {
        return true;
    }

    @Override
    public Object restore() {
        takeOver();
        return state;
    }

    @Override
    public void release() {
        slot.release(check.stateStays(slot.key()));
    }

    /** Handed over: the state stays for the successor, even one that never took it over (StateSlot#transferred). */
    @Override
    public void transferred() {
        slot.transferred();
    }

    /** Over its restart intensity: the state stays if refusals to acknowledge caused it (StateSlot#gaveUp). */
    @Override
    public void gaveUp(ExitReason lastCrash) {
        slot.gaveUp(lastCrash);
    }

    /** The start failed after it took the name over: the state it found stays for the next start. */
    @Override
    public void startFailed() {
        slot.abandon();
    }
}
