package dev.peeper.server;

import dev.peeper.process.ExitReason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A dispatcher whose callbacks are lambdas, so each test states only the behaviour it is about. By default
 * init keeps its argument as the state, calls reply with the state, casts and infos keep it, and
 * {@link #terminated} records the one terminate call (if any).
 *
 * <p>Callbacks are set before the server starts (starting the process publishes them to its thread).
 */
final class Scripted implements Dispatcher<Object> {
    @FunctionalInterface
    interface InitFn {
        Result<Object> apply(Object argument) throws Exception;
    }

    @FunctionalInterface
    interface CallFn {
        Result<Object> apply(Object request, From<Object> from, Object state) throws Exception;
    }

    @FunctionalInterface
    interface MessageFn {
        Result<Object> apply(Object message, Object state) throws Exception;
    }

    /** What terminate was called with. */
    record Terminated(ExitReason reason, Object state) {
    }

    private InitFn init = Next::of;
    private CallFn call = (request, from, state) -> Reply.of(state, state);
    private MessageFn cast = (request, state) -> Next.of(state);
    private MessageFn info = (message, state) -> Next.of(state);
    private MessageFn continuation = (next, state) -> {
        throw new UnsupportedOperationException("no continuation expected: " + next);
    };
    /** Completed by the first terminate; tests check {@code isDone()} after the process ended to see "never". */
    final CompletableFuture<Terminated> terminated = new CompletableFuture<>();

    static Scripted server() {
        return new Scripted();
    }

    Scripted onInit(InitFn init) {
        this.init = init;
        return this;
    }

    Scripted onCall(CallFn call) {
        this.call = call;
        return this;
    }

    Scripted onCast(MessageFn cast) {
        this.cast = cast;
        return this;
    }

    Scripted onInfo(MessageFn info) {
        this.info = info;
        return this;
    }

    Scripted onContinue(MessageFn continuation) {
        this.continuation = continuation;
        return this;
    }

    @Override
    public Result<Object> init(Object argument) throws Exception {
        return init.apply(argument);
    }

    @Override
    public Result<Object> handleCall(Object request, From<Object> from, Object state) throws Exception {
        return call.apply(request, from, state);
    }

    @Override
    public Result<Object> handleCast(Object request, Object state) throws Exception {
        return cast.apply(request, state);
    }

    @Override
    public Result<Object> handleInfo(Object message, Object state) throws Exception {
        return info.apply(message, state);
    }

    @Override
    public Result<Object> handleContinue(Object next, Object state) throws Exception {
        return continuation.apply(next, state);
    }

    @Override
    public void terminate(ExitReason reason, Object state) {
        if (!terminated.complete(new Terminated(reason, state))) {
            throw new AssertionError("terminate called twice, again with " + reason);
        }
    }

    /**
     * {@code events} (an immutable list, or {@code null} for none) with {@code event} appended. Typed as a plain
     * state ({@code Object}) so results built from it chain ({@code Next.of(append(s, e)).timeout(...)}).
     */
    static Object append(Object events, Object event) {
        List<Object> next = new ArrayList<>();
        if (events != null) {
            next.addAll((List<?>) events);
        }
        next.add(event);
        return Collections.unmodifiableList(next);
    }
}
