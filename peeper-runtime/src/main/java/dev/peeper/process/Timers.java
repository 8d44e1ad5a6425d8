package dev.peeper.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The runtime's timers, behind {@link Proc#sendAfter}. A timer only puts a message in a mailbox, which never
 * blocks, so one daemon platform thread serves every timer of the JVM; it starts with the first timer.
 *
 * <p>A process's pending timers are cancelled when it ends, as Erlang does: otherwise a timer to a dead process
 * would stay queued until its time (a cache's entries live for minutes), and a worker that crashes and arms its
 * timers again from the kept state would pile them up, once per crash.
 */
final class Timers {
    /** The pending timers of each process that has any, found by its end's clean-up. */
    private static final ConcurrentHashMap<Pid, Pending> PENDING = new ConcurrentHashMap<>();

    private Timers() {
    }

    private static final class Scheduler {
        static final ScheduledThreadPoolExecutor INSTANCE = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, task -> Thread.ofPlatform()
                    .name("peeper-timers")
                    .daemon()
                    .inheritInheritableThreadLocals(false) // it must not pass for the process that armed the first timer
                    .unstarted(task));
            scheduler.setRemoveOnCancelPolicy(true);
            return scheduler;
        }
    }

    static TimerRef sendAfter(Pid target, Duration delay, Object message) {
        Pending pending = pendingOf(target);
        TimerRef timer = new TimerRef(target, pending);
        if (!pending.add(timer)) {
            timer.cancel(); // the target has ended: nothing will be sent
            return timer;
        }
        long nanos = delay.isNegative() ? 0
                : delay.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : delay.toNanos();
        timer.schedule(Scheduler.INSTANCE.schedule(() -> timer.fire(message), nanos, TimeUnit.NANOSECONDS));
        return timer;
    }

    private static Pending pendingOf(Pid target) {
        Pending known = PENDING.get(target);
        if (known != null) {
            return known;
        }
        Pending fresh = new Pending();
        known = PENDING.putIfAbsent(target, fresh);
        if (known != null) {
            return known;
        }
        // outside any map operation: for a process that has already ended this runs at once
        Proc.onExit(target, () -> {
            PENDING.remove(target, fresh);
            fresh.end();
        });
        return fresh;
    }

    /** One process's pending timers. Timers are armed and fired far less often than messages: a monitor will do. */
    static final class Pending {
        private final Set<TimerRef> timers = new HashSet<>();
        private boolean ended;

        synchronized boolean add(TimerRef timer) {
            return !ended && timers.add(timer);
        }

        synchronized void forget(TimerRef timer) {
            timers.remove(timer);
        }

        /** The process has ended: cancels what is left, and refuses timers armed from now on. */
        void end() {
            List<TimerRef> left;
            synchronized (this) {
                ended = true;
                left = new ArrayList<>(timers);
                timers.clear();
            }
            for (TimerRef timer : left) {
                timer.cancel();
            }
        }
    }
}
