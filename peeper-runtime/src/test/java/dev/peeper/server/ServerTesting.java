package dev.peeper.server;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.process.ProcessCleanup;
import dev.peeper.process.ProcessExit;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Bounded waits and small process helpers for the server tests. Nothing here sleeps. */
final class ServerTesting {
    /** The bound of every wait: far above what any step needs, so a test only hits it when it is broken. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private ServerTesting() {
    }

    /** A name no other test uses: the registry is global. */
    static String uniqueName() {
        return "server-test-" + UUID.randomUUID();
    }

    /** Waits for {@code future} up to {@link #TIMEOUT}; a failure is rethrown as its cause. */
    static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Waits for {@code latch} up to {@link #TIMEOUT}, failing the test if it does not open. */
    static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new AssertionError("latch not released within " + TIMEOUT);
        }
    }

    /** Waits up to {@link #TIMEOUT} for {@code pid} to end and returns its reason. */
    static ExitReason awaitExit(Pid pid) throws TimeoutException, InterruptedException {
        return Proc.awaitExit(pid, TIMEOUT);
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

    /** Runs {@code body} in a new process; the future carries its result or failure. */
    static <T> CompletableFuture<T> inProcess(Callable<T> body) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Proc.spawn(() -> {
            try {
                result.complete(body.call());
            } catch (ProcessExit e) {
                result.completeExceptionally(e);
                throw e; // the process still ends with the signal's reason
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Kills, after each test, the servers a test tracked and left alive (blocked ones, say). */
    static final class Cleanup extends ProcessCleanup {
        ServerRef track(ServerRef server) {
            track(server.pid());
            return server;
        }
    }
}
