package dev.peeper.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The partitions lost in one burst are reported once, together, in order; a later burst on its own. */
class PartitionLossBurstTest {
    private final List<SortedSet<Integer>> reports = new ArrayList<>();
    private final List<Runnable> scheduled = new ArrayList<>();
    private final PartitionLossBurst burst = new PartitionLossBurst(reports::add, scheduled::add);

    @Test
    void theLossesOfABurstAreReportedInOneReportOnceItIsOver() {
        burst.lost(7);
        burst.lost(3);
        burst.lost(7); // heard twice (a retried event)

        assertThat(scheduled).as("one report per burst").hasSize(1);
        assertThat(reports).as("not before the burst is over").isEmpty();
        scheduled.get(0).run();
        assertThat(reports).containsExactly(new TreeSet<>(List.of(3, 7)));

        burst.lost(9);
        assertThat(scheduled).as("a later loss starts a new burst").hasSize(2);
        scheduled.get(1).run();
        assertThat(reports.get(1)).containsExactly(9);
    }

    @Test
    void aLongListIsShortenedToItsFirstPartitionsAndACount() {
        assertThat(PartitionLossBurst.describe(new TreeSet<>(List.of(1, 2, 3)))).isEqualTo("1, 2, 3");
        TreeSet<Integer> many = new TreeSet<>();
        IntStream.range(0, 200).forEach(many::add);
        assertThat(PartitionLossBurst.describe(many)).isEqualTo("0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 188 more");
    }
}
