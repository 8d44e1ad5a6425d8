package dev.peeper.bench.scenario;

import dev.peeper.bench.counter.HandCounter;
import dev.peeper.bench.counter.Msg;
import dev.peeper.durable.Peeper;
import dev.peeper.durable.PeeperOptions;
import dev.peeper.durable.PeeperRef;
import dev.peeper.server.ServerExitException;
import java.time.Duration;
import java.util.Arrays;

/**
 * Crash to restored reply: a Peeper server's count is raised by a cast, a call makes its worker throw, and the
 * clock runs from just before that call until the next call returns the count the cast left, i.e. until a new
 * worker has resumed from the kept state and answered. Thousands of times, after a warm-up; percentiles of the
 * lot. For scale, the same loop without the crash (two healthy calls) is timed too.
 */
final class CrashRecovery {
    private CrashRecovery() {
    }

    static void run(int warmup, int crashes) {
        PeeperRef server = Peeper.start(HandCounter::new, 0, unlimitedRestarts());
        long[] recovery = new long[crashes];
        int expected = 0;
        for (int i = 0; i < warmup + crashes; i++) {
            server.cast(new Msg.Add(1));
            expected++;
            long start = System.nanoTime();
            try {
                server.call(new Msg.Crash());
                throw new AssertionError("the crashing call returned");
            } catch (ServerExitException crashed) {
                // its caller hears of the crash, with the cause, at once
            }
            int count = server.<Integer>call(new Msg.Get());
            long took = System.nanoTime() - start;
            if (count != expected) {
                throw new AssertionError("restored count " + count + ", expected " + expected);
            }
            if (i >= warmup) {
                recovery[i - warmup] = took;
            }
        }
        long restarts = server.statistics().restarts();
        if (restarts != warmup + crashes) {
            throw new AssertionError(restarts + " restarts for " + (warmup + crashes) + " crashes");
        }

        long[] healthy = new long[crashes];
        for (int i = 0; i < warmup + crashes; i++) {
            long start = System.nanoTime();
            server.<Integer>call(new Msg.Get());
            server.<Integer>call(new Msg.Get());
            long took = System.nanoTime() - start;
            if (i >= warmup) {
                healthy[i - warmup] = took;
            }
        }

        Arrays.sort(recovery);
        Arrays.sort(healthy);
        Scenarios.result("crash.count", crashes);
        Scenarios.result("crash.p50.us", micros(percentile(recovery, 50)));
        Scenarios.result("crash.p90.us", micros(percentile(recovery, 90)));
        Scenarios.result("crash.p99.us", micros(percentile(recovery, 99)));
        Scenarios.result("crash.p999.us", micros(percentile(recovery, 99.9)));
        Scenarios.result("crash.max.us", micros(recovery[recovery.length - 1]));
        Scenarios.result("healthy.p50.us", micros(percentile(healthy, 50)));
        Scenarios.result("healthy.p99.us", micros(percentile(healthy, 99)));
    }

    static PeeperOptions unlimitedRestarts() {
        // the point is to crash on purpose, as often as possible: never give up
        return PeeperOptions.defaults().withIntensity(Integer.MAX_VALUE, Duration.ofMillis(1));
    }

    static long percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static double micros(long nanos) {
        return nanos / 1_000.0;
    }
}
