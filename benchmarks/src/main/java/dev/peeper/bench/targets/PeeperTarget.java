package dev.peeper.bench.targets;

import dev.peeper.bench.counter.HandCounter;
import dev.peeper.bench.counter.Msg;
import dev.peeper.durable.Peeper;
import dev.peeper.durable.PeeperRef;

/** A Peeper server running {@link HandCounter}, called through its untyped {@link PeeperRef}. */
final class PeeperTarget implements Target {
    private static final Msg.Get GET = new Msg.Get();
    private static final Msg.Add ONE = new Msg.Add(1);

    private final PeeperRef server = Peeper.start(HandCounter::new, 0);

    @Override
    public int call() {
        return server.<Integer>call(GET);
    }

    @Override
    public void cast() {
        server.cast(ONE);
    }

    @Override
    public void close() {
        server.stop();
    }
}
