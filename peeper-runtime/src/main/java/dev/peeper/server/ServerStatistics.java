package dev.peeper.server;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * A server's counters, from {@link Sys#statistics(ServerRef)}. Serializable, so a server on another member can
 * answer with them.
 *
 * @param startedAt        when the server finished {@code init}
 * @param uptime           how long it has run since
 * @param messagesHandled  calls, casts and other messages handled (system messages not counted)
 * @param mailboxLength    messages waiting now
 * @param suspended        whether it is suspended
 */
public record ServerStatistics(Instant startedAt, Duration uptime, long messagesHandled, int mailboxLength,
                               boolean suspended) implements Serializable {
}
