package dev.peeper.cluster;

import dev.peeper.server.Dispatcher;
import dev.peeper.server.From;
import dev.peeper.server.Next;
import dev.peeper.server.Reply;
import dev.peeper.server.Result;

/**
 * A counter server for the tests: casts of an {@code Integer} add it; calls answer {@code "get"} with the count,
 * crash on {@code "boom"}, answer {@code "fail"} with a failure, never answer {@code "hang"}. Tests extend it to
 * change one callback.
 */
class Counter implements Dispatcher<Integer> {
    @Override
    public Result<Integer> init(Object start) {
        return Next.of((Integer) start);
    }

    @Override
    public Result<Integer> handleCall(Object request, From<Object> from, Integer count) {
        return switch (String.valueOf(request)) {
            case "get" -> Reply.of(count, count);
            case "boom" -> throw new IllegalStateException("boom at " + count);
            case "fail" -> {
                from.fail(new IllegalArgumentException("no, at " + count));
                yield Next.of(count);
            }
            case "hang" -> Next.of(count);
            default -> Reply.of("unknown request " + request, count);
        };
    }

    @Override
    public Result<Integer> handleCast(Object request, Integer count) {
        return Next.of(count + (Integer) request);
    }
}
