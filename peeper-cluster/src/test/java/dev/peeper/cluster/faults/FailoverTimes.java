package dev.peeper.cluster.faults;

import dev.peeper.cluster.faults.History.Event;
import dev.peeper.cluster.faults.History.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * From a history: for each fault and each name whose server ran on the faulted member (its last acknowledgement
 * before the fault came from an incarnation of that JVM), the time from the fault to the next acknowledged update
 * of that name, wherever it ran: the outage a client saw. By kind of fault.
 */
final class FailoverTimes {
    private FailoverTimes() {
    }

    /** Outages in nanoseconds by kind ({@code kill}, {@code leave}, {@code long pause}, {@code short pause}). */
    static Map<String, List<Long>> of(History history, Map<String, Op> ops) {
        Map<String, List<Long>> byKind = new TreeMap<>();
        List<Op> updates = ops.values().stream().filter(op -> op.ok() && op.isUpdate()).toList();
        for (Event fault : history.events()) {
            String kind = kind(fault);
            if (kind == null) {
                continue;
            }
            long at = fault.nanos();
            for (String name : updates.stream().map(op -> op.name).distinct().toList()) {
                Op last = null;
                Long next = null;
                for (Op op : updates) {
                    if (!op.name.equals(name)) {
                        continue;
                    }
                    if (op.completed < at && (last == null || op.completed > last.completed)) {
                        last = op;
                    }
                    if (op.invoked >= at && (next == null || op.completed - at < next)) {
                        next = op.completed - at;
                    }
                }
                if (last != null && next != null && last.incarnation.startsWith(fault.jvm() + ":")) {
                    byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(next);
                }
            }
        }
        byKind.values().forEach(times -> times.sort(null));
        return byKind;
    }

    private static String kind(Event event) {
        if (!event.type().equals("nemesis")) {
            return null;
        }
        if (event.op().equals("kill") || event.op().equals("leave")) {
            return event.op();
        }
        if (event.op().startsWith("stop-")) {
            long millis = Long.parseLong(event.op().substring(5, event.op().length() - 2));
            return millis >= 5_000 ? "long pause" : "short pause";
        }
        return null;
    }

    /** {@code n=…  min / median / max} in seconds. */
    static String describe(List<Long> times) {
        return String.format("n=%d  %.2f / %.2f / %.2f", times.size(), times.getFirst() / 1e9,
                times.get(times.size() / 2) / 1e9, times.getLast() / 1e9);
    }
}
