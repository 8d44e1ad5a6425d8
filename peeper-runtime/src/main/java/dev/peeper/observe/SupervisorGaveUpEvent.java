package dev.peeper.observe;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** JFR event: a supervisor exceeded its restart intensity and stopped with all its children. */
@Name("dev.peeper.SupervisorGaveUp")
@Label("Supervisor Gave Up")
@Category({"Peeper", "Supervision"})
@Description("A supervisor exceeded its restart intensity and stopped")
public final class SupervisorGaveUpEvent extends Event {
    @Label("Supervisor")
    String supervisor;

    @Label("Last Child Id")
    String childId;

    @Label("Last Exit Reason")
    String reason;

    /** An empty event; the runtime fills and commits one through {@link #emit}. */
    public SupervisorGaveUpEvent() {
    }

    /**
     * Commits one event if JFR records this event type.
     *
     * @param supervisor the supervisor that gave up
     * @param childId    the child whose end was one restart too many
     * @param reason     why that child ended
     */
    public static void emit(Object supervisor, Object childId, Object reason) {
        SupervisorGaveUpEvent event = new SupervisorGaveUpEvent();
        if (event.isEnabled()) {
            event.supervisor = String.valueOf(supervisor);
            event.childId = String.valueOf(childId);
            event.reason = String.valueOf(reason);
            event.commit();
        }
    }
}
