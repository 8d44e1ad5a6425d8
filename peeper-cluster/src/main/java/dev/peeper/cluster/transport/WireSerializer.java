package dev.peeper.cluster.transport;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import dev.peeper.cluster.internal.ApiAccess;
import dev.peeper.process.ExitReason;
import java.io.IOException;

/**
 * Writes {@link Wire} records: the fixed fields by hand, the payloads (messages, requests, replies) with
 * Hazelcast's own serialization, so a payload may be a record (Compact, no configuration), a
 * {@link java.io.Serializable}, or anything else Hazelcast can write. Pids go through {@link PidSerializer}. A
 * call's request or reply that cannot be read here arrives as {@link Wire.Unreadable}, so the call fails at once.
 *
 * <p>Internal to the cluster module (its package is not exported): public because {@code HazelcastSettings} registers
 * it.
 */
public final class WireSerializer implements StreamSerializer<Wire> {
    /** Hazelcast's id for this serializer; ours are 0x5045xxxx ("PE"). */
    static final int TYPE_ID = 0x5045_0002;

    private final ApiAccess api;

    /** A serializer that describes a payload it cannot read through {@code api}. */
    public WireSerializer(ApiAccess api) {
        this.api = api;
    }

    @Override
    public int getTypeId() {
        return TYPE_ID;
    }

    @Override
    public void write(ObjectDataOutput out, Wire wire) throws IOException {
        switch (wire) {
            case Wire.Send send -> {
                out.writeByte(0);
                PidSerializer.writePid(out, send.to());
                out.writeObject(send.message());
            }
            case Wire.CastTo cast -> {
                out.writeByte(1);
                PidSerializer.writePid(out, cast.to());
                out.writeObject(cast.request());
            }
            case Wire.CallTo call -> {
                out.writeByte(2);
                out.writeLong(call.id());
                out.writeLong(call.replyNode());
                PidSerializer.writePid(out, call.to());
                out.writeObject(call.request());
            }
            case Wire.Answer answer -> {
                out.writeByte(3);
                out.writeLong(answer.id());
                WireReasons.writeThrowable(out, answer.failure());
                WireReasons.write(out, answer.ended());
                out.writeObject(answer.value()); // last: if it cannot be read, the rest has been
            }
            case Wire.Watch watch -> {
                out.writeByte(4);
                out.writeLong(watch.id());
                out.writeLong(watch.replyNode());
                PidSerializer.writePid(out, watch.target());
            }
            case Wire.Unwatch unwatch -> {
                out.writeByte(5);
                out.writeLong(unwatch.id());
                out.writeLong(unwatch.replyNode());
            }
            case Wire.Fired fired -> {
                out.writeByte(6);
                out.writeLong(fired.id());
                PidSerializer.writePid(out, fired.target());
                WireReasons.write(out, fired.reason());
            }
            case Wire.Link link -> {
                out.writeByte(7);
                PidSerializer.writePid(out, link.target());
                PidSerializer.writePid(out, link.from());
            }
            case Wire.Unlink unlink -> {
                out.writeByte(8);
                PidSerializer.writePid(out, unlink.target());
                PidSerializer.writePid(out, unlink.from());
            }
            case Wire.Exit exit -> {
                out.writeByte(9);
                PidSerializer.writePid(out, exit.to());
                PidSerializer.writePid(out, exit.from());
                WireReasons.write(out, exit.reason());
                out.writeBoolean(exit.viaLink());
            }
            case Wire.Probe probe -> {
                out.writeByte(10);
                out.writeLong(probe.id());
                out.writeLong(probe.replyNode());
                PidSerializer.writePid(out, probe.target());
            }
            case Wire.ProbeAnswer answer -> {
                out.writeByte(11);
                out.writeLong(answer.id());
                out.writeBoolean(answer.alive());
            }
        }
    }

    @Override
    public Wire read(ObjectDataInput in) throws IOException {
        byte kind = in.readByte();
        return switch (kind) {
            case 0 -> new Wire.Send(PidSerializer.readPid(in), in.readObject());
            case 1 -> new Wire.CastTo(PidSerializer.readPid(in), in.readObject());
            case 2 -> new Wire.CallTo(in.readLong(), in.readLong(), PidSerializer.readPid(in), readPayload(in));
            case 3 -> {
                long id = in.readLong();
                Throwable failure = WireReasons.readThrowable(in);
                ExitReason ended = WireReasons.read(in);
                yield new Wire.Answer(id, readPayload(in), failure, ended);
            }
            case 4 -> new Wire.Watch(in.readLong(), in.readLong(), PidSerializer.readPid(in));
            case 5 -> new Wire.Unwatch(in.readLong(), in.readLong());
            case 6 -> new Wire.Fired(in.readLong(), PidSerializer.readPid(in), WireReasons.read(in));
            case 7 -> new Wire.Link(PidSerializer.readPid(in), PidSerializer.readPid(in));
            case 8 -> new Wire.Unlink(PidSerializer.readPid(in), PidSerializer.readPid(in));
            case 9 -> {
                var to = PidSerializer.readPid(in);
                var from = PidSerializer.readPid(in);
                ExitReason reason = WireReasons.read(in);
                yield new Wire.Exit(to, from, reason, in.readBoolean());
            }
            case 10 -> new Wire.Probe(in.readLong(), in.readLong(), PidSerializer.readPid(in));
            case 11 -> new Wire.ProbeAnswer(in.readLong(), in.readBoolean());
            default -> throw new IOException("unknown Peeper wire message kind " + kind
                    + ": are all members running the same Peeper version?");
        };
    }

    /** The request or reply a call carries, the last thing in its record; {@link Wire.Unreadable} if it fails. */
    private Object readPayload(ObjectDataInput in) {
        try {
            return in.readObject();
        } catch (IOException | RuntimeException e) {
            return new Wire.Unreadable(api.rootCause(e));
        }
    }
}
