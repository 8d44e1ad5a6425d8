package dev.peeper.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link Proc#sendAfter}: a message arrives after its delay, a cancelled one never does, and a timer to a process
 * that has ended sends nothing. Timers fire in deadline order on one thread, so "a later timer arrived" proves an
 * earlier cancelled one would have arrived first: no sleeping to show that something did not happen.
 */
class TimersTest {
    @RegisterExtension
    final ProcessCleanup processes = new ProcessCleanup();

    private final Inbox seen = new Inbox();

    @Test
    void theMessageArrivesAfterTheDelayNotBefore() throws Exception {
        Duration delay = Duration.ofMillis(30);
        processes.track(Proc.spawn(() -> {
            long armed = System.nanoTime();
            TimerRef timer = Proc.sendAfter(delay, "ring");
            seen.add(timer.isPending());
            seen.add(Proc.receive());
            seen.add(System.nanoTime() - armed >= delay.toNanos());
            seen.add(timer.isPending());
        }));

        assertThat(seen.next()).isEqualTo(true);
        assertThat(seen.next()).isEqualTo("ring");
        assertThat(seen.next()).as("not delivered early").isEqualTo(true);
        assertThat(seen.next()).as("a sent timer is no longer pending").isEqualTo(false);
    }

    @Test
    void aCancelledTimerNeverSends() throws Exception {
        processes.track(Proc.spawn(() -> {
            TimerRef cancelled = Proc.sendAfter(Duration.ofMillis(20), "cancelled");
            seen.add(cancelled.cancel());
            seen.add(cancelled.cancel());
            Proc.sendAfter(Duration.ofMillis(40), "later");
            seen.add(Proc.receive());
        }));

        assertThat(seen.next()).as("the first cancel stops it").isEqualTo(true);
        assertThat(seen.next()).as("a second cancel has nothing to stop").isEqualTo(false);
        assertThat(seen.next()).isEqualTo("later");
    }

    @Test
    void cancellingASentTimerSaysSo() throws Exception {
        processes.track(Proc.spawn(() -> {
            TimerRef timer = Proc.sendAfter(Duration.ZERO, "now");
            seen.add(Proc.receive());
            seen.add(timer.cancel());
        }));

        assertThat(seen.next()).isEqualTo("now");
        assertThat(seen.next()).isEqualTo(false);
    }

    @Test
    void aTimerToAnEndedProcessSendsNothingAndHarmsNothing() throws Exception {
        Pid gone = Proc.spawn(() -> { });
        Proc.whenExited(gone).get(5, TimeUnit.SECONDS);
        TimerRef toTheDead = Proc.sendAfter(gone, Duration.ZERO, "lost");
        CompletableFuture<Object> after = new CompletableFuture<>();
        Pid alive = processes.track(Proc.spawn(() -> after.complete(Proc.receive())));
        Proc.sendAfter(alive, Duration.ofMillis(10), "still working");

        assertThat(after.get(5, TimeUnit.SECONDS)).isEqualTo("still working");
        assertThat(toTheDead.isPending()).isFalse();
        assertThat(toTheDead.target()).isEqualTo(gone);
    }

    @Test
    void aProcessThatEndsTakesItsPendingTimersWithIt() throws Exception {
        CompletableFuture<TimerRef> armed = new CompletableFuture<>();
        Pid worker = Proc.spawn(() -> {
            armed.complete(Proc.sendAfter(Duration.ofHours(1), "much later"));
            Proc.receive();
        });
        TimerRef timer = armed.get(5, TimeUnit.SECONDS);
        assertThat(timer.isPending()).isTrue();

        Proc.exit(worker, ExitReason.kill());
        Proc.whenExited(worker).get(5, TimeUnit.SECONDS); // completes after the process's clean-ups

        assertThat(timer.isPending()).as("cancelled by the end of its target").isFalse();
        assertThat(timer.cancel()).isFalse();
        assertThat(timer).hasToString("#Timer<" + worker + ", cancelled>");
    }

    @Test
    void fromAnyThreadToAnyProcess() throws Exception {
        Pid probe = processes.track(Proc.spawn(seen::forwardAll));

        Duration later = Duration.ofMillis(50);
        long before = System.nanoTime();
        Proc.sendAfter(probe, later, "second");
        Proc.sendAfter(probe, Duration.ZERO, "first");
        // armed within `later` of the other, "first" is due before it; a test thread descheduled for longer (a
        // loaded machine) armed it when "second" was already due, and then the order is no longer the point
        boolean firstIsDueFirst = System.nanoTime() - before < later.toNanos();

        List<Object> arrived = List.of(seen.next(), seen.next());
        if (firstIsDueFirst) {
            assertThat(arrived).as("in the order they are due, not armed").containsExactly("first", "second");
        } else {
            assertThat(arrived).containsExactlyInAnyOrder("first", "second");
        }
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> Proc.sendAfter(Duration.ZERO, "x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Proc.sendAfter(null, Duration.ZERO, "x")).hasMessageContaining("pid");
        Pid pid = processes.track(Proc.spawn(seen::forwardAll));
        assertThatThrownBy(() -> Proc.sendAfter(pid, null, "x")).hasMessageContaining("delay");
        assertThatThrownBy(() -> Proc.sendAfter(pid, Duration.ZERO, null)).hasMessageContaining("message");
    }
}
