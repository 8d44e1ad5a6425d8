package dev.peeper.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.process.Pid;
import dev.peeper.server.ServerRef;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A supervisor of two workers, {@code keep} and {@code x}, where {@code x} has crashed and the supervisor is held
 * inside x's restart, which will fail: a request sent now is served before the retry that the failed restart
 * sends the supervisor itself, so a test can see what a request does to a child waiting for a retry.
 *
 * <pre>{@code
 * HeldFailingRestart held = HeldFailingRestart.start(supervisors, journal);
 * held.sendThenFailTheRestart(new SupervisorRequest.TerminateChild("x"));
 * assertThat(held.attempts).hasValue(2);   // the first start and the failed restart; no retry
 * }</pre>
 */
final class HeldFailingRestart {
    final SupervisorRef supervisor;
    final Pid keep;
    /** Starts of x so far: 1 (the first start) until the held restart, which is the second. */
    final AtomicInteger attempts;
    private final CountDownLatch failTheRestart;

    private HeldFailingRestart(SupervisorRef supervisor, Pid keep, AtomicInteger attempts,
                               CountDownLatch failTheRestart) {
        this.supervisor = supervisor;
        this.keep = keep;
        this.attempts = attempts;
        this.failTheRestart = failTheRestart;
    }

    static HeldFailingRestart start(SupervisorCleanup supervisors, Journal journal) throws Exception {
        CountDownLatch inFailingRestart = new CountDownLatch(1);
        CountDownLatch failTheRestart = new CountDownLatch(1);
        AtomicInteger attempts = new AtomicInteger();
        ChildStart failsItsFirstRestart = () -> {
            if (attempts.incrementAndGet() == 2) {
                inFailingRestart.countDown();
                failTheRestart.await(); // until the test's request waits in the supervisor's mailbox
                throw new TestWorker.Boom("cannot restart (on purpose)");
            }
            return TestWorker.start("x", journal).start();
        };
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne().withIntensity(5, Duration.ofMinutes(1)),
                List.of(TestWorker.spec("keep", journal), ChildSpec.worker("x", failsItsFirstRestart)));
        Pid keep = journal.awaitStart("keep");
        ServerRef.of(journal.awaitStart("x")).cast(TestWorker.CRASH);
        journal.awaitStop("x");
        assertThat(inFailingRestart.await(Journal.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        return new HeldFailingRestart(sup, keep, attempts, failTheRestart);
    }

    /**
     * Sends {@code request} (queued before the retry, which the failed restart sends itself), lets the restart
     * fail, and waits for the answer.
     */
    Object sendThenFailTheRestart(SupervisorRequest request) throws Exception {
        CompletableFuture<Object> answer = supervisor.server().callAsync(request);
        failTheRestart.countDown();
        return answer.get(Journal.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
