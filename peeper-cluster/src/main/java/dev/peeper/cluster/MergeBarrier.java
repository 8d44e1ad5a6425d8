package dev.peeper.cluster;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where no majority is expected (a minimum of one member), each side of a split acknowledges updates alone
 * (asynchronous mode), and what a side merged in at the heal hands over is what its entries hold when the engine
 * takes them for the merge: a state acknowledged but not yet written then would be lost. So when the engine starts
 * merging this member into another cluster ({@code MERGING}, on its merge thread, before it takes the entries), the
 * barrier closes: it waits, bounded, until every state the servers here kept is written, and until the merge has
 * settled this member's servers (those the merged cluster gives to another incarnation have stopped) an
 * asynchronous reply waits for its own state's write, as a synchronous one does ({@link AsyncReplicatedKeeper}). A
 * write that lands in the merged cluster is kept there or refused (fenced: the incarnation stops); either way
 * nothing acknowledged is lost. A heal of a side alone thus loses nothing acknowledged, where before it lost up to
 * the asynchronous mode's window (at most {@code maxUpdates}, within {@code maxLag}); a member's death still may.
 */
final class MergeBarrier {
    private static final Logger log = LoggerFactory.getLogger(MergeBarrier.class);

    /** How long the merge waits for the states kept here to be written: a bound, not a pace. */
    private final Duration writeBound;
    private volatile boolean merging;
    /** How many times it was closed: a merge's end opens it only if no later merge has closed it again. */
    private long closings;

    MergeBarrier(Duration writeBound) {
        this.writeBound = writeBound;
    }

    /**
     * The engine is about to merge this member into another cluster: from now on a reply waits for its state's write,
     * and this waits (bounded) until every state the servers in {@code slots} kept is written. On the engine's merge
     * thread.
     */
    void close(LocalSlots slots) {
        synchronized (this) {
            merging = true;
            closings++;
        }
        try {
            if (!slots.awaitAllWritten(writeBound)) {
                log.warn("Merging after a split healed: not every state this member's servers acknowledged was "
                        + "written within {}; what was not is not merged into the other side", writeBound);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Which closing the merge under way is: what its end passes to {@link #open}. */
    synchronized long closing() {
        return closings;
    }

    /** The merge of {@code closing} settled the servers, or failed: replies stop waiting (unless closed since). */
    synchronized void open(long closing) {
        if (closings == closing) {
            merging = false;
        }
    }

    /** Whether a merge is under way: a reply waits for its state's write meanwhile. */
    boolean merging() {
        return merging;
    }
}
