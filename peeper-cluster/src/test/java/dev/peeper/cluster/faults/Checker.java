package dev.peeper.cluster.faults;

import dev.peeper.cluster.faults.History.Op;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks a run's history against the final states read after the faults stopped. What it holds the cluster to:
 * <ul>
 * <li>every acknowledged counter add (call, or cast acknowledged by the call after it) is in the final state
 *     exactly once; one in doubt ({@code info}, or open when its member died) at most once; one that was never
 *     sent ({@code fail}) not at all; nothing is there that no one added;
 * <li>a cache key's final value was written by a put that was not followed by an acknowledged put begun after it
 *     ended (no lost update), and an acknowledged read returns a value that was written before it ended;
 * <li>no two incarnations of a name accepted updates during the same interval: an incarnation certainly accepted
 *     from its first acknowledgement's completion to its last acknowledged update's invocation.
 * </ul>
 * The first violations come with the slice of the history around them.
 */
final class Checker {
    private static final long SLICE = 300_000_000L;
    /** Violations told with their slice of the history; the rest (a run that lost much) with their line alone. */
    private static final int SLICED = 20;

    private final History history;
    private Map<String, Op> ops;
    final List<String> violations = new ArrayList<>();

    Checker(History history) {
        this.history = history;
    }

    /** The operations of the history, read on first use: ask once the workload has halted. */
    Map<String, Op> ops() {
        if (ops == null) {
            ops = history.ops();
        }
        return ops;
    }

    /** A violation, with the history of {@code name} around {@code at}. */
    void violation(String what, long at, String name) {
        StringBuilder text = new StringBuilder(what);
        if (name != null && violations.size() < SLICED) {
            text.append("\n    history of ").append(name).append(" around ").append(String.format("%.3f", at / 1e9))
                    .append(" s:");
            List<History.Event> slice = history.slice(at, SLICE, name, ops());
            int from = Math.max(0, slice.size() - 60);
            slice.subList(from, slice.size()).forEach(e -> text.append("\n    ").append(e));
        }
        violations.add(text.toString());
    }

    /** The final list of a counter (the op ids it applied): each acknowledged once, none invented. */
    void counter(String name, List<String> applied) {
        Map<String, Long> counts = applied.stream().collect(Collectors.groupingBy(op -> op, Collectors.counting()));
        counts.forEach((id, count) -> {
            Op op = ops().get(id);
            if (op == null || !op.name.equals(name)) {
                violation(name + ": applied " + id + ", which no one added to it", 0, null);
            }
        });
        for (Op op : ops().values()) {
            if (!op.name.equals(name)) {
                continue;
            }
            long count = counts.getOrDefault(op.id, 0L);
            if (op.ok() && count != 1) {
                violation(String.format("%s: acknowledged %s %s (incarnation %s, %.3f-%.3f s) applied %d times",
                        name, op.kind, op.id, op.incarnation, op.invoked / 1e9, op.completed / 1e9, count),
                        op.invoked, name);
            } else if (!op.ok() && count > 1) {
                violation(String.format("%s: %s %s %s (%s) applied %d times", name, op.status, op.kind, op.id,
                        op.reason, count), op.invoked, name);
            } else if (op.status.equals("fail") && count != 0) {
                violation(name + ": " + op.id + " was never sent (" + op.reason + ") but applied", op.invoked, name);
            }
        }
    }

    /** The final entries of a cache ({@code key=value}), against its puts and gets. */
    void cache(String name, List<String> entries) {
        Map<String, String> finalValues = new HashMap<>();
        entries.forEach(entry -> finalValues.put(entry.substring(0, entry.indexOf('=')),
                entry.substring(entry.indexOf('=') + 1)));
        List<Op> puts = ops().values().stream().filter(op -> op.name.equals(name) && op.kind.equals("put")).toList();
        for (String key : puts.stream().map(op -> op.key).distinct().toList()) {
            Op winner = ops().get(finalValues.get(key));
            if (winner == null || !winner.kind.equals("put") || !winner.key.equals(key) || !winner.name.equals(name)) {
                puts.stream().filter(op -> op.key.equals(key) && op.ok()).findFirst().ifPresent(acked ->
                        violation(name + ": key " + key + " ends as " + finalValues.get(key)
                                + ", which no put to it wrote, though " + acked.id + " was acknowledged",
                                acked.completed, name));
                continue;
            }
            if (winner.status.equals("fail")) {
                violation(name + ": key " + key + " ends as " + winner.id + ", a put never sent", winner.invoked,
                        name);
            }
            puts.stream().filter(op -> op.key.equals(key) && op.ok() && op.invoked > winner.completed).findFirst()
                    .ifPresent(lost -> violation(String.format("%s: key %s ends as %s (done at %.3f s), so the "
                            + "acknowledged put %s begun after it (%.3f s, incarnation %s) was lost", name, key,
                            winner.id, winner.completed / 1e9, lost.id, lost.invoked / 1e9, lost.incarnation),
                            lost.invoked, name));
        }
        for (Op get : ops().values()) {
            if (!get.name.equals(name) || !get.kind.equals("get") || !get.ok() || get.read == null) {
                continue;
            }
            if (get.read.equals("-")) {
                puts.stream().filter(put -> put.key.equals(get.key) && put.ok() && put.completed < get.invoked)
                        .findFirst().ifPresent(put -> violation(name + ": get " + get.id + " of " + get.key
                                + " found nothing after put " + put.id + " was acknowledged", get.invoked, name));
                continue;
            }
            Op written = ops().get(get.read);
            if (written == null || !written.kind.equals("put") || !written.key.equals(get.key)
                    || written.invoked > get.completed || written.status.equals("fail")) {
                violation(name + ": get " + get.id + " of " + get.key + " read " + get.read
                        + ", which no put to it had written", get.invoked, name);
            }
        }
    }

    /**
     * No two incarnations of a name accepted updates at once: each {@link #overlaps() overlap} is a violation.
     */
    void incarnations() {
        overlaps().forEach(overlap -> violation(String.format("%s: incarnations %s and %s both accepted updates "
                + "during %.3f-%.3f s", overlap.name, overlap.one, overlap.other, overlap.from / 1e9,
                overlap.to / 1e9), overlap.from, overlap.name));
    }

    /** Two incarnations of {@code name} that both accepted updates from {@code from} to {@code to}. */
    record Overlap(String name, String one, String other, long from, long to) {
    }

    /**
     * When two incarnations of a name accepted updates at once. An incarnation certainly accepted updates from the
     * completion of its first acknowledged one to the invocation of its last one (each was applied somewhere
     * between its own invocation and completion): where two such intervals of one name meet, both did.
     */
    List<Overlap> overlaps() {
        Map<String, Map<String, long[]>> spans = new HashMap<>();
        for (Op op : ops().values()) {
            if (!op.ok() || !op.isUpdate()) {
                continue;
            }
            long[] span = spans.computeIfAbsent(op.name, n -> new HashMap<>())
                    .computeIfAbsent(op.incarnation, i -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
            span[0] = Math.min(span[0], op.completed);
            span[1] = Math.max(span[1], op.invoked);
        }
        List<Overlap> overlaps = new ArrayList<>();
        spans.forEach((name, byIncarnation) -> {
            List<Map.Entry<String, long[]>> certain = byIncarnation.entrySet().stream()
                    .filter(e -> e.getValue()[0] < e.getValue()[1]).toList();
            for (int i = 0; i < certain.size(); i++) {
                for (int j = i + 1; j < certain.size(); j++) {
                    long[] a = certain.get(i).getValue();
                    long[] b = certain.get(j).getValue();
                    long from = Math.max(a[0], b[0]);
                    long to = Math.min(a[1], b[1]);
                    if (from <= to) {
                        overlaps.add(new Overlap(name, certain.get(i).getKey(), certain.get(j).getKey(), from, to));
                    }
                }
            }
        });
        return overlaps;
    }
}
