package dev.peeper.durable;

import dev.peeper.process.ExitReason;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A listener that queues what it hears, with the thread it heard it on, so a test can wait for each event in
 * turn. It can be told to throw after recording, to show that a failing listener harms nothing.
 */
final class RecordingListener implements StateListener<Object> {
    /** What the listener heard. */
    sealed interface Event permits Changed, Terminated {
        Thread thread();
    }

    /** {@code onStateChanged(oldState, newState)}. */
    record Changed(Object oldState, Object newState, Thread thread) implements Event {
    }

    /** {@code onTerminate(reason, lastState)}. */
    record Terminated(ExitReason reason, Object lastState, Thread thread) implements Event {
    }

    final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final boolean throwing;

    RecordingListener() {
        this(false);
    }

    /** @param throwing whether every call throws after recording */
    RecordingListener(boolean throwing) {
        this.throwing = throwing;
    }

    @Override
    public void onStateChanged(Object oldState, Object newState) {
        events.add(new Changed(oldState, newState, Thread.currentThread()));
        if (throwing) {
            throw new IllegalStateException("listener failure on purpose");
        }
    }

    @Override
    public void onTerminate(ExitReason reason, Object lastState) {
        events.add(new Terminated(reason, lastState, Thread.currentThread()));
        if (throwing) {
            throw new IllegalStateException("listener failure on purpose");
        }
    }

    /** The next event, failing the test if none comes in time. */
    Event next() throws InterruptedException {
        return Peepers.next(events);
    }

    /** The next event, which must be a change. */
    Changed nextChange() throws InterruptedException {
        Event event = next();
        if (!(event instanceof Changed changed)) {
            throw new AssertionError("expected a state change, got " + event);
        }
        return changed;
    }

    /** The next event, which must be the end. */
    Terminated nextTermination() throws InterruptedException {
        Event event = next();
        if (!(event instanceof Terminated terminated)) {
            throw new AssertionError("expected onTerminate, got " + event);
        }
        return terminated;
    }
}
