package dev.peeper.cluster;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import java.io.IOException;

/** Writes {@link KeeperEntry} records: numbers by hand, the state with Hazelcast's own serialization. */
final class KeeperSerializer implements StreamSerializer<KeeperEntry> {
    static final int TYPE_ID = 0x5045_0003;

    @Override
    public int getTypeId() {
        return TYPE_ID;
    }

    @Override
    public void write(ObjectDataOutput out, KeeperEntry entry) throws IOException {
        switch (entry) {
            case KeptState kept -> {
                out.writeByte(0);
                out.writeLong(kept.generation());
                out.writeLong(kept.owner());
                out.writeLong(kept.sequence());
                out.writeObject(kept.state());
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
                out.writeObject(keep.state());
            }
            case KeeperEntry.Release release -> {
                out.writeByte(3);
                out.writeLong(release.generation());
            }
            case KeeperEntry.Abandon abandon -> {
                out.writeByte(4);
                out.writeLong(abandon.generation());
            }
        }
    }

    @Override
    public KeeperEntry read(ObjectDataInput in) throws IOException {
        byte kind = in.readByte();
        return switch (kind) {
            case 0 -> new KeptState(in.readLong(), in.readLong(), in.readLong(), in.readObject());
            case 1 -> new KeeperEntry.TakeOver(in.readLong());
            case 2 -> new KeeperEntry.Keep(in.readLong(), in.readLong(), in.readLong(), in.readObject());
            case 3 -> new KeeperEntry.Release(in.readLong());
            case 4 -> new KeeperEntry.Abandon(in.readLong());
            default -> throw new IOException("unknown keeper entry kind " + kind
                    + ": are all members running the same Peeper version?");
        };
    }
}
