package dev.peeper.cluster.transport;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;

/**
 * What one member's {@link NodeTransport} sends another, on the receiving member's own topic. Each record is one
 * step of a small protocol: a message, a call and its answer, a monitor and its firing, a link and its exit
 * signal, a liveness probe. {@code replyNode} is where the answer goes. Written by {@link WireSerializer}.
 *
 * <p>Internal to the cluster module (its package is not exported): public because {@code HazelcastSettings} registers
 * its serializer.
 */
public sealed interface Wire {
    /** A plain message (an info, for a server). */
    record Send(Pid to, Object message) implements Wire {
    }

    /** A cast to a server. */
    record CastTo(Pid to, Object request) implements Wire {
    }

    /** A call to a server; the answer goes back as {@link Answer} with the same id. */
    record CallTo(long id, long replyNode, Pid to, Object request) implements Wire {
    }

    /** A call's outcome: a value, or a failure the server answered with, or the reason the server ended. */
    record Answer(long id, Object value, Throwable failure, ExitReason ended) implements Wire {
    }

    /**
     * Stands, in a received {@link CallTo} or {@link Answer}, for a request or reply this member could not read
     * (its class missing or different here, or its own deserialization failed), so that the call fails at once
     * instead of waiting out its timeout. Written last in both, so the rest of the record is read before it.
     *
     * @param failure why it could not be read
     */
    record Unreadable(String failure) {
    }

    /** Watch {@code target} for the monitor {@code id} of {@code replyNode}. */
    record Watch(long id, long replyNode, Pid target) implements Wire {
    }

    /** Stop watching for the monitor {@code id} of {@code replyNode}. */
    record Unwatch(long id, long replyNode) implements Wire {
    }

    /** The watched process ended: the monitor {@code id} fires. */
    record Fired(long id, Pid target, ExitReason reason) implements Wire {
    }

    /** Link {@code target} (on the receiver) with {@code from} (on the sender). */
    record Link(Pid target, Pid from) implements Wire {
    }

    /** Remove the link between {@code target} (on the receiver) and {@code from}. */
    record Unlink(Pid target, Pid from) implements Wire {
    }

    /** An exit signal to {@code to} from {@code from}: over their link when {@code viaLink}. */
    record Exit(Pid to, Pid from, ExitReason reason, boolean viaLink) implements Wire {
    }

    /** Is {@code target} alive? Answered by {@link ProbeAnswer} with the same id. */
    record Probe(long id, long replyNode, Pid target) implements Wire {
    }

    /** The answer to {@link Probe} {@code id}. */
    record ProbeAnswer(long id, boolean alive) implements Wire {
    }
}
