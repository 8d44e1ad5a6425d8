package dev.peeper.cluster;

import dev.peeper.annotations.GenServer;
import dev.peeper.process.ExitReason;
import dev.peeper.server.Next;
import dev.peeper.server.Reply;

/**
 * A {@code @GenServer} for the tests of the generated client's cluster members: plain records as messages (they
 * cross as Compact), an {@code Integer} state, and a {@code restore} hook that counts the states it resumed from.
 */
@GenServer
public class Tally {
    /** Adds {@code by}. */
    public record Add(int by) {
    }

    /** Answers the count. */
    public record Count() {
    }

    Integer init(Integer start) {
        return start;
    }

    Reply<Integer, Integer> handleCall(Count count, Integer state) {
        return Reply.of(state, state);
    }

    Next<Integer> handleCast(Add add, Integer state) {
        return Next.of(state + add.by());
    }

    Integer restore(Integer kept, ExitReason lastExit) {
        return kept;
    }
}
