package dev.peeper.process;

import dev.peeper.process.internal.SystemMessage;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * A process's two-lane, many-producer, single-consumer mailbox: {@link SystemMessage}s in a lane served first,
 * everything else in order of arrival. Each lane is an {@link MpscQueue}: a sender pays one {@code getAndSet}, the
 * consumer no atomic instruction at all.
 *
 * <p>The consumer parks when both lanes are empty, and is woken once per park: the sender that claims it (a
 * compare-and-set of {@link #parked} from the consumer to {@code null}) unparks it, and the rest of a burst sees
 * {@code null} and only reads it. So a busy process costs its senders one queue insert and one volatile read, and
 * a burst against an idle one a single unpark (each unpark of a virtual thread is an atomic on its state and, for
 * the first, a hand-off to the scheduler).
 */
final class Mailbox {
    private final MpscQueue<Object> messages = new MpscQueue<>();
    /** Created on first use: most processes never receive a system message. */
    private volatile MpscQueue<Object> system;
    private volatile boolean closed;
    /**
     * The consumer while it is parked or about to park, until a sender claims it to wake it; else {@code null}.
     * Only the consumer sets it, only a claim or the consumer clears it.
     */
    private volatile Thread parked;
    /**
     * Messages the consumer took and gave back ({@link #unread}), one slot per lane, each served again before the
     * rest of its lane. One slot per lane is enough, and one for both is not: a message is only taken from a lane
     * whose slot is empty (the slot is served first), so whatever is given back finds its own lane's slot free;
     * but a system message taken while an ordinary one waits in the slot (the system lane comes first) and then
     * given back by a consumer killed in turn would overwrite it. Volatile because the next consumer may be
     * another thread (a delegate's successor).
     */
    private volatile Object unreadSystem;
    private volatile Object unreadMessage;
    /** Whose exit signals skip the ordinary lane, see {@link #urgentExitsFrom}; guarded by this. */
    private Pid urgentExitsFrom;

    /**
     * Adds a message. Returns {@code false} when the mailbox is closed, and then keeps nothing: a pid outlives its
     * process and may be sent to for ever, so a closed mailbox must not grow. Returns {@code true} whenever the
     * consumer may have the message, even if the mailbox closed meanwhile: whoever took it answers for it (a
     * receive handles it or passes it on, the {@link #drain()} tells it the process's end). A message that raced
     * with the close may be both refused and drained, so anything done for an undelivered message must be
     * idempotent; it is never both refused and received.
     */
    boolean put(Object message) {
        if (closed) {
            return false;
        }
        if (message instanceof ExitSignal signal) {
            MpscQueue<Object> lane;
            MpscQueue.Node<Object> node;
            synchronized (this) { // rare: one lock, so the offer never races with urgentExitsFrom's move
                lane = signal.from().equals(urgentExitsFrom) ? systemLane() : messages;
                node = lane.offer(message);
            }
            return settle(lane, node);
        }
        MpscQueue<Object> lane = message instanceof SystemMessage ? systemLane() : messages;
        return settle(lane, lane.offer(message));
    }

    /**
     * From now on (until called with {@code null}) an {@link ExitSignal} from {@code from} goes to the system lane,
     * and one already queued moves there: for a consumer that serves only system messages for a while but must
     * still obey {@code from} (see {@link Proc#parentExitsFirst}). Consumer only.
     */
    void urgentExitsFrom(Pid from) {
        synchronized (this) {
            urgentExitsFrom = from;
            if (from != null) {
                List<Object> moved = new ArrayList<>(1);
                messages.removeIf(message -> message instanceof ExitSignal signal && signal.from().equals(from)
                        && moved.add(message));
                for (Object signal : moved) {
                    systemLane().offer(signal);
                }
            }
        }
    }

    /**
     * The second half of a put, once {@code node} is offered to {@code lane}: refuses the message if the mailbox has
     * closed meanwhile and the message is still there to take back, else wakes the consumer. Called apart from
     * {@link #put} only by tests, which step through the race with the close.
     */
    boolean settle(MpscQueue<Object> lane, MpscQueue.Node<Object> node) {
        if (closed && lane.retract(node)) {
            // Closed meanwhile, and taken back before anyone took it. What stays is an empty node, one per put that
            // was under way at the close (later ones stop at the first check), so the mailbox does not grow. A put
            // that gets here with `closed` still false is seen by the drain: the drain sets `closed` before its last
            // (volatile) read of the lane's tail, and this offer swapped that tail before reading `closed`.
            return false;
        }
        // Open, or closed but the message was taken first, maybe by a receive before the close: delivered. A process
        // that passes its queue on as it ends (a server handing itself over) took it to deliver elsewhere; refusing
        // it here would tell a caller "never delivered" about a call another process then answers, and a
        // cluster's retry of such a call would run it twice.
        Thread consumer = parked;
        if (consumer != null && PARKED.compareAndSet(this, consumer, null)) {
            LockSupport.unpark(consumer);
        }
        return true;
    }

    /** The lane of ordinary messages, for tests that step through a put ({@link #settle}). */
    MpscQueue<Object> ordinaryLane() {
        return messages;
    }

    /** The next message without waiting, system lane first, or {@code null}. */
    Object poll(boolean systemOnly) {
        Object back = unreadSystem;
        if (back != null) {
            unreadSystem = null;
            return back;
        }
        MpscQueue<Object> lane = system;
        if (lane != null) {
            Object message = lane.poll();
            if (message != null) {
                return message;
            }
        }
        if (systemOnly) {
            return null;
        }
        back = unreadMessage;
        if (back != null) {
            unreadMessage = null;
            return back;
        }
        return messages.poll();
    }

    /**
     * Gives back {@code message}, just taken by {@link #poll} or {@link #await}, to be taken again first: for a
     * consumer that learns, having taken it, that it must not handle it. Consumer only, and only the message it
     * took last: then its lane's slot is free (see {@link #unreadSystem}), however many consumers in a row give a
     * message back.
     */
    void unread(Object message) {
        if (message instanceof SystemMessage) {
            assert unreadSystem == null : "a system message given back over another";
            unreadSystem = message;
        } else {
            assert unreadMessage == null : "a message given back over another";
            unreadMessage = message;
        }
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
        try {
            while (true) {
                // No lost wake-up. A sender swaps its lane's tail (a volatile write) and then reads `parked`; we write
                // `parked` and then poll, which answers null only after reading that tail (volatile). Volatile
                // accesses have one total order: either the sender's read comes after our write, and it sees us,
                // claims us and unparks us (or another sender of the burst does), or our read comes after its swap,
                // and the poll finds the message. Published afresh each round: a claim clears it, and after a
                // spurious or timed-out wake-up with nothing to take we must be claimable again.
                parked = self;
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
                // woken, most likely by a claim: look before publishing `parked` again (a volatile write, a fence)
                message = poll(systemOnly);
                if (message != null) {
                    return message;
                }
            }
        } finally {
            if (parked != null) { // not claimed: no sender may waste an unpark on us once we run on
                parked = null;
            }
        }
    }

    /** Removes the ordinary messages that match, keeping the others in order; only the consumer calls this. */
    void removeIf(Predicate<Object> unwanted) {
        messages.removeIf(unwanted);
    }

    /** Messages waiting in both lanes: constant time (the queues count), cheap under any load. */
    int size() {
        MpscQueue<Object> lane = system;
        return messages.size() + (lane == null ? 0 : lane.size()) + (unreadSystem == null ? 0 : 1)
                + (unreadMessage == null ? 0 : 1);
    }

    /** Refuses every later {@link #put}; what is queued stays for {@link #drain()}. */
    void close() {
        closed = true;
    }

    /**
     * Returns what is still in the mailbox, system lane first, closing it first if need be. Consumer only. A put
     * that returned {@code true} is in it (or was taken before); see {@link #put} for one racing with the close.
     */
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

    private MpscQueue<Object> systemLane() {
        MpscQueue<Object> lane = system;
        if (lane == null) {
            SYSTEM.compareAndSet(this, null, new MpscQueue<>());
            lane = system;
        }
        return lane;
    }

    private static final VarHandle SYSTEM;
    private static final VarHandle PARKED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SYSTEM = lookup.findVarHandle(Mailbox.class, "system", MpscQueue.class);
            PARKED = lookup.findVarHandle(Mailbox.class, "parked", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
