package dev.peeper.cluster;

import dev.peeper.annotations.GenServer;
import dev.peeper.annotations.StateCopyMode;
import dev.peeper.server.Next;
import dev.peeper.server.Reply;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code @GenServer} with a mutable state and its own {@code copyState}: its generated cluster starter must carry
 * the copy to the member that starts it, so a callback that changes the state in place and then throws leaves
 * the kept state as it was.
 */
@GenServer(stateCopy = StateCopyMode.COPY_METHOD)
public class Basket {
    /** Adds {@code item}. */
    public record Put(String item) {
    }

    /** Adds {@code item} in place, then crashes. */
    public record PutThenFail(String item) {
    }

    /** Answers the items. */
    public record Items() {
    }

    ArrayList<String> init() {
        return new ArrayList<>();
    }

    Next<ArrayList<String>> handleCast(Put put, ArrayList<String> items) {
        items.add(put.item());
        return Next.of(items);
    }

    Reply<Void, ArrayList<String>> handleCall(PutThenFail put, ArrayList<String> items) {
        items.add(put.item());
        throw new IllegalStateException("failed half-way");
    }

    Reply<List<String>, ArrayList<String>> handleCall(Items items, ArrayList<String> state) {
        return Reply.of(List.copyOf(state), state);
    }

    ArrayList<String> copyState(ArrayList<String> items) {
        return new ArrayList<>(items);
    }
}
