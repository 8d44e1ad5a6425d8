package dev.peeper.samples.counter;

import dev.peeper.annotations.GenServer;
import dev.peeper.server.Next;
import dev.peeper.server.Reply;

/**
 * A counter, the smallest useful server. The processor generates {@code CounterClient} (the typed client) and
 * {@code Counter_Dispatcher} (the dispatch table) from it; the client starts it as a Peeper server, whose count
 * survives crashes of its worker.
 *
 * <pre>{@code
 * CounterClient counter = CounterClient.start(0, PeeperOptions.named("counter"));
 * counter.add(5);                                    // a cast, from record Add(int by)
 * int count = counter.get();                         // a call; get(Duration) and getAsync() too
 * Proc.exit(counter.worker(), ExitReason.kill());    // the worker dies...
 * counter.get();                                     // ...and the count is still 5
 * }</pre>
 */
@GenServer
public class Counter {
    /** Asks for the count: {@code counter.get()}. */
    public record Get() {
    }

    /** Adds {@code by} to the count: {@code counter.add(by)}. */
    public record Add(int by) {
    }

    /** A bug on purpose, to show what survives one: its handler throws and the worker crashes. */
    public record Crash() {
    }

    /** The first state, on the first start only: a restarted worker resumes from the kept count instead. */
    Integer init(Integer start) {
        return start;
    }

    Reply<Integer, Integer> handleCall(Get get, Integer count) {
        return Reply.of(count, count);
    }

    Reply<Void, Integer> handleCall(Crash crash, Integer count) {
        throw new IllegalStateException("crash requested at count " + count);
    }

    Next<Integer> handleCast(Add add, Integer count) {
        return Next.of(count + add.by());
    }
}
