package dev.peeper.cluster;

import com.hazelcast.core.IndeterminateOperationStateException;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import com.hazelcast.spi.exception.RetryableException;
import dev.peeper.keeper.Keeper;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The keeper of one named server in synchronous mode: {@link #keep} returns once the state is in the state map on
 * the name's partition owner and on its synchronous backup, so a single member's death loses no state a reply or
 * a cast's next message was released on. The first state kept takes the name over: the generation goes up, and a
 * write from an older incarnation (a paused member coming back) is refused with {@link FencedException}, which
 * ends that incarnation's worker. A state Hazelcast cannot serialize is not kept either: {@link #keep} throws
 * {@link WireException}, which ends the worker that produced it, and the next worker resumes from the last state
 * kept; the server runs on.
 *
 * <p>With one member there is no backup to wait for: the state then lives only on that member.
 */
final class ReplicatedKeeper implements Keeper<Object> {
    /** Attempts at a write whose outcome the engine could not tell (its primary or backup died meanwhile). */
    private static final int ATTEMPTS = 5;

    private final IMap<Object, KeptState> states;
    private final Object key;
    private final long owner;
    /** {@code 0} until this incarnation {@linkplain #takeOver() takes the name over}. */
    private long generation;
    private long sequence;
    /** The last state kept: what a restarted worker resumes from. Written and read by one worker at a time. */
    private Object state;

    ReplicatedKeeper(IMap<Object, KeptState> states, Object key) {
        this.states = states;
        this.key = key;
        this.owner = ThreadLocalRandom.current().nextLong();
    }

    /**
     * Takes the name over, once, at the first state kept or asked for: not when the keeper is made, because a
     * server makes its keeper before it wins its name, and a start that loses the name must not fence the winner.
     */
    private void takeOver() {
        if (generation == 0) {
            KeptState taken = retrying(() -> states.executeOnKey(key, new KeeperEntry.TakeOver(owner)));
            generation = taken.generation();
            state = taken.state();
        }
    }

    /** This incarnation's generation: one more than the incarnation of the same name before it. */
    long generation() {
        takeOver();
        return generation;
    }

    @Override
    public void keep(Object next) {
        takeOver();
        long number = ++sequence; // used up even if the write fails: one whose outcome is unknown may have applied
        Long holder;
        try {
            holder = retrying(() -> states.executeOnKey(key, new KeeperEntry.Keep(generation, owner, number, next)));
        } catch (HazelcastSerializationException e) {
            // nothing was kept: the worker ends on this, and its successor resumes from the last state kept
            throw WireException.of(WireException.Kind.STATE, next, e);
        }
        if (holder != generation) {
            throw new FencedException(key, generation, holder);
        }
        state = next;
    }

    @Override
    public Object restore() {
        takeOver();
        return state;
    }

    @Override
    public void release() {
        if (generation == 0) {
            return; // never took the name over (a start that lost its name): nothing of ours to remove
        }
        try {
            states.executeOnKey(key, new KeeperEntry.Release(generation));
        } catch (RuntimeException e) {
            // the member is leaving: the state stays for whoever takes the name over
        }
    }

    /** Runs an idempotent write again while the engine cannot tell whether it applied. */
    private static <T> T retrying(java.util.function.Supplier<T> write) {
        for (int attempt = 1; ; attempt++) {
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
