package dev.peeper.cluster;

import dev.peeper.server.Dispatcher;
import dev.peeper.server.From;
import dev.peeper.server.Handoff;
import dev.peeper.server.Next;
import dev.peeper.server.Reply;
import dev.peeper.server.Result;
import java.util.ArrayList;

/**
 * A server for the load tests whose state is the list of the operation ids it applied, in the order it applied
 * them: a cast of an {@code Integer} appends it; a call with an {@code Integer} appends it and answers it; a call
 * {@code "get"} answers the list. A count could not tell an operation applied twice from two others; the list can.
 */
final class Ledger implements Dispatcher<ArrayList<Integer>> {
    @Override
    public Result<ArrayList<Integer>> init(Object start) {
        return Next.of(new ArrayList<>());
    }

    @Override
    public Result<ArrayList<Integer>> handleCall(Object request, From<Object> from, ArrayList<Integer> applied) {
        if ("get".equals(request)) {
            return Reply.of(new ArrayList<>(applied), applied);
        }
        return Reply.of(request, append(applied, (Integer) request));
    }

    @Override
    public Result<ArrayList<Integer>> handleCast(Object request, ArrayList<Integer> applied) {
        return Next.of(append(applied, (Integer) request));
    }

    /**
     * Stays where it runs when its name's partition goes to another member: the SIGKILL load test starts it on a
     * child member that need not own the name, and kills that member under load.
     */
    @Override
    public Handoff<ArrayList<Integer>> handoff(ArrayList<Integer> applied) {
        return Handoff.stay();
    }

    /** A new list, never the kept one changed in place: a state handed to the keeper is never touched again. */
    private static ArrayList<Integer> append(ArrayList<Integer> applied, Integer op) {
        ArrayList<Integer> next = new ArrayList<>(applied.size() + 1);
        next.addAll(applied);
        next.add(op);
        return next;
    }
}
