package dev.peeper.durable;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.process.ProcessExit;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link StateListener} on a process of its own, so the worker only enqueues an event and never waits for,
 * or suffers from, the listener. Events keep their order; a throwing listener is logged and the relay goes on.
 *
 * <p>Bounded, for a listener slower than the server. The events wait here, not in a mailbox: at most
 * {@link #BACKLOG} changes, after which each new change is folded into the last one waiting (its old state stays,
 * its new state becomes the newest), so the listener hears fewer, larger steps, always ending at the current
 * state, and never a step whose two states are equal. The server is never blocked, nothing grows without bound,
 * and what was folded is counted and logged (the first time, then at each power of two).
 * {@code onTerminate} is never folded or dropped. The relay's mailbox holds at most one wake-up: one is sent only
 * when the backlog goes from empty to not empty.
 */
final class ListenerRelay {
    private static final Logger log = LoggerFactory.getLogger(ListenerRelay.class);
    /** How many changes may wait for a slow listener before they are folded together. */
    static final int BACKLOG = 1024;

    private record Changed(Object oldState, Object newState) {
    }

    private record Terminated(ExitReason reason, Object lastState) {
    }

    private record Close() {
    }

    /** The one message the relay process receives: look at the backlog. */
    private record Wake() {
    }

    private final Pid server;
    private final StateListener<Object> listener;
    private final ReentrantLock lock = new ReentrantLock();
    // guarded by lock
    private final ArrayDeque<Object> backlog = new ArrayDeque<>();
    private long folded;
    private boolean ended;
    private Pid relay;

    private ListenerRelay(StateListener<Object> listener, Pid server) {
        this.listener = listener;
        this.server = server;
    }

    /** Starts a relay process for {@code listener} on behalf of {@code server}. */
    static ListenerRelay start(StateListener<Object> listener, Pid server) {
        ListenerRelay relay = new ListenerRelay(listener, server);
        relay.relay = Proc.spawn(relay::run);
        return relay;
    }

    private void run() {
        ArrayDeque<Object> batch = new ArrayDeque<>();
        while (true) {
            Proc.receive(); // a Wake
            lock.lock();
            try {
                batch.addAll(backlog);
                backlog.clear();
            } finally {
                lock.unlock();
            }
            for (Object event; (event = batch.poll()) != null; ) {
                pass(event);
                if (event instanceof Terminated || event instanceof Close) {
                    return; // nothing follows the last event, even one the listener threw on
                }
            }
        }
    }

    private void pass(Object event) {
        try {
            if (event instanceof Changed changed) {
                if (!Objects.equals(changed.oldState(), changed.newState())) { // folding may have undone a change
                    listener.onStateChanged(changed.oldState(), changed.newState());
                }
            } else if (event instanceof Terminated terminated) {
                listener.onTerminate(terminated.reason(), terminated.lastState());
            }
        } catch (ProcessExit e) {
            throw e;
        } catch (Exception | LinkageError | AssertionError e) {
            log.error("The state listener of server {} threw on {}; the server is not affected", server, event, e);
        }
    }

    /** A change of state; folded into the last waiting one if {@link #BACKLOG} changes already wait. */
    void changed(Object oldState, Object newState) {
        long foldedNow = 0;
        lock.lock();
        try {
            if (backlog.size() >= BACKLOG && backlog.peekLast() instanceof Changed last) {
                backlog.pollLast();
                backlog.addLast(new Changed(last.oldState(), newState));
                foldedNow = ++folded;
            } else {
                add(new Changed(oldState, newState));
            }
        } finally {
            lock.unlock();
        }
        if (foldedNow != 0 && Long.bitCount(foldedNow) == 1) {
            log.warn("The state listener of server {} is slower than the server: {} changes waited, so later ones "
                    + "are folded together ({} so far); it will hear fewer, larger steps", server, BACKLOG, foldedNow);
        }
    }

    /** Ends the relay without a last event: the server never started, or lives on elsewhere. */
    void close() {
        last(new Close());
    }

    /** The last event: the relay ends after passing it on. */
    void terminated(ExitReason reason, Object lastState) {
        last(new Terminated(reason, lastState));
    }

    private void last(Object event) {
        lock.lock();
        try {
            if (!ended) {
                ended = true;
                add(event);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Queues {@code event}, waking the relay if the backlog was empty; under the lock. */
    private void add(Object event) {
        if (ended && !(event instanceof Terminated || event instanceof Close)) {
            return;
        }
        boolean wasEmpty = backlog.isEmpty();
        backlog.addLast(event);
        if (wasEmpty) {
            Proc.send(relay, new Wake());
        }
    }
}
