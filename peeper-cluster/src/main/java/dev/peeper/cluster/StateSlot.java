package dev.peeper.cluster;

import com.hazelcast.core.IndeterminateOperationStateException;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import com.hazelcast.spi.exception.RetryableException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * One named server's entry in the state map, as one incarnation of the server sees it: it takes the name over
 * (bumping the generation) once, then writes states under that generation. What both replicated keepers share;
 * each decides when to write.
 */
final class StateSlot {
    /** Attempts at a write whose outcome the engine could not tell (its primary or backup died meanwhile). */
    private static final int ATTEMPTS = 5;

    private final IMap<Object, KeptState> states;
    private final Object key;
    private final long owner = ThreadLocalRandom.current().nextLong();
    /** {@code 0} until this incarnation {@linkplain #takeOver() takes the name over}. */
    private volatile long generation;

    StateSlot(IMap<Object, KeptState> states, Object key) {
        this.states = states;
        this.key = key;
    }

    Object key() {
        return key;
    }

    /**
     * Takes the name over, once, and answers the state kept before (or {@code null}); later calls answer
     * {@code null}. Not when the keeper is made: a server makes its keeper before it wins its name, and a start that
     * loses the name must not fence the winner.
     */
    Object takeOver() {
        if (generation != 0) {
            return null;
        }
        KeptState taken = retrying(() -> states.executeOnKey(key, new KeeperEntry.TakeOver(owner)), () -> { });
        generation = taken.generation();
        return taken.state();
    }

    boolean tookOver() {
        return generation != 0;
    }

    /** This incarnation's generation: one more than the incarnation of the same name before it. */
    long generation() {
        return generation;
    }

    /**
     * Writes {@code state} as number {@code sequence}, waiting for the engine's synchronous backup; runs
     * {@code beforeRetry} before it tries again a write whose outcome the engine could not tell (it may throw to
     * stop trying: each such attempt may have waited a whole backup timeout).
     *
     * @throws FencedException if a newer incarnation holds the name
     * @throws WireException    if Hazelcast cannot serialize {@code state}: nothing was written
     */
    void write(long sequence, Object state, Runnable beforeRetry) {
        requireHeld(retrying(() -> serializing(state, () -> states.executeOnKey(key, keep(sequence, state))),
                beforeRetry));
    }

    /**
     * Starts writing {@code state} as number {@code sequence}; completes with the generation holding the name.
     *
     * @throws WireException if Hazelcast cannot serialize {@code state}: nothing was written
     */
    CompletionStage<Long> writeAsync(long sequence, Object state) {
        return serializing(state, () -> states.submitToKey(key, keep(sequence, state)));
    }

    /**
     * Runs {@code write}, turning the engine's serialization failure into a {@link WireException} naming the state's
     * type: the worker that produced the state ends on it, and its successor resumes from the last state written.
     */
    private static <T> T serializing(Object state, Supplier<T> write) {
        try {
            return write.get();
        } catch (HazelcastSerializationException e) {
            throw WireException.of(WireException.Kind.STATE, state, e);
        }
    }

    /**
     * Reads which generation holds the name now (one map read), for an incarnation that has nothing to write but
     * must not answer if it was taken over.
     *
     * @throws FencedException if a newer incarnation holds the name
     */
    void requireStillHeld() {
        if (generation == 0) {
            return;
        }
        KeptState now = states.get(key);
        if (now != null && now.generation() > generation) {
            throw new FencedException(key, generation, now.generation());
        }
    }

    /** @throws FencedException unless {@code holder}, the generation holding the name, is this one */
    void requireHeld(long holder) {
        if (holder != generation) {
            throw new FencedException(key, generation, holder);
        }
    }

    private KeeperEntry.Keep keep(long sequence, Object state) {
        return new KeeperEntry.Keep(generation, owner, sequence, state);
    }

    /** The server ended for good: its state goes, unless a newer incarnation holds it. */
    void release() {
        endWith(new KeeperEntry.Release(generation));
    }

    /**
     * The server's start failed: it never ran, so the state it found when it took the name over stays for the next
     * start; only an empty entry its takeover made goes.
     */
    void abandon() {
        endWith(new KeeperEntry.Abandon(generation));
    }

    private void endWith(EntryProcessor<Object, KeptState, Void> end) {
        if (generation == 0) {
            return; // never took the name over (a start that lost its name): nothing of ours to remove
        }
        try {
            states.executeOnKey(key, end);
        } catch (RuntimeException e) {
            // the member is leaving: the state stays for whoever takes the name over
        }
    }

    /** Runs an idempotent write again while the engine cannot tell whether it applied. */
    private static <T> T retrying(Supplier<T> write, Runnable beforeRetry) {
        for (int attempt = 1; ; attempt++) {
            if (attempt > 1) {
                beforeRetry.run();
            }
            try {
                return write.get();
            } catch (RuntimeException e) {
                boolean unknownOutcome = e instanceof IndeterminateOperationStateException
                        || e instanceof RetryableException;
                if (!unknownOutcome || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
