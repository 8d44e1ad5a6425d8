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

    /** An empty event; the runtime fills and commits one through {@link #emit}. */
    public WorkerRestartedEvent() {
    }

    /**
     * Commits one event if JFR records this event type.
     *
     * @param server   the Peeper server, shown as text
     * @param reason   why the previous worker ended
     * @param restarts the server's worker restarts so far, this one included
     */
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
