package dev.peeper.cluster.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import dev.peeper.cluster.ClusterSecurity;
import dev.peeper.cluster.PeeperCluster;
import dev.peeper.cluster.security.MemberSecurity;
import dev.peeper.cluster.security.RefusedException;
import dev.peeper.cluster.security.RefusedException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A transport frame's header as {@link MemberSecurity} frames it and its receiver reads it, secret or not. */
class TransportFrameTest {
    private static final byte[] SECRET = "sixteen bytes at least, random!!".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = {5, 6, 7};
    /** Every field at a value whose bytes differ, the sign bits too. */
    private static final TransportFrame SENT = new TransportFrame(TransportFrame.WIRE, Long.MIN_VALUE + 3,
            0x0102030405060708L, 7, -99, null);

    @Test
    void anUnsealedFrameIsOneArrayWhoseHeaderReadsBackAsWritten() throws RefusedException {
        MemberSecurity security = security(ClusterSecurity.none());
        byte[] frame = security.frame(MemberSecurity.TRANSPORT, SENT, BODY);

        assertThat(frame).hasSize(MemberSecurity.BASE_HEADER + TransportFrame.HEADER_BYTES + BODY.length);
        assertThat(frame).isEqualTo(ByteBuffer.allocate(frame.length) // the layout, written another way
                .put(MemberSecurity.VERSION).put(MemberSecurity.TRANSPORT).put((byte) 0)
                .put(SENT.kind()).putLong(SENT.sender()).putLong(SENT.target()).putLong(SENT.seq())
                .putLong(SENT.callId()).put(BODY).array());
        assertReadsBack(security, frame);
    }

    @Test
    void aSealedFrameReadsBackAndItsHeaderCannotBeChanged() throws RefusedException {
        MemberSecurity security = security(ClusterSecurity.none().withSecret(SECRET));
        byte[] frame = security.frame(MemberSecurity.TRANSPORT, SENT, BODY);
        assertReadsBack(security, frame);

        byte[] redirected = frame.clone();
        redirected[MemberSecurity.BASE_HEADER + 9] ^= 1; // the target's first byte
        assertThatThrownBy(() -> security.open(MemberSecurity.TRANSPORT, redirected, TransportFrame.HEADER_BYTES))
                .isInstanceOf(RefusedException.class)
                .satisfies(e -> assertThat(((RefusedException) e).reason()).isEqualTo(Reason.UNAUTHENTIC));
    }

    @Test
    void aFrameOfUnknownKindIsRefusedAsMalformed() {
        MemberSecurity security = security(ClusterSecurity.none());
        byte[] frame = security.frame(MemberSecurity.TRANSPORT, new TransportFrame((byte) 9, 1, 2, 3, 0, null), BODY);
        assertThatThrownBy(() -> TransportFrame.read(frame, BODY))
                .isInstanceOf(RefusedException.class).hasMessageContaining("unknown kind 9")
                .satisfies(e -> assertThat(((RefusedException) e).reason()).isEqualTo(Reason.MALFORMED));
    }

    private static void assertReadsBack(MemberSecurity security, byte[] frame) throws RefusedException {
        byte[] body = security.open(MemberSecurity.TRANSPORT, frame, TransportFrame.HEADER_BYTES);
        TransportFrame read = TransportFrame.read(frame, body);
        assertThat(read.body()).isEqualTo(BODY);
        assertThat(new TransportFrame(read.kind(), read.sender(), read.target(), read.seq(), read.callId(), null))
                .isEqualTo(SENT);
    }

    private static MemberSecurity security(ClusterSecurity settings) {
        Config config = new Config().setClusterName("transport-frame-test");
        return MemberSecurity.of(PeeperCluster.prepare(config, settings)); // as a member's is made
    }
}
