package dev.peeper.process;

import dev.peeper.observe.EventGate;
import dev.peeper.observe.ProcessCrashedEvent;
import dev.peeper.process.internal.AwaitsDelivery;
import dev.peeper.process.internal.Host;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of a process's end that tell the rest of the runtime, once {@link ProcessCore} has marked it ended and
 * taken its links, monitors and clean-ups out under its lock, in the order OTP uses (see {@link ProcessCore}'s
 * {@code end}). Apart from the core because they read nothing of it but what they are handed and its identity.
 */
final class ProcessEnd {
    private static final Logger log = LoggerFactory.getLogger("dev.peeper.process");

    private ProcessEnd() {
    }

    /**
     * Logs a crash, runs the clean-ups (the registry frees the names), tells a delegate's host, fails the calls
     * still queued, signals the links and fires the monitors, in that order. Each step runs whatever the one before
     * did: what a step throws is logged and the end goes on, since a cut-short end would leave a dead process
     * holding its names with nobody told.
     */
    static void tellEveryone(ProcessCore core, ExitReason reason, List<Runnable> cleaning, Set<Pid> linked,
            Set<MonitorRef> monitoring) {
        try {
            core.forgetInterrupt();
            report(core, reason);
        } catch (Throwable e) {
            Failures.log(log, "Process " + core.pid + " ended (" + reason + "), and logging it failed", e);
        }
        runCleanups(core, cleaning);
        tellHost(core, reason);
        failQueued(core, reason);
        signalLinks(core, linked, reason);
        fireMonitors(core, monitoring, reason);
    }

    private static void report(ProcessCore core, ExitReason reason) {
        if (reason instanceof ExitReason.Crash crash) {
            Throwable exception = crash.exception();
            try {
                if (EventGate.mayRecord()) { // the event class only once the recorder is up: see EventGate
                    ProcessCrashedEvent.emit(core.pid, exception);
                }
            } catch (Throwable e) {
                Failures.log(log, "Recording the crash of process " + core.pid + " as a JFR event failed", e);
            }
            if (log.isErrorEnabled()) { // the message's toString is a tenth of a crash's allocation: only if logged
                log.error("Process {} crashed: {}", core.pid, Failures.describe(exception), exception);
            }
        } else if (!reason.isNormalOrShutdown() && log.isDebugEnabled()) {
            log.debug("Process {} exited: {}", core.pid, reason);
        }
    }

    private static void runCleanups(ProcessCore core, List<Runnable> cleaning) {
        if (cleaning == null) {
            return;
        }
        for (Runnable cleanup : cleaning) {
            core.forgetInterrupt();
            try {
                cleanup.run();
            } catch (Throwable e) {
                Failures.log(log, "A clean-up of process " + core.pid + " threw; the others still run", e);
            }
        }
    }

    /** A host's delegate: the host restarts it or ends, before anyone hears of this end. */
    private static void tellHost(ProcessCore core, ExitReason reason) {
        Host spawner = core.ownsMailbox() || core.parent == null || core.parent.process == null ? null
                : core.parent.process.host;
        if (spawner == null) {
            return;
        }
        core.forgetInterrupt();
        try {
            spawner.delegateEnded(core.pid, reason);
        } catch (Throwable e) {
            Failures.log(log, "Host " + core.parent + " failed on the end of its delegate " + core.pid, e);
        }
    }

    private static void failQueued(ProcessCore core, ExitReason reason) {
        if (!core.ownsMailbox()) {
            return;
        }
        for (Object left : core.mailbox.drain()) {
            if (left instanceof AwaitsDelivery waiting) {
                try {
                    waiting.undelivered(core.pid, reason);
                } catch (Throwable e) {
                    Failures.log(log, "Telling a message queued to process " + core.pid + " of its end failed", e);
                }
            }
        }
    }

    private static void signalLinks(ProcessCore core, Set<Pid> linked, ExitReason reason) {
        if (linked == null) {
            return;
        }
        for (Pid other : linked) {
            ProcessCore peer = other.process;
            try {
                if (peer != null && peer.removeLink(core.pid)) { // not unlinked meanwhile
                    peer.exitSignal(core.pid, reason, true);
                }
            } catch (Throwable e) {
                Failures.log(log, "Signalling the end of process " + core.pid + " to its link " + other + " failed", e);
            }
        }
    }

    private static void fireMonitors(ProcessCore core, Set<MonitorRef> monitoring, ExitReason reason) {
        if (monitoring == null) {
            return;
        }
        for (MonitorRef ref : monitoring) { // no longer shared: taken out under the lock above
            try {
                if (!core.pid.equals(ref.target)) { // ours on another: it would stay there until that one ends
                    ProcessCore target = ref.target.process;
                    if (target != null) {
                        target.forget(ref);
                    }
                    continue;
                }
                Proc.send(ref.watcher, new Down(ref, core.pid, reason));
                ProcessCore watcher = ref.watcher.process;
                if (watcher != null) {
                    // it fired, so nothing is left to remove when the watcher ends; after the send, so that a
                    // watcher that still holds the ref knows its Down may yet come (see ProcessCore#demonitorAndFlush)
                    watcher.unwatch(ref);
                }
            } catch (Throwable e) {
                Failures.log(log, "Telling monitor " + ref + " of the end of process " + core.pid + " failed", e);
            }
        }
    }
}
