package dev.peeper.samples;

import dev.peeper.server.Dispatcher;
import dev.peeper.server.From;
import dev.peeper.server.Next;
import dev.peeper.server.Reply;
import dev.peeper.server.Result;

/** A counter written by hand against the runtime's {@link Dispatcher}: what the annotation processor generates. */
public final class CounterServer implements Dispatcher<Integer> {
    /** Ask for the count. */
    public record Get() {
    }

    /** Add to the count. */
    public record Add(int by) {
    }

    /** Crash the server, to show what survives. */
    public record Crash() {
    }

    @Override
    public Result<Integer> init(Object start) {
        return Next.of((Integer) start);
    }

    @Override
    public Result<Integer> handleCall(Object request, From<Object> from, Integer count) {
        return switch (request) {
            case Get get -> Reply.of(count, count);
            case Crash crash -> throw new IllegalStateException("crash requested");
            default -> throw new IllegalArgumentException("unknown call " + request);
        };
    }

    @Override
    public Result<Integer> handleCast(Object request, Integer count) {
        if (request instanceof Add add) {
            return Next.of(count + add.by());
        }
        throw new IllegalArgumentException("unknown cast " + request);
    }
}
