package dev.peeper.server;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.process.internal.AwaitsDelivery;
import java.time.Duration;
import java.util.concurrent.CancellationException;

/**
 * A call in flight: the envelope the server receives, the {@link From} it answers, and the future the caller
 * waits on, all one object so a call allocates once. A server that ends with the call still queued or
 * unanswered fails it with its exit reason ({@link AwaitsDelivery}), which is how the caller learns at once. The
 * caller's deadline is kept by {@link CallTimeouts}, through fields the call inherits, so it waits untimed.
 */
class Call extends TimedFuture implements From<Object>, AwaitsDelivery {
    final Object request;
    /** The pid the caller sent to, which a failure names: for a Peeper server, not the worker that ended. */
    Pid server;
    /** A reply to this call is held by the worker that gave it ({@link HeldReplies}): it counts as the answer. */
    boolean held;
    /**
     * The call certainly never reached its server: sent to a process that did not exist ({@code noproc}), or not
     * sent at all ({@link #unsent}). A call by name may then be made again to the name's next holder.
     */
    private volatile boolean neverDelivered;

    Call(Object request) {
        this.request = request;
    }

    @Override
    public boolean reply(Object value) {
        HeldReplies holder = HeldReplies.ofThisThread(); // given on a worker whose state must be acknowledged first?
        return holder != null ? holder.hold(this, value, null) : complete(value);
    }

    @Override
    public boolean fail(Throwable error) {
        HeldReplies holder = HeldReplies.ofThisThread();
        return holder != null ? holder.hold(this, null, error) : completeExceptionally(new CallFailedException(error));
    }

    /** Fails the call at once: the loop's own answer to a request it refuses, never held like a {@code From}'s. */
    boolean failNow(Throwable error) {
        return completeExceptionally(new CallFailedException(error));
    }

    @Override
    public boolean isAnswered() {
        return held || isDone();
    }

    @Override
    public void undelivered(Pid target, ExitReason reason) {
        if (reason instanceof ExitReason.NoProc && !isDone()) {
            neverDelivered = true; // before the completion, which publishes it
        }
        serverEnded(target, reason);
    }

    @Override
    public void unsent(Pid target, ExitReason reason) {
        neverDelivered = true;
        serverEnded(target, reason);
    }

    /** {@return whether this call failed without ever reaching its server, so that it cannot have run} */
    boolean neverDelivered() {
        return neverDelivered && isCompletedExceptionally();
    }

    /** {@return whether this call failed because its server was no process ({@code noproc}): it had ended} */
    boolean foundNoProcess() {
        return isCompletedExceptionally() && exceptionNow() instanceof ServerExitException exit
                && exit.reason() instanceof ExitReason.NoProc;
    }

    /** Fails the call because {@code server} ended with {@code reason}; no-op if it was answered. */
    void serverEnded(Pid ended, ExitReason reason) {
        if (!isDone()) {
            // no stack trace here: the caller's thread throws a fresh exception with its own stack
            completeExceptionally(new ServerExitException(server != null ? server : ended, reason, false));
        }
    }

    /**
     * Waits for the answer. Failures are rethrown with the caller's stack; an exit signal that interrupts a
     * waiting process ends it here. A timed-out call stays unanswered, so the server may still handle it; its late
     * reply completes a future nobody reads.
     */
    Object await(ServerRef server, Duration timeout) {
        return await(server, timeout, nanos(timeout));
    }

    /** {@link #await(ServerRef, Duration)} with {@code nanosLeft} of {@code timeout} left: the rest went before. */
    Object await(ServerRef server, Duration timeout, long nanosLeft) {
        try {
            if (!awaitDone(CallTimeouts.shared(), Math.max(0, nanosLeft))) {
                throw new CallTimeoutException(server, request, timeout);
            }
        } catch (InterruptedException e) {
            Proc.checkSignals();
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for " + server + " to answer " + request);
        }
        // read without get(): it would wrap a failure in an ExecutionException whose stack trace is thrown away
        return switch (state()) {
            case SUCCESS -> resultNow();
            case FAILED -> throw rethrowable(exceptionNow());
            default -> throw new CancellationException("the call " + request + " to " + server + " was cancelled");
        };
    }

    private static RuntimeException rethrowable(Throwable failure) {
        if (failure instanceof ServerExitException exit) {
            return new ServerExitException(exit.server(), exit.reason());
        }
        if (failure instanceof CallFailedException failed) {
            return new CallFailedException(failed.getCause());
        }
        return failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
    }

    @Override
    public String toString() {
        return "Call[" + request + "]";
    }
}
