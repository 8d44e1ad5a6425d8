package dev.peeper.cluster;

import dev.peeper.process.Pid;
import dev.peeper.process.internal.RemoteNodes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One member's cache of cluster names: name to the pid that held it when this member last read the names map.
 * It keeps hits only, never a miss, so a name registered before a lookup is never missed. It must never be staler
 * than the map: whoever removes a name (or displaces its holder) {@linkplain #forget tells} every member before
 * it returns ({@link ForgetName}), and a lookup that read the map while such a word arrived does not keep what it
 * read ({@link #fill}). A holder whose member has left is forgotten as it leaves and never kept by a lookup while it
 * is away: the clean-up of a departed member's names tells no cache, and a member merged back after a split comes
 * back with its node number, so such a holder would be answered again long after its name moved on.
 */
final class NameCache {
    private final Map<Object, Pid> holders = new ConcurrentHashMap<>();
    /** Counts the forgets, so that a fill racing one can tell (see {@link #fill}). */
    private final AtomicLong forgets = new AtomicLong();

    /** {@return the cached holder of {@code name}, or {@code null}} */
    Pid get(Object name) {
        return holders.get(name);
    }

    /**
     * Reads {@code name}'s holder with {@code read} (the names map) and keeps it if it is not {@code null} and
     * {@code reachable}: its member is in the cluster. A forget that arrives while the map is read may be about the
     * very value read, which the map no longer holds: the value is then dropped again (it is still returned: it was
     * the map's value when read, as an uncached lookup's is). A departure counts as such a forget
     * ({@link #forgetNode}), so a holder found reachable whose member leaves meanwhile is not kept either.
     *
     * @return what {@code read} returned
     */
    Pid fill(Object name, Supplier<Pid> read, Predicate<Pid> reachable) {
        long before = forgets.get();
        Pid holder = read.get();
        if (holder != null && reachable.test(holder)) {
            holders.put(name, holder);
            if (forgets.get() != before) { // a forget came meanwhile: it may have missed this put
                holders.remove(name, holder);
            }
        }
        return holder;
    }

    /**
     * Forgets that {@code pid} holds {@code name}, or, if {@code name} is {@code null}, every name {@code pid}
     * holds here.
     */
    void forget(Object name, Pid pid) {
        forgets.incrementAndGet(); // before the removal: a fill that misses the removal sees the count
        if (name != null) {
            holders.remove(name, pid);
        } else {
            holders.values().removeIf(pid::equals);
        }
    }

    /** Forgets every name held by a process of node {@code gone}, which left the cluster. */
    void forgetNode(long gone) {
        forgets.incrementAndGet();
        holders.values().removeIf(pid -> RemoteNodes.nodeOf(pid) == gone);
    }

    /** Forgets every name: after a split healed, the merged cluster's holders may differ from any cached. */
    void forgetAll() {
        forgets.incrementAndGet();
        holders.clear();
    }

    /** How many names are cached: for tests. */
    int size() {
        return holders.size();
    }
}
