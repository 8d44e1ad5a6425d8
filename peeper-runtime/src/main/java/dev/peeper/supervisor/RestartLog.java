package dev.peeper.supervisor;

import dev.peeper.observe.ChildRestartedEvent;
import dev.peeper.observe.EventGate;
import dev.peeper.observe.SupervisorGaveUpEvent;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What supervisors say about restarts, in one place: every restart and every give-up is logged with the reason
 * (the crash itself was logged with its stack trace by the process that crashed) and emitted as a JFR event, so
 * a restart loop is never silent. Also the messages a supervisor ignores, so a misdirected one is seen.
 */
final class RestartLog {
    private static final Logger log = LoggerFactory.getLogger("dev.peeper.supervisor");

    private RestartLog() {
    }

    static void restarting(Pid supervisor, Object childId, Pid child, ExitReason reason, int restartsInWindow) {
        log.warn("Supervisor {} restarts child {} ({}) after it exited: {} [restart {} in the window]",
                supervisor, childId, child, reason, restartsInWindow);
        if (EventGate.mayRecord()) { // the event class only once the recorder is up: see EventGate
            ChildRestartedEvent.emit(supervisor, childId, reason, restartsInWindow);
        }
    }

    static void restartFailed(Pid supervisor, Object childId, Throwable error) {
        log.error("Supervisor {} could not restart child {}; will try again", supervisor, childId, error);
    }

    static void ignored(Pid supervisor, String kind, Object message) {
        log.warn("Supervisor {} ignored an unexpected {}: {}", supervisor, kind, message);
    }

    static void gaveUp(Pid supervisor, Object childId, ExitReason reason, SupervisorFlags flags) {
        log.error("Supervisor {} gives up: child {} exited ({}) beyond the restart intensity of {} in {}; "
                        + "stopping all children and itself with reason shutdown",
                supervisor, childId, reason, flags.maxRestarts(), flags.period());
        if (EventGate.mayRecord()) {
            SupervisorGaveUpEvent.emit(supervisor, childId, reason);
        }
    }
}
