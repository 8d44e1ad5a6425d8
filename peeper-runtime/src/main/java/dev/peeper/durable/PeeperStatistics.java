package dev.peeper.durable;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import java.time.Instant;

/**
 * A Peeper server's counters, from {@link PeeperRef#statistics()}: read in the server's own JVM, so not meant to
 * travel (for a server on another cluster member, {@code Sys.statistics} gives the counters that do).
 *
 * @param restarts        how often its worker was restarted
 * @param lastCrash       why the last worker ended, or {@code null} if none has
 * @param lastCrashAt     when, or {@code null}
 * @param messagesHandled messages handled by all its workers (the ones that crashed not counted)
 * @param mailboxLength   messages waiting now
 * @param worker          the current worker, or {@code null} between a crash and the restart
 */
public record PeeperStatistics(long restarts, ExitReason lastCrash, Instant lastCrashAt, long messagesHandled,
                               int mailboxLength, Pid worker) {
}
