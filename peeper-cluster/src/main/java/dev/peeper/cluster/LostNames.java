package dev.peeper.cluster;

import dev.peeper.cluster.transport.Members;
import dev.peeper.process.Pid;
import dev.peeper.process.internal.RemoteNodes;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers again the names the names map lost while their servers run on here. Seen in the fault suite without a
 * majority: a name's entry went without a word while its server ran on, then unnamed and out of every caller's reach
 * for good. Our reading (not proven): a member was removed while the partitions were still moving (it froze just
 * after another member joined), and the engine promoted a backup replica that had not caught up. A server's state
 * entry is written again by each update; its name entry only once, at its start. So, for {@link #WINDOW} after each
 * membership change this member sees, each {@code startOnOwner} server here whose name is free and whose
 * incarnation still holds its state entry (it was not taken over elsewhere) registers its name again, unless it is
 * moving ({@link Handoffs#unlessMoving}).
 * A name held by any other process is left alone: two incarnations are the fencing's and the merge's to settle.
 *
 * <p>A round reads the names of all the servers here at once (about 65 ms for 10,000 servers, half a second for
 * 100,000, measured on 2 members in one JVM), so within the window it runs only when something may have lost one:
 * once after the membership change, once after each time the partitions settle (a migration's end, or the promotions
 * after a removal: the moments a replica becomes a partition's owner), and else every {@link #QUIET_ROUND}, which
 * bounds how late a loss that no such event announces is found.
 */
final class LostNames {
    /** How long after a membership change the names are checked: the partitions have settled long before. */
    static final Duration WINDOW = Duration.ofSeconds(30);
    /** The longest pause between two rounds within the window while nothing happens. */
    static final Duration QUIET_ROUND = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(LostNames.class);

    private final PeeperCluster here;
    private final Members members;
    // one ticker thread calls check()
    private long changesSeen;
    private long checkUntil;
    private long lastRound;
    /** Whether the membership changed or the partitions settled since the last round. */
    private boolean news;
    /** Set by the engine's event thread, taken by the ticker's. */
    private volatile boolean partitionsSettled;
    /** Rounds run so far: for tests. */
    private volatile long rounds;

    LostNames(PeeperCluster here, Members members) {
        this.here = here;
        this.members = members;
        this.changesSeen = members.changes();
        this.checkUntil = System.nanoTime();
    }

    /** The partitions have settled: the next {@link #check} runs a round if within the window. Any thread. */
    void partitionsSettled() {
        partitionsSettled = true;
    }

    /**
     * One round, unless the membership has not changed within {@link #WINDOW}, or nothing happened since the last
     * round and that was less than {@link #QUIET_ROUND} ago.
     */
    void check() {
        long changes = members.changes();
        long now = System.nanoTime();
        if (changes != changesSeen) {
            changesSeen = changes;
            checkUntil = now + WINDOW.toNanos();
            news = true;
        }
        if (partitionsSettled) {
            partitionsSettled = false;
            news = true;
        }
        Handoffs handoffs = here.handoffs();
        if (now - checkUntil > 0 || handoffs == null || here.mergeBarrier().merging()) {
            return; // a member being merged has its servers settled by the merge (Conflicts), names included
        }
        if (!news && now - lastRound < QUIET_ROUND.toNanos()) {
            return;
        }
        Map<Object, Pid> running = handoffs.runningHere();
        Map<Object, Pid> held = running.isEmpty() ? Map.of()
                : here.names().holders(running.keySet()); // one read for all, not one per server
        news = false; // only once read: a read that failed is tried again at the next tick
        lastRound = now;
        rounds++; // one writer: the ticker
        for (Map.Entry<Object, Pid> server : running.entrySet()) {
            Object name = server.getKey();
            Pid pid = server.getValue();
            if (!held.containsKey(name)) {
                handoffs.unlessMoving(name, () -> registerAgain(name, pid));
            }
        }
    }

    /** How many rounds have run: for tests. */
    long rounds() {
        return rounds;
    }

    /** Registers {@code name} to {@code pid} if the name is still free and its incarnation holds its state entry. */
    private void registerAgain(Object name, Pid pid) {
        if (RemoteNodes.isAlive(pid) && here.names().holder(name) == null && holdsItsState(name)
                && here.names().register(name, pid)) {
            log.warn("The names map had lost {} while its server {} ran on this member: registered again", name, pid);
        }
    }

    /** Whether the incarnation of {@code name} here still holds the name's state entry (replicated keepers only). */
    private boolean holdsItsState(Object name) {
        StateSlot slot = here.slots().of(name);
        return slot != null && slot.holdsEntry();
    }
}
