package dev.peeper.cluster;

import dev.peeper.durable.StateListener;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Proc;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands between a cluster server's {@link StateListener} and its relay, to tell it
 * {@linkplain StateListener#onStateLost that its replicated state was lost} in order with everything else it hears.
 * The loss is found in {@code init}, on the worker's thread, which must never run the listener; so it is kept here
 * and told once the start has succeeded, by a process of its own, or by whichever event the relay passes on first,
 * whichever comes first. One lock serialises the two paths: the listener hears the loss once, before any change of
 * the new start. A start that fails after its {@code init} found the loss (it timed out, say) tells nothing: the
 * server did not start again, and the next start finds the same loss and tells it (telling it at once made the
 * listener hear one loss twice, and the first time for a server that never ran).
 */
final class StateLossNotice implements StateListener<Object> {
    private static final Logger log = LoggerFactory.getLogger(StateLossNotice.class);

    private final StateListener<Object> listener;
    private final ReentrantLock lock = new ReentrantLock();
    /** The loss not told yet, or {@code null}; guarded by {@link #lock}. */
    private String pending;

    @SuppressWarnings("unchecked")
    StateLossNotice(StateListener<?> listener) {
        this.listener = (StateListener<Object>) Objects.requireNonNull(listener, "listener");
    }

    /** The state was lost: kept, on the calling (worker's) thread, for {@link #started} or the relay's first event. */
    void lost(String detail) {
        lock.lock();
        try {
            pending = detail;
        } finally {
            lock.unlock();
        }
    }

    /** The start succeeded: tells the listener of the loss its {@code init} found, if any, soon and off this thread. */
    void started() {
        lock.lock();
        try {
            if (pending == null) {
                return;
            }
        } finally {
            lock.unlock();
        }
        Proc.spawn(this::tellPending);
    }

    @Override
    public void onStateChanged(Object oldState, Object newState) throws Exception {
        afterPending(() -> listener.onStateChanged(oldState, newState));
    }

    @Override
    public void onStateLost(String detail) throws Exception {
        afterPending(() -> listener.onStateLost(detail));
    }

    @Override
    public void onTerminate(ExitReason reason, Object lastState) throws Exception {
        afterPending(() -> listener.onTerminate(reason, lastState));
    }

    /** An event the relay passes on. */
    @FunctionalInterface
    private interface Event {
        void tell() throws Exception;
    }

    /** Tells {@code event} after the pending loss, if any. */
    private void afterPending(Event event) throws Exception {
        lock.lock();
        try {
            tellPending();
            event.tell();
        } finally {
            lock.unlock();
        }
    }

    /** Tells the pending loss, if any; a throwing listener is logged, as the relay logs its other events. */
    private void tellPending() {
        lock.lock();
        try {
            String detail = pending;
            pending = null;
            if (detail != null) {
                listener.onStateLost(detail);
            }
        } catch (Exception | LinkageError | AssertionError e) {
            log.error("The state listener threw on hearing that the state was lost; the server is not affected", e);
        } finally {
            lock.unlock();
        }
    }
}
