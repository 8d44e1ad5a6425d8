package dev.peeper.cluster.faults;

import dev.peeper.server.Dispatcher;
import dev.peeper.process.ExitReason;
import dev.peeper.server.From;
import dev.peeper.server.Next;
import dev.peeper.server.Reply;
import dev.peeper.server.Result;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.TreeMap;

/**
 * The fault suite's cache: a map of keys to values. Calls: {@code "put <key> <value>"} answers the incarnation
 * that applied it; {@code "get <key>"} answers {@code "<incarnation> <value>"} ({@code -} for none); {@code "dump"}
 * answers the incarnation followed by {@code key=value} for every entry.
 */
final class FaultCache implements Dispatcher<HashMap<String, String>> {
    private final String name;

    FaultCache(String name) {
        this.name = name;
    }

    @Override
    public Result<HashMap<String, String>> init(Object start) {
        LocalServers.here(name);
        return Next.of(new HashMap<>());
    }

    @Override
    public HashMap<String, String> restore(HashMap<String, String> kept, ExitReason lastExit) {
        LocalServers.here(name);
        return kept;
    }

    @Override
    public Result<HashMap<String, String>> handleCall(Object request, From<Object> from,
            HashMap<String, String> entries) {
        LocalServers.here(name);
        String[] words = ((String) request).split(" ");
        return switch (words[0]) {
            case "put" -> {
                HashMap<String, String> next = new HashMap<>(entries);
                next.put(words[1], words[2]);
                yield Reply.of(Incarnation.self(), next);
            }
            case "get" -> Reply.of(Incarnation.self() + " " + entries.getOrDefault(words[1], "-"), entries);
            case "dump" -> {
                ArrayList<String> answer = new ArrayList<>();
                answer.add(Incarnation.self());
                new TreeMap<>(entries).forEach((key, value) -> answer.add(key + "=" + value));
                yield Reply.of(answer, entries);
            }
            default -> throw new IllegalArgumentException("a cache takes put, get or dump, not " + request);
        };
    }

    @Override
    public Result<HashMap<String, String>> handleCast(Object request, HashMap<String, String> entries) {
        throw new IllegalArgumentException("a cache takes calls only, not the cast " + request);
    }
}
