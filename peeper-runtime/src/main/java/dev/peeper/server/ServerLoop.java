package dev.peeper.server;

import dev.peeper.process.ExitReason;
import dev.peeper.process.ExitSignal;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.process.ProcessBody;
import dev.peeper.process.ProcessExit;
import dev.peeper.process.internal.InternalProc;
import dev.peeper.registry.NameTakenException;
import dev.peeper.registry.ProcessName;
import dev.peeper.server.internal.DeferredCalls;
import dev.peeper.server.internal.LoopHooks;
import dev.peeper.server.internal.WrappingDispatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generic server loop, OTP's {@code gen_server} main loop: the start handshake, then one message at a time
 * (system messages first), each handed to the {@link Dispatcher} and its {@link Result} applied. The dispatcher
 * supplies callbacks only; everything else lives here.
 */
final class ServerLoop implements ProcessBody {
    private static final Logger log = LoggerFactory.getLogger(ServerLoop.class);
    private static final Duration FOREVER = Duration.ofDays(36_500);

    /** The argument for {@code init}, or the kept state when {@link #resume resuming}. */
    private final Object argument;
    private final ProcessName name;
    private final CompletableFuture<Void> started;
    private final LoopHooks hooks;
    /** Resume from a kept state instead of running {@code init}: a Peeper worker's restart. */
    private final boolean resume;
    private final ExitReason lastExit;
    private Dispatcher<Object> dispatcher;
    private Pid self;
    private Pid parent;

    private Object state;
    private After after = After.Wait.INSTANCE;
    private boolean suspended;
    private long messagesHandled;
    private Instant startedAt;
    private long startedNanos;
    /** The call (user or system) being handled, so a crash can answer it with the reason. */
    private Call current;
    /** Calls whose handler returned {@link Next}: answered later, or failed if the server ends first. */
    private DeferredCalls deferred;
    /** Whether this loop fails {@link #deferred} when it ends; else the runtime that gave them does (see hooks). */
    private final boolean ownsDeferred;
    /**
     * Replies given through {@link From} while a message is handled, held until its state is acknowledged; only if
     * the runtime writes states before replies ({@link LoopHooks#holdsReplies}), else {@code null}.
     */
    private final HeldReplies held;

    @SuppressWarnings("unchecked")
    ServerLoop(Dispatcher<?> dispatcher, Object argument, ProcessName name, CompletableFuture<Void> started,
               LoopHooks hooks, boolean resume, ExitReason lastExit) {
        this.dispatcher = (Dispatcher<Object>) dispatcher;
        this.argument = argument;
        this.name = name;
        this.started = started;
        this.hooks = hooks;
        this.resume = resume;
        this.lastExit = lastExit;
        this.deferred = hooks == null ? null : hooks.deferredCalls();
        this.ownsDeferred = deferred == null;
        this.held = hooks != null && hooks.holdsReplies() ? new HeldReplies() : null;
    }

    /** Starts (resumes) suspended, as the previous loop of the same server was; see {@link LoopHooks}. */
    void startSuspended(boolean on) {
        suspended = on;
    }

    @Override
    public void run() throws Exception {
        self = Proc.self();
        parent = Proc.parent();
        if (suspended) { // a restarted worker of a suspended Peeper server
            obeyParentWhileSuspended();
        }
        ExitReason reason = null;
        if (held != null) {
            held.bindToThisThread();
        }
        try {
            if (!initialize()) {
                return;
            }
            loop();
        } catch (ProcessExit e) {
            reason = e.reason();
            throw e;
        } catch (Exception | Error e) {
            // an exit signal interrupts a callback's wait, which then throws (InterruptedException, say): that
            // exception only echoes the signal. The server ends with the signal's reason, without terminate, as an
            // Erlang process ends on an untrapped exit signal; the caller must hear "killed", not the echo.
            reason = pendingSignal();
            if (reason != null) {
                throw new ProcessExit(reason);
            }
            reason = ExitReason.crash(e);
            if (startedAt != null) { // OTP runs terminate for a crash after init, not for a failed init
                callTerminate(reason);
            }
            throw e;
        } finally {
            if (reason != null) {
                failCallsInFlight(reason);
                // killed or crashed during init, or its starter gave up on it (timed out): the name is freed now
                if (!started.isDone() || started.isCompletedExceptionally()) {
                    failStart(StartException.endedDuringInit(self, reason));
                }
            }
            if (held != null) {
                held.unbind();
            }
        }
    }

    // ---- start ----

    /** Registers the name and runs init; {@code false} if the start failed and the process should just end. */
    private boolean initialize() throws Exception {
        if (resume) {
            state = dispatcher.restore(argument, lastExit);
            running();
            return true;
        }
        if (name != null) {
            try {
                name.register(self);
            } catch (NameTakenException e) {
                failStart(StartException.alreadyStarted(e));
                return false;
            }
        }
        Result<Object> result = dispatcher.init(argument);
        if (result instanceof Next<Object> next) {
            state = next.state();
            after = next.after();
            running();
            started.complete(null);
            return true;
        }
        if (result instanceof Stop<Object> stop) {
            failStart(new StartException(StartException.Kind.INIT_STOPPED,
                    "init of " + dispatcher.getClass().getName() + " returned stop: " + stop.reason(), stop.reason()));
            throw new ProcessExit(stop.reason());
        }
        throw new BadReturnException("init", result, "Next.of(state) to start or Stop.of(reason, state) to refuse");
    }

    private void running() {
        startedAt = Instant.now();
        startedNanos = System.nanoTime();
        completed();
    }

    /** A callback completed: the state now is good, and a keeper (if any) takes it before the next message. */
    private void completed() {
        if (hooks != null) {
            hooks.stateCompleted(state, messagesHandled);
        }
    }

    /** Ends the server on purpose with {@code reason}, {@code terminate} having run. */
    private ProcessExit stopping(ExitReason reason) {
        if (hooks != null) {
            hooks.stopping(reason);
        }
        return new ProcessExit(reason);
    }

    /** OTP order: release the name, unlink the starter (it learns from the exception), then tell it. */
    private void failStart(StartException failure) {
        if (name != null) {
            name.unregister(self);
        }
        if (parent != null) {
            Proc.unlink(parent);
        }
        started.completeExceptionally(failure);
    }

    // ---- the loop ----

    private void loop() throws Exception {
        while (true) {
            releaseHeld(); // what the last callback (init or restore, the first time) answered through From
            After pending = after;
            after = After.Wait.INSTANCE;
            if (suspended) {
                after = pending; // an idle timeout waits out the suspension, as OTP's sys loop keeps it
                drained(); // what is queued waits for the resume: nothing more joins the group before it
                Object system = InternalProc.receiveSystem(FOREVER);
                if (system instanceof SystemCall call) {
                    handleSystem(call);
                } else { // a user type marked SystemMessage: not ours, so it is handled like any other message
                    handle(system);
                }
                continue;
            }
            if (pending instanceof After.Continue next) {
                apply("handleContinue", dispatcher.handleContinue(next.continuation(), state), null);
                continue;
            }
            Object message;
            if (pending instanceof After.Timeout idle) {
                message = next(idle.timeout());
                if (message == null) {
                    message = IdleTimeout.INSTANCE;
                }
            } else {
                message = next(FOREVER);
            }
            if (message instanceof SystemCall system) {
                after = pending; // a system message does not use up a continuation or timeout
                handleSystem(system);
            } else {
                handle(message);
            }
        }
    }

    /**
     * The next message, waiting up to {@code timeout}; a runtime that keeps states hears first when none is queued
     * ({@link LoopHooks#mailboxDrained}). A queued message is taken without waiting, so a busy server pays nothing
     * more than a plain receive.
     */
    private Object next(Duration timeout) {
        if (hooks != null) {
            Object queued = Proc.receive(Duration.ZERO);
            if (queued != null) {
                return queued;
            }
            drained();
        }
        return timeout == FOREVER ? Proc.receive() : Proc.receive(timeout);
    }

    private void drained() {
        if (hooks != null) {
            hooks.mailboxDrained();
        }
    }

    /**
     * A reply is about to be released: the runtime makes the state it acknowledges durable first, and the replies
     * held meanwhile go out with it.
     */
    private void acknowledge() {
        if (hooks != null) {
            hooks.beforeReply();
            if (held != null) {
                held.release();
            }
        }
    }

    /** Releases the replies the last callback gave through {@link From}, once its state is acknowledged. */
    private void releaseHeld() {
        if (held != null && !held.isEmpty()) {
            acknowledge(); // throws if refused: the server crashes and the held callers hear that instead
        }
    }

    /**
     * After {@code terminate} of a server that stops on purpose: the replies it gave through {@link From} go out if
     * their state is acknowledged; if not, they stay held and fail with the server's exit reason as it ends.
     */
    private void releaseHeldWhileStopping(ExitReason reason) {
        try {
            releaseHeld();
        } catch (RuntimeException e) {
            log.warn("server {} stops with {}, but the state behind the replies its terminate gave was not "
                    + "acknowledged; those callers hear the exit reason instead", self, reason, e);
        }
    }

    private void handle(Object message) throws Exception {
        messagesHandled++;
        if (message instanceof StopCall stop) {
            current = stop;
            stopOnRequest(stop.reason, stop);
        } else if (message instanceof Call call) {
            current = call;
            apply("handleCall", dispatcher.handleCall(call.request, call, state), call);
            current = null;
        } else if (message instanceof Cast cast) {
            apply("handleCast", dispatcher.handleCast(cast.request(), state), null);
        } else if (message instanceof ExitSignal exit && exit.from().equals(parent)) {
            // only reaches us when trapping exits: the parent's order to stop, so terminate runs
            callTerminate(exit.reason());
            releaseHeldWhileStopping(exit.reason());
            throw stopping(exit.reason());
        } else {
            apply("handleInfo", dispatcher.handleInfo(message, state), null);
        }
    }

    private void apply(String callback, Result<Object> result, Call call) {
        if (result instanceof Next<Object> next) {
            state = next.state();
            after = next.after();
            completed();
            if (call != null && !call.isAnswered()) {
                defer(call);
            }
        } else if (result instanceof Reply<?, Object> reply && call != null) {
            state = reply.state();
            after = reply.after();
            completed(); // kept before the caller hears: whoever sees the reply may rely on the state surviving
            acknowledge();
            call.complete(reply.reply()); // the loop answers directly: From.reply, on this thread, may hold it
        } else if (result instanceof Stop<Object> stop && (call != null || !stop.hasReply())) {
            state = stop.state();
            completed(); // the callback completed too: its state is the last good one, the one terminate gets
            if (stop.hasReply()) {
                acknowledge();
                call.complete(stop.reply());
            }
            callTerminate(stop.reason());
            releaseHeldWhileStopping(stop.reason());
            throw stopping(stop.reason());
        } else {
            throw new BadReturnException(callback, result, call != null
                    ? "Reply.of(reply, state), Next.of(state) (to reply later through From) or Stop"
                    : "Next.of(state) or Stop.of(reason, state)");
        }
    }

    private void defer(Call call) {
        if (deferred == null) {
            deferred = new DeferredCalls();
        }
        deferred.add(call);
    }

    private void callTerminate(ExitReason reason) {
        try {
            dispatcher.terminate(reason, state);
        } catch (ProcessExit e) {
            throw e;
        } catch (Exception | Error e) {
            log.error("terminate of server {} ({}) threw; the server still ends with {}",
                    self, dispatcher.getClass().getName(), reason, e);
        }
    }

    /**
     * Fails the call being handled, and the deferred ones this loop owns, with {@code reason}: as a clean-up of the
     * process's end, not here. Here the process is still alive, its mailbox open and its names held: a caller told
     * now could call again at once, reach the same process, and hear the crash again instead of {@code noproc}
     * (or find the name still registered). A clean-up runs once the mailbox is closed and the names are free.
     */
    private void failCallsInFlight(ExitReason reason) {
        Call inFlight = current;
        DeferredCalls owned = ownsDeferred ? deferred : null; // else they outlive this loop: the runtime decides
        HeldReplies unreleased = held != null && !held.isEmpty() ? held : null; // their state was not acknowledged
        if (inFlight == null && owned == null && unreleased == null) {
            return;
        }
        InternalProc.onExit(self, () -> {
            if (inFlight != null) {
                inFlight.serverEnded(self, reason);
            }
            if (unreleased != null) {
                unreleased.failAll(self, reason);
            }
            if (owned != null) {
                owned.failAll(self, reason);
            }
        });
    }

    // ---- system messages ----

    private void handleSystem(SystemCall call) {
        current = call; // so that if the server ends while serving it, its caller hears why at once
        switch ((SystemRequest) call.request) {
            case SystemRequest.GetState ignored -> call.complete(state);
            case SystemRequest.ReplaceState replace -> replaceState(replace, call);
            case SystemRequest.Suspend ignored -> setSuspended(true, call);
            case SystemRequest.Resume ignored -> setSuspended(false, call);
            case SystemRequest.GetStatistics ignored -> call.complete(new ServerStatistics(startedAt,
                    Duration.ofNanos(System.nanoTime() - startedNanos), messagesHandled, Proc.mailboxLength(self),
                    suspended));
            case SystemRequest.ChangeCode change -> changeCode(change, call);
            case SystemRequest.HandOver handOver -> handOver(handOver, call);
            case SystemRequest.Terminate terminate -> stopOnRequest(terminate.reason(), call);
        }
        current = null;
    }

    /**
     * Replaces the state with what the request's function makes of it. A function that throws fails the request
     * and leaves the server as it was; a keeper that refuses the new state (it is fenced, say) crashes the server,
     * as after any callback.
     */
    private void replaceState(SystemRequest.ReplaceState replace, SystemCall call) {
        Object replaced;
        try {
            replaced = replace.change().apply(state);
        } catch (RuntimeException | Error e) { // a bad function must not crash the server
            Proc.checkSignals(); // an exit signal's echo (an interrupted wait) ends the server instead
            call.failNow(e);
            return;
        }
        state = replaced;
        completed();
        acknowledge();
        call.complete(state);
    }

    /** The runtime (a keeper of the server's settings) hears before the requester, so a restart keeps it. */
    private void setSuspended(boolean on, SystemCall call) {
        suspended = on;
        obeyParentWhileSuspended();
        if (hooks != null) {
            hooks.suspensionChanged(on);
        }
        call.complete(null);
    }

    /**
     * A suspended loop serves only system messages, yet must obey its parent's order to stop (a supervisor's
     * shutdown, as a trapped exit signal), as OTP's suspended loop does: so while suspended, the parent's exit
     * signals skip the queue. Without this a supervisor waited its whole shutdown timeout, killed the server and
     * {@code terminate} never ran; with an infinite shutdown it hung.
     */
    private void obeyParentWhileSuspended() {
        if (parent != null) {
            InternalProc.parentExitsFirst(suspended);
        }
    }

    /** Stops because someone asked: {@code terminate}, then the asker hears, then the process ends. */
    private void stopOnRequest(ExitReason reason, Call asker) {
        callTerminate(reason);
        releaseHeldWhileStopping(reason);
        ProcessExit exit = stopping(reason);
        asker.complete(null);
        throw exit;
    }

    /**
     * Passes every queued message, in order, to the successor that took over this server's state, then ends
     * without {@code terminate}: the server lives on there, so there is nothing to clean up.
     */
    private void handOver(SystemRequest.HandOver handOver, SystemCall call) {
        for (Object queued; (queued = Proc.receive(Duration.ZERO)) != null; ) {
            Proc.send(handOver.successor(), queued);
        }
        ProcessExit exit = stopping(handOver.reason());
        call.complete(null);
        throw exit;
    }

    @SuppressWarnings("unchecked")
    private void changeCode(SystemRequest.ChangeCode change, SystemCall call) {
        Dispatcher<Object> next = (Dispatcher<Object>) change.implementation();
        if (dispatcher instanceof WrappingDispatcher wrapper && !(next instanceof WrappingDispatcher)) {
            next = (Dispatcher<Object>) wrapper.around(next); // the new code runs inside the same wrapper
        }
        Object migrated;
        try {
            migrated = next.codeChangeFrom(change.oldVersion(), state, change.extra());
        } catch (ProcessExit e) {
            throw e;
        } catch (Exception | Error e) { // the old code and state stay
            Proc.checkSignals(); // an exit signal's echo (an interrupted wait) ends the server instead
            call.failNow(e);
            return;
        }
        // the migration succeeded: from here on, what throws (a keeper refusing the new state) crashes the server,
        // as after any callback, rather than failing only the request with the new code and state installed
        state = migrated;
        dispatcher = next;
        if (hooks != null) {
            hooks.codeChanged(next);
        }
        completed();
        acknowledge();
        call.complete(null);
    }

    /** The reason of an exit signal that has ended this server while it ran code, or {@code null}. */
    private static ExitReason pendingSignal() {
        try {
            Proc.checkSignals();
            return null;
        } catch (ProcessExit e) {
            return e.reason();
        }
    }
}
