package dev.peeper.server;

import dev.peeper.process.ExitReason;

/**
 * The callbacks of a server, OTP's {@code gen_server} behaviour. The generic loop owns everything else:
 * naming, the start handshake, receiving, timeouts, continuations, replies and system messages. The annotation
 * processor generates an implementation for each {@code @GenServer} class (a type switch over the message, no
 * reflection); a person can also write one by hand:
 *
 * <pre>{@code
 * final class Counter implements Dispatcher<Integer> {
 *     public Result<Integer> init(Object start) { return Next.of((Integer) start); }
 *
 *     public Result<Integer> handleCall(Object request, From<Object> from, Integer n) {
 *         return Reply.of(n, n);                              // "get"
 *     }
 *
 *     public Result<Integer> handleCast(Object request, Integer n) {
 *         return Next.of(n + (Integer) request);              // "add"
 *     }
 * }
 *
 * ServerRef counter = GenServers.start(new Counter(), 0);
 * counter.cast(5);
 * int value = (Integer) counter.call("get");
 * }</pre>
 *
 * <p>Every callback runs on the server's own process, one message at a time. An exception thrown by a callback
 * crashes the server with that exception as its reason (after {@link #terminate} runs); its caller, if any,
 * gets a {@link ServerExitException} carrying it.
 *
 * @param <S> the state type
 */
public interface Dispatcher<S> {

    /**
     * Builds the first state from the start argument: return {@link Next} to start (its {@link After} applies),
     * or {@link Stop} to make the start fail with its reason.
     *
     * @param argument the start argument as the starter passed it; may be {@code null}
     * @return {@link Next} with the first state, or {@link Stop} to refuse the start
     * @throws Exception anything; the start fails with a {@link StartException} carrying it
     */
    Result<S> init(Object argument) throws Exception;

    /**
     * Handles a call: return {@link Reply} to answer now, {@link Next} to answer later through {@code from}, or
     * {@link Stop}.
     *
     * @param request the caller's request, as passed to {@link ServerRef#call(Object)}
     * @param from    the caller, to answer later with {@link From#reply}; keep it when returning {@link Next}
     * @param state   the current state
     * @return {@link Reply} with the answer and the next state, {@link Next} to answer later, or {@link Stop}
     * @throws Exception anything that escapes crashes the server with that exception as its reason, and the
     *                   caller gets a {@link ServerExitException}
     */
    Result<S> handleCall(Object request, From<Object> from, S state) throws Exception;

    /**
     * Handles a cast: return {@link Next} or {@link Stop}.
     *
     * @param request the request, as passed to {@link ServerRef#cast(Object)}
     * @param state   the current state
     * @return {@link Next} with the next state, or {@link Stop}
     * @throws Exception anything; it crashes the server with that exception as its reason
     */
    Result<S> handleCast(Object request, S state) throws Exception;

    /**
     * Handles any other message: plain sends, {@link IdleTimeout}, {@link dev.peeper.process.Down} and
     * {@link dev.peeper.process.ExitSignal} messages. Return {@link Next} or {@link Stop}. By default the message
     * is logged and ignored, as OTP does.
     *
     * @param message the message, of any type
     * @param state   the current state
     * @return {@link Next} with the next state, or {@link Stop}
     * @throws Exception anything; it crashes the server with that exception as its reason
     */
    default Result<S> handleInfo(Object message, S state) throws Exception {
        return ignoreUnexpected("handleInfo", message, state);
    }

    /**
     * What to do with a message no handler takes: logs it as a warning, naming the callback and the server, and
     * keeps the state, as OTP does for unexpected info messages. Generated dispatchers call it for casts and info
     * messages of types the server has no handler for.
     *
     * @param callback the callback that had no handler, e.g. {@code "handleCast"}
     * @param message  the message no handler took, named in the log line
     * @param state    the current state, kept as is
     * @return {@link Next} with {@code state} unchanged
     */
    default Result<S> ignoreUnexpected(String callback, Object message, S state) {
        org.slf4j.LoggerFactory.getLogger(getClass()).warn("{}.{} has no handler for {} and ignored it",
                getClass().getSimpleName(), callback, message);
        return Next.of(state);
    }

    /**
     * Runs a continuation requested by {@link After.Continue}, before any message.
     *
     * @param continuation the value given to {@link After.Continue}, saying what to do
     * @param state        the state the requesting callback returned
     * @return {@link Next} with the next state, or {@link Stop}
     * @throws Exception anything; it crashes the server with that exception as its reason. By default an
     *                   {@link UnsupportedOperationException}: a server that asks to continue must override this
     */
    default Result<S> handleContinue(Object continuation, S state) throws Exception {
        throw new UnsupportedOperationException(getClass().getName()
                + " asked to continue with " + continuation + " but does not override handleContinue");
    }

    /**
     * Runs when the server stops: after a {@link Stop} result, after a callback threw, and on shutdown by its
     * parent when the server {@linkplain dev.peeper.process.Proc#trapExit(boolean) traps exits}. It does not run
     * when the server is killed, or ended by an exit signal it does not trap, even if that signal interrupted a
     * callback's wait (the callback's resulting exception is not taken for a crash). An exception here is logged;
     * the server still ends with {@code reason}.
     *
     * @param reason why the server stops: the {@link Stop}'s reason, the crash, or the parent's exit signal
     * @param state  the last state, for cleaning up what it holds
     * @throws Exception anything; it is logged and the server still ends with {@code reason}
     */
    default void terminate(ExitReason reason, S state) throws Exception {
    }

    /**
     * Sees, and may adjust, the state a restarted Peeper worker resumes from: the state the last completed
     * callback returned. Runs instead of {@code init}, which runs on the first start only. Plain servers are
     * never restarted this way, so they never call it.
     *
     * @param kept     the last good state
     * @param lastExit why the previous worker ended
     * @return the state to resume with
     * @throws Exception anything; the restarted worker then crashes with it, as if a callback had thrown
     */
    default S restore(S kept, ExitReason lastExit) throws Exception {
        return kept;
    }

    /**
     * Answers whether, and with what state, the server moves when the cluster gives its name to another member (a
     * member joined and took the name's partition, or this member is shutting down gracefully). Runs on the
     * server's process while it is suspended: nothing else is served until the move is done, and what is sent
     * meanwhile is served after it, on the new member. By default the server moves with its current state. Only
     * servers started in a cluster ({@code peeper-cluster}) are ever asked.
     *
     * @param state the current state
     * @return {@link Handoff#resume(Object)}, {@link Handoff#restart()} or {@link Handoff#stay()}
     * @throws Exception anything; it is logged, and the default applies (resume with the current state)
     */
    default Handoff<S> handoff(S state) throws Exception {
        return Handoff.resume(state);
    }

    /**
     * Merges the states of two incarnations of this server's name that both accepted updates while the cluster was
     * split, Swarm's {@code resolve_conflict}. Only servers started in a cluster ({@code peeper-cluster}) are ever
     * asked, and only where no majority could decide which side was right: a cluster of two members, or one
     * configured with {@code minimumMembers} 1, where each side of a split kept serving. When the split heals, the
     * merged cluster's name registry keeps one incarnation; this runs on that one's process, between two messages:
     *
     * <pre>{@code
     * Cart resolveConflict(Cart mine, Cart theirs) {
     *     return mine.withItems(union(mine.items(), theirs.items()));   // keep what either side added
     * }
     * }</pre>
     *
     * <p>{@code mine} is the state of the incarnation that keeps running; {@code theirs} is the last state the other
     * incarnation had acknowledged. That other incarnation is stopped, and its {@link #terminate} sees why. The state
     * returned is the merged one: it is kept and replicated like the result of any callback, and the next message
     * sees it. Both states are copies made for this call ({@code theirs} arrived over the network), so returning
     * either, or a new state built from both, is safe. It is asked once per conflict, on one member, and its answer
     * is taken as it is: make it a deterministic function of the two states, without side effects. The two states
     * share history (both hold what came before the split, and {@code mine} may already hold part of
     * {@code theirs}): merge them so that what both hold counts once, as a union or a maximum does, never by adding
     * them up.
     *
     * <p>By default, and whenever this throws, the server keeps {@code mine}: the surviving incarnation's state, as
     * if there were no callback, and the updates only the other incarnation saw are lost.
     *
     * @param mine   the state of the incarnation that keeps running, this server's current state
     * @param theirs the last state acknowledged by the other incarnation, which is stopped
     * @return the merged state, which the server goes on with
     * @throws Exception anything; it is logged, and the server goes on with {@code mine}
     */
    default S resolveConflict(S mine, S theirs) throws Exception {
        return mine;
    }

    /**
     * Migrates the state when the server's code is changed (see {@link Sys#changeCode}); runs on the
     * <em>new</em> implementation. Throwing keeps the old implementation and state.
     *
     * @param oldVersion whatever the upgrader says the old version was
     * @param state      the current state
     * @param extra      extra data from the upgrader
     * @return the new state
     * @throws Exception anything; the old implementation and state stay, and {@link Sys#changeCode} throws a
     *                   {@link CallFailedException} carrying it
     */
    default S codeChange(Object oldVersion, S state, Object extra) throws Exception {
        return state;
    }

    /**
     * Migrates the state on a code change that may also change the state's <em>type</em>: the generic loop calls
     * this, with the old implementation's state as it is. By default it hands that state to
     * {@link #codeChange}, which expects it to be an {@code S} already. Override this instead to move to a new
     * state type, so that a typed implementation can take an old state of another type:
     *
     * <pre>{@code
     * final class CounterV2 implements Dispatcher<Tally> {
     *     public Tally codeChangeFrom(Object oldVersion, Object oldState, Object extra) {
     *         return oldState instanceof Integer n ? new Tally(n, 0) : (Tally) oldState;
     *     }
     *     ...
     * }
     * }</pre>
     *
     * Throwing keeps the old implementation and state, as for {@code codeChange}.
     *
     * @param oldVersion whatever the upgrader says the old version was
     * @param oldState   the old implementation's state, of whatever type it had
     * @param extra      extra data from the upgrader
     * @return the new state, of this implementation's state type
     * @throws Exception             anything; the old implementation and state stay
     * @throws IllegalStateException by default, if the old state is not of the state type this implementation
     *                               declares ({@code implements Dispatcher<S>}), saying to override this method
     */
    @SuppressWarnings("unchecked")
    default S codeChangeFrom(Object oldVersion, Object oldState, Object extra) throws Exception {
        Class<?> stateType = StateTypes.declared(getClass());
        if (oldState != null && stateType != null && !stateType.isInstance(oldState)) {
            throw new IllegalStateException("the code change to " + getClass().getName() + " cannot take the old "
                    + "state, a " + oldState.getClass().getName() + ", as its codeChange expects a "
                    + stateType.getName() + ": to change the state type, override codeChangeFrom(oldVersion, "
                    + "oldState, extra) and convert it there (on a @GenServer class, declare `"
                    + stateType.getSimpleName() + " codeChange(Object oldVersion, OldType old, Object extra)` for "
                    + "the type the old code kept)");
        }
        return codeChange(oldVersion, (S) oldState, extra);
    }
}
