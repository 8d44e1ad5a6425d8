package dev.peeper.durable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.durable.RecordingListener.Changed;
import dev.peeper.keeper.StateCopy;
import dev.peeper.server.Dispatcher;
import dev.peeper.server.From;
import dev.peeper.server.Next;
import dev.peeper.server.Reply;
import dev.peeper.server.Result;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Mutable state, the one thing Java adds to worry about: a callback that changes the state object in place and
 * then throws. With a {@link StateCopy} the keeper holds a copy of each completed state, so the restarted worker
 * resumes from the state before that callback; without one, the half-applied change survives the crash. Both
 * are shown, so the difference is documented by a test.
 */
class MutableStateTest {
    @RegisterExtension
    final Peepers peepers = new Peepers();

    /** A cache that mutates its {@code HashMap} state in place, as careless code does. */
    static final class Cache implements Dispatcher<HashMap<String, Integer>> {
        record Put(String key, int value) {
        }

        /** Puts, then throws: a half-applied update. */
        record PutThenFail(String key, int value) {
        }

        record Entries() {
        }

        @Override
        public Result<HashMap<String, Integer>> init(Object argument) {
            return Next.of(new HashMap<>());
        }

        @Override
        public Result<HashMap<String, Integer>> handleCall(Object request, From<Object> from,
                                                           HashMap<String, Integer> map) {
            if (request instanceof Entries) {
                return Reply.of(Map.copyOf(map), map);
            }
            throw new IllegalArgumentException("unknown call " + request);
        }

        @Override
        public Result<HashMap<String, Integer>> handleCast(Object request, HashMap<String, Integer> map) {
            switch (request) {
                case Put(String key, int value) -> map.put(key, value);
                case PutThenFail(String key, int value) -> {
                    map.put(key, value);
                    throw new IllegalStateException("failed half-way through " + request);
                }
                default -> throw new IllegalArgumentException("unknown cast " + request);
            }
            return Next.of(map);
        }
    }

    private PeeperRef cache(PeeperOptions options) {
        return peepers.start(Cache::new, null, options);
    }

    /** Crashes the worker half-way through an update; a call queued behind it is served by the next worker. */
    private static void putThenFail(PeeperRef cache) {
        cache.cast(new Cache.PutThenFail("b", 2));
    }

    @Test
    void withACopyStrategyTheRestartedWorkerResumesFromTheStateBeforeTheFailedCallback() {
        PeeperRef cache = cache(PeeperOptions.defaults()
                .withStateCopy(StateCopy.<HashMap<String, Integer>>of(HashMap::new)));
        cache.cast(new Cache.Put("a", 1));

        putThenFail(cache);

        assertThat(cache.<Map<String, Integer>>call(new Cache.Entries())).isEqualTo(Map.of("a", 1));
        assertThat(cache.statistics().restarts()).isEqualTo(1);
    }

    @Test
    void withoutACopyStrategyTheHalfAppliedMutationSurvivesTheCrash() {
        PeeperRef cache = cache(PeeperOptions.defaults());
        cache.cast(new Cache.Put("a", 1));

        putThenFail(cache);

        // the keeper holds the very object the failed callback changed: why mutable states need a copy strategy
        assertThat(cache.<Map<String, Integer>>call(new Cache.Entries())).isEqualTo(Map.of("a", 1, "b", 2));
        assertThat(cache.statistics().restarts()).isEqualTo(1);
    }

    @Test
    void theCopyIsMadePerCompletedCallbackAndPerRestartOnly() {
        AtomicInteger copies = new AtomicInteger();
        StateCopy<HashMap<String, Integer>> counting = StateCopy.of(map -> {
            copies.incrementAndGet();
            return new HashMap<>(map);
        });
        PeeperRef cache = cache(PeeperOptions.defaults().withStateCopy(counting));
        assertThat(copies).as("init's state").hasValue(1);

        cache.cast(new Cache.Put("a", 1));
        cache.call(new Cache.Entries());
        assertThat(copies).as("one per completed callback").hasValue(3);

        putThenFail(cache);
        cache.call(new Cache.Entries());
        // the failed callback completed nothing; the restart copies the kept state out, restore's state is kept
        assertThat(copies).hasValue(6);
    }

    @Test
    void withACopyStrategyTheListenerSeesTheOldAndTheNewMap() throws Exception {
        RecordingListener listener = new RecordingListener();
        PeeperRef cache = cache(PeeperOptions.defaults().withListener(listener)
                .withStateCopy(StateCopy.<HashMap<String, Integer>>of(HashMap::new)));

        cache.cast(new Cache.Put("a", 1));
        cache.cast(new Cache.Put("b", 2));

        assertThat(listener.nextChange()).extracting(Changed::oldState, Changed::newState)
                .containsExactly(Map.of(), Map.of("a", 1));
        assertThat(listener.nextChange()).extracting(Changed::oldState, Changed::newState)
                .containsExactly(Map.of("a", 1), Map.of("a", 1, "b", 2));
    }

    @Test
    void aCallbackThatThrowsAfterMutatingDoesNotReachTheListenerWithACopyStrategy() throws Exception {
        RecordingListener listener = new RecordingListener();
        PeeperRef cache = cache(PeeperOptions.defaults().withListener(listener)
                .withStateCopy(StateCopy.<HashMap<String, Integer>>of(HashMap::new)));

        cache.cast(new Cache.PutThenFail("x", 9));
        cache.cast(new Cache.Put("a", 1));

        assertThat(listener.nextChange()).extracting(Changed::oldState, Changed::newState)
                .containsExactly(Map.of(), Map.of("a", 1));
        assertThat(cache.statistics().restarts()).isEqualTo(1);
    }
}
