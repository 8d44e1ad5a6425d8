package dev.peeper.samples.cache;

import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.process.SpawnOptions;
import java.time.Duration;

/**
 * Erlang's {@code erlang:send_after/3}: a timer that sends a message to the calling process later.
 *
 * <p>Each timer is a process of its own (a parked virtual thread, about a kilobyte) <em>linked</em> to the
 * caller, so it dies with the caller: a crashed worker's timers go with it, as a process's timers do in Erlang,
 * and never fire into a successor that did not arm them. What must outlive a crash belongs in the state; a
 * restarted worker arms new timers from it (see {@link HotCache}'s {@code restore}).
 *
 * <p>Why not a {@code ScheduledExecutorService}: its tasks outlive the worker that scheduled them and would need
 * to be cancelled by hand on every crash, and its threads are shared platform threads; a linked process is
 * cleaned up by the runtime and costs nothing while it waits.
 */
public final class Timers {
    private Timers() {
    }

    /**
     * Sends {@code message} to the calling process after {@code delay}, unless the caller has ended by then.
     * Must be called inside a process, such as a server callback.
     *
     * @return the timer, which {@code Proc.exit(timer, ExitReason.kill())} cancels
     */
    public static Pid sendAfter(Duration delay, Object message) {
        Pid target = Proc.self();
        long deadline = System.nanoTime() + Math.max(0, delay.toNanos());
        return Proc.spawn(() -> {
            for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
                Proc.receive(Duration.ofNanos(left)); // nothing is sent to a timer: this only waits
            }
            Proc.send(target, message);
        }, SpawnOptions.defaults().withLink());
    }
}
