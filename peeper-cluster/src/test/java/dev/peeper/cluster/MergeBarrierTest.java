package dev.peeper.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The barrier a member closes while it is merged into another cluster after a split ({@link MergeBarrier}): the end of
 * a merge opens it only if no later merge has closed it again. (What it is for, a heal that loses nothing a side
 * acknowledged alone, is {@link ThreeWayHealTest}'s and {@link SplitHealTest}'s.)
 */
class MergeBarrierTest {
    private final MergeBarrier barrier = new MergeBarrier(Duration.ofSeconds(1));

    @Test
    void aMergeClosesItAndItsEndOpensIt() {
        assertThat(barrier.merging()).isFalse();
        barrier.close(new LocalSlots()); // nothing kept here: nothing to wait for
        assertThat(barrier.merging()).isTrue();
        barrier.open(barrier.closing());
        assertThat(barrier.merging()).isFalse();
    }

    @Test
    void theEndOfAnEarlierMergeLeavesItClosedForALaterOne() {
        barrier.close(new LocalSlots());
        long first = barrier.closing();
        barrier.close(new LocalSlots()); // merged again before the first merge's servers were settled
        barrier.open(first);
        assertThat(barrier.merging()).as("closed for the later merge").isTrue();
        barrier.open(barrier.closing());
        assertThat(barrier.merging()).isFalse();
    }
}
