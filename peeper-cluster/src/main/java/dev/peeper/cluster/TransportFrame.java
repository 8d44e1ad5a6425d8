package dev.peeper.cluster;

import dev.peeper.cluster.security.RefusedException;
import java.nio.ByteBuffer;

/**
 * The clear, authenticated header of what {@link NodeTransport} publishes, after {@link MemberSecurity}'s own: what
 * the frame carries, who sent it to whom, the sender's sequence number (replays are refused by it) and, for a call
 * or its answer, the call's id (so that a call refused for its size still fails at once, before its body is read).
 *
 * @param kind   {@link #WIRE}, {@link #CHALLENGE} or {@link #PROOF}
 * @param sender the sending node
 * @param target the node whose topic it is on
 * @param seq    the sender's number for it, from 1
 * @param callId the id of the call a {@link Wire.CallTo} or {@link Wire.Answer} belongs to, else 0
 * @param body   a serialized {@link Wire}, or a challenge's nonce
 */
record TransportFrame(byte kind, long sender, long target, long seq, long callId, byte[] body) {
    /** A {@link Wire} record. */
    static final byte WIRE = 0;
    /** A join challenge: prove you know the secret by sending this nonce back, sealed. */
    static final byte CHALLENGE = 1;
    /** The answer to a challenge: its nonce, sealed. */
    static final byte PROOF = 2;
    /** The length of the header. */
    static final int HEADER_BYTES = 1 + 8 + 8 + 8 + 8;

    /** This frame's header, for {@link MemberSecurity#frame}. */
    byte[] header() {
        return ByteBuffer.allocate(HEADER_BYTES).put(kind).putLong(sender).putLong(target).putLong(seq)
                .putLong(callId).array();
    }

    /** The frame {@code security} framed and opened: its header is read from {@code frame}, its body given. */
    static TransportFrame read(byte[] frame, byte[] body) throws RefusedException {
        ByteBuffer header = ByteBuffer.wrap(frame, MemberSecurity.BASE_HEADER, HEADER_BYTES);
        byte kind = header.get();
        if (kind < WIRE || kind > PROOF) {
            throw new RefusedException(RefusedException.Reason.MALFORMED, "a transport frame of unknown kind " + kind);
        }
        return new TransportFrame(kind, header.getLong(), header.getLong(), header.getLong(), header.getLong(), body);
    }
}
