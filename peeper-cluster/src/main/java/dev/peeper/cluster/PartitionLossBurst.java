package dev.peeper.cluster;

import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Gathers the partitions of one map that lost every copy within a short burst, so that they are reported once: a
 * member left alone by a split hears a loss for every partition whose copies were all on the other side, a couple
 * of hundred events at once, and a line for each buried everything else in the log.
 *
 * <p>Thread-safe: the engine's event threads call {@link #lost}; the report runs on {@code later}.
 */
final class PartitionLossBurst {
    private final Consumer<SortedSet<Integer>> report;
    private final Executor later;
    // guarded by this
    private TreeSet<Integer> pending = new TreeSet<>();

    /**
     * @param report told the partitions of a burst, in order, once it is over
     * @param later  runs the report once the burst is over (a delayed executor)
     */
    PartitionLossBurst(Consumer<SortedSet<Integer>> report, Executor later) {
        this.report = report;
        this.later = later;
    }

    /** Partition {@code partition} lost every copy: reported with the others of its burst. */
    void lost(int partition) {
        boolean first;
        synchronized (this) {
            first = pending.isEmpty();
            pending.add(partition);
        }
        if (first) {
            later.execute(this::flush);
        }
    }

    private void flush() {
        TreeSet<Integer> burst;
        synchronized (this) {
            burst = pending;
            pending = new TreeSet<>();
        }
        report.accept(burst);
    }

    /** {@code partitions} as a short text: all of them if few, else the first ones and how many more. */
    static String describe(SortedSet<Integer> partitions) {
        int shown = 12;
        StringBuilder text = new StringBuilder();
        int listed = 0;
        for (int partition : partitions) {
            if (listed == shown) {
                return text.append(" and ").append(partitions.size() - shown).append(" more").toString();
            }
            text.append(listed == 0 ? "" : ", ").append(partition);
            listed++;
        }
        return text.toString();
    }
}
