package dev.peeper.server;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deadlines of every timed wait in progress ({@link TimedFuture}: calls, starts, stops), kept in one hashed
 * timing wheel so that a waiting thread parks <em>untimed</em>. On JDK 25 a virtual thread's timed park hands a
 * task to the scheduler's delay queue and cancels it when woken: a cross-thread signal twice per call, which made a
 * timed call cost 1.8&times; an untimed one. Here a wait's deadline is linked into a bucket and unlinked again by
 * the waiter, both O(1) under a lock no other thread is likely to hold, and nobody else is woken.
 *
 * <p>One daemon platform thread, the ticker, wakes every {@link #TICK_NANOS} while the wheel holds anything, and
 * expires what is due: it marks the wait {@link TimedFuture#expire() expired} and unparks its waiter, which throws
 * its timeout itself (with its own stack). With nothing to time the ticker parks until the next {@link #add}, so
 * an idle JVM is not woken a hundred times a second. Deadlines are rounded <em>up</em> to a tick: a wait never
 * times out early, and late by at most about one tick (timeouts are seconds; a tick is 10 ms).
 *
 * <p>Buckets are intrusive doubly-linked lists through the waits themselves (no node per wait), in
 * {@link Stripe stripes} chosen by the waiting thread's id: calls made in the same tick share a bucket, and
 * striping keeps concurrent callers off each other's lock. A finished wait is unlinked at once rather than left
 * for the ticker: at 300,000 calls a second, 5 s of finished calls would be 1.5 million objects kept alive and
 * promoted.
 */
final class CallTimeouts {
    /** The wheel's resolution. */
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** Buckets per stripe: a turn of 5.12 s, so the default 5 s call timeout is never walked past before it is due. */
    static final int BUCKETS = 512;
    private static final int BUCKET_MASK = BUCKETS - 1;

    private static final Logger log = LoggerFactory.getLogger(CallTimeouts.class);
    private static final VarHandle IDLE;

    static {
        try {
            IDLE = MethodHandles.lookup().findVarHandle(CallTimeouts.class, "idle", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final LongSupplier clock;
    /** Tick {@code t} is due at {@code origin + t * TICK_NANOS}. */
    private final long origin;
    private final Stripe[] stripes;
    private final int stripeMask;
    /** The ticker thread, or {@code null} for a wheel driven by {@link #expireDue()} (tests). */
    private volatile Thread ticker;
    /** Set while the ticker parks for want of anything to time; the first {@link #add} then wakes it. */
    @SuppressWarnings("unused") // through IDLE
    private volatile boolean idle;

    /**
     * A wheel read by {@code clock} (nanoseconds, as {@link System#nanoTime}) with {@code stripes} stripes (a power of
     * two). Nothing expires until {@link #expireDue()} runs, from a test or from the thread {@link #startTicker}
     * starts.
     */
    CallTimeouts(LongSupplier clock, int stripes) {
        if (stripes <= 0 || Integer.bitCount(stripes) != 1) {
            throw new IllegalArgumentException("stripes must be a power of two: " + stripes);
        }
        this.clock = clock;
        this.origin = clock.getAsLong();
        this.stripes = new Stripe[stripes];
        for (int i = 0; i < stripes; i++) {
            this.stripes[i] = new Stripe();
        }
        this.stripeMask = stripes - 1;
    }

    /** The wheel every timed wait of the runtime uses, with its ticker running. */
    static CallTimeouts shared() {
        return Shared.WHEEL;
    }

    /** Created at the first timed wait, so a JVM that never waits has no ticker thread. */
    private static final class Shared {
        /** Four stripes a core at least: four callers a core then rarely share a lock. */
        static final CallTimeouts WHEEL = new CallTimeouts(System::nanoTime,
                Math.min(64, Integer.highestOneBit(Math.max(16, 4 * Runtime.getRuntime().availableProcessors()))))
                .startTicker("peeper-call-timeouts");
    }

    /** Starts the daemon thread that expires due waits; returns this wheel. */
    CallTimeouts startTicker(String name) {
        Thread thread = Thread.ofPlatform().name(name).daemon()
                .inheritInheritableThreadLocals(false) // it must not pass for the process that happened to start it
                .unstarted(this::tick);
        ticker = thread;
        thread.start();
        return this;
    }

    /** The ticker thread, {@code null} if none was started. */
    Thread ticker() {
        return ticker;
    }

    /**
     * Links {@code wait} in, to expire {@code timeoutNanos} (positive) from now. Called by the waiting thread, whose
     * id picks the stripe; {@code wait} must not be in a wheel already.
     */
    void add(TimedFuture wait, long timeoutNanos) {
        long deadlineTick = dueTick(clock.getAsLong(), timeoutNanos);
        Stripe stripe = stripes[(int) Thread.currentThread().threadId() & stripeMask];
        stripe.lock();
        try {
            // a waiter descheduled between reading the clock and locking may find its tick already expired:
            // it then goes in the next tick's bucket, not one turn (5 s) later
            long tick = Math.max(deadlineTick, stripe.expiredThrough + 1);
            wait.deadlineTick = tick;
            int bucket = (int) tick & BUCKET_MASK;
            TimedFuture head = stripe.heads[bucket];
            wait.prev = null;
            wait.next = head;
            if (head != null) {
                head.prev = wait;
            }
            stripe.heads[bucket] = wait;
            stripe.count++;
            wait.stripe = stripe;
        } finally {
            stripe.unlock();
        }
        // read after the unlock (a volatile write), so either this sees the ticker idle or the ticker sees the wait
        if (idle) {
            wakeTicker();
        }
    }

    /** Unlinks {@code wait} if it is still in the wheel (it is not once expired, or never added). */
    void remove(TimedFuture wait) {
        Stripe stripe = wait.stripe; // set by this thread in add; cleared only by the ticker, under the lock
        if (stripe == null) {
            return;
        }
        stripe.lock();
        try {
            if (wait.stripe == stripe) {
                unlink(stripe, wait);
            }
        } finally {
            stripe.unlock();
        }
    }

    /** How many waits the wheel holds; exact only when nothing is added or removed meanwhile. */
    int size() {
        int size = 0;
        for (Stripe stripe : stripes) {
            stripe.lock();
            try {
                size += stripe.count;
            } finally {
                stripe.unlock();
            }
        }
        return size;
    }

    /**
     * Expires every wait whose deadline tick has come by the clock, catching up on every tick since the last run:
     * the ticker's work, and a test's way to drive a wheel with a clock of its own. Waiters are woken outside the
     * stripe's lock, so a burst of timeouts does not hold up callers adding to it.
     */
    void expireDue() {
        long now = Math.floorDiv(clock.getAsLong() - origin, TICK_NANOS);
        for (Stripe stripe : stripes) {
            TimedFuture expired = null;
            stripe.lock();
            try {
                long from = stripe.expiredThrough + 1;
                if (now >= from) {
                    if (stripe.count > 0) {
                        // behind by a whole turn or more (a long pause): each bucket once is enough
                        long last = Math.min(now, from + BUCKET_MASK);
                        for (long tick = from; tick <= last; tick++) {
                            expired = takeDue(stripe, (int) tick & BUCKET_MASK, now, expired);
                        }
                    }
                    stripe.expiredThrough = now;
                }
            } finally {
                stripe.unlock();
            }
            while (expired != null) {
                TimedFuture next = expired.next;
                expired.next = null;
                expired.expire();
                expired = next;
            }
        }
    }

    /** The tick at or after {@code now + timeoutNanos}: a deadline rounded up, so that nothing expires early. */
    private long dueTick(long now, long timeoutNanos) {
        long elapsed = now - origin;
        long deadline = timeoutNanos > Long.MAX_VALUE - elapsed ? Long.MAX_VALUE : elapsed + timeoutNanos;
        return Math.ceilDiv(deadline, TICK_NANOS);
    }

    /** Unlinks the waits in {@code bucket} due by {@code now} and pushes them on {@code expired}, which it returns. */
    private static TimedFuture takeDue(Stripe stripe, int bucket, long now, TimedFuture expired) {
        TimedFuture wait = stripe.heads[bucket];
        while (wait != null) {
            TimedFuture next = wait.next; // later turns' waits stay where they are
            if (wait.deadlineTick <= now) {
                unlink(stripe, wait);
                wait.next = expired;
                expired = wait;
            }
            wait = next;
        }
        return expired;
    }

    private static void unlink(Stripe stripe, TimedFuture wait) {
        TimedFuture prev = wait.prev;
        TimedFuture next = wait.next;
        if (prev == null) {
            stripe.heads[(int) wait.deadlineTick & BUCKET_MASK] = next;
        } else {
            prev.next = next;
        }
        if (next != null) {
            next.prev = prev;
        }
        wait.prev = null;
        wait.next = null;
        wait.stripe = null;
        stripe.count--;
    }

    private void wakeTicker() {
        if (IDLE.compareAndSet(this, true, false)) {
            LockSupport.unpark(ticker);
        }
    }

    /** The ticker's loop: expire what is due, then park until the next tick, or until an add if nothing is left. */
    private void tick() {
        while (true) {
            try {
                expireDue();
                if (looksEmpty()) {
                    idle = true;
                    if (size() == 0) {
                        // an add after size() saw the stripe locked, unlocked, then found idle set: it wakes us
                        while (idle) {
                            LockSupport.park(this);
                        }
                        continue;
                    }
                    idle = false;
                }
                long now = clock.getAsLong();
                long nextTickAt = origin + (Math.floorDiv(now - origin, TICK_NANOS) + 1) * TICK_NANOS;
                LockSupport.parkNanos(this, nextTickAt - now);
            } catch (Throwable t) {
                // the ticker must outlive anything: without it, timed waits would wait for ever
                log.error("call timeout ticker failed; carrying on", t);
                LockSupport.parkNanos(this, TICK_NANOS);
            }
        }
    }

    /** Whether every stripe seemed empty, read without the locks: a hint, confirmed under them by {@link #size}. */
    private boolean looksEmpty() {
        for (Stripe stripe : stripes) {
            if (stripe.count != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * One lock's share of the wheel: its own buckets, so callers on different stripes never touch the same lock or
     * list. Extends the lock to save an object.
     */
    @SuppressWarnings("serial")
    static final class Stripe extends ReentrantLock {
        final TimedFuture[] heads = new TimedFuture[BUCKETS];
        /** Waits linked in; read without the lock only as a hint. */
        int count;
        /** The last tick whose due waits were expired. */
        long expiredThrough = -1;
    }
}
