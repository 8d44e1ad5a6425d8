package dev.peeper.observe;

import dev.peeper.process.Pid;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** JFR event: a process ended because an exception escaped its code. */
@Name("dev.peeper.ProcessCrashed")
@Label("Process Crashed")
@Category({"Peeper", "Processes"})
@Description("A process ended because an exception escaped its code")
public final class ProcessCrashedEvent extends Event {
    @Label("Process")
    String pid;

    @Label("Exception")
    String exception;

    /** An empty event; the runtime fills and commits one through {@link #emit}. */
    public ProcessCrashedEvent() {
    }

    /**
     * Commits one event if JFR records this event type; costs nothing otherwise.
     *
     * @param pid       the process that crashed
     * @param exception what escaped its code; recorded as its {@code toString()}
     */
    public static void emit(Pid pid, Throwable exception) {
        ProcessCrashedEvent event = new ProcessCrashedEvent();
        if (event.isEnabled()) {
            event.pid = pid.toString();
            event.exception = exception.toString();
            event.commit();
        }
    }
}
