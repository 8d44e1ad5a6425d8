package dev.peeper.bench.targets;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The floor's mailbox: the least a virtual-thread process needs (a lock-free queue, and park / unpark with the
 * same wake-up rule as the runtime's mailbox: one wake-up per park, by the sender that claims the parked consumer),
 * with none of the runtime's lanes, closing or bookkeeping. The queue is the JDK's
 * {@link ConcurrentLinkedQueue}, what a hand-written mailbox would reach for; the runtime's own MPSC queue is a
 * refinement measured against this, not part of the floor.
 */
public final class BareMailbox {
    private final Queue<Object> messages = new ConcurrentLinkedQueue<>();
    /** The consumer while it is parked or about to park, until a sender claims it; else {@code null}. */
    private volatile Thread parked;

    /** Adds a message and wakes the consumer if it is parked; any thread. */
    public void put(Object message) {
        messages.offer(message);
        Thread consumer = parked;
        // claim it first: of a burst of sends against a parked consumer only one pays for the unpark
        if (consumer != null && PARKED.compareAndSet(this, consumer, null)) {
            LockSupport.unpark(consumer);
        }
    }

    /** The next message, waiting for it; consumer only. */
    public Object take() {
        Object message = messages.poll();
        if (message != null) {
            return message;
        }
        Thread self = Thread.currentThread();
        try {
            while (true) {
                // publish, then look again: the offer's link and our `parked` are both volatile writes, each
                // followed by a volatile read of the other, so a send either sees us parked or is seen here
                parked = self;
                if ((message = messages.poll()) != null) {
                    return message;
                }
                LockSupport.park(this);
                if ((message = messages.poll()) != null) { // woken, most likely by a claim: no new publish needed
                    return message;
                }
            }
        } finally {
            if (parked != null) {
                parked = null;
            }
        }
    }

    private static final VarHandle PARKED;

    static {
        try {
            PARKED = MethodHandles.lookup().findVarHandle(BareMailbox.class, "parked", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
