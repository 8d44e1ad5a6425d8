package dev.peeper.observe;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** JFR event: a Peeper server restarted its worker, which resumed from the kept state. */
@Name("dev.peeper.WorkerRestarted")
@Label("Peeper Worker Restarted")
@Category({"Peeper", "Supervision"})
@Description("A Peeper server restarted its worker from the kept state")
public final class WorkerRestartedEvent extends Event {
    @Label("Server")
    String server;

    @Label("Exit Reason")
    String reason;

    @Label("Restarts")
    long restarts;

    /** Commits one event if JFR records this event type. */
    public static void emit(Object server, Object reason, long restarts) {
        WorkerRestartedEvent event = new WorkerRestartedEvent();
        if (event.isEnabled()) {
            event.server = String.valueOf(server);
            event.reason = String.valueOf(reason);
            event.restarts = restarts;
            event.commit();
        }
    }
}
