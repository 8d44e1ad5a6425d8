package dev.peeper.bench.counter;

import dev.peeper.server.Dispatcher;
import dev.peeper.server.From;
import dev.peeper.server.Next;
import dev.peeper.server.Reply;
import dev.peeper.server.Result;

/**
 * A counter written against the runtime's {@link Dispatcher} by hand (no processor), so the plain-server and
 * Peeper rows run exactly the same callbacks and differ only in the runtime around them.
 *
 * <pre>{@code
 * ServerRef plain = GenServers.start(new HandCounter(), 0);
 * PeeperRef durable = Peeper.start(HandCounter::new, 0);
 * }</pre>
 */
public final class HandCounter implements Dispatcher<Integer> {
    @Override
    public Result<Integer> init(Object argument) {
        return Next.of((Integer) argument);
    }

    @Override
    public Result<Integer> handleCall(Object request, From<Object> from, Integer count) {
        if (request instanceof Msg.Get) {
            return Reply.of(count, count);
        }
        if (request instanceof Msg.AddAndGet add) {
            return Reply.of(count + add.by(), count + add.by());
        }
        if (request instanceof Msg.Crash) {
            throw new IllegalStateException("crash requested at count " + count);
        }
        throw new IllegalArgumentException("unexpected call " + request);
    }

    @Override
    public Result<Integer> handleCast(Object request, Integer count) {
        if (request instanceof Msg.Add add) {
            return Next.of(count + add.by());
        }
        if (request instanceof Msg.Crash) {
            throw new IllegalStateException("crash requested at count " + count);
        }
        throw new IllegalArgumentException("unexpected cast " + request);
    }
}
