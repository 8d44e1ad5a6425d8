package dev.peeper.cluster.transport;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import dev.peeper.process.Pid;
import dev.peeper.process.internal.RemoteNodes;
import java.io.IOException;

/**
 * Writes a {@link Pid} as its node (never {@code 0}: a local pid gets this JVM's node number) and serial, and
 * reads it back as the local process's own pid when it is one of this JVM's. Registered as Pid's Compact
 * serializer, so a pid may be a field of a plain record sent as a message (Compact, no configuration), a value in
 * a map (the name registry), or a message by itself; inside {@link Wire} records it is written by the static
 * helpers. Pids inside {@link java.io.Serializable} messages take the same form through {@code Pid}'s own
 * serialization.
 *
 * <p>Internal to the cluster module (its package is not exported): public because {@code HazelcastSettings} registers
 * it.
 */
public final class PidSerializer implements CompactSerializer<Pid> {
    @Override
    public String getTypeName() {
        return "dev.peeper.Pid";
    }

    @Override
    public Class<Pid> getCompactClass() {
        return Pid.class;
    }

    @Override
    public void write(CompactWriter out, Pid pid) {
        out.writeInt64("node", RemoteNodes.wireNode(pid));
        out.writeInt64("serial", pid.serial());
    }

    @Override
    public Pid read(CompactReader in) {
        return RemoteNodes.pid(in.readInt64("node"), in.readInt64("serial"));
    }

    static void writePid(ObjectDataOutput out, Pid pid) throws IOException {
        out.writeLong(RemoteNodes.wireNode(pid));
        out.writeLong(pid.serial());
    }

    static Pid readPid(ObjectDataInput in) throws IOException {
        long node = in.readLong();
        return RemoteNodes.pid(node, in.readLong());
    }
}
