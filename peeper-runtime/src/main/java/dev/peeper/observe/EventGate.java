package dev.peeper.observe;

import java.lang.invoke.MethodHandles;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

/**
 * Keeps the flight recorder's one-off set-up off the runtime's crash and restart paths. The first use of a JFR
 * event class in a JVM costs 0.3-0.6 s (the recorder's machinery loads and instruments it); a crash that paid it
 * would stall its restart by as much. Yet no event can be enabled before a recording has initialised the recorder,
 * and once one has, loading the event classes costs milliseconds. So the runtime emits its events only through
 * {@link #mayRecord()}, which touches no event class until the recorder is up, and the event classes are loaded
 * off the crash path: when the recorder initialises (on the thread that starts it), or, if it already has, on a
 * set-up thread started with the first process.
 *
 * <pre>{@code
 * if (EventGate.mayRecord()) {
 *     ProcessCrashedEvent.emit(pid, exception); // the event class is resolved here only
 * }
 * }</pre>
 *
 * <p>For the runtime's own use; an event that happens while a recording is being started may be missed.
 */
public final class EventGate {
    /** Set once the event classes are loaded and initialised: from then on emitting costs what JFR's check costs. */
    private static volatile boolean ready;

    static {
        // a daemon of its own rather than a virtual thread: loading classes pins a carrier the processes need
        Thread.ofPlatform().name("peeper-jfr-setup").daemon().inheritInheritableThreadLocals(false)
                .start(EventGate::watchRecorder);
    }

    private EventGate() {
    }

    /** Starts the set-up, off the calling thread, if it has not started yet; returns at once. */
    public static void prepare() {
        // the static initialiser did it
    }

    /**
     * Whether the runtime's JFR events may be recorded now: {@code false}, at the cost of a volatile read, until a
     * recording has initialised the flight recorder (nothing could record them before). Never pays the recorder's
     * one-off set-up on the calling thread; when the recorder is up and the set-up thread has not yet got to it, it
     * loads the event classes here, which then costs milliseconds.
     *
     * @return whether an emitter should build and commit its event
     */
    public static boolean mayRecord() {
        if (ready) {
            return true;
        }
        if (!FlightRecorder.isInitialized()) {
            return false;
        }
        loadEventClasses();
        return ready;
    }

    private static void watchRecorder() {
        try {
            // calls back at once if the recorder is already up, else on the thread that initialises it
            FlightRecorder.addListener(new FlightRecorderListener() {
                @Override
                public void recorderInitialized(FlightRecorder recorder) {
                    loadEventClasses();
                }
            });
        } catch (Throwable e) {
            // no flight recorder in this JVM (a runtime image without jdk.jfr, say): events stay off
        }
    }

    private static void loadEventClasses() {
        if (ready) {
            return;
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            lookup.ensureInitialized(ProcessCrashedEvent.class);
            lookup.ensureInitialized(ChildRestartedEvent.class);
            lookup.ensureInitialized(WorkerRestartedEvent.class);
            lookup.ensureInitialized(SupervisorGaveUpEvent.class);
            ready = true;
        } catch (Throwable e) {
            // the recorder refused them: events stay off rather than fail a crash or restart
        }
    }
}
