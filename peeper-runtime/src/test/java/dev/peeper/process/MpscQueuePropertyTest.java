package dev.peeper.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * {@link MpscQueue} on one thread against an {@link ArrayDeque}: any mix of offers, polls, removals by a
 * predicate and retractions leaves the same values in the same order. Each operation is an int: its remainder
 * picks the operation, the rest is its argument.
 */
class MpscQueuePropertyTest {

    @Property(tries = 2000)
    void behavesLikeAFifoThatForgetsWhatIsRemovedOrRetracted(
            @ForAll @Size(max = 80) List<@IntRange(min = 0, max = 999) Integer> operations) {
        MpscQueue<Integer> queue = new MpscQueue<>();
        Deque<Integer> model = new ArrayDeque<>();
        List<MpscQueue.Node<Integer>> offered = new ArrayList<>();
        List<Integer> offeredValues = new ArrayList<>();
        int serial = 0;
        for (int operation : operations) {
            int argument = operation / 4;
            switch (operation % 4) {
                case 0 -> {
                    int value = serial++; // distinct values: a retraction takes back this one, not an equal one
                    offered.add(queue.offer(value));
                    offeredValues.add(value);
                    model.addLast(value);
                }
                case 1 -> assertThat(queue.poll()).isEqualTo(model.pollFirst());
                case 2 -> {
                    int modulus = 2 + argument % 3;
                    queue.removeIf(value -> value % modulus == 0);
                    model.removeIf(value -> value % modulus == 0);
                }
                default -> {
                    if (!offered.isEmpty()) {
                        int pick = argument % offered.size();
                        Integer value = offeredValues.get(pick);
                        assertThat(queue.retract(offered.get(pick))).as("retract %d", value)
                                .isEqualTo(model.contains(value));
                        model.remove(value);
                    }
                }
            }
            assertThat(queue.size()).isEqualTo(model.size());
        }
        List<Integer> left = new ArrayList<>();
        for (Integer value; (value = queue.poll()) != null; ) {
            left.add(value);
        }
        assertThat(left).containsExactlyElementsOf(model);
    }
}
