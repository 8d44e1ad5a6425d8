package dev.peeper.cluster;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import dev.peeper.cluster.security.MemberSecurity;
import dev.peeper.cluster.security.RefusedException;
import java.io.IOException;

/**
 * Writes what carries a {@link ClusterStarter}: the {@link StartOnOwner} task sent to a name's owner and the
 * {@link ServerSpec} kept for failover. The starter travels with Java serialization (a lambda is a
 * {@code SerializedLambda}), framed by {@link MemberSecurity}: sealed when the cluster has a secret, so a member
 * without it can neither read a starter nor make one run; read back only through the allow-list.
 */
final class StarterSerializers {
    private StarterSerializers() {
    }

    static void writeStarter(MemberSecurity security, ObjectDataOutput out, ClusterStarter starter) throws IOException {
        byte[] frame = security.sealJava(MemberSecurity.STARTER, starter);
        security.checkSize(WireException.Kind.STARTER, starter, frame.length);
        out.writeByteArray(frame);
    }

    static ClusterStarter readStarter(MemberSecurity security, ObjectDataInput in) throws IOException {
        try {
            return (ClusterStarter) security.openJava(MemberSecurity.STARTER, in.readByteArray());
        } catch (RefusedException e) {
            throw new IOException("a starter refused [" + e.reason() + "]: " + e.getMessage(), e);
        } catch (ClassCastException e) {
            throw new IOException("a starter that is not a ClusterStarter: " + e.getMessage(), e);
        }
    }

    /** Writes {@link StartOnOwner}: the name with Hazelcast, the starter sealed. */
    static final class OfStart implements StreamSerializer<StartOnOwner> {
        static final int TYPE_ID = 0x5045_0020;
        private final MemberSecurity security;

        OfStart(MemberSecurity security) {
            this.security = security;
        }

        @Override
        public int getTypeId() {
            return TYPE_ID;
        }

        @Override
        public void write(ObjectDataOutput out, StartOnOwner start) throws IOException {
            out.writeObject(start.name());
            writeStarter(security, out, start.starter());
        }

        @Override
        public StartOnOwner read(ObjectDataInput in) throws IOException {
            Object name = in.readObject();
            return new StartOnOwner(name, readStarter(security, in));
        }
    }

    /** Writes {@link ServerSpec}: the starter sealed, then its node and start. */
    static final class OfSpec implements StreamSerializer<ServerSpec> {
        static final int TYPE_ID = 0x5045_0021;
        private final MemberSecurity security;

        OfSpec(MemberSecurity security) {
            this.security = security;
        }

        @Override
        public int getTypeId() {
            return TYPE_ID;
        }

        @Override
        public void write(ObjectDataOutput out, ServerSpec spec) throws IOException {
            writeStarter(security, out, spec.starter());
            out.writeLong(spec.node());
            out.writeLong(spec.start());
        }

        @Override
        public ServerSpec read(ObjectDataInput in) throws IOException {
            ClusterStarter starter = readStarter(security, in);
            return new ServerSpec(starter, in.readLong(), in.readLong());
        }
    }
}
