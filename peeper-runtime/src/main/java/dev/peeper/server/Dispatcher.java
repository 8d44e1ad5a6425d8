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
     */
    Result<S> init(Object argument) throws Exception;

    /**
     * Handles a call: return {@link Reply} to answer now, {@link Next} to answer later through {@code from}, or
     * {@link Stop}.
     */
    Result<S> handleCall(Object request, From<Object> from, S state) throws Exception;

    /** Handles a cast: return {@link Next} or {@link Stop}. */
    Result<S> handleCast(Object request, S state) throws Exception;

    /**
     * Handles any other message: plain sends, {@link IdleTimeout}, {@link dev.peeper.process.Down} and
     * {@link dev.peeper.process.ExitSignal} messages. Return {@link Next} or {@link Stop}. By default the message
     * is logged and ignored, as OTP does.
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
     */
    default Result<S> ignoreUnexpected(String callback, Object message, S state) {
        org.slf4j.LoggerFactory.getLogger(getClass()).warn("{}.{} has no handler for {} and ignored it",
                getClass().getSimpleName(), callback, message);
        return Next.of(state);
    }

    /** Runs a continuation requested by {@link After.Continue}, before any message. */
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
     */
    default S restore(S kept, ExitReason lastExit) throws Exception {
        return kept;
    }

    /**
     * Migrates the state when the server's code is changed (see {@link Sys#changeCode}); runs on the
     * <em>new</em> implementation. Throwing keeps the old implementation and state.
     *
     * @param oldVersion whatever the upgrader says the old version was
     * @param state      the current state
     * @param extra      extra data from the upgrader
     * @return the new state
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
