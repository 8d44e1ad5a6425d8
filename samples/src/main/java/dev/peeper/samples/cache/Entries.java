package dev.peeper.samples.cache;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of a {@link HotCache}: its entries by key, immutable, so the keeper holds it as it is and a crash in
 * the middle of a callback can never leave half an update behind.
 *
 * <p>Each update copies the map, which is fine for the few thousand entries of a sample; a large cache would use
 * a persistent map (one that shares structure between versions) for the same guarantee at O(log n).
 *
 * @param byKey the entries, expired ones included until their {@link HotCache.Expire} message removes them
 */
public record Entries(Map<String, Entry> byKey) {
    /** No entries. */
    public static final Entries EMPTY = new Entries(Map.of());

    /**
     * One cached value.
     *
     * @param value    the value
     * @param deadline when it expires, in {@link System#nanoTime()} terms
     */
    public record Entry(String value, long deadline) {
        /** Whether the entry has expired at {@code now} ({@link System#nanoTime()}). */
        public boolean expiredAt(long now) {
            return now - deadline >= 0;
        }
    }

    /** Copies the map, so that no one can change it afterwards. */
    public Entries {
        byKey = Map.copyOf(byKey);
    }

    /** These entries with {@code key} set to {@code entry}. */
    public Entries with(String key, Entry entry) {
        Map<String, Entry> copy = new HashMap<>(byKey);
        copy.put(key, entry);
        return new Entries(copy);
    }

    /** These entries without {@code key}. */
    public Entries without(String key) {
        if (!byKey.containsKey(key)) {
            return this;
        }
        Map<String, Entry> copy = new HashMap<>(byKey);
        copy.remove(key);
        return new Entries(copy);
    }

    /** The keys, sorted: what a listener or a log wants to see. */
    public List<String> keys() {
        return byKey.keySet().stream().sorted().toList();
    }

    @Override
    public String toString() {
        return keys().toString();
    }
}
