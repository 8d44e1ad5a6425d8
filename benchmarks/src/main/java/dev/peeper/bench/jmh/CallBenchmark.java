package dev.peeper.bench.jmh;

import dev.peeper.bench.targets.Target;
import dev.peeper.bench.targets.Targets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Call round trip: one caller, and four callers at once, asking one counter for its count and waiting for the
 * answer. Average time per call, per caller. Which thread kind the callers are (virtual or platform) is chosen
 * by the runner ({@code -Djmh.executor}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CallBenchmark {
    @Param({Targets.FLOOR, Targets.PLAIN, Targets.PEEPER, Targets.TYPED, Targets.PEKKO, Targets.LOCK})
    public String target;

    private Target counter;

    @Setup(Level.Trial)
    public void start() {
        counter = Targets.start(target);
    }

    @TearDown(Level.Trial)
    public void stop() {
        counter.close();
    }

    @Benchmark
    @Threads(1)
    public int call1() {
        return counter.call();
    }

    @Benchmark
    @Threads(4)
    public int call4() {
        return counter.call();
    }
}
