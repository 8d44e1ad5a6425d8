package dev.peeper.cluster;

import dev.peeper.process.Pid;
import dev.peeper.process.internal.RemoteNodes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state slot of each replicated server's current incarnation on this member, by name: what a merge after a
 * split ({@link Conflicts}) and a move ({@link Handoffs}) work on. A slot is known once its incarnation
 * {@linkplain StateSlot#takeOver() takes the name over}, not when its keeper is made: a server makes its keeper
 * before it tries for its name, and a start that loses the name to a server running here must not hide that
 * server's slot. It is forgotten when its server ends.
 */
final class LocalSlots {
    private final Map<Object, StateSlot> slots = new ConcurrentHashMap<>();

    /** {@code name}'s server on this member took the name over: it keeps its state in {@code slot}. */
    void tookOver(Object name, StateSlot slot) {
        slots.put(name, slot);
    }

    /** The incarnation of {@code slot} ended, or its start failed: forgotten, unless a newer one took its place. */
    void ended(Object name, StateSlot slot) {
        slots.remove(name, slot);
    }

    /** {@code name}'s server started on this member as {@code pid}: its slot, if any, is forgotten when it ends. */
    void started(Object name, Pid pid) {
        StateSlot slot = slots.get(name);
        if (slot != null) {
            RemoteNodes.exitFuture(pid).thenRun(() -> ended(name, slot));
        }
    }

    /**
     * Waits, at most {@code timeout} in all, until every state the servers here kept is written.
     *
     * @return whether they all are in time
     */
    boolean awaitAllWritten(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean all = true;
        for (StateSlot slot : slots.values()) {
            all &= slot.awaitWritten(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        return all;
    }

    /** The slot of {@code name}'s current incarnation on this member, or {@code null} (local mode, or not here). */
    StateSlot of(Object name) {
        return slots.get(name);
    }
}
