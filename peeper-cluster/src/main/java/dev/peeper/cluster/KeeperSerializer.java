package dev.peeper.cluster;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.internal.serialization.impl.HeapData;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import com.hazelcast.nio.serialization.StreamSerializer;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import dev.peeper.cluster.security.MemberSecurity;
import dev.peeper.cluster.security.RefusedException;
import java.io.IOException;

/**
 * Writes {@link KeeperEntry} records: numbers by hand, the state with Hazelcast's own serialization, framed by
 * {@link MemberSecurity} (sealed when the cluster has a secret, so a member without it can neither read a state nor
 * plant one; over the size limit refused when written and when read).
 */
final class KeeperSerializer implements StreamSerializer<KeeperEntry> {
    static final int TYPE_ID = 0x5045_0003;

    private final MemberSecurity security;

    KeeperSerializer(MemberSecurity security) {
        this.security = security;
    }

    @Override
    public int getTypeId() {
        return TYPE_ID;
    }

    @Override
    public void write(ObjectDataOutput out, KeeperEntry entry) throws IOException {
        switch (entry) {
            case KeptState kept -> {
                out.writeByte(0);
                writeKept(out, kept);
            }
            case KeeperEntry.TakeOver takeOver -> {
                out.writeByte(1);
                out.writeLong(takeOver.owner());
            }
            case KeeperEntry.Keep keep -> {
                out.writeByte(2);
                out.writeLong(keep.generation());
                out.writeLong(keep.owner());
                out.writeLong(keep.sequence());
                writeState(out, keep.stored());
                out.writeLong(keep.resolvedOwner());
                out.writeLong(keep.resolvedSequence());
            }
            case KeeperEntry.Release release -> {
                out.writeByte(3);
                out.writeLong(release.generation());
                out.writeLong(release.owner());
            }
            case KeeperEntry.Abandon abandon -> {
                out.writeByte(4);
                out.writeLong(abandon.generation());
                out.writeLong(abandon.owner());
            }
            case KeeperEntry.Resolved resolved -> {
                out.writeByte(5);
                out.writeLong(resolved.owner());
                out.writeLong(resolved.theirOwner());
                out.writeLong(resolved.theirSequence());
            }
            case KeeperEntry.Fenced fenced -> {
                out.writeByte(6);
                out.writeLong(fenced.generation());
                out.writeLong(fenced.owner());
                out.writeLong(fenced.sequence());
                writeState(out, fenced.stored());
            }
        }
    }

    @Override
    public KeeperEntry read(ObjectDataInput in) throws IOException {
        byte kind = in.readByte();
        return switch (kind) {
            case 0 -> readKept(in);
            case 1 -> new KeeperEntry.TakeOver(in.readLong());
            case 2 -> new KeeperEntry.Keep(in.readLong(), in.readLong(), in.readLong(), readState(in), in.readLong(),
                    in.readLong());
            case 3 -> new KeeperEntry.Release(in.readLong(), in.readLong());
            case 4 -> new KeeperEntry.Abandon(in.readLong(), in.readLong());
            case 5 -> new KeeperEntry.Resolved(in.readLong(), in.readLong(), in.readLong());
            case 6 -> new KeeperEntry.Fenced(in.readLong(), in.readLong(), in.readLong(), readState(in));
            default -> throw new IOException("unknown keeper entry kind " + kind
                    + ": are all members running the same Peeper version?");
        };
    }

    /** A kept state, with the other side's diverged state nested once (it never has one of its own). */
    private void writeKept(ObjectDataOutput out, KeptState kept) throws IOException {
        out.writeLong(kept.generation());
        out.writeLong(kept.owner());
        out.writeLong(kept.sequence());
        writeState(out, kept.stored());
        long[] lineage = kept.lineage().pairs();
        out.writeInt(lineage.length);
        for (long number : lineage) {
            out.writeLong(number);
        }
        out.writeBoolean(kept.theirs() != null);
        if (kept.theirs() != null) {
            writeKept(out, kept.theirs());
        }
    }

    private KeptState readKept(ObjectDataInput in) throws IOException {
        long generation = in.readLong();
        long owner = in.readLong();
        long sequence = in.readLong();
        StoredState state = readState(in);
        Lineage lineage = readLineage(in);
        KeptState theirs = in.readBoolean() ? readKept(in) : null;
        return new KeptState(generation, owner, sequence, state, lineage, theirs);
    }

    /** The lineage's pairs, their count checked before anything is allocated for them. */
    private static Lineage readLineage(ObjectDataInput in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > 2 * Lineage.MOST) {
            throw new IOException("a kept state's lineage of " + count + " numbers, where at most " + 2 * Lineage.MOST
                    + " are written: are all members running the same Peeper version?");
        }
        long[] pairs = new long[count];
        for (int i = 0; i < count; i++) {
            pairs[i] = in.readLong();
        }
        try {
            return Lineage.fromPairs(pairs);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The state's frame: made once, by the first copy written, and the same bytes for every later one. */
    private void writeState(ObjectDataOutput out, StoredState stored) throws IOException {
        if (stored == null) {
            out.writeByteArray(null);
            return;
        }
        SerializationService serialization = serialization(out);
        out.writeByteArray(stored.frame(state -> {
            byte[] body = serialization.toData(state).toByteArray();
            security.checkSize(WireException.Kind.STATE, state, body.length);
            return security.frame(MemberSecurity.STATE, MemberSecurity.ExtraHeader.NONE, body);
        }));
    }

    /**
     * The state's frame, refused here if over the size limit, opened (authenticated) and decoded only when the state
     * itself is asked for: a write's entry processor passes it on without ever decoding it.
     */
    private StoredState readState(ObjectDataInput in) throws IOException {
        byte[] frame = in.readByteArray();
        if (frame == null) {
            return null;
        }
        try {
            security.requireWithinLimit(frame);
        } catch (RefusedException e) {
            throw refused(e);
        }
        SerializationService serialization = serialization(in);
        return StoredState.framed(frame, framed -> {
            try {
                return serialization.toObject(new HeapData(security.openWithinLimit(MemberSecurity.STATE, framed)));
            } catch (RefusedException e) {
                throw new HazelcastSerializationException(refused(e));
            }
        });
    }

    private static IOException refused(RefusedException e) {
        return new IOException("a replicated state refused [" + e.reason() + "]: " + e.getMessage(), e);
    }

    private static SerializationService serialization(Object stream) {
        return ((SerializationServiceSupport) stream).getSerializationService();
    }
}
