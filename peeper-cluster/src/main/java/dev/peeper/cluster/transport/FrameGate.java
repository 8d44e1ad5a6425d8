package dev.peeper.cluster.transport;

import com.hazelcast.cluster.Member;
import dev.peeper.cluster.internal.ApiAccess;
import dev.peeper.cluster.security.MemberSecurity;
import dev.peeper.cluster.security.RefusalLog;
import dev.peeper.cluster.security.RefusedException;
import dev.peeper.cluster.security.RefusedException.Reason;
import dev.peeper.cluster.security.ReplayWindow;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node lets in from its topic: every frame passes here before anything in it is deserialized. A frame that
 * fails authentication, is addressed to another node, was seen before (its sequence number, per sender), comes
 * from a node not {@linkplain Members#admit admitted} or is over the size limit is refused, logged (rate-limited)
 * and counted. The frames of the join challenge ({@link JoinChallenges}) are let in from nodes not admitted yet:
 * they carry only a nonce.
 */
final class FrameGate {
    // the transport's logger: a refusal is the transport's event, and operators filter on that name
    private static final Logger log = LoggerFactory.getLogger(NodeTransport.class);

    private final long node;
    private final Members members;
    private final MemberSecurity security;
    private final ApiAccess api;
    /** Told of a frame refused for its size before the refusal, so that a call in it can still end at once. */
    private final Consumer<TransportFrame> tooLarge;
    /** The sequence numbers seen from each sender (only with a secret: without one, anyone can forge anything). */
    private final Map<Long, ReplayWindow> replayWindows = new ConcurrentHashMap<>();
    private final RefusalLog refusalLog = new RefusalLog(log);
    private final Map<Reason, AtomicLong> refusals = new EnumMap<>(Reason.class);

    FrameGate(long node, Members members, MemberSecurity security, ApiAccess api, Consumer<TransportFrame> tooLarge) {
        this.node = node;
        this.members = members;
        this.security = security;
        this.api = api;
        this.tooLarge = tooLarge;
        for (Reason reason : Reason.values()) {
            refusals.put(reason, new AtomicLong());
        }
    }

    /**
     * The frame {@code message} holds if it passes every check, or {@code null} if it was refused (then logged and
     * counted). A join challenge or proof passes without the check that its sender was admitted.
     *
     * @param message what came on the topic: a frame as bytes, unless someone published something else there
     * @param source  the member that published it, for the log
     */
    TransportFrame admit(Object message, Member source) {
        try {
            if (!(message instanceof byte[] bytes)) {
                throw new RefusedException(Reason.MALFORMED, "not a byte frame: "
                        + (message == null ? "null" : message.getClass().getName()));
            }
            return admit(bytes);
        } catch (RefusedException refused) {
            refuse(source, refused);
        } catch (RuntimeException e) { // a frame the checks could not even take apart
            refuse(source, new RefusedException(Reason.MALFORMED, "a malformed frame: " + e));
        }
        return null;
    }

    private void refuse(Member source, RefusedException refused) {
        refusals.get(refused.reason()).incrementAndGet();
        refusalLog.refused(source == null ? "an unknown member" : source.getAddress(), refused, "Node " + node);
    }

    private TransportFrame admit(byte[] bytes) throws RefusedException {
        byte[] body = security.open(MemberSecurity.TRANSPORT, bytes, TransportFrame.HEADER_BYTES);
        TransportFrame frame = TransportFrame.read(bytes, body);
        if (frame.target() != node) {
            throw new RefusedException(Reason.MISDIRECTED, "a frame from node " + frame.sender() + " for node "
                    + frame.target() + " on node " + node + "'s topic");
        }
        if (security.sealed() && !replayWindows.computeIfAbsent(frame.sender(), n -> new ReplayWindow())
                .accept(frame.seq())) {
            throw new RefusedException(Reason.REPLAYED, "frame " + frame.seq() + " of node " + frame.sender()
                    + " again, or one too old to tell");
        }
        if (frame.kind() == TransportFrame.CHALLENGE || frame.kind() == TransportFrame.PROOF) {
            return frame;
        }
        if (!members.contains(frame.sender())) {
            throw new RefusedException(Reason.UNPROVEN, "a message from node " + frame.sender() + ", which is not "
                    + "an admitted member" + (security.sealed() ? " (it has not proven it knows the cluster secret)"
                    : ""));
        }
        if (body.length > security.maxMessageBytes()) {
            tooLarge.accept(frame);
            throw new RefusedException(Reason.TOO_LARGE, "a message of " + body.length + " bytes from node "
                    + frame.sender() + ", " + api.tooLargeMark() + " of " + security.maxMessageBytes()
                    + " bytes (ClusterOptions.withMaxMessageBytes; give every member the same)");
        }
        return frame;
    }

    /** How many frames were refused for {@code reason}. */
    long refusals(Reason reason) {
        return refusals.get(reason).get();
    }

    /** Node {@code gone} left: its sequence numbers are forgotten (a node number is never reused). */
    void forget(long gone) {
        replayWindows.remove(gone);
    }
}
