package dev.peeper.bench.targets;

import dev.peeper.bench.counter.HandCounter;
import dev.peeper.bench.counter.Msg;
import dev.peeper.server.GenServers;
import dev.peeper.server.ServerRef;

/** A plain generic server running {@link HandCounter}: the runtime's server loop without Peeper's keeper. */
final class PlainTarget implements Target {
    private static final Msg.Get GET = new Msg.Get();
    private static final Msg.Add ONE = new Msg.Add(1);

    private final ServerRef server = GenServers.start(new HandCounter(), 0);
    private final boolean untimed;

    PlainTarget(boolean untimed) {
        this.untimed = untimed;
    }

    @Override
    public int call() {
        return untimed ? (Integer) server.callAsync(GET).join() : server.<Integer>call(GET);
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
