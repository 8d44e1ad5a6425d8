package dev.peeper.cluster;

import dev.peeper.process.Pid;
import dev.peeper.process.internal.RemoteNodes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state slot of each replicated server's current incarnation on this member, by name: what a merge after a
 * split ({@link Conflicts}) and a move ({@link Handoffs}) work on. A slot is known from its keeper's creation, and
 * forgotten when the server it was started for ends.
 */
final class LocalSlots {
    private final Map<Object, StateSlot> slots = new ConcurrentHashMap<>();

    /** {@code name}'s server on this member keeps its state in {@code slot} (a new incarnation). */
    void keeping(Object name, StateSlot slot) {
        slots.put(name, slot);
    }

    /** {@code name}'s server started on this member as {@code pid}: its slot, if any, is forgotten when it ends. */
    void started(Object name, Pid pid) {
        StateSlot slot = slots.get(name);
        if (slot != null) {
            RemoteNodes.exitFuture(pid).thenRun(() -> slots.remove(name, slot));
        }
    }

    /** The slot of {@code name}'s current incarnation on this member, or {@code null} (local mode, or not here). */
    StateSlot of(Object name) {
        return slots.get(name);
    }
}
