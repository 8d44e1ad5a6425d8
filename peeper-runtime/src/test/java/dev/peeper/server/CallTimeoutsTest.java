package dev.peeper.server;

import static dev.peeper.server.ServerTesting.TIMEOUT;
import static dev.peeper.server.ServerTesting.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The timing wheel behind call timeouts. Most tests drive a wheel of their own with a clock they set and
 * {@link CallTimeouts#expireDue()} in place of the ticker, so what expires when is exact; the waiters are real
 * threads, and every wait for them is on an event, bounded by {@link ServerTesting#TIMEOUT}.
 */
class CallTimeoutsTest {
    private static final long TICK = CallTimeouts.TICK_NANOS;
    private static final long TURN = CallTimeouts.BUCKETS * TICK;

    private final AtomicLong clock = new AtomicLong();
    private final CallTimeouts wheel = new CallTimeouts(clock::get, 8);

    /** Starts a virtual thread waiting on {@code wait} for {@code timeoutNanos}; completes with what it returned. */
    private CompletableFuture<Boolean> waitOn(TimedFuture wait, long timeoutNanos) {
        CompletableFuture<Boolean> outcome = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                outcome.complete(wait.awaitDone(wheel, timeoutNanos));
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        });
        return outcome;
    }

    /** Spins (no sleep) until {@code condition} holds, failing after {@link ServerTesting#TIMEOUT}. */
    private static void awaitThat(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened: " + what);
            }
            Thread.onSpinWait();
        }
    }

    private void advanceTo(long nanos) {
        clock.set(nanos);
        wheel.expireDue();
    }

    @Test
    void aWaitPastItsDeadlineExpiresAndNotATickBefore() throws Exception {
        TimedFuture wait = new TimedFuture();
        CompletableFuture<Boolean> outcome = waitOn(wait, 50 * 1_000_000L);
        awaitThat(() -> wheel.size() == 1, "the wait is in the wheel");

        advanceTo(49 * 1_000_000L);
        assertThat(wait.isExpired()).as("one millisecond early").isFalse();
        assertThat(outcome).isNotDone();

        advanceTo(50 * 1_000_000L);
        assertThat(await(outcome)).as("completed").isFalse();
        assertThat(wait.isExpired()).isTrue();
        assertThat(wheel.size()).isZero();
    }

    @Test
    void aWaitAnsweredBeforeItsDeadlineReturnsTrueAndLeavesTheWheelAtOnce() throws Exception {
        TimedFuture wait = new TimedFuture();
        CompletableFuture<Boolean> outcome = waitOn(wait, 50 * 1_000_000L);
        awaitThat(() -> wheel.size() == 1, "the wait is in the wheel");

        wait.complete("answer");

        assertThat(await(outcome)).isTrue();
        assertThat(wheel.size()).as("removed by the waiter, not left for its deadline").isZero();
        advanceTo(TURN);
        assertThat(wait.isExpired()).isFalse();
    }

    @Test
    void aDoneWaitOrANonPositiveTimeoutNeverEntersTheWheel() throws Exception {
        TimedFuture done = new TimedFuture();
        done.complete(1);
        assertThat(done.awaitDone(wheel, TICK)).isTrue();
        assertThat(new TimedFuture().awaitDone(wheel, 0)).isFalse();
        assertThat(new TimedFuture().awaitDone(wheel, -1)).isFalse();
        assertThat(wheel.size()).isZero();
    }

    @Test
    void removeUnlinksAWaitFromAnyPlaceInItsBucket() {
        List<TimedFuture> waits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            TimedFuture wait = new TimedFuture();
            wheel.add(wait, 30 * 1_000_000L); // same thread, same tick: one bucket of one stripe
            waits.add(wait);
        }

        wheel.remove(waits.get(1)); // middle
        wheel.remove(waits.get(3)); // head (the last added)
        wheel.remove(waits.get(0)); // tail
        wheel.remove(waits.get(0)); // again: a no-op
        assertThat(wheel.size()).isEqualTo(1);

        advanceTo(30 * 1_000_000L);
        assertThat(waits).extracting(TimedFuture::isExpired).containsExactly(false, false, true, false);
        assertThat(wheel.size()).isZero();
        wheel.remove(waits.get(2)); // after expiry: a no-op too
        assertThat(wheel.size()).isZero();
    }

    @Test
    void manyConcurrentWaitsAcrossStripesAndBucketsEachExpireAtTheirDeadline() throws Exception {
        int n = 400;
        List<TimedFuture> waits = new ArrayList<>();
        List<CompletableFuture<Boolean>> outcomes = new ArrayList<>();
        long[] timeouts = new long[n];
        for (int i = 0; i < n; i++) {
            timeouts[i] = (1 + i % 97) * 3 * 1_000_000L; // 3..291 ms, every bucket shared by several threads
            TimedFuture wait = new TimedFuture();
            waits.add(wait);
            outcomes.add(waitOn(wait, timeouts[i]));
        }
        awaitThat(() -> wheel.size() == n, "every wait is in the wheel");

        for (int i = 0; i < n; i += 2) {
            waits.get(i).complete(i); // answered: the even ones
        }
        for (int i = 0; i < n; i += 2) {
            assertThat(await(outcomes.get(i))).isTrue();
        }
        assertThat(wheel.size()).isEqualTo(n / 2);

        for (long now = TICK; now <= 300 * 1_000_000L; now += TICK) {
            advanceTo(now);
            for (int i = 1; i < n; i += 2) {
                assertThat(waits.get(i).isExpired()).as("wait %d (%d ns) at %d ns", i, timeouts[i], now)
                        .isEqualTo(now >= timeouts[i]);
            }
        }
        for (int i = 1; i < n; i += 2) {
            assertThat(await(outcomes.get(i))).isFalse();
        }
        assertThat(wheel.size()).isZero();
    }

    @Test
    void aDeadlineMoreThanOneTurnAwayWaitsForItsTurn() {
        TimedFuture wait = new TimedFuture();
        long timeout = 3 * TURN + 25 * 1_000_000L;
        wheel.add(wait, timeout);

        for (long now = TICK; now < timeout; now += TICK) {
            advanceTo(now); // passes its bucket three times
            if (wait.isExpired()) {
                throw new AssertionError("expired at " + now + " ns, before its deadline " + timeout);
            }
        }
        advanceTo(timeout + TICK - 1);
        assertThat(wait.isExpired()).as("in the tick that holds the deadline").isTrue();
    }

    @Test
    void aLongPauseExpiresWhatIsDueAndKeepsTheRest() {
        TimedFuture due = new TimedFuture();
        TimedFuture later = new TimedFuture();
        wheel.add(due, 2 * TURN);
        wheel.add(later, 12 * TURN);

        advanceTo(10 * TURN); // one run after ten turns without one

        assertThat(due.isExpired()).isTrue();
        assertThat(later.isExpired()).isFalse();
        advanceTo(12 * TURN);
        assertThat(later.isExpired()).isTrue();
    }

    @Test
    void aWaitWhoseTickHasAlreadyBeenExpiredGoesInTheNextTickNotOneTurnLater() {
        advanceTo(100 * 1_000_000L);
        clock.set(0); // as if the adding thread had read the clock long before it took the lock
        TimedFuture wait = new TimedFuture();
        wheel.add(wait, 10 * 1_000_000L);

        advanceTo(110 * 1_000_000L);

        assertThat(wait.isExpired()).isTrue();
    }

    @Test
    void anInterruptEndsTheWaitWithInterruptedExceptionAndLeavesTheWheel() throws Exception {
        TimedFuture wait = new TimedFuture();
        CompletableFuture<Thread> waiter = new CompletableFuture<>();
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            waiter.complete(Thread.currentThread());
            try {
                wait.awaitDone(wheel, TURN);
                thrown.complete(null);
            } catch (Throwable t) {
                thrown.complete(t);
            }
        });
        awaitThat(() -> wheel.size() == 1, "the wait is in the wheel");

        await(waiter).interrupt();

        assertThat(await(thrown)).isInstanceOf(InterruptedException.class);
        assertThat(wheel.size()).isZero();
    }

    @Test
    void aCallPastItsTimeoutThrowsCallTimeoutExceptionAndALateReplyIsDropped() {
        Call call = new Call("late");
        long start = System.nanoTime();

        assertThatThrownBy(() -> call.await(ServerRef.named("slow"), Duration.ofMillis(50)))
                .isExactlyInstanceOf(CallTimeoutException.class)
                .hasMessageStartingWith("no reply from slow within PT0.05S to late");

        assertThat(System.nanoTime() - start).as("never early").isGreaterThanOrEqualTo(50 * 1_000_000L);
        assertThat(call.reply("too late")).as("accepted, and read by nobody").isTrue();
    }

    @Test
    void aCallAnsweredInTimeReturnsTheReplyAndAFailureIsRethrownWithTheCallersStack() {
        Call answered = new Call("get");
        Thread.ofVirtual().start(() -> answered.reply(42));
        assertThat(answered.await(ServerRef.named("fast"), TIMEOUT)).isEqualTo(42);

        Call failed = new Call("get");
        IllegalArgumentException cause = new IllegalArgumentException("bad request");
        Thread.ofVirtual().start(() -> failed.fail(cause));
        assertThatThrownBy(() -> failed.await(ServerRef.named("fast"), TIMEOUT))
                .isExactlyInstanceOf(CallFailedException.class)
                .hasCause(cause)
                .satisfies(e -> assertThat(e.getStackTrace()[0].getClassName()).isEqualTo(Call.class.getName()));
    }

    @Test
    void theSharedTickerIsADaemonThatParksUntimedWhileThereIsNothingToTime() throws Exception {
        CallTimeouts own = new CallTimeouts(System::nanoTime, 4).startTicker("call-timeouts-test");
        Thread ticker = own.ticker();
        assertThat(ticker.isDaemon()).isTrue();
        assertThat(CallTimeouts.shared().ticker().isDaemon()).isTrue();
        awaitThat(() -> ticker.getState() == Thread.State.WAITING, "the ticker parks untimed while idle");

        assertThat(new TimedFuture().awaitDone(own, TimeUnit.MILLISECONDS.toNanos(50))).as("timed out").isFalse();

        awaitThat(() -> ticker.getState() == Thread.State.WAITING, "the ticker parks untimed once idle again");
        assertThat(own.size()).isZero();
    }
}
