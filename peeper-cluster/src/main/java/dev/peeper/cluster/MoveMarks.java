package dev.peeper.cluster;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The names of this member's servers that a move holds now, or a step that must not overlap a move (a name check, a
 * stop): one holder a name at a time. A waiter for a name wakes when its holder lets go, not on a poll.
 */
final class MoveMarks {
    /** Each held name, with what completes when its holder lets go. */
    private final Map<Object, CompletableFuture<Void>> held = new ConcurrentHashMap<>();

    /** Marks {@code name} if nothing holds it: whether it did. */
    boolean tryMark(Object name) {
        return held.putIfAbsent(name, new CompletableFuture<>()) == null;
    }

    /**
     * Marks {@code name} once nothing holds it, waiting until {@code deadline} ({@link System#nanoTime}) at most:
     * whether it did.
     */
    boolean awaitMark(Object name, long deadline) throws InterruptedException {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        while (true) {
            CompletableFuture<Void> holder = held.putIfAbsent(name, mine);
            if (holder == null) {
                return true;
            }
            try {
                holder.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                throw new IllegalStateException("a move mark is only ever completed normally", e);
            }
        }
    }

    /** Lets go of {@code name}, which the caller marked; wakes those waiting for it. */
    void release(Object name) {
        CompletableFuture<Void> mark = held.remove(name);
        if (mark != null) {
            mark.complete(null);
        }
    }
}
