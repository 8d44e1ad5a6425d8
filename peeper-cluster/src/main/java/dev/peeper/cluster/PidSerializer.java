package dev.peeper.cluster;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import dev.peeper.process.Pid;
import dev.peeper.process.RemoteNodes;
import java.io.IOException;

/**
 * Writes a {@link Pid} as its node (never {@code 0}: a local pid gets this JVM's node number) and serial, and
 * reads it back as the local process's own pid when it is one of this JVM's. Used for pids stored in maps (the
 * name registry) and inside {@link Wire} records; pids inside {@link java.io.Serializable} messages take the same
 * form through {@code Pid}'s own serialization.
 */
final class PidSerializer implements StreamSerializer<Pid> {
    static final int TYPE_ID = 0x5045_0001;

    @Override
    public int getTypeId() {
        return TYPE_ID;
    }

    @Override
    public void write(ObjectDataOutput out, Pid pid) throws IOException {
        writePid(out, pid);
    }

    @Override
    public Pid read(ObjectDataInput in) throws IOException {
        return readPid(in);
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
