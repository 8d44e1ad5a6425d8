package dev.peeper.samples.cache;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.durable.PeeperOptions;
import dev.peeper.durable.StateListener;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Proc;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hot cache sample: entries expire through their timers, also after a worker crash, and a timer left over
 * from an earlier put does not expire a newer value. Expiry is awaited as an event (the state listener sees the
 * key go), never slept for.
 */
class HotCacheTest {
    private final Expiries expiries = new Expiries();
    private HotCacheClient cache;

    @BeforeEach
    void start() {
        cache = HotCacheClient.start(PeeperOptions.defaults().withListener(expiries));
    }

    @AfterEach
    void stop() {
        cache.stop();
    }

    @Test
    void anEntryExpiresAfterItsTimeToLive() throws Exception {
        cache.put("brief", "a", Duration.ofMillis(50));
        cache.put("lasting", "b", Duration.ofHours(1));
        cache.put("removed", "c", Duration.ofHours(1));
        cache.remove("removed");

        expiries.of("brief").get(5, SECONDS);
        assertThat(cache.get("brief")).isEmpty();
        assertThat(cache.get("lasting")).contains("b");
        assertThat(cache.keys()).containsExactly("lasting");
    }

    @Test
    void entriesAndTheirTimersSurviveAWorkerCrash() throws Exception {
        cache.put("lasting", "a", Duration.ofHours(1));
        cache.put("brief", "b", Duration.ofSeconds(1)); // long enough to outlive the kill below by far
        assertThat(cache.keys()).containsExactly("brief", "lasting");

        Proc.exit(cache.worker(), ExitReason.kill()); // its timers die with it
        assertThat(cache.get("lasting")).contains("a");
        assertThat(cache.statistics().restarts()).isEqualTo(1);
        assertThat(cache.ref().<Entries>state().keys()).contains("brief");

        expiries.of("brief").get(10, SECONDS); // restore armed a new timer for it
        assertThat(cache.keys()).containsExactly("lasting");
    }

    @Test
    void aTimerLeftFromAnEarlierPutDoesNotExpireTheNewValue() throws Exception {
        cache.put("key", "old", Duration.ofMillis(20));
        cache.put("key", "new", Duration.ofHours(1));
        cache.put("marker", "m", Duration.ofMillis(200)); // its timer fires well after the stale one

        expiries.of("marker").get(5, SECONDS);
        assertThat(cache.get("key")).contains("new");
    }

    /** Completes a future for each key the cache drops, as the listener hears it. */
    private static final class Expiries implements StateListener<Entries> {
        private final Map<String, CompletableFuture<Void>> gone = new ConcurrentHashMap<>();

        CompletableFuture<Void> of(String key) {
            return gone.computeIfAbsent(key, k -> new CompletableFuture<>());
        }

        @Override
        public void onStateChanged(Entries oldState, Entries newState) {
            oldState.byKey().keySet().stream()
                    .filter(key -> !newState.byKey().containsKey(key))
                    .forEach(key -> of(key).complete(null));
        }
    }
}
