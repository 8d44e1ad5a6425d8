package dev.peeper.keeper;

/**
 * Copies a mutable state, so that a callback which changes the state object in place and then throws cannot
 * leave a half-changed state behind: the keeper holds a copy of each completed state, and a restarted worker
 * gets a copy of the kept one. Immutable states (records, immutable collections) need none: that is the
 * default, and the fast path.
 *
 * <pre>{@code
 * PeeperOptions.defaults().withStateCopy(StateCopy.<Map<String, Long>>of(HashMap::new))
 * }</pre>
 *
 * @param <S> the state type
 */
@FunctionalInterface
public interface StateCopy<S> {
    /**
     * A copy of {@code state} that shares nothing mutable with it ({@code null} stays {@code null}).
     *
     * @param state the state to copy; may be {@code null}
     * @return the copy
     */
    S copy(S state);

    /**
     * No copy: the state is immutable.
     *
     * @param <S> the state type
     * @return the identity, which the runtime skips
     */
    @SuppressWarnings("unchecked")
    static <S> StateCopy<S> none() {
        return (StateCopy<S>) Identity.INSTANCE;
    }

    /**
     * Copies with {@code copier}, passing {@code null} through without calling it.
     *
     * @param <S>    the state type
     * @param copier makes a deep enough copy, e.g. {@code HashMap::new} for a map of immutable values
     * @return the copy strategy
     */
    static <S> StateCopy<S> of(java.util.function.UnaryOperator<S> copier) {
        return state -> state == null ? null : copier.apply(state);
    }

    /** The identity, recognised so that the runtime can skip the call. */
    enum Identity implements StateCopy<Object> {
        /** The one instance. */
        INSTANCE;

        @Override
        public Object copy(Object state) {
            return state;
        }
    }
}
