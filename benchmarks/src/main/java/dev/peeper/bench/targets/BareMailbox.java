package dev.peeper.bench.targets;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The floor's mailbox: the least a virtual-thread process needs (a lock-free queue, and park / unpark with the
 * same wake-up rule as the runtime's mailbox: a sender unparks the consumer only when it is parked), with none of
 * the runtime's lanes, closing or bookkeeping.
 */
final class BareMailbox {
    private final Queue<Object> messages = new ConcurrentLinkedQueue<>();
    private volatile Thread parked;

    void put(Object message) {
        messages.offer(message);
        Thread consumer = parked;
        if (consumer != null) {
            LockSupport.unpark(consumer);
        }
    }

    /** The next message, waiting for it; consumer only. */
    Object take() {
        Object message = messages.poll();
        if (message != null) {
            return message;
        }
        parked = Thread.currentThread();
        try {
            // re-check after publishing `parked`: a put that missed it must be seen here
            while ((message = messages.poll()) == null) {
                LockSupport.park(this);
            }
            return message;
        } finally {
            parked = null;
        }
    }
}
