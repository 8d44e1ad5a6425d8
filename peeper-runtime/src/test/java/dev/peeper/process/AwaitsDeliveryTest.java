package dev.peeper.process;

import static dev.peeper.process.Inbox.awaitExit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.process.internal.AwaitsDelivery;
import dev.peeper.process.internal.SystemMessage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Messages whose sender waits: told {@code noproc} when sent to a dead process, the reason when left queued. */
class AwaitsDeliveryTest {
    @RegisterExtension
    final ProcessCleanup processes = new ProcessCleanup();

    /** A call-like message that records what it was told. */
    static class Waiting implements AwaitsDelivery {
        final CompletableFuture<ExitReason> told = new CompletableFuture<>();
        final AtomicInteger times = new AtomicInteger();
        volatile Pid target;

        @Override
        public void undelivered(Pid target, ExitReason reason) {
            this.target = target;
            times.incrementAndGet();
            told.complete(reason);
        }

        ExitReason awaitTold() throws Exception {
            return told.get(Inbox.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** One that the runtime also serves first. */
    static final class WaitingSystem extends Waiting implements SystemMessage {
    }

    @Test
    void sentToADeadProcessItIsToldNoproc() throws Exception {
        Pid dead = Proc.spawn(() -> {
            throw Proc.exit(ExitReason.of("gone"));
        });
        awaitExit(dead);
        Waiting call = new Waiting();

        Proc.send(dead, call);

        assertThat(call.told).isDone(); // at once, on the sender's thread
        assertThat(call.awaitTold()).isEqualTo(ExitReason.noproc());
        assertThat(call.target).isEqualTo(dead);
        assertThat(call.times).hasValue(1);
    }

    @Test
    void aSystemMessageSentToADeadProcessIsToldNoproc() throws Exception {
        Pid dead = Proc.spawn(() -> { });
        awaitExit(dead);
        Waiting call = new WaitingSystem();

        Proc.send(dead, call);

        assertThat(call.awaitTold()).isEqualTo(ExitReason.noproc());
    }

    @Test
    void leftQueuedWhenItsProcessEndsItIsToldTheProcesssReason() throws Exception {
        CountDownLatch queued = new CountDownLatch(1);
        Pid pid = processes.spawn(() -> {
            queued.await();
            throw Proc.exit(ExitReason.shutdown("going away"));
        });
        Waiting first = new Waiting();
        Waiting second = new WaitingSystem();

        Proc.send(pid, first);
        Proc.send(pid, "not waiting for anything");
        Proc.send(pid, second);
        queued.countDown();

        assertThat(first.awaitTold()).isEqualTo(ExitReason.shutdown("going away"));
        assertThat(second.awaitTold()).isEqualTo(ExitReason.shutdown("going away"));
        assertThat(first.target).isEqualTo(pid);
        assertThat(first.times).hasValue(1);
    }

    @Test
    void sentJustAfterASignalEndedItsProcessItIsStillTold() throws Exception {
        // the process may take the message in the instant between the signal and its end: it must give it back
        // rather than lose it; run it many times to give that race a chance
        for (int round = 0; round < 200; round++) {
            Inbox seen = new Inbox();
            Pid pid = Proc.spawn(() -> {
                seen.add("receiving");
                seen.add(Proc.receive());
            });
            assertThat(seen.next()).isEqualTo("receiving");

            Proc.exit(pid, ExitReason.kill());
            Waiting call = new Waiting();
            Proc.send(pid, call);

            assertThat(awaitExit(pid)).isEqualTo(ExitReason.killed());
            // queued before the end (told killed) or sent after it (told noproc): either way, told at once
            assertThat(call.awaitTold()).as("round %d", round).isIn(ExitReason.killed(), ExitReason.noproc());
            assertThat(seen.drain()).as("what the process took in round %d", round).isEmpty();
        }
    }

    @Test
    void queuedCallsAreToldBeforeMonitorsHearOfTheEnd() throws Exception {
        Inbox seen = new Inbox();
        CountDownLatch queued = new CountDownLatch(1);
        Pid pid = processes.spawn(() -> {
            queued.await();
            throw new IllegalStateException("crash with a call queued (on purpose)");
        });
        Waiting call = new Waiting();
        processes.spawn(() -> {
            Proc.monitor(pid);
            seen.add("watching");
            Proc.receive(); // the Down
            seen.add(call.told.isDone());
        });
        assertThat(seen.next()).isEqualTo("watching");

        Proc.send(pid, call);
        queued.countDown();

        assertThat(seen.next()).isEqualTo(true);
        assertThat(call.awaitTold()).isInstanceOf(ExitReason.Crash.class);
    }

    @Test
    void aMessageThatWasReceivedIsNotTold() throws Exception {
        Inbox seen = new Inbox();
        Waiting call = new Waiting();
        Pid pid = processes.spawn(() -> {
            seen.add(Proc.receive());
            throw Proc.exit(ExitReason.shutdown());
        });
        processes.spawn(() -> {
            Proc.monitor(pid);
            Proc.send(pid, call);
            seen.add(Proc.receive()); // the Down: by then every queued message has been told
            seen.add(call.told.isDone());
        });

        assertThat(seen.next()).isSameAs(call);
        assertThat(seen.next(Down.class).reason()).isEqualTo(ExitReason.shutdown());
        assertThat(seen.next()).isEqualTo(false);
    }
}
