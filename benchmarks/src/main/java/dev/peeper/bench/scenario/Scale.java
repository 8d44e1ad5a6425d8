package dev.peeper.bench.scenario;

import dev.peeper.bench.counter.HandCounter;
import dev.peeper.bench.counter.Msg;
import dev.peeper.durable.Peeper;
import dev.peeper.durable.PeeperRef;
import dev.peeper.process.Pid;
import dev.peeper.server.GenServers;
import dev.peeper.server.ServerRef;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import javax.management.ObjectName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Scale: starts {@code n} idle servers (or, for the baselines, plain servers or bare parked virtual threads) from
 * {@code starters} virtual threads at once, timing the start and the collector's pauses within it, then measures the heap they hold: used heap after full collections, before and after, as
 * {@link MemoryMXBean} reports it, divided by {@code n}. The array that keeps them reachable is allocated before
 * the first reading, so it is not counted.
 */
final class Scale {
    /**
     * Servers started and stopped before measuring, so one-off costs (classes, caches) are not charged to them, and
     * so the start and park paths are compiled: a virtual thread that parks in interpreted frames keeps a stack
     * chunk up to twice the size of one parked in compiled frames (2,000 warm-up starts left the chunk at 650 to
     * 1,020 bytes from run to run; 20,000 at 380 to 560), and a long-running service runs compiled code.
     */
    private static final int WARM_UP = Integer.getInteger("scale.warmup", 20_000);

    private static volatile boolean release;

    private Scale() {
    }

    static void run(String kind, int n, int starters, boolean histogram) throws Exception {
        warmUp(kind);
        Object[] held = new Object[n];
        long before = usedAfterGc(2);
        long gcBefore = gcMillis();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        int slice = (n + starters - 1) / starters;
        for (int s = 0; s < starters; s++) {
            int from = s * slice;
            int to = Math.min(n, from + slice);
            threads.add(Thread.ofVirtual().name("starter-" + s).start(() -> {
                for (int i = from; i < to; i++) {
                    held[i] = startOne(kind);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double startSeconds = (System.nanoTime() - start) / 1e9;
        double gcSeconds = (gcMillis() - gcBefore) / 1e3;
        long after = usedAfterGc(1);
        check(kind, held);
        Scenarios.result("scale." + kind + "." + n + ".startSeconds", startSeconds);
        Scenarios.result("scale." + kind + "." + n + ".gcSeconds", gcSeconds);
        Scenarios.result("scale." + kind + "." + n + ".bytesPerServer", (double) (after - before) / n);
        Scenarios.result("scale." + kind + "." + n + ".heapMiB", (after - before) / 1048576.0);
        if (histogram) {
            printHistogram(n);
        }
        release = true;
    }

    /**
     * Starts and stops {@link #WARM_UP} first, so that classes are loaded, the code is compiled and the runtime's
     * one-off structures are in place before the first heap reading, and none of that is charged to the servers.
     */
    private static void warmUp(String kind) throws InterruptedException {
        for (int i = 0; i < WARM_UP; i++) {
            switch (kind) {
                case "peeper" -> Peeper.start(HandCounter::new, 0).stop();
                case "plain" -> GenServers.start(new HandCounter(), 0).stop();
                default -> {
                    Thread thread = Thread.ofVirtual().start(() -> { });
                    thread.join();
                }
            }
        }
    }

    /**
     * The live heap by class ({@code GC.class_histogram}, as {@code jcmd} prints it), per server: where the bytes
     * of an idle server go. Printed as {@code RESULT histogram.N class bytesPerServer instancesPerServer}.
     */
    private static void printHistogram(int n) throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        int rank = 0;
        for (String line : text.split("\\R")) {
            String[] cells = line.trim().split("\\s+");
            // "  1:   200000   12800000  java.lang.VirtualThread (java.base@25)"
            if (cells.length < 4 || !cells[0].endsWith(":")) {
                continue;
            }
            long instances = Long.parseLong(cells[1]);
            long bytes = Long.parseLong(cells[2]);
            if (instances < n / Integer.getInteger("histogram.per", 2)) {
                continue; // not per server: the few big arrays and one-offs
            }
            Scenarios.result("histogram." + rank++, cells[3] + " " + String.format(Locale.ROOT, "%.1f %.2f",
                    (double) bytes / n, (double) instances / n));
            if (rank == 20) {
                return;
            }
        }
    }

    private static Object startOne(String kind) {
        return switch (kind) {
            case "peeper" -> Peeper.start(HandCounter::new, 0).pid();
            case "plain" -> GenServers.start(new HandCounter(), 0).pid();
            case "bare" -> Thread.ofVirtual().start(Scale::parkUntilReleased);
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        };
    }

    private static void parkUntilReleased() {
        while (!release) {
            LockSupport.park();
        }
    }

    /** The servers still answer after the measurement (a handful, picked across the range). */
    private static void check(String kind, Object[] held) {
        for (int i = 0; i < held.length; i += Math.max(1, held.length / 7)) {
            int count = switch (kind) {
                case "peeper" -> PeeperRef.of((Pid) held[i]).<Integer>call(new Msg.Get());
                case "plain" -> ServerRef.of((Pid) held[i]).<Integer>call(new Msg.Get());
                default -> 0;
            };
            if (count != 0) {
                throw new AssertionError("server " + i + " answered " + count);
            }
        }
    }

    /**
     * Used heap after {@code collections} full collections (a full collection of a heap holding a million servers
     * takes seconds on two cores, so the reading after the start does one).
     */
    static long usedAfterGc(int collections) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < collections; i++) {
            memory.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Milliseconds of collection pauses so far (G1's young and full collections; its concurrent work is not a pause). */
    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!collector.getName().contains("Concurrent")) {
                total += Math.max(0, collector.getCollectionTime());
            }
        }
        return total;
    }
}
