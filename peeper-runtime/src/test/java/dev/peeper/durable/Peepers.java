package dev.peeper.durable;

import static org.assertj.core.api.Assertions.fail;

import dev.peeper.process.Down;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.ProcessCleanup;
import dev.peeper.process.Proc;
import dev.peeper.server.Dispatcher;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Bounded waits and small helpers for the Peeper server tests, and (as a JUnit extension) the clean-up that kills
 * what a test started, so a failing test leaves no server behind. Nothing here sleeps: every wait is for an event,
 * bounded by {@link #TIMEOUT} so that only a broken test ever reaches the bound.
 *
 * <pre>{@code
 * @RegisterExtension final Peepers peepers = new Peepers();
 * PeeperRef counter = peepers.start(Counter.factory(probe), 0, PeeperOptions.defaults());
 * }</pre>
 */
final class Peepers extends ProcessCleanup {
    /** The bound of every wait: far above what any step needs. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Starts a Peeper server and tracks it. */
    PeeperRef start(Supplier<? extends Dispatcher<?>> implementation, Object argument,
                    PeeperOptions options) {
        PeeperRef ref = Peeper.start(implementation, argument, options);
        track(ref.pid());
        return ref;
    }



    // ---- helpers ----

    /** A name no other test uses: the registry is global. */
    static String uniqueName() {
        return "peeper-test-" + UUID.randomUUID();
    }

    /** The worker serving {@code server} now, as the worker itself says (a call, so it is alive when asked). */
    static Pid currentWorker(PeeperRef server) {
        return server.call(new Counter.Self());
    }

    /** Kills {@code worker} and waits until it has ended. */
    static void kill(Pid worker) throws InterruptedException {
        crash(worker, ExitReason.kill());
    }

    /** Sends {@code reason} as an exit signal to {@code worker} and waits until it has ended. */
    static ExitReason crash(Pid worker, ExitReason reason) throws InterruptedException {
        Proc.exit(worker, reason);
        return awaitExit(worker);
    }

    /** Waits up to {@link #TIMEOUT} for {@code pid} to end and returns its reason. */
    static ExitReason awaitExit(Pid pid) throws InterruptedException {
        try {
            return Proc.awaitExit(pid, TIMEOUT);
        } catch (TimeoutException e) {
            return fail(pid + " was still alive after " + TIMEOUT);
        }
    }

    /** Waits for {@code latch}, failing the test if it does not open in time. */
    static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
            fail("latch not released within " + TIMEOUT);
        }
    }

    /** Waits for {@code future}; a failure is rethrown as its cause. */
    static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            return fail("no result within " + TIMEOUT);
        }
    }

    /** The next element of {@code queue}, failing the test if none comes in time. */
    static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
        T element = queue.poll(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        if (element == null) {
            fail("nothing arrived within " + TIMEOUT);
        }
        return element;
    }

    /** Runs {@code body} on a new virtual thread (not a process); the future carries its result or failure. */
    static <T> CompletableFuture<T> onThread(Callable<T> body) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                result.complete(body.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /**
     * Watches {@code pid} from a process of its own with a monitor; the future completes with the {@link Down}.
     * Returns once the monitor is in place.
     */
    static CompletableFuture<Down> monitor(Pid pid) throws InterruptedException {
        CompletableFuture<Down> down = new CompletableFuture<>();
        CountDownLatch watching = new CountDownLatch(1);
        Proc.spawn(() -> {
            Proc.monitor(pid);
            watching.countDown();
            // bounded, so that a failed test leaves no watcher behind for ever
            if (Proc.receive(TIMEOUT.multipliedBy(2)) instanceof Down message) {
                down.complete(message);
            } else {
                down.completeExceptionally(new TimeoutException(pid + " did not end"));
            }
        });
        await(watching);
        return down;
    }
}
