package dev.peeper.observe;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** JFR event: a supervisor restarted a child that ended. A burst of these is a restart loop. */
@Name("dev.peeper.ChildRestarted")
@Label("Child Restarted")
@Category({"Peeper", "Supervision"})
@Description("A supervisor restarted a child that ended")
public final class ChildRestartedEvent extends Event {
    @Label("Supervisor")
    String supervisor;

    @Label("Child Id")
    String childId;

    @Label("Exit Reason")
    String reason;

    @Label("Restarts In Window")
    int restartsInWindow;

    /** An empty event; the runtime fills and commits one through {@link #emit}. */
    public ChildRestartedEvent() {
    }

    /**
     * Commits one event if JFR records this event type.
     *
     * @param supervisor       the supervisor, shown as text
     * @param childId          the restarted child's id
     * @param reason           why the child ended
     * @param restartsInWindow the supervisor's restarts within its intensity window, this one included
     */
    public static void emit(Object supervisor, Object childId, Object reason, int restartsInWindow) {
        ChildRestartedEvent event = new ChildRestartedEvent();
        if (event.isEnabled()) {
            event.supervisor = String.valueOf(supervisor);
            event.childId = String.valueOf(childId);
            event.reason = String.valueOf(reason);
            event.restartsInWindow = restartsInWindow;
            event.commit();
        }
    }
}
