package dev.peeper.keeper;

import dev.peeper.process.ExitReason;

/**
 * Holds the last good state of one Peeper server, so a restarted worker resumes from it: the keeper role of a
 * Peeper server. The worker hands every state it completes to {@link #keep} before it takes its next message;
 * after a crash the server asks {@link #restore} for it.
 *
 * <p>{@code keep} runs on the worker's thread for every message, so it must be fast and must not block for
 * long. {@code restore} is called only after the worker that kept the state has ended, so a simple field is
 * enough for an in-memory keeper (see {@link Keepers#inMemory()}). A keeper that writes states elsewhere may do it
 * in {@code keep}, or group them (a group commit): hold them in {@code keep}, write them when the worker's mailbox
 * is {@linkplain #mailboxDrained drained}, and at the latest {@linkplain #beforeReply before a reply} acknowledges
 * them; {@code restore} still answers the last state kept.
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

    /**
     * A reply is about to be released that acknowledges every state kept so far: make them as durable as this keeper
     * promises, or throw to refuse the acknowledgement (the worker then crashes with that exception, its caller
     * hears it instead of the reply, and the next worker resumes from {@link #restore}). Runs on the worker's
     * thread. By default nothing: {@code keep} did the work.
     */
    default void beforeReply() {
    }

    /**
     * Whether {@link #beforeReply} does work that replies must wait for. Then a reply a callback gives through a
     * {@code From} on the server's own worker is held as well, and released once that callback has completed and
     * {@code beforeReply} has run (its caller hears the failure instead if {@code beforeReply} throws). A reply given
     * through a {@code From} by another process is never held: it cannot know the server's state. By default
     * {@code false}: {@code beforeReply} does nothing, and such replies go out when given, at no cost.
     *
     * @return whether replies through {@code From} wait for {@link #beforeReply}
     */
    default boolean writesBeforeReply() {
        return false;
    }

    /**
     * The worker's mailbox is empty: it has handled what was queued and waits for more. A keeper that groups states
     * writes the group now, with one write for all the messages handled back to back. Nothing is acknowledged here:
     * a keeper that cannot write now keeps the state for later instead of throwing. By default nothing.
     */
    default void mailboxDrained() {
    }

    /** The server has ended for good; let go of the state and any resources. */
    default void release() {
    }

    /**
     * The server has ended because it lives on elsewhere: it was handed over ({@code Peeper.transfer} to another
     * supervisor, or a cluster's handoff to another member), and its successor resumes from its state with a keeper
     * of its own. Let go of the resources; a keeper whose states outlive the server leaves the state for the
     * successor, whatever came of the successor's start (one that never took the state over must still find it). By
     * default {@link #release}.
     */
    default void transferred() {
        release();
    }

    /**
     * The server gave up and ends for good: its worker ended more often than its restart intensity allows, the last
     * time with {@code lastCrash}. By default {@link #release}: the state goes with the server, as with any other end
     * for good (and as in OTP, where the state dies with the process). A keeper whose own refusals ended the workers
     * (it could not make the states as durable as it promises, for a reason outside the server, such as a cluster
     * without a majority) may keep the state instead, for the next start of the same server to resume from.
     *
     * @param lastCrash why the last worker ended, the crash that went beyond the restart intensity
     */
    default void gaveUp(ExitReason lastCrash) {
        release();
    }

    /**
     * The server's start failed (its name was taken, or its first worker ended before {@code init} finished: it
     * crashed, refused, was killed or timed out): the server never ran, so nothing kept since is its own, even if
     * {@link #keep} was called (the state {@code init} completed with, just before the start was given up). Let go
     * of the resources; a keeper whose states outlive the server must leave a state it found for the next start of
     * the same server (a failover's retry resumes from it), and may remove only what it made itself. By default
     * {@link #release}.
     */
    default void startFailed() {
        release();
    }
}
