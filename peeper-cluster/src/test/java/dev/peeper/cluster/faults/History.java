package dev.peeper.cluster.faults;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The history of a run: every line of every member's workload ({@link Workload}) and every step of the nemesis,
 * each with the {@link System#nanoTime} it happened at (one monotonic clock for every JVM of the machine), the
 * member label and the OS pid of its JVM.
 */
final class History {
    /** One line of the history. */
    record Event(long nanos, String type, String op, String member, long jvm, String rest) {
        @Override
        public String toString() {
            return String.format("%10.3f %-6s %-14s %-6s %s", nanos / 1e9, type, op, member + "/" + jvm, rest);
        }
    }

    /** The operation an {@code invoke} and its completion describe. */
    static final class Op {
        final String id;
        final String member;
        final String kind;
        final String name;
        final String key;
        final String value;
        final long invoked;
        String status = "open";
        long completed = Long.MAX_VALUE;
        String incarnation;
        String read;
        String reason;

        Op(Event invoke) {
            String[] words = invoke.rest().split(" ");
            this.id = invoke.op();
            this.member = invoke.member();
            this.kind = words[0];
            this.name = words[1];
            this.key = words.length > 2 ? words[2] : null;
            this.value = words.length > 3 ? words[3] : null;
            this.invoked = invoke.nanos();
        }

        boolean isUpdate() {
            return !kind.equals("get");
        }

        boolean ok() {
            return status.equals("ok");
        }
    }

    private final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();
    /** How many events were recorded: tells whether {@link #sorted} is still the whole history. */
    private final AtomicLong recorded = new AtomicLong();
    /** The events by time, as of {@link #sortedCount} events: a checker asks for them many times once a run is over. */
    private List<Event> sorted = List.of();
    private long sortedCount;
    final long origin = System.nanoTime();

    /** Records a workload line {@code H <nanos> <type> <op> <rest...>} of {@code member}. */
    void record(String member, long jvm, String line) {
        String[] words = line.split(" ", 5);
        events.add(new Event(Long.parseLong(words[1]) - origin, words[2], words[3], member, jvm,
                words.length > 4 ? words[4] : ""));
        recorded.incrementAndGet();
    }

    /** Records a step of the nemesis (or of the test) now. */
    void nemesis(String what, MemberJvm target) {
        events.add(new Event(System.nanoTime() - origin, "nemesis", what, target.label, target.pid(), ""));
        recorded.incrementAndGet();
    }

    /** Every event, by time (a list not to be changed). */
    synchronized List<Event> events() {
        long count = recorded.get();
        if (count != sortedCount) {
            List<Event> all = new ArrayList<>(events);
            all.sort(Comparator.comparingLong(Event::nanos));
            sorted = Collections.unmodifiableList(all);
            sortedCount = count;
        }
        return sorted;
    }

    /** The operations, by id; one whose member died or stopped before it completed stays {@code open}. */
    Map<String, Op> ops() {
        Map<String, Op> ops = new LinkedHashMap<>();
        for (Event event : events()) {
            switch (event.type()) {
                case "invoke" -> ops.put(event.op(), new Op(event));
                case "ok", "fail", "info" -> {
                    Op op = ops.get(event.op());
                    op.status = event.type();
                    op.completed = event.nanos();
                    String[] words = event.rest().split(" ", 2);
                    if (event.type().equals("ok")) {
                        op.incarnation = words[0];
                        op.read = words.length > 1 ? words[1] : null;
                    } else {
                        op.reason = event.rest();
                    }
                }
                default -> {
                }
            }
        }
        return ops;
    }

    /** The events within {@code window} nanoseconds of {@code at} that concern {@code name} or the nemesis. */
    List<Event> slice(long at, long window, String name, Map<String, Op> ops) {
        List<Event> all = events();
        int low = 0;
        int high = all.size();
        while (low < high) { // the first event at or after at - window
            int middle = (low + high) >>> 1;
            if (all.get(middle).nanos() < at - window) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        List<Event> slice = new ArrayList<>();
        for (int i = low; i < all.size() && all.get(i).nanos() <= at + window; i++) {
            Event e = all.get(i);
            if (e.type().equals("nemesis") || (ops.containsKey(e.op()) && ops.get(e.op()).name.equals(name))) {
                slice.add(e);
            }
        }
        return slice;
    }
}
