package dev.peeper.cluster.transport;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import dev.peeper.server.internal.RemoteEnvelopes.Control;
import java.io.IOException;

/**
 * Writes a stop or system request on its way to a server on another member ({@link Control}, the request of a
 * {@link Wire.CallTo}): its kind, and its exit reason through {@link WireReasons}, so that a stop or terminate
 * reaches the server with the reason it was given.
 *
 * <p>Internal to the cluster module (its package is not exported): public because {@code HazelcastSettings} registers
 * it.
 */
public final class ControlSerializer implements StreamSerializer<Control> {
    /** Hazelcast's id for this serializer; ours are 0x5045xxxx ("PE"). */
    static final int TYPE_ID = 0x5045_0010;
    private static final Control.Kind[] KINDS = Control.Kind.values();

    @Override
    public int getTypeId() {
        return TYPE_ID;
    }

    @Override
    public void write(ObjectDataOutput out, Control control) throws IOException {
        out.writeByte(control.kind().ordinal());
        WireReasons.write(out, control.reason());
    }

    @Override
    public Control read(ObjectDataInput in) throws IOException {
        int kind = in.readByte();
        if (kind < 0 || kind >= KINDS.length) {
            throw new IOException("unknown stop or system request kind " + kind
                    + ": are all members running the same Peeper version?");
        }
        return new Control(KINDS[kind], WireReasons.read(in));
    }
}
