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
 * Diagnostics for the report's "why" section, not targets: the single-caller round trip of variants that isolate
 * one cost each (here: waiting with a timeout instead of without).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WhyBenchmark {
    @Param({Targets.FLOOR_TIMED, Targets.PLAIN_UNTIMED})
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
}
