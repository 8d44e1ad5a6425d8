package dev.peeper.durable;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Proc;
import dev.peeper.server.Dispatcher;
import dev.peeper.server.From;
import dev.peeper.server.Next;
import dev.peeper.server.Reply;
import dev.peeper.server.Result;
import java.util.function.Supplier;

/**
 * A server whose state is any object, {@code null} included: for the states a counter cannot be (null, empty,
 * large, records that are equal but not the same). Answers {@link Counter.Get}, {@link Counter.Self} and
 * {@link Counter.Crash} like the counter does.
 */
final class Box implements Dispatcher<Object> {
    /** Cast: the state becomes {@code value}. */
    record Put(Object value) {
    }

    private final Probe probe;

    Box(Probe probe) {
        this.probe = probe;
    }

    static Supplier<Box> factory(Probe probe) {
        return () -> new Box(probe);
    }

    @Override
    public Result<Object> init(Object argument) {
        probe.initialized(argument);
        return Next.of(argument);
    }

    @Override
    public Result<Object> handleCall(Object request, From<Object> from, Object state) {
        return switch (request) {
            case Counter.Get ignored -> Reply.of(state, state);
            case Counter.Self ignored -> Reply.of(Proc.self(), state);
            case Counter.Crash(String why) -> throw new IllegalStateException(why);
            default -> throw new IllegalArgumentException("unknown call " + request);
        };
    }

    @Override
    public Result<Object> handleCast(Object request, Object state) {
        return switch (request) {
            case Put(Object value) -> Next.of(value);
            case Counter.Crash(String why) -> throw new IllegalStateException(why);
            default -> throw new IllegalArgumentException("unknown cast " + request);
        };
    }

    @Override
    public Object restore(Object kept, ExitReason lastExit) {
        return probe.restored(kept, lastExit);
    }

    @Override
    public void terminate(ExitReason reason, Object state) throws InterruptedException {
        probe.terminated(reason, state);
    }
}
