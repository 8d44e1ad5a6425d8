package dev.peeper.server;

import dev.peeper.process.NoProcessException;
import dev.peeper.process.Pid;
import dev.peeper.process.internal.RemoteNodes;
import dev.peeper.registry.ProcessName;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link ServerRef#callAsync} by a name that comes back by itself (a cluster's): the asynchronous twin of
 * {@code ServerRef.callHolder}, with the same rules. It looks the name up until a holder registers, and calls again,
 * by the name, while a call certainly never reached the holder it was sent to ({@code noproc}, or its member could
 * not be reached before the send), until {@code within} passes; a call that was sent and then lost its server (its
 * member left: {@code noconnection}) may have run, so it fails the future at once and is never repeated.
 *
 * <p>No thread waits meanwhile: each pause is a task of the JDK's shared delay scheduler, and each further attempt
 * runs on a fresh virtual thread (a lookup of a cluster name may block), as the caller's node. Attempts follow one
 * another, so the fields are touched by one thread at a time (each hand-over through an executor orders them).
 */
final class HolderCallAsync {
    private final ServerRef ref;
    private final ProcessName name;
    private final Object request;
    private final Duration within;
    private final long start = System.nanoTime();
    private final long budget;
    private final CompletableFuture<Object> answer = new CompletableFuture<>();
    /** The node the caller acts as (several members may run in one JVM): later attempts send as it too. */
    private final long node;
    private long pause = Duration.ofMillis(1).toNanos();

    HolderCallAsync(ServerRef ref, ProcessName name, Object request, Duration within) {
        this.ref = ref;
        this.name = name;
        this.request = request;
        this.within = within;
        this.budget = TimedFuture.nanos(within);
        this.node = RemoteNodes.callerNode();
    }

    /**
     * Makes the first attempt on the caller's thread (a call to the calling server itself throws here, as by pid)
     * and answers the future of the reply.
     */
    CompletableFuture<Object> start() {
        attempt(true);
        return answer;
    }

    private void attempt(boolean first) {
        Call call;
        Pid holder;
        try {
            holder = name.whereis();
            if (holder == null) {
                if (!retry()) {
                    answer.completeExceptionally(new NoProcessException("no server registered under the name " + name
                            + " within " + within + "; start it first, or check the name"));
                }
                return;
            }
            call = ref.send(new Call(request), holder);
        } catch (RuntimeException e) {
            if (first) {
                throw e; // as a call by pid throws it: the caller's own mistake, or the registry failing at once
            }
            answer.completeExceptionally(e);
            return;
        }
        if (call.isDone()) { // answered already (a dead local pid fails at once)
            answered(call, holder);
        } else {
            call.whenCompleteAsync((reply, failure) -> answered(call, holder), ServerRef.CALLBACKS);
        }
    }

    /** {@code call} completed: passed on, unless it certainly never reached its server and there is time left. */
    private void answered(Call call, Pid holder) {
        ServerRef.forgetIfEnded(name, call, holder); // before a next attempt looks the name up again
        // the name still points at the gone holder until its clean-up or a new start replaces it: look it up again
        if (!call.neverDelivered() || !retry()) {
            ServerRef.pass(call, answer);
        }
    }

    /**
     * Schedules the next attempt after a pause (1 ms, doubling up to the lookup pace of a synchronous call), as the
     * caller's node; {@code false}, and nothing scheduled, if no time is left.
     */
    private boolean retry() {
        long left = budget - (System.nanoTime() - start);
        if (left <= 0) {
            return false;
        }
        long wait = Math.min(pause, left);
        pause = Math.min(pause * 2, ServerRef.MAX_LOOKUP_PAUSE_NANOS);
        Runnable again = node == 0 ? () -> attempt(false) : () -> RemoteNodes.callAs(node, () -> {
            attempt(false);
            return null;
        });
        CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS, ServerRef.CALLBACKS).execute(again);
        return true;
    }
}
