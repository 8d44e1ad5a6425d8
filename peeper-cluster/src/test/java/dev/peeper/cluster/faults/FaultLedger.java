package dev.peeper.cluster.faults;

import dev.peeper.server.Dispatcher;
import dev.peeper.process.ExitReason;
import dev.peeper.server.From;
import dev.peeper.server.Next;
import dev.peeper.server.Reply;
import dev.peeper.server.Result;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;

/**
 * A named counter of the fault suite whose state is the list of the operation ids it added, in order: a count
 * could not tell one add applied twice from two adds. A cast {@code "add <op>"} appends; a call {@code "add <op>"}
 * appends and answers the incarnation that applied it; a call {@code "get"} answers the incarnation followed by
 * the list.
 */
final class FaultLedger implements Dispatcher<ArrayList<String>> {
    private final String name;

    FaultLedger(String name) {
        this.name = name;
    }

    @Override
    public Result<ArrayList<String>> init(Object start) {
        LocalServers.here(name);
        return Next.of(new ArrayList<>());
    }

    @Override
    public ArrayList<String> restore(ArrayList<String> kept, ExitReason lastExit) {
        LocalServers.here(name);
        return kept;
    }

    @Override
    public Result<ArrayList<String>> handleCall(Object request, From<Object> from, ArrayList<String> applied) {
        LocalServers.here(name);
        String text = (String) request;
        if (text.equals("get")) {
            ArrayList<String> answer = new ArrayList<>(applied.size() + 1);
            answer.add(Incarnation.self());
            answer.addAll(applied);
            return Reply.of(answer, applied);
        }
        return Reply.of(Incarnation.self(), add(applied, text));
    }

    @Override
    public Result<ArrayList<String>> handleCast(Object request, ArrayList<String> applied) {
        LocalServers.here(name);
        return Next.of(add(applied, (String) request));
    }

    /**
     * Where no majority decided a split ({@link SuiteMode#RESOLVE}), the heal hands this incarnation the other
     * side's ledger: it keeps its own ops in order and adds the other side's it lacks (ops both sides had before the
     * split are in both), so every op either side applied stays, once.
     */
    @Override
    public ArrayList<String> resolveConflict(ArrayList<String> mine, ArrayList<String> theirs) {
        LocalServers.here(name);
        Set<String> mineOnes = new HashSet<>(mine);
        ArrayList<String> merged = new ArrayList<>(mine);
        theirs.stream().filter(op -> !mineOnes.contains(op)).forEach(merged::add); // a twice-applied op shows
        return merged;
    }

    /** A new list, never the kept one changed in place: a state handed to the keeper is never touched again. */
    private static ArrayList<String> add(ArrayList<String> applied, String request) {
        if (!request.startsWith("add ")) {
            throw new IllegalArgumentException("a ledger takes \"add <op>\" or \"get\", not " + request);
        }
        ArrayList<String> next = new ArrayList<>(applied.size() + 1);
        next.addAll(applied);
        next.add(request.substring(4));
        return next;
    }
}
