package dev.peeper.cluster;

import com.hazelcast.core.HazelcastInstanceNotActiveException;
import dev.peeper.cluster.NotReplicatedException.Kind;
import dev.peeper.keeper.Keeper;
import dev.peeper.process.ExitReason;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The keeper of one named server in asynchronous mode: replication runs off the reply path, one write in flight at
 * a time, each carrying the newest state kept; so a reply does not wait for the network. The lag is bounded: when
 * the states not yet replicated are more than {@code maxUpdates}, or the oldest of them is older than
 * {@code maxLag}, {@link #keep} waits for the replication to catch up (back-pressure), and gives up with
 * {@link NotReplicatedException} ({@link Kind#LAGGING}) if it does not within {@code maxLag} more plus the
 * backup timeout. <b>The loss window</b>: a member's death loses at most the updates acknowledged in its last
 * {@code maxLag}, and never more than {@code maxUpdates} of them (see {@link ClusterKeepers#asynchronous} for the
 * exact statement). Fencing is as in synchronous mode: a write refused because a newer incarnation took over ends
 * the worker at its next state.
 *
 * <p>A reply acknowledges only while the member {@linkplain AcknowledgeCheck may}: it belongs to the majority (enough
 * members, a running lease) and the partition has a backup. Otherwise it is refused with
 * {@link NotReplicatedException}, as in synchronous mode, without waiting for any write: a paused member that comes
 * back in a cluster of its own acknowledges nothing the merge would then drop. Except where the minimum is one
 * member (no majority expected: two members, typically): there a member alone acknowledges too, availability first,
 * and after a split heals the server's {@code resolveConflict} merges what the other side kept
 * ({@link MergeDivergedStates}, {@link Conflicts}); while its side is merged in, a reply waits for its state's write
 * ({@link MergeBarrier}), so the merge hands over all it acknowledged.
 */
final class AsyncReplicatedKeeper implements Keeper<Object> {
    /** Failed writes in a row before the worker hears of it (the engine already retries each for a while). */
    private static final int FAILURES = 5;
    /**
     * Where a write's completion runs (it may send the next write): a virtual thread each. Not on the engine's
     * default, the JDK's asynchronous pool, which starts a platform thread per task where the common pool has one
     * thread (two cores or fewer); nor on the engine's response thread, which must not serialize the next state.
     */
    private static final Executor COMPLETIONS = task -> Thread.ofVirtual().name("peeper-replicated").start(task);

    private final StateSlot slot;
    private final AcknowledgeCheck check;
    private final int maxUpdates;
    private final long maxLagNanos;
    private final long giveUpNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progressed = lock.newCondition();
    // guarded by lock: the worker keeps, Hazelcast's threads complete writes
    private Object latest;
    private long latestNumber;
    private long writtenNumber;
    /** When the oldest state not yet written was kept, at the latest (the send time of the write before it). */
    private long behindSince;
    /** The last state a reply acknowledged ({@link #beforeReply}), and its number; {@code 0} before any. */
    private Object acknowledged;
    private long acknowledgedNumber;
    private boolean inFlight;
    private int failuresInARow;
    private RuntimeException failure;
    private boolean released;

    AsyncReplicatedKeeper(StateSlot slot, AcknowledgeCheck check, int maxUpdates, Duration maxLag,
                          Duration backupTimeout) {
        this.slot = slot;
        this.check = check;
        this.maxUpdates = maxUpdates;
        this.maxLagNanos = maxLag.toNanos();
        this.giveUpNanos = maxLag.plus(backupTimeout).toNanos();
    }

    private void takeOver() {
        if (!slot.tookOver()) {
            Object before = slot.takeOver();
            lock.lock();
            try {
                latest = before;
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public void keep(Object next) {
        takeOver();
        lock.lock();
        try {
            throwIfFailed();
            if (next == latest && latestNumber > 0) {
                return; // a callback that kept the state as it was (a read): nothing new to write
            }
            latest = next;
            latestNumber++;
            slot.numbered(latestNumber); // after a merge, the merged state: only its write may end the conflict
            long now = System.nanoTime();
            if (latestNumber == writtenNumber + 1) { // nothing was behind: the lag starts now
                behindSince = now;
            }
            if (!inFlight) {
                send();
            }
            awaitWithinBounds(now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotReplicatedException(Kind.LAGGING, "interrupted while the replication of " + slot.key()
                    + " caught up");
        } finally {
            lock.unlock();
        }
    }

    /** Back-pressure: waits while the lag is beyond its bounds. */
    private void awaitWithinBounds(long since) throws InterruptedException {
        long deadline = since + giveUpNanos;
        while (lagging()) {
            throwIfFailed();
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new NotReplicatedException(Kind.LAGGING, "the replication of " + slot.key() + " is "
                        + (latestNumber - writtenNumber) + " update(s) behind, beyond its bounds of " + maxUpdates
                        + " updates and " + Duration.ofNanos(maxLagNanos) + ", and did not catch up in time");
            }
            progressed.awaitNanos(left);
        }
    }

    private boolean lagging() {
        long behind = latestNumber - writtenNumber;
        return behind > maxUpdates || (behind > 0 && System.nanoTime() - behindSince > maxLagNanos);
    }

    /** Writes the newest state; the next write starts when this one is done, if there is newer. Under lock. */
    private void send() {
        long number = latestNumber;
        long sentAt = System.nanoTime();
        inFlight = true;
        slot.writeAsync(number, latest)
                .whenCompleteAsync((holder, error) -> written(number, sentAt, holder, error), COMPLETIONS);
    }

    /** On a completion's virtual thread: never blocks beyond the lock, which no one holds for long. */
    private void written(long number, long sentAt, Long holder, Throwable error) {
        lock.lock();
        try {
            inFlight = false;
            if (error == null) {
                failuresInARow = 0;
                try {
                    slot.requireHeld(holder);
                    writtenNumber = Math.max(writtenNumber, number);
                    behindSince = sentAt; // what came after this write was kept after it was sent
                } catch (FencedException fenced) {
                    failure = fenced;
                    handOverAcknowledged();
                }
            } else if (error instanceof HazelcastInstanceNotActiveException || ++failuresInARow >= FAILURES) {
                failure = new NotReplicatedException(Kind.LAGGING, "replicating the state of " + slot.key()
                        + " failed: " + error);
            }
            if (!released && failure == null && latestNumber > writtenNumber) {
                send();
            }
            progressed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Fenced, where no majority decides: hands over the last state a reply acknowledged, which the holder merges if
     * its line started from an earlier one of this incarnation's ({@link StateSlot#handOver}): what a merge after a
     * split that kept an older copy of the entry than the one written here would otherwise lose. Once: the failure
     * stops all further writes and replies. Under lock.
     */
    private void handOverAcknowledged() {
        if (check.sidesResolveConflicts() && acknowledgedNumber > 0) {
            slot.handOver(acknowledgedNumber, acknowledged);
        }
    }

    /**
     * Waits at most {@code timeout} until every state kept so far is written (a move does, before its name goes to
     * another member, which resumes from the entry).
     *
     * @return whether they are; {@code false} if not in time, or if writing stopped (fenced, failed, released)
     */
    boolean awaitWritten(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (writtenNumber < latestNumber) {
                long left = deadline - System.nanoTime();
                if (failure != null || released || left <= 0) {
                    return false;
                }
                progressed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void throwIfFailed() {
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void beforeReply() {
        takeOver();
        lock.lock();
        try {
            throwIfFailed(); // a fenced incarnation stops before it acknowledges more
        } finally {
            lock.unlock();
        }
        // not under the lock: an expired lease is confirmed here, with a round trip
        check.requireMajority(slot.key());
        if (check.asyncNeedsBackup()) {
            check.awaitBackup(slot);
        }
        if (check.merging()) {
            awaitWrittenWhileMerging();
        }
        lock.lock();
        try {
            // the reply goes out now: its state is acknowledged (the worker keeps the next only after it)
            acknowledged = latest;
            acknowledgedNumber = latestNumber;
        } finally {
            lock.unlock();
        }
    }

    /**
     * This member is being merged into another cluster after a split ({@link MergeBarrier}): the reply waits for its
     * state's write, as a synchronous one does, so that the merge hands over everything acknowledged. A write the
     * merged cluster refuses ends the incarnation (fenced), as at any write; one that does not come within the lag's
     * bound is refused.
     */
    private void awaitWrittenWhileMerging() {
        try {
            if (awaitWritten(Duration.ofNanos(giveUpNanos))) {
                return;
            }
            lock.lock();
            try {
                throwIfFailed();
            } finally {
                lock.unlock();
            }
            throw new NotReplicatedException(Kind.MERGING, "the state of " + slot.key() + " was not acknowledged: "
                    + "this member is being merged into another cluster after a split healed, and the state was not "
                    + "written within " + Duration.ofNanos(giveUpNanos) + "; the server resumes from its last written "
                    + "state: send the update again once the merge is over (seconds)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotReplicatedException(Kind.MERGING, "interrupted while the state of " + slot.key()
                    + " was written during a merge after a split");
        }
    }

    /** Replies given through {@code From} wait for {@link #beforeReply} too, so a fenced incarnation gives none. */
    @Override
    public boolean writesBeforeReply() {
        return true;
    }

    @Override
    public Object restore() {
        takeOver();
        lock.lock();
        try {
            return latest;
        } finally {
            lock.unlock();
        }
    }

    /** Waits (bounded) for the write in flight, so that it cannot bring back the state released after it. */
    @Override
    public void release() {
        stopWriting();
        slot.release(check.stateStays(slot.key()));
    }

    /** Handed over: the state stays for the successor (see StateSlot#transferred). */
    @Override
    public void transferred() {
        stopWriting();
        slot.transferred();
    }

    /** Over its restart intensity: the state stays if refusals to acknowledge caused it (see StateSlot#gaveUp). */
    @Override
    public void gaveUp(ExitReason lastCrash) {
        stopWriting();
        slot.gaveUp(lastCrash);
    }

    /** No write starts any more; waits (bounded) for the one in flight. */
    private void stopWriting() {
        lock.lock();
        try {
            released = true;
            long deadline = System.nanoTime() + giveUpNanos;
            while (inFlight && deadline - System.nanoTime() > 0) {
                progressed.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The start failed after it took the name over: the state it found stays for the next start. No write is in
     * flight: writes start only once the server runs.
     */
    @Override
    public void startFailed() {
        lock.lock();
        try {
            released = true;
        } finally {
            lock.unlock();
        }
        slot.abandon();
    }

    /** This incarnation's slot in the state map, for tests. */
    StateSlot slot() {
        return slot;
    }

    /** This incarnation's generation, for tests. */
    long generation() {
        takeOver();
        return slot.generation();
    }
}
