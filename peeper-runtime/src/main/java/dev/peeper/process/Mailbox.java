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
     * Adds a message. Returns {@code false} when the mailbox is closed; the message may then still be seen by
     * the drain that closed it, so anything done for an undelivered message must be idempotent.
     */
    boolean put(Object message) {
        (message instanceof SystemMessage ? systemLane() : messages).offer(message);
        if (closed) {
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
        Queue<Object> lane = system;
        if (lane != null) {
            Object message = lane.poll();
            if (message != null) {
                return message;
            }
        }
        return systemOnly ? null : messages.poll();
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

    /** Messages waiting in both lanes. Counts by walking the queues: for statistics, not for hot paths. */
    int size() {
        Queue<Object> lane = system;
        return messages.size() + (lane == null ? 0 : lane.size());
    }

    /** Closes the mailbox and returns what was still in it, system lane first. Only the consumer calls this. */
    List<Object> closeAndDrain() {
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
