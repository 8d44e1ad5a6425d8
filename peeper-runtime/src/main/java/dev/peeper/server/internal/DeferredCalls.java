package dev.peeper.server.internal;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.internal.AwaitsDelivery;
import dev.peeper.server.From;
import dev.peeper.server.Next;
import dev.peeper.server.ServerExitException;
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

    private List<AwaitsDelivery> calls;

    /** An empty set, for a runtime that owns the deferred calls of the loops it runs. */
    public DeferredCalls() {
    }

    /**
     * Keeps a call its server left unanswered, to fail it if the server ends first.
     *
     * @param <C>  a call: a {@link From} the server answers, which fails its caller when told it is undeliverable
     * @param call the unanswered call
     */
    public <C extends From<?> & AwaitsDelivery> void add(C call) {
        if (calls == null) {
            calls = new ArrayList<>();
        } else if (calls.size() >= SWEEP) {
            calls.removeIf(kept -> ((From<?>) kept).isAnswered());
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
        List<AwaitsDelivery> left = calls;
        calls = null;
        if (left != null) {
            for (AwaitsDelivery call : left) {
                call.undelivered(server, reason); // a call fails its caller with the server's reason
            }
        }
    }
}
