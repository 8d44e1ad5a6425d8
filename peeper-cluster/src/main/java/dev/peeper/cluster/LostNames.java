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
 * One read of all the names per round (each second), during the window only.
 */
final class LostNames {
    /** How long after a membership change the names are checked: the partitions have settled long before. */
    static final Duration WINDOW = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(LostNames.class);

    private final PeeperCluster here;
    private final Members members;
    // one ticker thread calls check()
    private long changesSeen;
    private long checkUntil;

    LostNames(PeeperCluster here, Members members) {
        this.here = here;
        this.members = members;
        this.changesSeen = members.changes();
        this.checkUntil = System.nanoTime();
    }

    /** One round: does nothing unless the membership changed within {@link #WINDOW}. */
    void check() {
        long changes = members.changes();
        long now = System.nanoTime();
        if (changes != changesSeen) {
            changesSeen = changes;
            checkUntil = now + WINDOW.toNanos();
        }
        Handoffs handoffs = here.handoffs();
        if (now - checkUntil > 0 || handoffs == null || here.mergeBarrier().merging()) {
            return; // a member being merged has its servers settled by the merge (Conflicts), names included
        }
        Map<Object, Pid> running = handoffs.runningHere();
        if (running.isEmpty()) {
            return;
        }
        Map<Object, Pid> held = here.names().holders(running.keySet()); // one read for all, not one per server
        for (Map.Entry<Object, Pid> server : running.entrySet()) {
            Object name = server.getKey();
            Pid pid = server.getValue();
            if (!held.containsKey(name)) {
                handoffs.unlessMoving(name, () -> registerAgain(name, pid));
            }
        }
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
