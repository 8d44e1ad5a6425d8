package dev.peeper.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link MpscQueue#size()} (behind {@code Proc.mailboxLength} and every server's statistics) is cheap and bounded
 * under any load: it used to walk the chain, O(n), restarting whenever the consumer overtook it, and took up to
 * seconds under 8 producers.
 */
class QueueSizeTest {
    @Test
    void sizeDoesNotDependOnHowManyWait() {
        MpscQueue<Object> queue = new MpscQueue<>();
        Object message = new Object();
        for (int i = 0; i < 200_000; i++) {
            queue.offer(message);
        }

        // a walk would visit 2 * 10^10 nodes here; counters answer at once. The bound is 10,000 times what it takes
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int i = 0; i < 100_000; i++) {
                assertThat(queue.size()).isEqualTo(200_000);
            }
        });
    }

    @Test
    void sizeCountsRetractedAndRemovedValuesOut() {
        MpscQueue<String> queue = new MpscQueue<>();
        queue.offer("a");
        MpscQueue.Node<String> b = queue.offer("b");
        queue.offer("c");
        queue.offer("d");

        queue.retract(b);
        queue.removeIf("c"::equals);
        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.poll()).isEqualTo("a");
        assertThat(queue.size()).isEqualTo(1);
        assertThat(queue.poll()).isEqualTo("d");
        assertThat(queue.size()).isZero();
        assertThat(queue.poll()).isNull();
        assertThat(queue.size()).isZero();
    }

    /** Producers, a consumer that keeps overtaking, and a reader of the size: always in range, exact when quiet. */
    @Test
    void sizeStaysInRangeUnderLoad() throws Exception {
        int producers = 4;
        MpscQueue<Object> queue = new MpscQueue<>();
        AtomicInteger offered = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            threads.add(Thread.ofPlatform().start(() -> {
                Object message = new Object();
                while (!stop.get()) {
                    offered.incrementAndGet();
                    queue.offer(message);
                }
            }));
        }
        AtomicInteger taken = new AtomicInteger();
        Thread consumer = Thread.ofPlatform().start(() -> {
            while (!stop.get()) {
                if (queue.poll() != null) {
                    taken.incrementAndGet();
                }
            }
        });
        StressBudget budget = StressBudget.start();
        long reads = 0;
        while (budget.more()) {
            int size = queue.size();
            assertThat(size).isBetween(0, offered.get());
            reads++;
        }
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        consumer.join();

        assertThat(reads).isPositive();
        assertThat(queue.size()).as("quiet: exact").isEqualTo(offered.get() - taken.get());
        while (queue.poll() != null) {
            taken.incrementAndGet();
        }
        assertThat(taken.get()).isEqualTo(offered.get());
        assertThat(queue.size()).isZero();
    }
}
