package dev.peeper.samples.cache;

import dev.peeper.annotations.GenServer;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Proc;
import dev.peeper.samples.cache.Entries.Entry;
import dev.peeper.server.Next;
import dev.peeper.server.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A hot cache whose entries live for a time-to-live, the case Peeper exists for: the work of filling it survives
 * a crash of its worker. {@code HotCacheClient} is generated from it.
 *
 * <pre>{@code
 * HotCacheClient cache = HotCacheClient.start(PeeperOptions.named("sessions"));
 * cache.put("alice", "token-1", Duration.ofMinutes(30));
 * Optional<String> token = cache.get("alice");
 * }</pre>
 *
 * <p>Expiry: putting an entry arms a {@linkplain Proc#sendAfter(Duration, Object) timer} that sends {@link Expire} to
 * the worker when the entry's time is up, and {@code handleInfo} removes it. Timers die with the worker they are
 * for, so {@link #restore} arms one for every kept entry when a new worker takes over. An {@code Expire} removes an entry
 * only if it names the entry's current deadline, so a timer left over from an earlier {@code put} of the same key
 * does nothing; and {@code get} checks the deadline itself, so an expired entry is never served, even if its
 * {@code Expire} is still on the way.
 */
@GenServer
public class HotCache {
    /** Caches {@code value} under {@code key} for {@code ttl}: {@code cache.put(key, value, ttl)}. */
    public record Put(String key, String value, Duration ttl) {
    }

    /** The value under {@code key}, if there is one that has not expired: {@code cache.get(key)}. */
    public record Get(String key) {
    }

    /** Removes {@code key}: {@code cache.remove(key)}. */
    public record Remove(String key) {
    }

    /** The keys of the entries that have not expired, sorted: {@code cache.keys()}. */
    public record Keys() {
    }

    /**
     * Sent by the timer of the entry under {@code key}; removes it if its deadline is still {@code deadline}.
     * The client can send one too ({@code sendExpire}), to the same effect.
     */
    public record Expire(String key, long deadline) {
    }

    Entries init() {
        return Entries.EMPTY;
    }

    Next<Entries> handleCast(Put put, Entries entries) {
        long deadline = System.nanoTime() + put.ttl().toNanos();
        Proc.sendAfter(put.ttl(), new Expire(put.key(), deadline));
        return Next.of(entries.with(put.key(), new Entry(put.value(), deadline)));
    }

    Next<Entries> handleCast(Remove remove, Entries entries) {
        return Next.of(entries.without(remove.key()));
    }

    Reply<Optional<String>, Entries> handleCall(Get get, Entries entries) {
        Entry entry = entries.byKey().get(get.key());
        boolean live = entry != null && !entry.expiredAt(System.nanoTime());
        return Reply.of(live ? Optional.of(entry.value()) : Optional.empty(), entries);
    }

    Reply<List<String>, Entries> handleCall(Keys keys, Entries entries) {
        long now = System.nanoTime();
        return Reply.of(entries.keys().stream().filter(k -> !entries.byKey().get(k).expiredAt(now)).toList(),
                entries);
    }

    Next<Entries> handleInfo(Expire expire, Entries entries) {
        Entry entry = entries.byKey().get(expire.key());
        boolean current = entry != null && entry.deadline() == expire.deadline();
        return Next.of(current ? entries.without(expire.key()) : entries);
    }

    /** A new worker resumes with the kept entries; the dead worker's timers died with it, so arm them again. */
    Entries restore(Entries kept, ExitReason lastExit) {
        long now = System.nanoTime();
        kept.byKey().forEach((key, entry) ->
                Proc.sendAfter(Duration.ofNanos(entry.deadline() - now), new Expire(key, entry.deadline())));
        return kept;
    }
}
