package dev.peeper.process;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ScheduledFuture;

/**
 * A message on its way later, returned by {@link Proc#sendAfter(Pid, java.time.Duration, Object)}: Erlang's timer
 * reference. It is sent, or cancelled (by {@link #cancel()}, or because its target ended first), exactly once.
 */
public final class TimerRef {
    private static final int PENDING = 0;
    private static final int SENT = 1;
    private static final int CANCELLED = 2;

    private final Pid target;
    private final Timers.Pending owner;
    @SuppressWarnings("unused") // through STATE
    private volatile int state;
    /** Set once scheduled; a cancel that comes first is carried out by {@link #schedule}. */
    private volatile ScheduledFuture<?> task;

    TimerRef(Pid target, Timers.Pending owner) {
        this.target = target;
        this.owner = owner;
    }

    /** {@return the process the message is for} */
    public Pid target() {
        return target;
    }

    /**
     * Stops the timer. Returns {@code true} if the message will now never be sent; {@code false} if it was sent
     * already (it may be in the target's mailbox, or handled), or the timer had been cancelled before (also by its
     * target's end).
     *
     * @return whether this call kept the message from being sent
     */
    public boolean cancel() {
        if (!STATE.compareAndSet(this, PENDING, CANCELLED)) {
            return false;
        }
        owner.forget(this);
        ScheduledFuture<?> scheduled = task;
        if (scheduled != null) {
            scheduled.cancel(false); // leaves the timer thread's queue at once
        }
        return true;
    }

    /** {@return whether the message is still to be sent: neither sent nor cancelled} */
    public boolean isPending() {
        return (int) STATE.getVolatile(this) == PENDING;
    }

    void schedule(ScheduledFuture<?> scheduled) {
        task = scheduled;
        if ((int) STATE.getVolatile(this) == CANCELLED) {
            scheduled.cancel(false); // cancelled while it was being scheduled
        }
    }

    /** On the timer thread, when the time is up. */
    void fire(Object message) {
        if (STATE.compareAndSet(this, PENDING, SENT)) {
            owner.forget(this);
            Proc.send(target, message);
        }
    }

    @Override
    public String toString() {
        int now = (int) STATE.getVolatile(this);
        return "#Timer<" + target + ", " + (now == PENDING ? "pending" : now == SENT ? "sent" : "cancelled") + ">";
    }

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(TimerRef.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
