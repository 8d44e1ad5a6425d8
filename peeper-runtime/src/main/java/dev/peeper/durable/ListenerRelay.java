package dev.peeper.durable;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.process.ProcessExit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link StateListener} on a process of its own, so the worker only enqueues an event and never waits for,
 * or suffers from, the listener. Events keep their order; a throwing listener is logged and the relay goes on.
 */
final class ListenerRelay {
    private static final Logger log = LoggerFactory.getLogger(ListenerRelay.class);

    private record Changed(Object oldState, Object newState) {
    }

    private record Terminated(ExitReason reason, Object lastState) {
    }

    private record Close() {
    }

    private final Pid relay;

    private ListenerRelay(Pid relay) {
        this.relay = relay;
    }

    /** Starts a relay process for {@code listener} on behalf of {@code server}. */
    static ListenerRelay start(StateListener<Object> listener, Pid server) {
        return new ListenerRelay(Proc.spawn(() -> {
            while (true) {
                Object event = Proc.receive();
                try {
                    if (event instanceof Changed changed) {
                        listener.onStateChanged(changed.oldState(), changed.newState());
                    } else if (event instanceof Terminated terminated) {
                        listener.onTerminate(terminated.reason(), terminated.lastState());
                    }
                } catch (ProcessExit e) {
                    throw e;
                } catch (Exception | LinkageError | AssertionError e) {
                    log.error("The state listener of server {} threw on {}; the server is not affected", server,
                            event, e);
                }
                if (event instanceof Terminated || event instanceof Close) {
                    return; // nothing follows the last event, even one the listener threw on
                }
            }
        }));
    }

    void changed(Object oldState, Object newState) {
        Proc.send(relay, new Changed(oldState, newState));
    }

    /** Ends the relay without a last event: the server never started, or lives on elsewhere. */
    void close() {
        Proc.send(relay, new Close());
    }

    /** The last event: the relay ends after passing it on. */
    void terminated(ExitReason reason, Object lastState) {
        Proc.send(relay, new Terminated(reason, lastState));
    }
}
