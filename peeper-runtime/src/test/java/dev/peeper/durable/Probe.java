package dev.peeper.durable;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * What the test dispatchers report about their own callbacks: how often {@code init} ran and with what,
 * every {@code terminate} and every {@code restore}. Shared by all the instances one factory makes, so it sees
 * across worker restarts. Thread-safe: callbacks run on worker processes, tests read on their own thread.
 */
final class Probe {
    /** {@code terminate(reason, state)} ran. */
    record Terminated(ExitReason reason, Object state) {
    }

    /** {@code restore(kept, lastExit)} ran. */
    record Restored(Object kept, ExitReason lastExit) {
    }

    /** Every {@code init} call. */
    final AtomicInteger inits = new AtomicInteger();
    /** The argument of every {@code init} call, in order. */
    final BlockingQueue<Object> initArguments = new LinkedBlockingQueue<>();
    final BlockingQueue<Terminated> terminated = new LinkedBlockingQueue<>();
    final BlockingQueue<Restored> restored = new LinkedBlockingQueue<>();
    /** When set, {@code terminate} waits for it after reporting (a slow clean-up). */
    volatile CountDownLatch terminateGate;
    /** Every worker that ran {@code init} or {@code restore}: whoever checks that none is left behind. */
    final Set<Pid> workers = ConcurrentHashMap.newKeySet();
    /** What {@code restore} returns, given the kept state and the last exit; by default the kept state. */
    volatile BiFunction<Object, ExitReason, Object> onRestore = (kept, lastExit) -> kept;

    void initialized(Object argument) {
        ranOn(Proc.selfOrNull());
        inits.incrementAndGet();
        initArguments.add(argument == null ? "null" : argument);
    }

    void terminated(ExitReason reason, Object state) throws InterruptedException {
        terminated.add(new Terminated(reason, state));
        CountDownLatch gate = terminateGate;
        if (gate != null) {
            gate.await(); // until released, or interrupted by a kill
        }
    }

    private void ranOn(Pid worker) {
        if (worker != null) { // a callback a test calls directly runs on no process
            workers.add(worker);
        }
    }

    Object restored(Object kept, ExitReason lastExit) {
        ranOn(Proc.selfOrNull());
        restored.add(new Restored(kept, lastExit));
        return onRestore.apply(kept, lastExit);
    }
}
