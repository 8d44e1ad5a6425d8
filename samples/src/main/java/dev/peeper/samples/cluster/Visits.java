package dev.peeper.samples.cluster;

import dev.peeper.annotations.GenServer;
import dev.peeper.server.Handoff;
import dev.peeper.server.Reply;

/**
 * A visit counter for the handoff demo. Its {@code handoff} decides what happens when the cluster gives its name to
 * another member: a counter with visits moves and goes on from its count; one that has none starts afresh there.
 */
@GenServer
public class Visits {
    /** Asks for the count. */
    public record Count() {
    }

    /**
     * Adds visits and answers the new count.
     *
     * @param visits how many
     */
    public record Visit(int visits) {
    }

    Integer init(Integer start) {
        return start;
    }

    Reply<Integer, Integer> handleCall(Count count, Integer visits) {
        return Reply.of(visits, visits);
    }

    Reply<Integer, Integer> handleCall(Visit visit, Integer visits) {
        int next = visits + visit.visits();
        return Reply.of(next, next);
    }

    Handoff<Integer> handoff(Integer visits) {
        // Handoff.stay() would keep it on this member until its name's owner changes again
        return visits == 0 ? Handoff.restart() : Handoff.resume(visits);
    }
}
