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
 * A counter for the handoff tests whose state picks its handoff answer: 1000-1999 restart, 2000-2999 stay,
 * 3000-3999 resume with the state plus {@value #RESUME_BONUS}, any other resume with the state as it is. A call with
 * an {@code Integer} adds it and answers the sum, {@code "get"} answers the state; a cast adds. Records the states it
 * was asked about and the reasons {@code restore} saw.
 */
final class Mover implements Dispatcher<Integer> {
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
        return switch (state / 1000) {
            case 1 -> Handoff.restart();
            case 2 -> Handoff.stay();
            case 3 -> Handoff.resume(state + RESUME_BONUS);
            default -> Handoff.resume(state);
        };
    }
}
