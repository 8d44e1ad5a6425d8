package dev.peeper.durable;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Proc;
import dev.peeper.server.Dispatcher;
import dev.peeper.server.From;
import dev.peeper.server.Next;
import dev.peeper.server.Reply;
import dev.peeper.server.Result;
import dev.peeper.server.Stop;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The server most tests run: an {@code Integer} counter whose requests reach every callback and crash it on
 * demand. Its callbacks report to a {@link Probe}.
 *
 * <pre>{@code
 * PeeperRef c = Peeper.start(Counter.factory(probe), 0, PeeperOptions.defaults());
 * c.cast(new Counter.Add(5));
 * int n = c.call(new Counter.Get());
 * }</pre>
 */
final class Counter implements Dispatcher<Integer> {
    /** Call: the count. */
    record Get() {
    }

    /** Cast or call: adds {@code by}; a call replies with the new count. */
    record Add(int by) {
    }

    /** Cast: completes with the same count. */
    record Same() {
    }

    /** Cast, call or info: throws {@link IllegalStateException} with message {@code why}. */
    record Crash(String why) {
    }

    /** Call: the worker's pid. */
    record Self() {
    }

    /** Call: the worker's thread. */
    record WhichThread() {
    }

    /** Call: counts {@code entered} down, waits for {@code release}, replies the count unchanged. */
    record Block(CountDownLatch entered, CountDownLatch release) {
    }

    /** Cast: stops the server with {@code reason}. */
    record StopWith(ExitReason reason) {
    }

    /** An init argument that makes init throw {@link IllegalStateException} with message {@code why}. */
    record FailInit(String why) {
    }

    /** An init argument that makes init hang (until interrupted, or {@link Peepers#TIMEOUT}). */
    record HangInit() {
    }

    /** An init argument that makes init return {@link Stop} with {@code reason}. */
    record RefuseInit(ExitReason reason) {
    }

    private final Probe probe;

    Counter(Probe probe) {
        this.probe = probe;
    }

    /** A factory of counters reporting to {@code probe}. */
    static Supplier<Counter> factory(Probe probe) {
        return () -> new Counter(probe);
    }

    @Override
    public Result<Integer> init(Object argument) throws InterruptedException {
        probe.initialized(argument);
        if (argument instanceof HangInit) {
            new CountDownLatch(1).await(Peepers.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
            return Next.of(-1);
        }
        if (argument instanceof FailInit(String why)) {
            throw new IllegalStateException(why);
        }
        if (argument instanceof RefuseInit(ExitReason reason)) {
            return Stop.of(reason, null);
        }
        return Next.of((Integer) argument);
    }

    @Override
    public Result<Integer> handleCall(Object request, From<Object> from, Integer n) throws Exception {
        return switch (request) {
            case Get ignored -> Reply.of(n, n);
            case Add(int by) -> Reply.of(n + by, n + by);
            case Crash(String why) -> throw new IllegalStateException(why);
            case Self ignored -> Reply.of(Proc.self(), n);
            case WhichThread ignored -> Reply.of(Thread.currentThread(), n);
            case Block(CountDownLatch entered, CountDownLatch release) -> {
                entered.countDown();
                if (!release.await(Peepers.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
                    throw new IllegalStateException("never released");
                }
                yield Reply.of(n, n);
            }
            default -> throw new IllegalArgumentException("unknown call " + request);
        };
    }

    @Override
    public Result<Integer> handleCast(Object request, Integer n) {
        return switch (request) {
            case Add(int by) -> Next.of(n + by);
            case Same ignored -> Next.of(n);
            case Crash(String why) -> throw new IllegalStateException(why);
            case StopWith(ExitReason reason) -> Stop.of(reason, n);
            default -> throw new IllegalArgumentException("unknown cast " + request);
        };
    }

    @Override
    public Result<Integer> handleInfo(Object message, Integer n) throws Exception {
        if (message instanceof Crash(String why)) {
            throw new IllegalStateException(why);
        }
        return Dispatcher.super.handleInfo(message, n); // logged and ignored
    }

    @Override
    public Integer restore(Integer kept, ExitReason lastExit) {
        return (Integer) probe.restored(kept, lastExit);
    }

    @Override
    public void terminate(ExitReason reason, Integer n) throws InterruptedException {
        probe.terminated(reason, n);
    }
}
