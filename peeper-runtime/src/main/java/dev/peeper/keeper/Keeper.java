package dev.peeper.keeper;

/**
 * Holds the last good state of one Peeper server, so a restarted worker resumes from it: the keeper role of a
 * Peeper server. The worker hands every state it completes to {@link #keep} before it takes its next message;
 * after a crash the server asks {@link #restore} for it.
 *
 * <p>{@code keep} runs on the worker's thread for every message, so it must be fast and must not block for
 * long. {@code restore} is called only after the worker that kept the state has ended, so a simple field is
 * enough for an in-memory keeper (see {@link Keepers#inMemory()}); a replicated keeper sends the state elsewhere
 * before returning from {@code keep}.
 *
 * @param <S> the state type
 */
public interface Keeper<S> {
    /**
     * Keeps {@code state} (may be {@code null}) as the last good state.
     *
     * @param state the state the last callback completed with, replacing the one kept before
     */
    void keep(S state);

    /**
     * The last state kept.
     *
     * @return the state last passed to {@link #keep}, for a restarted worker to resume from
     */
    S restore();

    /** The server has ended for good; let go of the state and any resources. */
    default void release() {
    }
}
