package dev.peeper.process;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A process's two-lane, many-producer, single-consumer mailbox: {@link SystemMessage}s in a lane served first,
 * everything else in order of arrival. The consumer parks when both lanes are empty; a producer unparks it only
 * when it is actually parked, so a busy process costs its senders one queue insert and one volatile read.
 */
final class Mailbox {
    private final Queue<Object> messages = new ConcurrentLinkedQueue<>();
    /** Created on first use: most processes never receive a system message. */
    private volatile Queue<Object> system;
    private volatile boolean closed;
    /** The consumer while it is parked (or about to park), else {@code null}. */
    private volatile Thread parked;
    /**
     * A message the consumer took and gave back ({@link #unread}), served again before the rest of its lane.
     * Volatile because the next consumer may be another thread (a delegate's successor).
     */
    private volatile Object unread;

    /**
     * Adds a message. Returns {@code false} when the mailbox is closed, and then keeps nothing: a pid outlives its
     * process and may be sent to for ever, so a closed mailbox must not grow. A message that raced with the close
     * may still be seen by the {@link #drain()}, so anything done for an undelivered message must be idempotent.
     */
    boolean put(Object message) {
        if (closed) {
            return false;
        }
        Queue<Object> lane = message instanceof SystemMessage ? systemLane() : messages;
        lane.offer(message);
        if (closed) {
            // closed meanwhile: take it back if the drain has not (by identity: an equal message is another's)
            lane.removeIf(queued -> queued == message);
            return false;
        }
        Thread consumer = parked;
        if (consumer != null) {
            LockSupport.unpark(consumer);
        }
        return true;
    }

    /** The next message without waiting, system lane first, or {@code null}. */
    Object poll(boolean systemOnly) {
        Object back = unread;
        if (back instanceof SystemMessage) {
            unread = null;
            return back;
        }
        Queue<Object> lane = system;
        if (lane != null) {
            Object message = lane.poll();
            if (message != null) {
                return message;
            }
        }
        if (systemOnly) {
            return null;
        }
        if (back != null) {
            unread = null;
            return back;
        }
        return messages.poll();
    }

    /**
     * Gives back {@code message}, just taken by {@link #poll} or {@link #await}, to be taken again first: for a
     * consumer that learns, having taken it, that it must not handle it. Consumer only; one at a time.
     */
    void unread(Object message) {
        unread = message;
    }

    /**
     * Waits for the next message until {@code deadline} ({@link System#nanoTime()}; {@code Long.MAX_VALUE} for
     * ever). Returns {@code null} on timeout or when the thread was interrupted, so the caller can look at why.
     */
    Object await(boolean systemOnly, long deadline) {
        Object message = poll(systemOnly);
        if (message != null) {
            return message;
        }
        Thread self = Thread.currentThread();
        parked = self;
        try {
            while (true) {
                // re-check after publishing `parked`: a put that missed it must be seen here
                message = poll(systemOnly);
                if (message != null || Thread.interrupted()) {
                    return message;
                }
                if (deadline == Long.MAX_VALUE) {
                    LockSupport.park(this);
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return null;
                    }
                    LockSupport.parkNanos(this, left);
                }
                if (self.isInterrupted()) {
                    Thread.interrupted();
                    return poll(systemOnly);
                }
            }
        } finally {
            parked = null;
        }
    }

    /** Removes the ordinary messages that match; only the consumer calls this. */
    void removeIf(java.util.function.Predicate<Object> unwanted) {
        messages.removeIf(unwanted);
    }

    /** Messages waiting in both lanes. Counts by walking the queues: for statistics, not for hot paths. */
    int size() {
        Queue<Object> lane = system;
        return messages.size() + (lane == null ? 0 : lane.size()) + (unread == null ? 0 : 1);
    }

    /** Refuses every later {@link #put}; what is queued stays for {@link #drain()}. */
    void close() {
        closed = true;
    }

    /** Returns what is still in the mailbox, system lane first, closing it first if need be. Consumer only. */
    List<Object> drain() {
        closed = true;
        List<Object> left = new ArrayList<>();
        for (Object message; (message = poll(false)) != null; ) {
            left.add(message);
        }
        return left;
    }

    boolean isClosed() {
        return closed;
    }

    private Queue<Object> systemLane() {
        Queue<Object> lane = system;
        if (lane == null) {
            SYSTEM.compareAndSet(this, null, new ConcurrentLinkedQueue<>());
            lane = system;
        }
        return lane;
    }

    private static final VarHandle SYSTEM;

    static {
        try {
            SYSTEM = MethodHandles.lookup().findVarHandle(Mailbox.class, "system", Queue.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
