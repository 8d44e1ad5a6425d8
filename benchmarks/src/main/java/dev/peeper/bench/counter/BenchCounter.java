package dev.peeper.bench.counter;

import dev.peeper.annotations.GenServer;
import dev.peeper.server.Next;
import dev.peeper.server.Reply;

/**
 * The design's counter as a {@code @GenServer} class: the processor generates {@code BenchCounterClient}, the
 * typed client whose calls the "Peeper, typed client" row measures.
 */
@GenServer
public class BenchCounter {
    /** Asks for the count: {@code client.get()}. */
    public record Get() {
    }

    /** Adds {@code by}: {@code client.add(by)}. */
    public record Add(int by) {
    }

    Integer init(Integer start) {
        return start;
    }

    Reply<Integer, Integer> handleCall(Get get, Integer count) {
        return Reply.of(count, count);
    }

    Next<Integer> handleCast(Add add, Integer count) {
        return Next.of(count + add.by());
    }
}
