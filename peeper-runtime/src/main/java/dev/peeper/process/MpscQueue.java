package dev.peeper.process;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Predicate;

/**
 * An unbounded many-producer, single-consumer linked queue (Dmitry Vyukov's intrusive MPSC design): a producer
 * swaps itself in as the tail with one {@code getAndSet} and then links the old tail to its node; the consumer
 * walks from a stub head with plain loads and stores and never compares-and-sets. Unlike
 * {@link java.util.concurrent.ConcurrentLinkedQueue} the consumer pays no atomic instruction per message, and an
 * empty queue is as small: this object and one stub node, 48 bytes with compressed oops (JCTools' padded
 * {@code MpscLinkedQueue} is ~424 bytes, too much for a million idle mailboxes).
 *
 * <p>Besides {@link #offer} (any thread) and {@link #poll} (the consumer), it has what a mailbox needs:
 * {@link #removeIf} for selective receive (the consumer), {@link #retract} for a producer that must take back what
 * it just offered (a put racing with a close), and a constant-time {@link #size} for statistics (any thread).
 *
 * <p>The consumer may change threads (a delegate's successor reads the same mailbox) provided each hand-over
 * happens-before the next consumer's first call, as a thread start or a completed future does. Its own writes of
 * {@link #head} and of its count are releases anyway, so that another thread reads them consistently.
 *
 * @param <E> the element type
 */
final class MpscQueue<E> {
    /**
     * A link of the chain. {@code value} is written by its producer before the node is published and then only by
     * the consumer, except for a {@linkplain #retract retraction}; {@code null} marks a node whose value was taken.
     * A node that the consumer has passed links to itself, so a dead node that got promoted to the old generation
     * does not keep its young successors alive (as {@code ConcurrentLinkedQueue} and JCTools do).
     */
    static final class Node<E> {
        E value;
        /** Accessed through {@link #NEXT} only: a release store by its producer, acquire loads by the readers. */
        Node<E> next;
        /**
         * Once this node is the {@link #head}: how many values the consumer has taken or removed so far. Kept in the
         * head rather than in the queue, so that the consumer writes only lines it already owns, never the one the
         * producers swap the tail on; and it fits in the node's padding (still 24 bytes).
         */
        int taken;

        Node(E value) {
            this.value = value;
        }
    }

    /** The last node the consumer took (its value already gone): the stub. Written by the consumer only. */
    private Node<E> head;
    /** The last node offered. Volatile: a producer's swap of it is what an empty {@link #poll} is ordered against. */
    private volatile Node<E> tail;
    /**
     * Values offered, less those retracted; counted by the producers with one {@code getAndAdd}. Wraps around: only
     * the difference with the head's {@link Node#taken} means anything.
     */
    @SuppressWarnings("unused") // through OFFERED
    private volatile int offered;

    MpscQueue() {
        Node<E> stub = new Node<>(null);
        head = stub;
        tail = stub;
    }

    /**
     * Appends {@code value} (not {@code null}); any thread. Returns the node that holds it, for {@link #retract}.
     * Lock-free and wait-free for the producer: one {@code getAndSet} and one ordered store.
     */
    Node<E> offer(E value) {
        Node<E> node = new Node<>(value);
        // counted before it can be taken, so that offered - taken never goes below what is really there
        OFFERED.getAndAdd(this, 1);
        @SuppressWarnings("unchecked")
        Node<E> previous = (Node<E>) TAIL.getAndSet(this, node);
        // until this store lands the consumer sees the tail moved but no link: poll waits for it (see there)
        NEXT.setRelease(previous, node);
        return node;
    }

    /**
     * Takes the oldest value, or returns {@code null} if the queue is empty; consumer only. {@code null} means empty
     * as of a volatile read of the tail made during this call: a producer between its swap of the tail and its
     * link is waited for (a few instructions, unless its thread was descheduled just there), so an empty answer
     * can be ordered against the producer's own later volatile reads (see {@link Mailbox#await}).
     */
    E poll() {
        Node<E> from = head;
        Node<E> at = from;
        while (true) {
            @SuppressWarnings("unchecked")
            Node<E> next = (Node<E>) NEXT.getAcquire(at);
            if (next == null) {
                if (at == tail) {
                    moveHead(from, at, 0);
                    return null;
                }
                Thread.onSpinWait(); // a producer has swapped the tail and not yet linked its node
                continue;
            }
            E value = next.value;
            next.value = null;
            if (at != from) {
                NEXT.setRelease(at, at); // a retracted or removed value's node, passed over
            }
            at = next;
            if (value != null) {
                moveHead(from, at, 1);
                return value;
            }
        }
    }

    /**
     * Removes the values that match, keeping the others in order; consumer only. A matching node that has a
     * successor is unlinked: its successor's link is final once seen, since only the last node's link is ever
     * written by a producer. The last node cannot be unlinked (a producer may be linking to it right now), so its
     * value is cleared instead and {@link #poll} passes over it.
     */
    void removeIf(Predicate<? super E> unwanted) {
        int removed = 0;
        Node<E> previous = head;
        @SuppressWarnings("unchecked")
        Node<E> at = (Node<E>) NEXT.getAcquire(previous);
        while (at != null) {
            @SuppressWarnings("unchecked")
            Node<E> next = (Node<E>) NEXT.getAcquire(at);
            E value = at.value;
            if (value != null && unwanted.test(value)) {
                at.value = null;
                removed++;
                if (next != null) {
                    NEXT.setRelease(previous, next);
                    at = next;
                    continue;
                }
            }
            previous = at;
            at = next;
        }
        if (removed != 0) {
            Node<E> stub = head;
            TAKEN.setRelease(stub, stub.taken + removed);
        }
    }

    /**
     * Takes back the value of {@code node}, which this producer has just {@linkplain #offer offered} to this queue;
     * any thread. Returns whether it was still there. Atomic against another retraction, not against the consumer's
     * plain take: a consumer that takes the value at the same moment may get it too (and {@link #size} then counts
     * one less for good, which a mailbox only does once closed, when it reports no size). Callers use it only where
     * a value handled twice is harmless (see {@link Mailbox#put}); it never leaves a value that nobody has.
     */
    boolean retract(Node<E> node) {
        if (VALUE.getAndSet(node, (Object) null) == null) {
            return false;
        }
        OFFERED.getAndAdd(this, -1);
        return true;
    }

    /**
     * How many values wait; any thread, for statistics. Constant time, from two counters, so it costs the same under
     * any load (a walk of the chain is O(n), and restarts whenever the consumer overtakes it). Not a snapshot: a
     * value offered or taken meanwhile may or may not be counted; never negative.
     */
    int size() {
        @SuppressWarnings("unchecked")
        Node<E> stub = (Node<E>) HEAD.getAcquire(this);
        int consumed = (int) TAKEN.getAcquire(stub); // first: whatever it counts was offered, and counted, before
        int size = offered - consumed;
        return Math.max(size, 0);
    }

    /** Makes {@code to} the head, which counts what was taken up to it: {@code took} more than {@code from}. */
    private void moveHead(Node<E> from, Node<E> to, int took) {
        if (to != from) {
            to.taken = from.taken + took; // published by the release of the head below
            NEXT.setRelease(from, from); // the old stub leaves the chain: see Node
            HEAD.setRelease(this, to);
        }
    }

    private static final VarHandle HEAD;
    private static final VarHandle TAIL;
    private static final VarHandle NEXT;
    private static final VarHandle VALUE;
    private static final VarHandle OFFERED;
    private static final VarHandle TAKEN;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(MpscQueue.class, "head", Node.class);
            TAIL = lookup.findVarHandle(MpscQueue.class, "tail", Node.class);
            NEXT = lookup.findVarHandle(Node.class, "next", Node.class);
            VALUE = lookup.findVarHandle(Node.class, "value", Object.class);
            OFFERED = lookup.findVarHandle(MpscQueue.class, "offered", int.class);
            TAKEN = lookup.findVarHandle(Node.class, "taken", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
