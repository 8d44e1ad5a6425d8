package dev.peeper.bench.jmh;

import dev.peeper.bench.targets.Target;
import dev.peeper.bench.targets.Targets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Cast throughput to one server, from one and from four producers: messages <em>handled</em> per second, not
 * merely enqueued. Each invocation casts {@link #BATCH} messages and then makes one call, which returns only
 * after the server has handled every cast before it; so the mailbox never grows without bound and the figure
 * includes the consumer's work (the one call per batch costs about 1% of it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CastBenchmark {
    /** Casts per invocation. */
    public static final int BATCH = 10_000;

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
    @OperationsPerInvocation(BATCH)
    public int cast1() {
        return castBatch();
    }

    @Benchmark
    @Threads(4)
    @OperationsPerInvocation(BATCH)
    public int cast4() {
        return castBatch();
    }

    private int castBatch() {
        Target server = counter;
        for (int i = 0; i < BATCH; i++) {
            server.cast();
        }
        return server.call();
    }
}
