package dev.peeper.cluster.transport;

import dev.peeper.cluster.security.MemberSecurity;
import dev.peeper.cluster.security.RefusedException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The clear, authenticated header of what {@link NodeTransport} publishes, after {@link MemberSecurity}'s own: what
 * the frame carries, who sent it to whom, the sender's sequence number (replays are refused by it) and, for a call
 * or its answer, the call's id (so that a call refused for its size still fails at once, before its body is read).
 *
 * <p>Internal to the cluster module (its package is not exported): public for the tests of {@code dev.peeper.cluster}
 * that forge a frame.
 *
 * @param kind   {@link #WIRE}, {@link #CHALLENGE} or {@link #PROOF}
 * @param sender the sending node
 * @param target the node whose topic it is on
 * @param seq    the sender's number for it, from 1
 * @param callId the id of the call a {@link Wire.CallTo} or {@link Wire.Answer} belongs to, else 0
 * @param body   a serialized {@link Wire}, or a challenge's nonce
 */
public record TransportFrame(byte kind, long sender, long target, long seq, long callId, byte[] body)
        implements MemberSecurity.ExtraHeader {
    /** A {@link Wire} record. */
    public static final byte WIRE = 0;
    /** A join challenge: prove you know the secret by sending this nonce back, sealed. */
    static final byte CHALLENGE = 1;
    /** The answer to a challenge: its nonce, sealed. */
    static final byte PROOF = 2;
    /** The length of the header. */
    static final int HEADER_BYTES = 1 + 8 + 8 + 8 + 8;
    /** Big-endian longs in a byte array: every remote message's header is written and read without a buffer. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    @Override
    public int bytes() {
        return HEADER_BYTES;
    }

    @Override
    public void writeAt(byte[] into, int at) {
        into[at] = kind;
        LONGS.set(into, at + 1, sender);
        LONGS.set(into, at + 9, target);
        LONGS.set(into, at + 17, seq);
        LONGS.set(into, at + 25, callId);
    }

    /** The frame {@code security} framed and opened: its header is read from {@code frame}, its body given. */
    static TransportFrame read(byte[] frame, byte[] body) throws RefusedException {
        int at = MemberSecurity.BASE_HEADER;
        byte kind = frame[at];
        if (kind < WIRE || kind > PROOF) {
            throw new RefusedException(RefusedException.Reason.MALFORMED, "a transport frame of unknown kind " + kind);
        }
        return new TransportFrame(kind, (long) LONGS.get(frame, at + 1), (long) LONGS.get(frame, at + 9),
                (long) LONGS.get(frame, at + 17), (long) LONGS.get(frame, at + 25), body);
    }
}
