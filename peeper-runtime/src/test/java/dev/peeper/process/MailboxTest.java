package dev.peeper.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.process.internal.SystemMessage;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The mailbox on its own, driven from plain threads. */
class MailboxTest {
    private final Mailbox mailbox = new Mailbox();

    record Sys(String name) implements SystemMessage {
    }

    @Test
    void pollServesTheSystemLaneFirstAndEachLaneInOrder() {
        mailbox.put("a");
        mailbox.put(new Sys("x"));
        mailbox.put("b");
        mailbox.put(new Sys("y"));

        assertThat(mailbox.size()).isEqualTo(4);
        assertThat(mailbox.poll(false)).isEqualTo(new Sys("x"));
        assertThat(mailbox.poll(false)).isEqualTo(new Sys("y"));
        assertThat(mailbox.poll(false)).isEqualTo("a");
        assertThat(mailbox.poll(false)).isEqualTo("b");
        assertThat(mailbox.poll(false)).isNull();
    }

    @Test
    void pollOfTheSystemLaneOnlyLeavesOrdinaryMessages() {
        mailbox.put("a");

        assertThat(mailbox.poll(true)).isNull();
        mailbox.put(new Sys("x"));
        assertThat(mailbox.poll(true)).isEqualTo(new Sys("x"));
        assertThat(mailbox.size()).isEqualTo(1);
    }

    @Test
    void anUnreadMessageIsTakenAgainFirstInItsLane() {
        mailbox.put("a");
        mailbox.put("b");
        Object taken = mailbox.poll(false);
        mailbox.put(new Sys("x"));

        mailbox.unread(taken);

        assertThat(mailbox.size()).isEqualTo(3);
        assertThat(mailbox.poll(true)).as("system lane only").isEqualTo(new Sys("x"));
        assertThat(mailbox.poll(true)).as("an ordinary message stays for a full receive").isNull();
        assertThat(mailbox.poll(false)).isEqualTo("a");
        assertThat(mailbox.poll(false)).isEqualTo("b");
        assertThat(mailbox.poll(false)).isNull();
    }

    @Test
    void anUnreadSystemMessageComesBeforeTheRestOfTheSystemLane() {
        mailbox.put(new Sys("x"));
        mailbox.put(new Sys("y"));
        Object taken = mailbox.poll(true);

        mailbox.unread(taken);

        assertThat(mailbox.poll(true)).isEqualTo(new Sys("x"));
        assertThat(mailbox.poll(true)).isEqualTo(new Sys("y"));
    }

    @Test
    void theDrainIncludesAnUnreadMessage() {
        mailbox.put("a");
        mailbox.put("b");
        mailbox.unread(mailbox.poll(false));

        assertThat(mailbox.drain()).containsExactly("a", "b");
    }

    @Test
    void awaitReturnsNullAtTheDeadline() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);

        assertThat(mailbox.await(false, deadline)).isNull();
        assertThat(System.nanoTime() - deadline).isNotNegative();
    }

    @Test
    void awaitWakesForAMessagePutByAnotherThread() throws Exception {
        CompletableFuture<Object> got = new CompletableFuture<>();
        Thread consumer = Thread.ofVirtual().start(() -> got.complete(mailbox.await(false, Long.MAX_VALUE)));

        mailbox.put("hello");

        assertThat(got.get(Inbox.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)).isEqualTo("hello");
        consumer.join();
    }

    @Test
    void awaitReturnsNullWhenInterrupted() throws Exception {
        CompletableFuture<Object> got = new CompletableFuture<>();
        Thread consumer = Thread.ofVirtual().start(() -> got.complete(mailbox.await(false, Long.MAX_VALUE)));

        consumer.interrupt();

        assertThat(got.get(Inbox.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)).isNull();
        consumer.join();
    }

    @Test
    void drainReturnsWhatIsLeftSystemLaneFirst() {
        mailbox.put("a");
        mailbox.put(new Sys("x"));

        assertThat(mailbox.drain()).containsExactly(new Sys("x"), "a");
        assertThat(mailbox.isClosed()).isTrue();
    }

    @Test
    void closeRefusesLaterMessagesAndKeepsQueuedOnesForTheDrain() {
        mailbox.put("queued");
        mailbox.close();

        assertThat(mailbox.put("late")).isFalse();
        assertThat(mailbox.drain()).containsExactly("queued");
    }

    @Test
    void aClosedMailboxRefusesAndKeepsNothing() {
        mailbox.drain();

        assertThat(mailbox.put("late")).isFalse();
        assertThat(mailbox.put(new Sys("late"))).isFalse();
        assertThat(mailbox.size()).isZero();
        assertThat(mailbox.poll(false)).isNull();
    }

    @Test
    void manyProducersLoseNothing() throws Exception {
        int producers = 4;
        int each = 10_000;
        Thread[] threads = new Thread[producers];
        for (int p = 0; p < producers; p++) {
            int producer = p;
            threads[p] = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < each; i++) {
                    mailbox.put(producer * each + i);
                }
            });
        }
        boolean[] seen = new boolean[producers * each];
        int[] last = new int[producers];
        Arrays.fill(last, -1);
        for (int n = 0; n < producers * each; n++) {
            Object message = mailbox.await(false, System.nanoTime() + Inbox.TIMEOUT.toNanos());
            assertThat(message).as("message %d", n).isNotNull();
            int value = (Integer) message;
            int producer = value / each;
            assertThat(value % each).as("order of producer %d", producer).isGreaterThan(last[producer]);
            last[producer] = value % each;
            seen[value] = true;
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(mailbox.poll(false)).isNull();
        for (boolean got : seen) {
            assertThat(got).isTrue();
        }
    }
}
