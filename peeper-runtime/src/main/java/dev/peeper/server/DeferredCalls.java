package dev.peeper.server;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import java.util.ArrayList;
import java.util.List;

/**
 * The calls a server left unanswered (its handler returned {@link Next}, keeping the {@link From} to answer later),
 * so that they fail with the server's exit reason if it ends first rather than wait for their timeouts.
 *
 * <p>A plain server's loop keeps its own. A runtime that restarts the loop after a crash (a Peeper server) owns
 * them instead, through {@link LoopHooks#deferredCalls()}: the restarted loop resumes from a state that still
 * holds the {@code From}s and can answer them, so the crash of another message must not fail them; the runtime
 * fails them only when the server ends for good. Used on one thread at a time (the loop's, then its successor's).
 */
public final class DeferredCalls {
    /** Above this many, answered ones are swept out before another is added. */
    private static final int SWEEP = 64;

    private List<Call> calls;

    /** An empty set, for a runtime that owns the deferred calls of the loops it runs. */
    public DeferredCalls() {
    }

    void add(Call call) {
        if (calls == null) {
            calls = new ArrayList<>();
        } else if (calls.size() >= SWEEP) {
            calls.removeIf(Call::isDone);
        }
        calls.add(call);
    }

    /**
     * Fails every call still unanswered because {@code server} ended with {@code reason}, and forgets them all.
     *
     * @param server the server that ended, named in each caller's {@link ServerExitException}
     * @param reason why it ended, given to each caller
     */
    public void failAll(Pid server, ExitReason reason) {
        List<Call> left = calls;
        calls = null;
        if (left != null) {
            for (Call call : left) {
                call.serverEnded(server, reason);
            }
        }
    }
}
