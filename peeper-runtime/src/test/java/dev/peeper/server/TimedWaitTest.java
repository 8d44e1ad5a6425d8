package dev.peeper.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A wait on someone else's future ({@code stop} waiting for a process to end, a start for its init) leaves nothing
 * behind on that future when it times out or is interrupted: repeated timed-out stops of a process that will not
 * end must not pile listeners on its exit future.
 */
class TimedWaitTest {
    private static final long ONE_MILLISECOND = Duration.ofMillis(1).toNanos();

    @Test
    void aTimedOutWaitLeavesNoListener() throws Exception {
        CompletableFuture<Object> never = new CompletableFuture<>();

        for (int i = 0; i < 20; i++) {
            assertThat(TimedFuture.awaitDone(never, ONE_MILLISECOND)).isFalse();
        }

        assertThat(never.getNumberOfDependents()).isZero();
    }

    @Test
    void anInterruptedWaitLeavesNoListener() {
        CompletableFuture<Object> never = new CompletableFuture<>();
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> TimedFuture.awaitDone(never, Duration.ofSeconds(5).toNanos()))
                .isInstanceOf(InterruptedException.class);

        assertThat(never.getNumberOfDependents()).isZero();
    }

    @Test
    void aCompletedFutureIsDoneWhateverItsOutcome() throws Exception {
        assertThat(TimedFuture.awaitDone(CompletableFuture.completedFuture("done"), ONE_MILLISECOND)).isTrue();
        assertThat(TimedFuture.awaitDone(CompletableFuture.failedFuture(new IllegalStateException("failed")),
                Long.MAX_VALUE)).isTrue();
        CompletableFuture<Object> later = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> later.complete("later"));
        assertThat(TimedFuture.awaitDone(later, Long.MAX_VALUE)).isTrue();
    }
}
