package dev.peeper.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The queue on one thread: order, removal and retraction; {@link MailboxStressTest} covers it under threads. */
class MpscQueueTest {
    private final MpscQueue<String> queue = new MpscQueue<>();

    @Test
    void takesInOrderOfOffer() {
        queue.offer("a");
        queue.offer("b");
        queue.offer("c");

        assertThat(queue.size()).isEqualTo(3);
        assertThat(takeAll()).containsExactly("a", "b", "c");
        assertThat(queue.poll()).isNull();
        assertThat(queue.size()).isZero();
    }

    @Test
    void anEmptyQueueAnswersNull() {
        assertThat(queue.poll()).isNull();
        assertThat(queue.size()).isZero();
    }

    @Test
    void isUsableAgainAfterBeingEmptied() {
        queue.offer("a");
        assertThat(queue.poll()).isEqualTo("a");
        assertThat(queue.poll()).isNull();

        queue.offer("b");

        assertThat(queue.poll()).isEqualTo("b");
        assertThat(queue.poll()).isNull();
    }

    @Test
    void removeIfKeepsTheRestInOrder() {
        for (String s : List.of("a1", "b1", "a2", "b2", "a3")) {
            queue.offer(s);
        }

        queue.removeIf(s -> s.startsWith("b"));

        assertThat(queue.size()).isEqualTo(3);
        assertThat(takeAll()).containsExactly("a1", "a2", "a3");
    }

    @Test
    void removeIfOfTheFirstAndTheLastLeavesTheMiddle() {
        queue.offer("x");
        queue.offer("keep");
        queue.offer("y");

        queue.removeIf(s -> !s.equals("keep"));

        assertThat(queue.size()).isEqualTo(1);
        assertThat(takeAll()).containsExactly("keep");
    }

    @Test
    void theLastNodeRemovedStaysLinkableForLaterOffers() {
        queue.offer("a");
        queue.offer("gone");
        queue.removeIf("gone"::equals); // the tail: cleared, not unlinked

        queue.offer("b");
        queue.offer("gone");
        queue.removeIf("gone"::equals);
        queue.offer("c");

        assertThat(queue.size()).isEqualTo(3);
        assertThat(takeAll()).containsExactly("a", "b", "c");
        queue.offer("d");
        assertThat(takeAll()).containsExactly("d");
    }

    @Test
    void removingEverythingLeavesAnEmptyQueue() {
        queue.offer("a");
        queue.offer("b");

        queue.removeIf(s -> true);

        assertThat(queue.size()).isZero();
        assertThat(queue.poll()).isNull();
    }

    @Test
    void aRetractedValueIsNeverTaken() {
        queue.offer("a");
        MpscQueue.Node<String> b = queue.offer("b");
        queue.offer("c");

        assertThat(queue.retract(b)).isTrue();
        assertThat(queue.retract(b)).as("only once").isFalse();

        assertThat(queue.size()).isEqualTo(2);
        assertThat(takeAll()).containsExactly("a", "c");
    }

    @Test
    void retractingATakenValueFindsNothing() {
        MpscQueue.Node<String> a = queue.offer("a");
        assertThat(queue.poll()).isEqualTo("a");

        assertThat(queue.retract(a)).isFalse();
    }

    @Test
    void aRetractedLastValueLeavesAnEmptyQueue() {
        MpscQueue.Node<String> a = queue.offer("a");

        queue.retract(a);

        assertThat(queue.poll()).isNull();
        queue.offer("b");
        assertThat(takeAll()).containsExactly("b");
    }

    @Test
    void manyProducersLoseNothingAndKeepEachOnesOrder() throws Exception {
        MpscQueue<Integer> shared = new MpscQueue<>();
        int producers = 4;
        int each = 50_000;
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < each; i++) {
                    shared.offer(producer * each + i);
                }
            }));
        }
        int[] next = new int[producers];
        for (int taken = 0; taken < producers * each; ) {
            Integer value = shared.poll();
            if (value == null) {
                Thread.onSpinWait(); // the producers run on: no wait here can be lost
                continue;
            }
            int producer = value / each;
            assertThat(value % each).as("next of producer %d", producer).isEqualTo(next[producer]);
            next[producer]++;
            taken++;
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(shared.poll()).isNull();
    }

    private List<String> takeAll() {
        List<String> taken = new ArrayList<>();
        for (String s; (s = queue.poll()) != null; ) {
            taken.add(s);
        }
        return taken;
    }
}
