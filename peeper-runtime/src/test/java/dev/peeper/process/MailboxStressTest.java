package dev.peeper.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.process.internal.SystemMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The mailbox under several producers and its one consumer: nothing lost, nothing reordered per producer, no
 * wake-up lost, with a consumer that parks again and again. Every wait is bounded by {@link Inbox#TIMEOUT}: a lost
 * wake-up shows as an {@code await} that times out with messages outstanding, not as a hung build.
 */
class MailboxStressTest {
    private static final int PRODUCERS = 3;
    /** Most messages a producer sends in the race with the close. */
    private static final int RACE_BOUND = 20_000;

    /** A message: who sent it and its place in that sender's sequence. */
    private record Msg(int producer, int serial) {
    }

    @Test
    void aConsumerThatParksOftenMissesNoWakeUpAndNoMessage() throws Exception {
        Mailbox mailbox = new Mailbox();
        int each = 3_000;
        CompletableFuture<Thread> consumerThread = new CompletableFuture<>();
        CompletableFuture<int[]> received = CompletableFuture.supplyAsync(() -> {
            consumerThread.complete(Thread.currentThread());
            return consume(mailbox, PRODUCERS * each);
        }, command -> Thread.ofVirtual().start(command));
        Thread consumer = consumerThread.get(Inbox.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);

        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            producers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < each; ) {
                    int burst = 1 + (i + producer) % 4; // bursts of 1-4 against a (mostly) parked consumer
                    for (int b = 0; b < burst && i < each; b++, i++) {
                        assertThat(mailbox.put(new Msg(producer, i))).isTrue();
                    }
                    awaitParked(consumer);
                }
            }));
        }

        assertThat(received.get(2 * Inbox.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)).containsOnly(each);
        for (Thread producer : producers) {
            producer.join();
        }
        assertThat(mailbox.poll(false)).isNull();
    }

    @Test
    void removeIfWhileProducersPutKeepsTheRestInOrder() throws Exception {
        Mailbox mailbox = new Mailbox();
        int each = 20_000;
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            producers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < each; i++) {
                    mailbox.put(new Msg(producer, i));
                }
            }));
        }
        int[] nextEven = new int[PRODUCERS];
        int[] lastSeen = new int[PRODUCERS];
        Arrays.fill(lastSeen, -1);
        int evens = 0;
        long deadline = System.nanoTime() + 2 * Inbox.TIMEOUT.toNanos();
        while (evens < PRODUCERS * each / 2) {
            mailbox.removeIf(message -> ((Msg) message).serial() % 2 == 1);
            for (int k = 0; k < 7; k++) { // a few takes between removals, so both run against the producers
                Msg message = (Msg) mailbox.await(false, deadline);
                assertThat(message).as("a message, %d evens in", evens).isNotNull();
                assertThat(message.serial()).as("order of producer %d", message.producer())
                        .isGreaterThan(lastSeen[message.producer()]);
                lastSeen[message.producer()] = message.serial();
                if (message.serial() % 2 == 0) { // an odd one may be taken before a removal reaches it
                    assertThat(message.serial()).as("no even lost").isEqualTo(nextEven[message.producer()]);
                    nextEven[message.producer()] += 2;
                    evens++;
                }
                if (evens == PRODUCERS * each / 2) {
                    break;
                }
            }
        }
        for (Thread producer : producers) {
            producer.join();
        }
        mailbox.removeIf(message -> ((Msg) message).serial() % 2 == 1);
        assertThat(mailbox.size()).isZero();
        assertThat(mailbox.poll(false)).isNull();
    }

    @RepeatedTest(30)
    void aPutRacingTheCloseIsRefusedOrDrainedAndTheClosedMailboxKeepsNothing() throws Exception {
        Mailbox mailbox = new Mailbox();
        List<Set<Integer>> accepted = new ArrayList<>();
        AtomicInteger sent = new AtomicInteger();
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            Set<Integer> mine = new HashSet<>();
            accepted.add(mine);
            int producer = p;
            producers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < RACE_BOUND; i++) { // bounded, in case the close comes late
                    // every third a system message: both lanes race with the close
                    Object message = i % 3 == 0 ? new Sys(producer, i) : new Msg(producer, i);
                    if (!mailbox.put(message)) {
                        return;
                    }
                    mine.add(i);
                    sent.incrementAndGet();
                }
            }));
        }
        Set<Object> taken = new HashSet<>();
        while (taken.size() < 500) {
            Object message = mailbox.await(false, System.nanoTime() + Inbox.TIMEOUT.toNanos());
            assertThat(message).isNotNull();
            taken.add(message);
        }
        while (sent.get() < 2_000 && producers.stream().anyMatch(Thread::isAlive)) {
            Thread.onSpinWait(); // close while they put
        }

        List<Object> drained = mailbox.drain();

        for (Thread producer : producers) {
            producer.join(Inbox.TIMEOUT.toMillis());
            assertThat(producer.isAlive()).as("a producer ends").isFalse();
        }
        assertThat(drained).doesNotContainAnyElementsOf(taken);
        Set<Object> delivered = new HashSet<>(taken);
        delivered.addAll(drained);
        List<Object> lost = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            for (int i : accepted.get(p)) {
                Object message = i % 3 == 0 ? new Sys(p, i) : new Msg(p, i);
                if (!delivered.contains(message)) {
                    lost.add(message);
                }
            }
        }
        assertThat(lost).as("accepted, yet neither taken nor drained").isEmpty();
        assertThat(mailbox.size()).as("a closed mailbox keeps nothing").isZero();
        assertThat(mailbox.poll(false)).isNull();
        assertThat(mailbox.put("late")).isFalse();
    }

    private record Sys(int producer, int serial) implements SystemMessage {
    }

    /** Takes {@code total} messages, checking each producer's order; returns how many came from each. */
    private static int[] consume(Mailbox mailbox, int total) {
        int[] next = new int[PRODUCERS];
        for (int n = 0; n < total; n++) {
            Msg message = (Msg) mailbox.await(false, System.nanoTime() + Inbox.TIMEOUT.toNanos());
            assertThat(message).as("message %d of %d: a lost wake-up times out here", n, total).isNotNull();
            assertThat(message.serial()).as("order of producer %d", message.producer())
                    .isEqualTo(next[message.producer()]);
            next[message.producer()]++;
        }
        return next;
    }

    /**
     * Gives the consumer the chance to park before the next burst: waits, bounded, until it does or has ended. Not a
     * synchronisation the test relies on, only what makes wake-ups frequent.
     */
    private static void awaitParked(Thread consumer) {
        for (int spins = 0; spins < 20_000; spins++) {
            Thread.State state = consumer.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING
                    || state == Thread.State.TERMINATED) {
                return;
            }
            Thread.onSpinWait();
        }
    }
}
