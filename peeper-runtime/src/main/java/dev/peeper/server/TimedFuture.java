package dev.peeper.server;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * A future one thread waits on with a timeout kept by {@link CallTimeouts}: the thread parks untimed, and is woken
 * by the completion or by the wheel's ticker, whichever comes first. Also the wheel's node (its links and deadline
 * are fields here), so a timed wait allocates nothing beyond the future itself. {@link Call} is one; waits on
 * someone else's future go through {@link #awaitDone(CompletableFuture, long)}, which leaves nothing on it.
 *
 * <p>Only {@link #complete}, {@link #completeExceptionally} and {@link #cancel} wake the waiter; nothing in the
 * runtime completes these futures any other way.
 */
class TimedFuture extends CompletableFuture<Object> {
    /** Beyond this (292 years), {@link Duration#toNanos} overflows. */
    private static final Duration FOREVER = Duration.ofNanos(Long.MAX_VALUE);

    // the wheel's links, guarded by the lock of the stripe the wait is in
    TimedFuture prev;
    TimedFuture next;
    long deadlineTick;
    /** The stripe holding this wait, {@code null} when it is not in the wheel. */
    CallTimeouts.Stripe stripe;

    /** The thread parked in {@link #awaitDone(CallTimeouts, long)}, to unpark on completion or expiry. */
    private volatile Thread waiter;
    private volatile boolean expired;

    /** {@code timeout} in nanoseconds; one too long to count in them is as good as for ever. */
    static long nanos(Duration timeout) {
        return timeout.compareTo(FOREVER) >= 0 ? Long.MAX_VALUE : timeout.toNanos();
    }

    /**
     * Waits until {@code future} completes or {@code timeoutNanos} pass, interruptibly. A wait that times out or is
     * interrupted leaves nothing on {@code future}: a listener added to relay its completion would stay on it until
     * it completes, and a future that never does (a process that will not end, asked again and again to stop)
     * would pile them up. {@link CompletableFuture#get(long, TimeUnit)} takes its waiter off on the way out, so
     * this uses it: these waits (starts, stops) are rare beside calls, and their timed park costs nothing that
     * matters.
     *
     * @return whether {@code future} completed
     */
    static boolean awaitDone(CompletableFuture<?> future, long timeoutNanos) throws InterruptedException {
        if (future.isDone()) {
            return true;
        }
        if (timeoutNanos <= 0) {
            return false;
        }
        try {
            if (timeoutNanos == Long.MAX_VALUE) {
                future.get();
            } else {
                future.get(timeoutNanos, TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException | CancellationException e) {
            // completed, exceptionally: the caller looks at the future itself
        }
        return true;
    }

    /**
     * Waits until this completes or {@code timeoutNanos} pass on {@code wheel}'s clock. The wait leaves the wheel
     * before this returns, however it ends.
     *
     * @return whether this completed; {@code false} when the time ran out
     * @throws InterruptedException if the thread is interrupted while this is not complete (as {@code get} does)
     */
    final boolean awaitDone(CallTimeouts wheel, long timeoutNanos) throws InterruptedException {
        if (isDone()) {
            return true;
        }
        if (timeoutNanos <= 0) {
            return false;
        }
        waiter = Thread.currentThread(); // before the isDone below: a completion after it sees the waiter
        wheel.add(this, timeoutNanos);
        try {
            while (!isDone()) {
                if (expired) {
                    return false;
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                LockSupport.park(this);
            }
            return true;
        } finally {
            waiter = null; // a late completion need not unpark a thread that has moved on
            wheel.remove(this);
        }
    }

    /** Called by the wheel when the deadline has passed: the waiter wakes and finds the time up. */
    final void expire() {
        expired = true;
        wake();
    }

    /** Whether the wheel found this wait past its deadline. */
    final boolean isExpired() {
        return expired;
    }

    @Override
    public boolean complete(Object value) {
        return wakeIf(super.complete(value));
    }

    @Override
    public boolean completeExceptionally(Throwable failure) {
        return wakeIf(super.completeExceptionally(failure));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        wake();
        return cancelled;
    }

    /** Wakes the waiter if {@code completed}: the completion that did it; returns {@code completed}. */
    private boolean wakeIf(boolean completed) {
        if (completed) {
            wake();
        }
        return completed;
    }

    private void wake() {
        Thread thread = waiter;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }
}
