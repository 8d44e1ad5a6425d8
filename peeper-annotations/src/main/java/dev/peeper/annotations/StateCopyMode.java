package dev.peeper.annotations;

/**
 * How the keeper of a Peeper server holds on to the state between callbacks, chosen with
 * {@link GenServer#stateCopy()}.
 *
 * <p>The keeper keeps the state each completed callback returned, so that a restarted worker resumes from it.
 * If a callback mutates the state object in place and then throws, a kept <em>reference</em> would point at a
 * half-applied state. Immutable state (records, {@code List.of}, {@code Map.copyOf}) avoids the problem and
 * costs nothing; for mutable state, declare a copy method.
 *
 * <p>This chooses <em>whether</em> the server copies its state; the copy itself, at run time, is a
 * {@code dev.peeper.keeper.StateCopy} (which {@link #COPY_METHOD} builds from the server's {@code copyState}).
 *
 * <pre>{@code
 * @GenServer(stateCopy = StateCopyMode.COPY_METHOD)
 * class Cache { ... HashMap<String, Long> copyState(HashMap<String, Long> state) { return new HashMap<>(state); } }
 * }</pre>
 */
public enum StateCopyMode {
    /**
     * The keeper holds the very object the callback returned. Right for immutable state, and the default. The
     * processor warns ({@code [GenServerMutableState]}) when the state type is evidently mutable.
     */
    SHARE,

    /**
     * The server class declares {@code S copyState(S state)}, returning a deep enough copy; the keeper holds
     * the copy. The processor checks that the method exists and has that shape ({@code [GenServerCopyState]}),
     * and the generated client's start methods and child spec set it as the server's
     * {@code PeeperOptions.withStateCopy(...)}, unless the options given to them already name a copy strategy.
     */
    COPY_METHOD
}
