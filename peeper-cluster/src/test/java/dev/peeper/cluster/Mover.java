package dev.peeper.cluster;

import dev.peeper.process.ExitReason;
import dev.peeper.server.Dispatcher;
import dev.peeper.server.From;
import dev.peeper.server.Handoff;
import dev.peeper.server.Next;
import dev.peeper.server.Reply;
import dev.peeper.server.Result;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A counter for the handoff tests whose state picks its handoff answer: from {@link #RESTARTS} restart, from
 * {@link #STAYS} stay, from {@link #RESUMES_WITH_BONUS} resume with the state plus {@value #RESUME_BONUS} (each band
 * {@value #BAND} wide), any other resume with the state as it is. The bands lie far above what a counter started low
 * reaches in a test (they were 1000-3999: a counter called by several threads for the 20 s of a late move's retries
 * could have reached them, and stayed, or restarted). A call with an {@code Integer} adds it and answers the sum,
 * {@code "get"} answers the state; a cast adds. Records the states it was asked about and the reasons {@code restore}
 * saw.
 */
final class Mover implements Dispatcher<Integer> {
    /** How wide each band of states with a handoff answer of its own is. */
    static final int BAND = 100_000_000;
    /** The first state whose handoff answers restart. */
    static final int RESTARTS = BAND;
    /** The first state whose handoff answers stay. */
    static final int STAYS = 2 * BAND;
    /** The first state whose handoff answers resume with the state plus {@value #RESUME_BONUS}. */
    static final int RESUMES_WITH_BONUS = 3 * BAND;
    static final int RESUME_BONUS = 10_000;
    static final Set<Integer> ASKED = ConcurrentHashMap.newKeySet();
    static final Queue<ExitReason> RESTORED = new ConcurrentLinkedQueue<>();

    /** Forgets what earlier tests' servers recorded. */
    static void forget() {
        ASKED.clear();
        RESTORED.clear();
    }

    @Override
    public Result<Integer> init(Object start) {
        return Next.of((Integer) start);
    }

    @Override
    public Result<Integer> handleCall(Object request, From<Object> from, Integer count) {
        if ("get".equals(request)) {
            return Reply.of(count, count);
        }
        int next = count + (Integer) request;
        return Reply.of(next, next);
    }

    @Override
    public Result<Integer> handleCast(Object request, Integer count) {
        return Next.of(count + (Integer) request);
    }

    @Override
    public Integer restore(Integer kept, ExitReason lastExit) {
        RESTORED.add(lastExit);
        return kept;
    }

    @Override
    public Handoff<Integer> handoff(Integer state) {
        ASKED.add(state);
        return switch (state / BAND) {
            case RESTARTS / BAND -> Handoff.restart();
            case STAYS / BAND -> Handoff.stay();
            case RESUMES_WITH_BONUS / BAND -> Handoff.resume(state + RESUME_BONUS);
            default -> Handoff.resume(state);
        };
    }
}
