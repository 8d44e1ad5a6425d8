package dev.peeper.bench.targets;

import dev.peeper.bench.counter.BenchCounterClient;

/** A Peeper server of the {@code @GenServer} class {@code BenchCounter}, called through its generated client. */
final class TypedTarget implements Target {
    private final BenchCounterClient server = BenchCounterClient.start(0);

    @Override
    public int call() {
        return server.get();
    }

    @Override
    public void cast() {
        server.add(1);
    }

    @Override
    public void close() {
        server.stop();
    }
}
