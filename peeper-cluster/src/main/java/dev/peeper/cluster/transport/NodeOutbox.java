package dev.peeper.cluster.transport;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import com.hazelcast.topic.ITopic;
import dev.peeper.cluster.WireException;
import dev.peeper.cluster.internal.ApiAccess;
import dev.peeper.cluster.security.MemberSecurity;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one node sends: each {@link Wire} serialized, checked against the size limit, framed by
 * {@link MemberSecurity} with a {@link TransportFrame} header (this node's next sequence number) and published on
 * the receiving node's own topic ({@link NodeTransport#topic}).
 */
final class NodeOutbox {
    private static final Logger log = LoggerFactory.getLogger(NodeTransport.class);

    private final HazelcastInstance hazelcast;
    private final long node;
    private final Members members;
    private final MemberSecurity security;
    private final ApiAccess api;
    private final SerializationService serialization;
    /** The sequence numbers of the frames this node sends. */
    private final AtomicLong sequence = new AtomicLong();
    /** The topics of the nodes this one sends to. */
    private final Map<Long, ITopic<byte[]>> topics = new ConcurrentHashMap<>();

    NodeOutbox(HazelcastInstance hazelcast, long node, Members members, MemberSecurity security, ApiAccess api) {
        this.hazelcast = hazelcast;
        this.node = node;
        this.members = members;
        this.security = security;
        this.api = api;
        this.serialization = ((SerializationServiceSupport) hazelcast).getSerializationService();
    }

    /**
     * Publishes {@code wire} on node {@code target}'s topic; {@code false} if that node is not in the cluster
     * (any more), or this member has left it.
     *
     * @throws WireException if {@code payload} (what the wire carries) cannot be serialized, or is over the limit
     */
    boolean publish(long target, Wire wire, Object payload) {
        if (!members.contains(target)) {
            return false;
        }
        byte[] body;
        try {
            Data data = serialization.toData(wire);
            body = data.toByteArray();
        } catch (HazelcastSerializationException e) {
            throw api.unserializable(kindOf(wire), payload, e);
        } catch (IllegalStateException e) { // HazelcastInstanceNotActiveException: this member has left
            log.debug("Node {} could not send {}: its member is not running", node, wire, e);
            return false;
        }
        security.checkSize(kindOf(wire), payload, body.length);
        return send(target, TransportFrame.WIRE, callIdOf(wire), body);
    }

    /** Sends a join challenge or proof to node {@code target}, which need not be admitted (that is their point). */
    void sendUnproven(long target, byte kind, byte[] nonce) {
        if (members.isUnproven(target) || members.contains(target)) {
            send(target, kind, 0, nonce);
        }
    }

    /** Node {@code gone} left: its topic is not kept. */
    void forget(long gone) {
        topics.remove(gone);
    }

    private boolean send(long target, byte kind, long callId, byte[] body) {
        TransportFrame header = new TransportFrame(kind, node, target, sequence.incrementAndGet(), callId, null);
        try {
            topic(target).publish(security.frame(MemberSecurity.TRANSPORT, header, body));
            return true;
        } catch (IllegalStateException e) { // HazelcastInstanceNotActiveException: this member has left
            log.debug("Node {} could not send to node {}: its member is not running", node, target, e);
            return false;
        }
    }

    /**
     * Node {@code target}'s topic, looked up once per admitted node rather than by its name on every send (a node
     * not admitted, which is sent only its join challenge, is not kept).
     */
    private ITopic<byte[]> topic(long target) {
        if (!members.contains(target)) {
            return hazelcast.getTopic(NodeTransport.topic(target));
        }
        return topics.computeIfAbsent(target, n -> hazelcast.getTopic(NodeTransport.topic(n)));
    }

    private static WireException.Kind kindOf(Wire wire) {
        return switch (wire) {
            case Wire.CastTo cast -> WireException.Kind.CAST;
            case Wire.CallTo call -> WireException.Kind.REQUEST;
            case Wire.Answer answer -> WireException.Kind.REPLY;
            default -> WireException.Kind.MESSAGE;
        };
    }

    /** A call's id in its frame's header: positive for the call, negative for its answer, else 0. */
    private static long callIdOf(Wire wire) {
        return switch (wire) {
            case Wire.CallTo call -> call.id();
            case Wire.Answer answer -> -answer.id();
            default -> 0;
        };
    }
}
